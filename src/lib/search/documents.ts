/**
 * Records -> search documents: the text each index field holds, and the short line shown under a hit.
 * Labels come from the taxonomies, so "coopérative" finds a SCOP whose name does not say it.
 */
import { describeDates } from '$lib/domain/events/schedule';
import type { Geo } from '$lib/domain/query';
import type { PublicRecord, RecordKind } from '$lib/domain/records';
import { labelOf, legalForm, type TaxonomyName } from '$lib/domain/taxonomies';
import { fold } from './text';

/** The fields of the indexes, with their weights: a name match outranks a tag, a tag a description. */
export const FIELD_BOOSTS = { names: 10, tags: 5, categories: 3, place: 2, text: 1 } as const;
export type SearchField = keyof typeof FIELD_BOOSTS;
/** The as-you-type index leaves the long text out (README "Search"). */
export const QUICK_FIELDS: readonly SearchField[] = ['names', 'tags', 'categories', 'place'];
export const FULL_FIELDS: readonly SearchField[] = ['names', 'tags', 'categories', 'place', 'text'];

export interface SearchDocument {
	id: string;
	kind: RecordKind;
	slug: string;
	/** The name as displayed. */
	name: string;
	subtitle: string;
	/** Field texts; `names` is the name plus a short name or acronym. */
	names: string;
	tags: string;
	categories: string;
	place: string;
	text: string;
}

/** The geography a document needs: names of communes, quartiers, QPV and thématique labels. */
export type SearchGeo = Pick<Geo, 'communes' | 'quartiers' | 'qpv' | 'thematiques'>;

export const KIND_LABELS: Record<RecordKind, string> = {
	organisation: 'Structure',
	initiative: 'Initiative',
	'funding-tool': 'Outil de financement',
	place: 'Lieu',
	event: 'Événement'
};

const labels = (taxonomy: TaxonomyName, codes: readonly string[]) => codes.map((c) => labelOf(taxonomy, c));
const join = (parts: (string | undefined)[]) => parts.filter((p): p is string => !!p).join(' · ');

/**
 * "Koenigshoffen, Strasbourg", "Neudorf – Musau, Strasbourg" or "Schiltigheim"; for an organisation without
 * a commune, its territory of action ("France", "Eurométropole de Strasbourg").
 */
export function placeLabel(
	r: { communeCode?: string; territory?: string; quartierCode?: string; subQuartier?: string },
	geo: SearchGeo
): string {
	if (r.communeCode === undefined) return r.territory ? labelOf('actionTerritory', r.territory) : '';
	const commune = geo.communes.find((c) => c.code === r.communeCode)?.name ?? r.communeCode;
	const quartier = r.quartierCode ? geo.quartiers.find((q) => q.code === r.quartierCode) : undefined;
	if (!quartier) return commune;
	const sub = r.subQuartier ? quartier.subQuartiers.find((s) => s.slug === r.subQuartier)?.name : undefined;
	return `${sub ?? quartier.name}, ${commune}`;
}

export function toSearchDocument(r: PublicRecord, geo: SearchGeo): SearchDocument {
	const themes = r.thematiques.map((t) => geo.thematiques.find((x) => x.code === t)?.label ?? t);
	const base = { id: r.id, kind: r.kind, slug: r.slug };
	if (r.kind === 'funding-tool') {
		return {
			...base,
			name: r.name,
			names: r.name,
			subtitle: join([
				labels('fundingType', r.types.slice(0, 2)).join(', '),
				labelOf('territory', r.territory)
			]),
			tags: '',
			categories: join([
				KIND_LABELS[r.kind],
				...labels('fundingType', r.types),
				...labels('stage', r.stages),
				...labels('purpose', r.purposes),
				...themes
			]),
			place: labelOf('territory', r.territory),
			text: join([r.description, r.howToApply, r.combinationNote, r.recurrence])
		};
	}
	const quartier = r.quartierCode ? geo.quartiers.find((q) => q.code === r.quartierCode) : undefined;
	const place = join([
		r.communeCode === undefined
			? placeLabel(r, geo)
			: geo.communes.find((c) => c.code === r.communeCode)?.name,
		quartier?.name,
		quartier?.subQuartiers.find((s) => s.slug === r.subQuartier)?.name,
		r.qpv ? geo.qpv.find((q) => q.slug === r.qpv)?.name : undefined,
		r.address
	]);
	if (r.kind === 'event') {
		return {
			...base,
			name: r.name,
			names: r.name,
			subtitle: join([describeDates(r), placeLabel(r, geo)]),
			tags: r.tags.join(' · '),
			categories: join([KIND_LABELS[r.kind], labelOf('eventStatus', r.eventStatus), ...themes]),
			place,
			text: r.description
		};
	}
	if (r.kind === 'place') {
		return {
			...base,
			name: r.name,
			names: r.name,
			subtitle: join([labels('placeType', r.placeTypes).join(', '), placeLabel(r, geo)]),
			tags: join([...r.tags, ...r.services]),
			categories: join([KIND_LABELS[r.kind], ...labels('placeType', r.placeTypes), ...themes]),
			place,
			text: join([r.description, r.audience, r.accessibility])
		};
	}
	if (r.kind === 'organisation') {
		const form = legalForm(r.legalForm);
		return {
			...base,
			name: r.name,
			names: r.shortName && !fold(r.name).includes(fold(r.shortName)) ? `${r.name} ${r.shortName}` : r.name,
			subtitle: join([labelOf('family', form.family), placeLabel(r, geo)]),
			tags: r.tags.join(' · '),
			categories: join([
				KIND_LABELS[r.kind],
				labelOf('family', form.family),
				form.label,
				...labels('role', r.roles),
				...labels('approval', r.approvals),
				...labels('sector', r.sectors),
				...themes
			]),
			place,
			text: r.description
		};
	}
	return {
		...base,
		name: r.name,
		names: r.name,
		subtitle: join([labelOf('initiativeType', r.initiativeType), placeLabel(r, geo)]),
		tags: r.tags.join(' · '),
		categories: join([
			KIND_LABELS[r.kind],
			labelOf('initiativeType', r.initiativeType),
			...labels('sector', r.sectors),
			...labels('need', r.needs),
			...themes
		]),
		place,
		text: join([r.description, r.carrier.name, r.howToJoin, r.schedule])
	};
}
