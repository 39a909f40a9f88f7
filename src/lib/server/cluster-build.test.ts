import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { seededRandom, syntheticRecords, type SyntheticGeo } from '$lib/bench/synthetic';
import type { Initiative, Organisation } from '$lib/domain/records';
import { tilesCovering } from '$lib/domain/map/scale';
import type { TileLeafTags } from '$lib/domain/map/scale';
import { buildTree, fromTransferable, toTransferable, withTags, type ClusterTree } from './cluster-build';
import { buildClusterIndex, buildClusterIndexInWorker, makeVersionParts } from './map-scale';
import { pointsBody, pointsCache } from './read-model/parts';

const read = (f: string) => JSON.parse(readFileSync(`data/${f}`, 'utf8'));
const geo: SyntheticGeo = {
	communes: read('communes.json'),
	quartiers: read('quartiers.json'),
	thematiques: read('thematiques.json')
};

// Synthetic points (marked synthetic) around Strasbourg: dense enough to cluster at every zoom.
function syntheticPositions(n: number) {
	const rand = seededRandom(3);
	const lonLat = new Float64Array(n * 2);
	const featureIds = new Float64Array(n);
	const tags: TileLeafTags[] = [];
	for (let i = 0; i < n; i++) {
		lonLat[2 * i] = 7.65 + rand() * 0.2;
		lonLat[2 * i + 1] = 48.5 + rand() * 0.15;
		featureIds[i] = i * 8 + (i % 8);
		tags.push({ i: `synthetique-${i}`, n: `Lieu synthétique ${i}` });
	}
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
		const places = syntheticRecords(2500, geo, { seed: 9 }).filter(
			(r): r is Organisation | Initiative => r.kind !== 'funding-tool' && r.status === 'published'
		);
		const parts = makeVersionParts(pointsCache(1, pointsBody(places, 1)));
		const here = buildClusterIndex(parts, { points: parts.cache.points }, '');
		const there = await buildClusterIndexInWorker(parts, { points: parts.cache.points }, '');
		expect(there.builtIn).toBe('worker');
		expect(answers(there.index)).toEqual(answers(here.index));
	}, 30_000);
});
