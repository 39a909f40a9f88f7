/**
 * The real places and thématiques of data/ for import tests, as the store gives them to the import
 * (names for reading cells, codes for the checks).
 */
import { loadDataset } from '$lib/server/seed/read-data';
import type { PlanContext, StoredRecord } from './plan';
import type { RefNames } from './ref-names';

const { dataset } = loadDataset('data');

export const NAMES: RefNames = {
	communes: dataset.communes.map((c) => ({
		code: c.code,
		name: c.name,
		slug: c.slug,
		postcodes: c.postcodes
	})),
	quartiers: dataset.quartiers.map((q) => ({
		code: q.code,
		name: q.name,
		slug: q.slug,
		communeCode: q.communeCode,
		subQuartiers: q.subQuartiers
	})),
	qpv: dataset.qpv.map((q) => ({ slug: q.slug, name: q.name })),
	thematiques: dataset.thematiques.map((t) => ({ code: t.code, label: t.label }))
};

export function placeContext(
	existing: StoredRecord[] = [],
	now = new Date('2026-12-04T10:00:00Z')
): PlanContext {
	return {
		existing,
		names: NAMES,
		refs: {
			communes: new Map(dataset.communes.map((c) => [c.code, { name: c.name }])),
			quartiers: new Map(
				dataset.quartiers.map((q) => [
					q.code,
					{ communeCode: q.communeCode, subQuartiers: q.subQuartiers.map((s) => s.slug) }
				])
			),
			qpv: new Set(dataset.qpv.map((q) => q.slug)),
			thematiques: new Set(dataset.thematiques.map((t) => t.code))
		},
		now
	};
}
