/**
 * /integrer's own words in the reader's language: the display choices and what the form could not read
 * (lib/pages/embed.ts writes the French notes and hands the same problems as data).
 */
import { m } from '$lib/paraglide/messages';
import { LANGUAGE_NAMES, LANGUAGES } from '$lib/links';
import { HEIGHT, type Display, type IntegrateIssue } from '$lib/pages/embed';

const DISPLAYS: Record<Display, () => string> = {
	'les-deux': m.integrate_display_both,
	carte: m.integrate_display_map,
	liste: m.integrate_display_list,
	quartier: m.integrate_display_quartier
};

/** An embed's display choice on /integrer. */
export const displayLabel = (display: Display) => DISPLAYS[display]();

/** What /integrer could not read, in the reader's language (lib/pages/embed.ts writes the French notes). */
export function integrateIssue(issue: IntegrateIssue): string {
	switch (issue.field) {
		case 'zone':
			return m.integrate_issue_zone({ value: issue.value });
		case 'layers':
			return m.integrate_issue_layers({ value: issue.value });
		case 'thematique':
			return m.integrate_issue_thematique({ value: issue.value });
		case 'display':
			return m.integrate_issue_display({ value: issue.value });
		case 'display-zone':
			return m.integrate_issue_display_zone();
		case 'language':
			return m.integrate_issue_language({
				value: issue.value,
				known: LANGUAGES.join(', '),
				used: LANGUAGE_NAMES[issue.used]
			});
		case 'height':
			return m.integrate_issue_height({ min: HEIGHT.min, max: HEIGHT.max, fallback: HEIGHT.default });
	}
}
