/**
 * What the structure and initiative pages share: related records as links, neighbours in the same
 * quartier or thématique, the place in words, the thématiques' labels and the summary for meta tags.
 */
import type { Catalogue } from '$lib/domain/catalogue';
import type { EventRecord, Initiative, Organisation, PublicRecord } from '$lib/domain/records';
import { route } from '$lib/links';
import { labelOf } from '$lib/domain/taxonomies';
import { KIND_LABELS, placeLabel, toSearchDocument } from '$lib/search/documents';

export interface RelatedRecord {
	id: string;
	name: string;
	href: string;
	kind: PublicRecord['kind'];
	kindLabel: string;
	subtitle: string;
}

/** How many records each "see also" list shows. */
export const RELATED_MAX = 6;

export function related(c: Catalogue, r: PublicRecord): RelatedRecord {
	return {
		id: r.id,
		name: r.name,
		href: route.record(r),
		kind: r.kind,
		kindLabel: KIND_LABELS[r.kind],
		subtitle: toSearchDocument(r, c.geo).subtitle
	};
}

/**
 * Other places of the same quartier, or of the same commune outside Strasbourg. A Strasbourg record
 * without a quartier gets none: "the same commune" would be half the directory.
 */
export function sameQuartier(c: Catalogue, r: Organisation | Initiative): RelatedRecord[] {
	// Without a commune (a national body), no record is "nearby".
	if (r.communeCode === undefined) return [];
	const cityWithQuartiers = c.geo.quartiers.some((q) => q.communeCode === r.communeCode);
	if (!r.quartierCode && cityWithQuartiers) return [];
	return c.records
		.filter(
			(o): o is Organisation | Initiative =>
				o.id !== r.id &&
				o.kind !== 'funding-tool' &&
				(r.quartierCode ? o.quartierCode === r.quartierCode : o.communeCode === r.communeCode)
		)
		.slice(0, RELATED_MAX)
		.map((o) => related(c, o));
}

/** Records sharing a thématique, those sharing the most first. */
export function sameThematique(c: Catalogue, r: PublicRecord, exclude: Set<string>): RelatedRecord[] {
	if (r.thematiques.length === 0) return [];
	return c.records
		.filter((o) => o.id !== r.id && !exclude.has(o.id) && o.kind !== 'funding-tool')
		.map((o) => ({ o, shared: o.thematiques.filter((t) => r.thematiques.includes(t)).length }))
		.filter((x) => x.shared > 0)
		.sort((a, b) => b.shared - a.shared)
		.slice(0, RELATED_MAX)
		.map((x) => related(c, x.o));
}

export function placeFacts(c: Catalogue, r: Organisation | Initiative | EventRecord) {
	const commune = c.geo.communes.find((x) => x.code === r.communeCode);
	const quartier = r.quartierCode ? c.geo.quartiers.find((q) => q.code === r.quartierCode) : undefined;
	const territory = r.kind === 'organisation' && r.territory ? r.territory : undefined;
	return {
		/** Undefined for an organisation without a commune: it has a territory of action instead. */
		communeName: commune?.name ?? r.communeCode,
		territoryName: territory ? labelOf('actionTerritory', territory) : undefined,
		territory,
		postcode: commune?.postcodes[0],
		quartier: quartier ? { name: quartier.name, slug: quartier.slug } : undefined,
		subQuartierName: quartier?.subQuartiers.find((s) => s.slug === r.subQuartier)?.name,
		qpvName: r.qpv ? c.geo.qpv.find((q) => q.slug === r.qpv)?.name : undefined,
		placeLabel: placeLabel(r, c.geo)
	};
}

export function themes(c: Catalogue, codes: readonly string[]) {
	return codes.map((code) => ({
		code,
		label: c.geo.thematiques.find((t) => t.code === code)?.label ?? code
	}));
}

/** The description cut to 200 characters for the meta description. */
export function summaryOf(text: string): string {
	return text.length > 200 ? `${text.slice(0, 197).trimEnd()}…` : text;
}

/** The main map with this place selected, by its id: the slug may change, the id stays. */
export function mapHref(r: Pick<PublicRecord, 'id'>): string {
	return route.map({ select: r });
}
