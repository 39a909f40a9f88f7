/**
 * Opening hours as a person types them in the public forms: one rule a line, in words or in the record's
 * own codes. `du lundi au vendredi de 9h à 18h`, `samedi 10h-12h et 14h-17h`, `jours fériés : fermé`,
 * `24/12/2026 9h-12h`, `du 28/12/2026 au 31/12/2026 fermé` read the same as the strict line the record
 * keeps (`lu-ve 09:00-18:00; sa 10:00-12:00,14:00-17:00; fériés fermé; …`, see opening-hours.ts), which
 * stays the only parser: this module only rewrites words into its codes and names the line that is wrong.
 */
import { parseOpeningHours } from './opening-hours';

const DAY_WORDS: [RegExp, string][] = [
	[/\blundis?\b/g, 'lu'],
	[/\bmardis?\b/g, 'ma'],
	[/\bmercredis?\b/g, 'me'],
	[/\bjeudis?\b/g, 'je'],
	[/\bvendredis?\b/g, 've'],
	[/\bsamedis?\b/g, 'sa'],
	[/\bdimanches?\b/g, 'di']
];
const DAY = '(?:lu|ma|me|je|ve|sa|di)';
const TIME = '\\d{2}:\\d{2}';
const ISO = '\\d{4}-\\d{2}-\\d{2}';
const pad = (n: string) => n.padStart(2, '0');

/** One typed line in the record's codes (still to be checked by the parser). */
export function normaliseRule(typed: string): string {
	let s = typed.toLowerCase().replace(/[–—]/g, '-').replace(/\s+/g, ' ').trim();
	// Holidays: `jours fériés`, `les fériés`, `férié`.
	s = s.replace(/\b(?:les )?(?:jours? )?f[ée]ri[ée]s?(?=$|[\s:])/g, 'fériés');
	s = s.replace(/\bferm[ée]e?s?(?![a-zé])/g, 'fermé');
	s = s.replace(/\b(?:tous les jours|chaque jour|7 ?j ?\/ ?7)(?![a-zé])/g, 'lu-di');
	for (const [word, code] of DAY_WORDS) s = s.replace(word, code);
	// French dates (24/12/2026) as ISO dates.
	s = s.replace(/\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/g, (_, d, m, y) => `${y}-${pad(m)}-${pad(d)}`);
	s = s.replace(/^(?:le|les|du|tous les|chaque) /, '');
	// Day and date ranges: `lu au ve`, `lu à ve`, `2026-12-28 au 2026-12-31`.
	s = s.replace(new RegExp(`\\b(${DAY}) ?(?:au|à|-) ?(${DAY})\\b`, 'g'), '$1-$2');
	s = s.replace(new RegExp(`(${ISO}) ?(?:au|à|\\.\\.) ?(${ISO})`, 'g'), '$1..$2');
	// Lists of days: `lu et me`, `lu, me`.
	for (let before = ''; before !== s;) {
		before = s;
		s = s.replace(new RegExp(`\\b(${DAY}(?:-${DAY})?) ?(?:et|,) ?(?=${DAY}\\b)`, 'g'), '$1,');
	}
	// Times: `9h`, `9 h 30`, `9:00`, `9h00`.
	s = s.replace(/\b(\d{1,2}) ?(?:h|:) ?(\d{2})?\b/g, (_, h, m) => `${pad(h)}:${m ?? '00'}`);
	s = s.replace(new RegExp(`\\bde (?=${TIME})`, 'g'), '');
	s = s.replace(new RegExp(`(${TIME}) ?(?:à|a|-) ?(${TIME})`, 'g'), '$1-$2');
	s = s.replace(new RegExp(`(${TIME}) ?(?:,? ?(?:et|puis)|,) ?(?=${TIME})`, 'g'), '$1,');
	// `lu-ve : 09:00-18:00`: the colon after the days or date is only punctuation.
	s = s.replace(/^([a-zé][^\s:]*|\d{4}-\d{2}-\d{2}(?:\.\.\d{4}-\d{2}-\d{2})?) ?: ?/, '$1 ');
	return s.replace(/\s+/g, ' ').trim();
}

export type HoursInput = { ok: true; line: string } | { ok: false; error: string };

/**
 * The strict line of a typed text (lines or `;`), or a French message naming the line that cannot be read.
 * An empty text is an error: callers treat an empty answer as « non connus » before calling this.
 */
export function hoursFromText(text: string): HoursInput {
	const typed = text
		.split(/\r?\n|;/)
		.map((l) => l.trim())
		.filter((l) => l !== '');
	if (!typed.length)
		return { ok: false, error: 'aucun horaire : écrivez par exemple « du lundi au vendredi de 9h à 18h »' };
	const rules: string[] = [];
	for (const [i, line] of typed.entries()) {
		const rule = normaliseRule(line);
		const parsed = parseOpeningHours(rule);
		if (!parsed.ok)
			return {
				ok: false,
				error: `${typed.length > 1 ? `ligne ${i + 1}, ` : ''}« ${line} » illisible : ${parsed.error}`
			};
		rules.push(rule);
	}
	return { ok: true, line: rules.join('; ') };
}

/** The record's strict line as the public form shows it: one rule a line. */
export function hoursToText(line: string): string {
	return line
		.split(';')
		.map((r) => r.trim())
		.filter((r) => r !== '')
		.join('\n');
}

/** How the public forms explain what to type (shown under the field). */
export const HOURS_INPUT_HINT =
	'Si vous les connaissez : une ligne par règle, par exemple « du lundi au vendredi de 9h à 18h », « samedi 10h-12h et 14h-17h », « jours fériés fermé », « 24/12/2026 9h-12h ».';
