import { describe, expect, it } from 'vitest';
import { syntheticPoints } from '$lib/domain/map/test-points';
import type { PointsCache } from './read-model/parts';
import { tilesCovering } from '$lib/domain/map/scale';
import type { TileLeafTags } from '$lib/domain/map/scale';
import {
	buildTree,
	fromTransferable,
	provisionalClusterId,
	recount,
	recountClusters,
	recountTile,
	toTransferable,
	withTags,
	type ClusterTree
} from './cluster-build';
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

describe('recounting an index for a subset of its points (the stand-in of a combination being built)', () => {
	const area = [7.3, 48.3, 8.2, 48.9] as const;
	const zooms = [6, 8, 10, 11, 12, 14, 16, 17];

	it('gives back the index itself when every point matches', () => {
		const { lonLat, featureIds, tags } = syntheticPositions(3000);
		const tree = withTags(buildTree(lonLat, featureIds), tags, 8);
		const rc = recount(tree, () => true, 8);
		expect(rc.matched).toBe(3000);
		for (const z of zooms) {
			const exact = tree.getClusters([...area], z);
			const again = recountClusters(rc, area, z);
			expect(again.length).toBe(exact.length);
			again.forEach((f, k) => {
				const e = exact[k];
				const props = e.properties as { cluster?: boolean; cluster_id?: number; point_count?: number };
				if (f.cluster) {
					expect(f.count).toBe(props.point_count);
					expect(provisionalClusterId(f.id)).toBe(props.cluster_id);
				} else expect(f.tags).toBe(e.properties);
				expect(f.lon).toBeCloseTo(e.geometry.coordinates[0], 5);
				expect(f.lat).toBeCloseTo(e.geometry.coordinates[1], 5);
			});
		}
	});

	it('shows only matching points, each group with the number of matching points it holds', () => {
		const { lonLat, featureIds, tags } = syntheticPositions(3000);
		const tree = withTags(buildTree(lonLat, featureIds), tags, 8);
		const wanted = (v: number) => v % 3 === 0 || v % 7 === 0;
		const expected = Array.from({ length: 3000 }, (_, v) => v).filter(wanted).length;
		const rc = recount(tree, wanted, 8);
		expect(rc.matched).toBe(expected);
		let groups = 0;
		for (const z of zooms) {
			const items = recountClusters(rc, area, z);
			let total = 0;
			for (const f of items) {
				if (f.cluster) {
					groups++;
					expect(f.count).toBeGreaterThan(1);
					const leaves = tree.getLeaves(provisionalClusterId(f.id), Infinity, 0);
					expect(leaves.filter((l) => wanted(Math.floor(Number(l.id) / 8))).length).toBe(f.count);
					total += f.count;
				} else {
					expect(wanted(Math.floor(f.featureId / 8))).toBe(true);
					total++;
				}
			}
			expect(total).toBe(expected);
		}
		expect(groups).toBeGreaterThan(10);
		// Tiles carry the same: negative group ids, matching leaves only.
		let features = 0;
		for (const t of tilesCovering([7.64, 48.49, 7.86, 48.66], 12)) {
			for (const f of recountTile(rc, t.z, t.x, t.y)?.features ?? []) {
				features++;
				const tags = f.tags as { cluster?: boolean; cluster_id?: number };
				if (tags.cluster) expect(tags.cluster_id).toBeLessThan(0);
				else expect(wanted(Math.floor(f.id! / 8))).toBe(true);
			}
		}
		expect(features).toBeGreaterThan(10);
	});

	it('recounts an index moved from the worker the same way', () => {
		const { lonLat, featureIds, tags } = syntheticPositions(2000);
		const copy = toTransferable(buildTree(lonLat, featureIds));
		const moved = withTags(
			fromTransferable(structuredClone(copy.value, { transfer: copy.transfer })),
			tags,
			8
		);
		const here = withTags(buildTree(lonLat, featureIds), tags, 8);
		const odd = (v: number) => v % 2 === 1;
		expect(recountClusters(recount(moved, odd, 8), area, 11)).toEqual(
			recountClusters(recount(here, odd, 8), area, 11)
		);
	});
});
