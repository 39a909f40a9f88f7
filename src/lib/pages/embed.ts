/**
 * Embeds for partners' sites. `/integrer` is a plain GET form (zone, layers, thématique, display, height)
 * whose answer is the `<iframe>` snippet and a preview; `integratePage` reads its fields leniently (a wrong
 * value is dropped with a French note, as the map does, and the same issue as data for a page in another
 * language) and writes the embed's address and the snippet.
 * Pure, so the page recomputes the same snippet in the browser as the fields change.
 */
import type { Catalogue } from '$lib/domain/catalogue';
import { LAYER_CODES, MAP_LAYERS, type LayerCode } from '$lib/domain/map/layers';
import { inLanguage, LANGUAGE_NAMES, LANGUAGES, route, type EmbedDisplay, type Language } from '$lib/links';
import { flyerPage } from './flyer';

/** The display choices: the map's panes, or the quartier's list of initiatives (`quartier`). */
export const DISPLAYS = ['les-deux', 'carte', 'liste', 'quartier'] as const;
export type Display = EmbedDisplay | 'quartier';
export const DISPLAY_LABELS: Record<Display, string> = {
	'les-deux': 'La carte et la liste',
	carte: 'La carte seule',
	liste: 'La liste seule',
	quartier: 'Les initiatives du quartier ou de la commune (liste simple)'
};

export const HEIGHT = { min: 300, max: 1500, default: 600 } as const;

export interface IntegrateValues {
	/** A quartier code (`SQ_08`) or a commune INSEE code, or '' for the whole Eurométropole. */
	zone: string;
	layers: LayerCode[];
	thematique: string;
	display: Display;
	height: number;
	/** The embed's language: its address's prefix (`/de/embed/carte`). */
	language: Language;
}

/** A field the form could not read, and why (the notes say it in French; pages in other languages from this). */
export type IntegrateIssue =
	| { field: 'zone' | 'layers' | 'thematique' | 'display'; value: string }
	| { field: 'display-zone' }
	| { field: 'language'; value: string; used: Language }
	| { field: 'height' };

/** What the form's options list: zones (quartiers, then communes), layers, thématiques. */
export function integrateOptions(c: Catalogue) {
	return {
		quartiers: c.geo.quartiers.map((q) => ({ value: q.code, slug: q.slug, label: q.name })),
		communes: c.geo.communes.map((x) => ({ value: x.code, slug: x.slug, label: x.name })),
		layers: MAP_LAYERS.map((l) => ({ value: l.code, label: l.label })),
		thematiques: c.geo.thematiques.map((t) => ({ value: t.code, label: t.label })),
		displays: DISPLAYS.map((d) => ({ value: d, label: DISPLAY_LABELS[d] })),
		languages: LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))
	};
}

/** Reads the form's fields; what cannot be read is dropped with a note saying which field and why. */
export function readIntegrate(
	c: Catalogue,
	params: URLSearchParams,
	/** The form page's own language, the embed's unless another is chosen. */
	pageLanguage: Language = 'fr'
): { values: IntegrateValues; notes: string[]; issues: IntegrateIssue[] } {
	const notes: string[] = [];
	const issues: IntegrateIssue[] = [];
	const zone = params.get('zone') ?? '';
	const knownZone =
		zone === '' ||
		c.geo.quartiers.some((q) => q.code === zone) ||
		c.geo.communes.some((x) => x.code === zone);
	if (!knownZone) {
		notes.push(`Zone : « ${zone} » n’est ni un quartier ni une commune connus, ignorée.`);
		issues.push({ field: 'zone', value: zone });
	}
	const asked = params.getAll('couches');
	const layers = LAYER_CODES.filter((l) => asked.includes(l));
	const badLayers = asked.filter((l) => !(LAYER_CODES as readonly string[]).includes(l));
	if (badLayers.length) {
		notes.push(`Couches : « ${badLayers.join(', ')} » inconnue(s), ignorée(s).`);
		issues.push({ field: 'layers', value: badLayers.join(', ') });
	}
	const thematique = params.get('thematique') ?? '';
	const knownTheme = thematique === '' || c.geo.thematiques.some((t) => t.code === thematique);
	if (!knownTheme) {
		notes.push(`Thématique : « ${thematique} » inconnue, ignorée.`);
		issues.push({ field: 'thematique', value: thematique });
	}
	const rawDisplay = params.get('affichage') ?? 'les-deux';
	let display: Display = (DISPLAYS as readonly string[]).includes(rawDisplay)
		? (rawDisplay as Display)
		: 'les-deux';
	if (display !== rawDisplay) {
		notes.push(`Affichage : « ${rawDisplay} » inconnu, la carte et la liste sont montrées.`);
		issues.push({ field: 'display', value: rawDisplay });
	}
	if (display === 'quartier' && (!knownZone || zone === '')) {
		notes.push(
			'Affichage : la liste simple demande de choisir un quartier ou une commune ; la carte est montrée.'
		);
		issues.push({ field: 'display-zone' });
		display = 'les-deux';
	}
	const rawLanguage = params.get('langue') ?? '';
	const known = (LANGUAGES as readonly string[]).includes(rawLanguage);
	const language: Language = known ? (rawLanguage as Language) : pageLanguage;
	if (rawLanguage !== '' && !known) {
		notes.push(
			`Langue : « ${rawLanguage} » inconnue (${LANGUAGES.join(', ')}), ${LANGUAGE_NAMES[language]} est utilisé.`
		);
		issues.push({ field: 'language', value: rawLanguage, used: language });
	}
	const rawHeight = params.get('hauteur');
	let height: number = HEIGHT.default;
	if (rawHeight !== null && rawHeight !== '') {
		const n = Number(rawHeight);
		if (Number.isInteger(n) && n >= HEIGHT.min && n <= HEIGHT.max) height = n;
		else {
			notes.push(
				`Hauteur : un nombre de pixels entre ${HEIGHT.min} et ${HEIGHT.max} est attendu, ${HEIGHT.default} est utilisé.`
			);
			issues.push({ field: 'height' });
		}
	}
	return {
		values: {
			zone: knownZone ? zone : '',
			// No box ticked (or none known) is the map's default: every layer.
			layers: layers.length ? layers : [...LAYER_CODES],
			thematique: knownTheme ? thematique : '',
			display,
			height,
			language
		},
		notes,
		issues
	};
}

export interface ZoneOption {
	value: string;
	slug: string;
	label: string;
}

/** The embed's path for these values (`zones`: the form's quartiers and communes), in the chosen language. */
export function embedPath(v: IntegrateValues, zones: readonly ZoneOption[]): string {
	const area = zones.find((z) => z.value === v.zone);
	if (v.display === 'quartier' && area) return inLanguage(route.embedQuartier(area), embedLanguage(v));
	const path = route.embedMap(
		{
			filters: {
				layers: v.layers,
				lieu: v.zone ? [v.zone] : [],
				thematique: v.thematique ? [v.thematique] : []
			}
		},
		v.display === 'quartier' ? 'les-deux' : v.display
	);
	return inLanguage(path, embedLanguage(v));
}

/** The language the embed is shown in: the chosen one (every display is translated). */
export const embedLanguage = (v: IntegrateValues): Language => v.language;

/**
 * Writes the frame's title (read by screen readers in the partner's page) in the embed's language: given by
 * the caller, which holds the messages (this module is pure).
 */
export type EmbedTitle = (v: IntegrateValues, zoneName: string | undefined) => string;

/** The chosen zone's name, for the frame's title. */
export const zoneName = (v: IntegrateValues, zones: readonly ZoneOption[]) =>
	zones.find((z) => z.value === v.zone)?.label;

/** `"` and `&` in an attribute value: the snippet is copied into someone else's HTML. */
const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The `<iframe>` a partner pastes in their page. */
export function iframeSnippet(src: string, title: string, height: number): string {
	return `<iframe src="${attr(src)}" title="${attr(title)}" width="100%" height="${height}" style="border:0" loading="lazy"></iframe>`;
}

/** GET /integrer: the form's options and values, the embed's address, the snippet, notes on what was dropped. */
export function integratePage(
	c: Catalogue,
	params: URLSearchParams,
	siteUrl: string,
	o: { pageLanguage: Language; title: EmbedTitle }
) {
	const { values, notes, issues } = readIntegrate(c, params, o.pageLanguage);
	const options = integrateOptions(c);
	const zones = [...options.quartiers, ...options.communes];
	const path = embedPath(values, zones);
	const title = o.title(values, zoneName(values, zones));
	return {
		options,
		values,
		notes,
		issues,
		siteUrl,
		embedPath: path,
		title,
		snippet: iframeSnippet(`${siteUrl}${path}`, title, values.height)
	};
}

/** GET /embed/quartier/[slug]: the area's initiatives as the flyer lists them, each linked to its record. */
export function embedQuartierPage(c: Catalogue, slug: string, siteUrl: string) {
	const page = flyerPage(c, slug, siteUrl, 'a4');
	if (!page) return undefined;
	const bySlug = new Map(c.initiatives.map((i) => [i.id, route.record(i)]));
	return {
		area: page.area,
		areaHref: page.areaHref,
		dataDate: page.dataDate,
		licence: page.licence,
		initiatives: page.initiatives.map((i) => ({ ...i, href: bySlug.get(i.id) ?? page.areaHref }))
	};
}
