import { describe, expect, it } from 'vitest';
import { syntheticPoints } from '$lib/domain/map/test-points';
import type { PointsCache } from './read-model/parts';
import { tilesCovering } from '$lib/domain/map/scale';
import type { TileLeafTags } from '$lib/domain/map/scale';
import { buildTree, fromTransferable, toTransferable, withTags, type ClusterTree } from './cluster-build';
import { buildClusterIndex, buildClusterIndexInWorker, makeVersionParts } from './map-scale';

// Synthetic points (marked synthetic) around Strasbourg: dense enough to cluster at every zoom.
function syntheticPositions(n: number) {
	const { points } = syntheticPoints(n, 3);
	const lonLat = new Float64Array(points.flatMap((p) => [p.lon, p.lat]));
	const featureIds = new Float64Array(points.map((_, i) => i * 8 + (i % 8)));
	const tags: TileLeafTags[] = points.map((p) => ({ i: p.id, n: p.name }));
	return { lonLat, featureIds, tags };
}

/** Every tile and cluster answer an index gives over the area, as plain data. */
function answers(tree: ClusterTree) {
	const out: unknown[] = [];
	for (const z of [8, 10, 12, 14, 16, 17])
		for (const t of tilesCovering([7.64, 48.49, 7.86, 48.66], z)) out.push(tree.getTile(t.z, t.x, t.y));
	for (const f of tree.getClusters([7.64, 48.49, 7.86, 48.66], 11)) {
		out.push(f);
		if (f.properties && 'cluster_id' in f.properties) {
			const id = f.properties.cluster_id as number;
			out.push(tree.getClusterExpansionZoom(id), tree.getLeaves(id, 70, 0));
		}
	}
	return out;
}

describe('moving a cluster index between threads', () => {
	it('gives the same tiles, clusters, expansions and leaves as the index it was taken from', () => {
		const { lonLat, featureIds, tags } = syntheticPositions(3000);
		const original = withTags(buildTree(lonLat, featureIds), tags, 8);
		const expected = answers(original);
		const copy = toTransferable(withTags(buildTree(lonLat, featureIds), tags, 8));
		// Through a real structured clone with transfer, as postMessage does.
		const moved = structuredClone(copy.value, { transfer: copy.transfer });
		expect(answers(withTags(fromTransferable(moved), tags, 8))).toEqual(expected);
		expect(expected.length).toBeGreaterThan(100);
	});

	it('builds in the cluster worker what this thread builds', async () => {
		const { dict, points } = syntheticPoints(2500, 9);
		const parts = makeVersionParts({ version: 1, dict, points } as unknown as PointsCache);
		const here = buildClusterIndex(parts, { points: parts.cache.points }, '');
		const there = await buildClusterIndexInWorker(parts, { points: parts.cache.points }, '');
		expect(there.builtIn).toBe('worker');
		expect(answers(there.index)).toEqual(answers(here.index));
	}, 30_000);
});
