/**
 * Facets of the annuaire: which values a record has for each filter, the filtering itself, and the
 * count per value. Counts are disjunctive (the usual faceted-search rule): the counts of one facet
 * ignore that facet's own selection, so ticking "Association" still shows how many "Coopérative" there
 * are, while the other facets' selections apply.
 */
import type { PublicRecord, RecordKind } from './records';
import { legalForm } from './taxonomies';

export const FACETS = [
	'kind',
	'family',
	'legalForm',
	'approval',
	'thematique',
	'commune',
	'quartier',
	'initiativeType',
	'type',
	'stage'
] as const;
export type FacetName = (typeof FACETS)[number];

export type FacetFilters = Partial<Record<FacetName, readonly string[]>>;
export type FacetValues = Record<FacetName, readonly string[]>;

/** Facets that only some kinds have: a record of another kind never matches a selection there. */
export const FACET_KINDS: Record<FacetName, readonly RecordKind[]> = {
	kind: ['organisation', 'initiative', 'funding-tool'],
	family: ['organisation'],
	legalForm: ['organisation'],
	approval: ['organisation'],
	thematique: ['organisation', 'initiative', 'funding-tool'],
	commune: ['organisation', 'initiative'],
	quartier: ['organisation', 'initiative'],
	initiativeType: ['initiative'],
	type: ['funding-tool'],
	stage: ['funding-tool']
};

const none: readonly string[] = [];

/** The values a record has, facet by facet (empty when the facet does not apply to its kind). */
export function facetValuesOf(r: PublicRecord): FacetValues {
	const v: FacetValues = {
		kind: [r.kind],
		family: none,
		legalForm: none,
		approval: none,
		thematique: r.thematiques,
		commune: none,
		quartier: none,
		initiativeType: none,
		type: none,
		stage: none
	};
	if (r.kind === 'funding-tool') return { ...v, type: r.types, stage: r.stages };
	const place = {
		commune: r.communeCode ? [r.communeCode] : none,
		quartier: r.quartierCode ? [r.quartierCode] : none
	};
	if (r.kind === 'initiative') return { ...v, ...place, initiativeType: [r.initiativeType] };
	return {
		...v,
		...place,
		family: [legalForm(r.legalForm).family],
		legalForm: [r.legalForm],
		approval: r.approvals
	};
}

function passes(values: readonly string[], wanted: readonly string[] | undefined): boolean {
	if (!wanted || wanted.length === 0) return true;
	return wanted.some((w) => values.includes(w));
}

/** Active facets of a filter set (those with at least one value). */
export function activeFacets(filters: FacetFilters): FacetName[] {
	return FACETS.filter((f) => (filters[f]?.length ?? 0) > 0);
}

export function filterByFacets<T extends { values: FacetValues }>(
	items: readonly T[],
	filters: FacetFilters
): T[] {
	const active = activeFacets(filters);
	if (active.length === 0) return [...items];
	return items.filter((i) => active.every((f) => passes(i.values[f], filters[f])));
}

export type FacetCounts = Record<FacetName, Map<string, number>>;

/**
 * Count per value of every facet over `items`, each facet counted with the other facets' filters only.
 * One pass: an item failing no facet counts everywhere, an item failing exactly one facet counts in that
 * facet only, an item failing two or more counts nowhere.
 */
export function countFacets(items: readonly { values: FacetValues }[], filters: FacetFilters): FacetCounts {
	const counts = Object.fromEntries(FACETS.map((f) => [f, new Map<string, number>()])) as FacetCounts;
	const active = activeFacets(filters);
	const bump = (f: FacetName, values: readonly string[]) => {
		for (const v of new Set(values)) counts[f].set(v, (counts[f].get(v) ?? 0) + 1);
	};
	for (const item of items) {
		let failed: FacetName | undefined;
		let failures = 0;
		for (const f of active) {
			if (!passes(item.values[f], filters[f])) {
				failed = f;
				if (++failures > 1) break;
			}
		}
		if (failures === 0) for (const f of FACETS) bump(f, item.values[f]);
		else if (failures === 1) bump(failed!, item.values[failed!]);
	}
	return counts;
}

export interface FilterRemoval {
	facet: FacetName;
	/** The filters without this facet. */
	filters: FacetFilters;
	/** Results there would be without it. */
	count: number;
}

/**
 * When filters leave nothing, which single facet to clear and how many results that gives,
 * most results first. Only removals that give at least one result are returned.
 */
export function filterRemovals(
	items: readonly { values: FacetValues }[],
	filters: FacetFilters
): FilterRemoval[] {
	const out: FilterRemoval[] = [];
	for (const facet of activeFacets(filters)) {
		const rest: FacetFilters = { ...filters };
		delete rest[facet];
		const count = filterByFacets(items, rest).length;
		if (count > 0) out.push({ facet, filters: rest, count });
	}
	return out.sort((a, b) => b.count - a.count || FACETS.indexOf(a.facet) - FACETS.indexOf(b.facet));
}
