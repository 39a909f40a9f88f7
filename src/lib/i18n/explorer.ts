/**
 * The explorer's words in the reader's language: layers, filters and their values, distances, counts and
 * the « Autour de moi » sentences. The filter registry and the map model (lib/domain) keep their French
 * words for the API, the URL's error messages and the tests that read them; the components ask here.
 */
import type { FilterKey } from '$lib/domain/filters/registry';
import type { LayerCode } from '$lib/domain/map/layers';
import { formatDate } from '$lib/domain/format';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { INTL_LOCALES, isLocale } from './paths';
import { explorerTermLabel, thematiqueLabel, type ExplorerTaxonomy } from './term-messages';

/** The Intl locale of the page being written (`fr-FR`, `de-DE`, `en-GB`). */
export function intlLocale(): string {
	const locale = getLocale();
	return INTL_LOCALES[isLocale(locale) ? locale : 'fr'];
}

/** A whole number in the reader's format (« 12 345 », « 12.345 », « 12,345 »). */
export function formatNumber(n: number): string {
	return new Intl.NumberFormat(intlLocale()).format(n);
}

/**
 * A day (`2025-03-04`) in the reader's words: « 4 mars 2025 », « 4. März 2025 », « 4 March 2025 ». French
 * goes through lib/domain's formatter, so French pages read exactly as before.
 */
export function formatDay(iso: string): string {
	const locale = intlLocale();
	if (locale === 'fr-FR') return formatDate(iso);
	const d = new Date(`${iso}T00:00:00Z`);
	if (Number.isNaN(d.getTime())) return iso;
	return new Intl.DateTimeFormat(locale, {
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		timeZone: 'UTC'
	}).format(d);
}

/** "80 m", "450 m", "1,2 km" (« 1.2 km » in English): rounded to what a walker can use. */
export function formatDistance(meters: number): string {
	if (meters < 1000) return `${formatNumber(Math.max(10, Math.round(meters / 10) * 10))} m`;
	return `${new Intl.NumberFormat(intlLocale(), { maximumFractionDigits: 1 }).format(meters / 1000)} km`;
}

const LAYERS: Record<LayerCode, { label: () => string; one: () => string; shape: () => string }> = {
	structures: {
		label: m.explorer_layer_structures,
		one: m.explorer_layer_structures_one,
		shape: m.explorer_shape_circle
	},
	initiatives: {
		label: m.explorer_layer_initiatives,
		one: m.explorer_layer_initiatives_one,
		shape: m.explorer_shape_triangle
	},
	financeurs: {
		label: m.explorer_layer_funders,
		one: m.explorer_layer_funders_one,
		shape: m.explorer_shape_square
	},
	lieux: {
		label: m.explorer_layer_places,
		one: m.explorer_layer_places_one,
		shape: m.explorer_shape_diamond
	},
	evenements: {
		label: m.explorer_layer_events,
		one: m.explorer_layer_events_one,
		shape: m.explorer_shape_star
	}
};

/** A layer's name (« Structures de l’ESS »), one of its places (« Structure de l’ESS »), its marker's shape. */
export const layerLabel = (code: LayerCode) => LAYERS[code].label();
export const layerSingular = (code: LayerCode) => LAYERS[code].one();
export const layerShape = (code: LayerCode) => LAYERS[code].shape();

/** The filters' names, as the map's selects and the annuaire's panels show them. */
const FILTER_LABELS: Partial<Record<FilterKey, () => string>> = {
	kind: m.explorer_filter_kind,
	role: m.explorer_filter_role,
	family: m.explorer_filter_family,
	legalForm: m.explorer_filter_legal_form,
	approval: m.explorer_filter_approval,
	thematique: m.explorer_filter_thematique,
	sector: m.explorer_filter_sector,
	commune: m.explorer_filter_commune,
	quartier: m.explorer_filter_quartier,
	qpv: m.explorer_filter_qpv,
	ess: m.explorer_filter_ess,
	initiativeType: m.explorer_filter_initiative_type,
	fundingType: m.explorer_filter_funding_type,
	stage: m.explorer_filter_stage,
	activityFamily: m.explorer_filter_activity_family,
	sizeBand: m.explorer_filter_size_band,
	legalBasis: m.explorer_filter_legal_basis,
	serviceType: m.explorer_filter_service_type,
	placeType: m.explorer_filter_place_type,
	provider: m.explorer_filter_provider,
	open: m.explorer_filter_open
};

/** A filter's name in the reader's language; `french` (the registry's) for one not translated yet. */
export function filterLabel(key: FilterKey | string, french: string): string {
	return FILTER_LABELS[key as FilterKey]?.() ?? french;
}

/** The filters whose values are a taxonomy's terms (each among the explorer's tables, term-messages.ts). */
const FILTER_TAXONOMY: Partial<Record<FilterKey, ExplorerTaxonomy>> = {
	role: 'role',
	family: 'family',
	legalForm: 'legalForm',
	approval: 'approval',
	sector: 'sector',
	initiativeType: 'initiativeType',
	fundingType: 'fundingType',
	stage: 'stage',
	activityFamily: 'activityFamily',
	sizeBand: 'sizeBand',
	serviceType: 'serviceType',
	placeType: 'placeType'
};

const OWN_VALUES: Partial<Record<string, () => string>> = {
	'kind:organisation': m.explorer_kind_organisations,
	'kind:initiative': m.explorer_kind_initiatives,
	'kind:funding-tool': m.explorer_kind_funding_tools,
	'kind:place': m.explorer_kind_places,
	'ess:true': m.explorer_ess_in,
	'ess:false': m.explorer_ess_out,
	'open:oui': m.explorer_open_today_only
};

/**
 * A filter value's label in the reader's language. Place names (communes, quartiers, QPV) are content
 * and stay as written: the caller marks them `lang="fr"` (see `isPlaceFilter`).
 */
export function valueLabel(key: FilterKey | string, code: string, french: string): string {
	const taxonomy = FILTER_TAXONOMY[key as FilterKey];
	if (taxonomy) return explorerTermLabel(taxonomy, code);
	if (key === 'thematique') return thematiqueLabel(code, french);
	return OWN_VALUES[`${key}:${code}`]?.() ?? french;
}

/** Whether a filter's values are place names (French whatever the page's language). */
export const isPlaceFilter = (key: string) => key === 'commune' || key === 'quartier' || key === 'qpv';

/** « Autour de moi »: how far a place is, or why no distance is given (an approximate position). */
export function distanceLabel(precision: string, meters: number): string {
	if (precision === 'quartier') return m.explorer_distance_quartier();
	if (precision === 'commune') return m.explorer_distance_commune();
	return m.explorer_distance({ distance: formatDistance(meters) });
}

/** The live region's sentence once « Autour de moi » has a centre (same rules as lib/state/around.ts). */
export function aroundSummary(
	around: { label: string; radius: number },
	points: readonly { precision: string }[]
): string {
	const place = around.label;
	const radius = formatDistance(around.radius);
	const n = points.length;
	if (n === 0) return m.explorer_around_none({ place, radius });
	const approx = points.filter((p) => p.precision === 'quartier' || p.precision === 'commune').length;
	const note =
		approx === 0
			? ''
			: approx === n
				? n === 1
					? m.explorer_around_note_it()
					: m.explorer_around_note_all()
				: m.explorer_around_note_some({ count: approx });
	return m.explorer_around_found({ place, radius, count: n, note });
}
