import { describe, expect, it } from 'vitest';
import { buildFacetIndex, facetIndexSteps, filterByFacets } from './facet-index';
import { filterPoints, MAP_PARAMS, nameMatcher, NO_FILTERS, type PointFilters } from './filter';
import { MAP_LAYERS, type LayerCode } from './layers';
import { dict as testDict, points as testPoints, syntheticPoints } from './test-points';

describe('filterByFacets (posting lists) against filterPoints (a test of every point)', () => {
	// A synthetic dataset (every point marked synthetic).
	const { dict, points } = syntheticPoints(6000, 11);
	const fi = buildFacetIndex(points, dict);
	let seed = 5;
	const rand = () => {
		seed = (seed * 16807) % 2147483647;
		return seed / 2147483647;
	};
	const pick = <T>(xs: readonly T[], n: number) =>
		Array.from({ length: n }, () => xs[Math.floor(rand() * xs.length)]);

	// Each map parameter's values as they appear in the dictionary ("prefix:value"), plus a value no
	// point has (it must match nothing).
	const values = Object.fromEntries(
		MAP_PARAMS.map(({ param, filters }) => [
			param,
			[
				...dict.flatMap((c) =>
					filters.some((d) => d.mapCode && c.startsWith(`${d.mapCode.prefix}:`))
						? [c.slice(c.indexOf(':') + 1)]
						: []
				),
				'inconnu'
			]
		])
	);

	const ids = (xs: readonly { id: string }[]) => xs.map((p) => p.id);

	it('is synthetic and covers several values of every map parameter', () => {
		expect(points.every((p) => p.synthetic)).toBe(true);
		for (const { param } of MAP_PARAMS) expect(values[param].length, param).toBeGreaterThan(4);
	});

	it('selects the same points, in the same order, for 300 random filter combinations', () => {
		const layerCodes = MAP_LAYERS.map((l) => l.code);
		// Runs whose answer is neither nothing nor everything: the comparison must not be vacuous.
		let partial = 0;
		for (let run = 0; run < 300; run++) {
			const f: PointFilters = { ...NO_FILTERS };
			if (rand() < 0.4) f.layers = layerCodes.filter(() => rand() < 0.5) as LayerCode[];
			for (const { param } of MAP_PARAMS)
				if (rand() < 0.35) f[param] = [...new Set(pick(values[param], 1 + Math.floor(rand() * 3)))];
			const textIds = rand() < 0.2 ? new Set(pick(ids(points), 1500)) : undefined;
			const nameMatch = rand() < 0.1 ? nameMatcher(rand() < 0.5 ? 'synthetique 12' : 'atelier') : undefined;
			const slow = filterPoints(points, dict, f, { textIds, nameMatch });
			const fast = filterByFacets(fi, f, { textIds, nameMatch });
			expect(ids(fast.points), JSON.stringify(f)).toEqual(ids(slow.points));
			if (slow.points.length > 0 && slow.points.length < points.length) partial++;
			if (fast.indexes) expect([...fast.indexes].map((i) => points[i].id)).toEqual(ids(fast.points));
		}
		expect(partial).toBeGreaterThan(100);
	});

	it('keeps the version’s own array when nothing is filtered', () => {
		expect(filterByFacets(fi, NO_FILTERS).points).toBe(points);
	});

	it('agrees on the hand-made points too (communes and quartiers in one place filter)', () => {
		const small = buildFacetIndex(testPoints, testDict);
		const f = { ...NO_FILTERS, lieu: ['67447', 'SQ_10'] };
		expect(ids(filterByFacets(small, f).points)).toEqual(['epicerie', 'banque']);
		expect(ids(filterByFacets(small, { ...NO_FILTERS, layers: [] }).points)).toEqual([]);
	});
});

describe('facetIndexSteps', () => {
	it('is the index built at once, whatever the pauses', () => {
		const { dict, points } = syntheticPoints(3000, 7);
		let pauses = 0;
		const steps = facetIndexSteps(points, dict, () => true);
		let next = steps.next();
		for (; !next.done; next = steps.next()) pauses++;
		expect(pauses).toBeGreaterThanOrEqual(2 * points.length);
		expect(next.value).toEqual(buildFacetIndex(points, dict));
	});
});
