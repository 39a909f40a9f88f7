/**
 * npm run bench:tiles [sizes...]   (default 250000)
 *
 * The server side of the map at national scale (src/lib/server/map-scale.ts) on N synthetic places (marked
 * synthetic, src/lib/bench/synthetic.ts, over the Eurométropole's reference geography): the unfiltered
 * cluster index's build, the tiles of scripted views cut cold (first request) and served warm (from the
 * tile cache), a filter change (matching, the filter's cluster index and the view's tiles, cold), and a page
 * of the list by visible box. Measured in-process on the functions the routes call: the HTTP round trip and
 * the browser's decoding are not included. The last line is one JSON object with every figure.
 *
 * Side by side in the same run: the **baseline**, the first design (every filter a test of every point,
 * supercluster fed GeoJSON objects, all in the server's thread), and the current one (posting lists, typed
 * arrays, large builds in the cluster worker, the common filters built ahead): for each, the unfiltered
 * index's build (and how long the server's thread was busy with it) and the filter changes.
 *
 * A combination not built ahead (`coldCombination`) is timed both ways in the same run: the old path, the
 * request waiting for its index to be built in the worker, then cutting the view's tiles; and the current
 * one, the request answered at once from the nearest index built ahead recounted for its points (the
 * stand-in, `provisionalFor`), timed while the exact build runs in the worker, as on the server.
 *
 * The machine is shared (2 cores): figures move by 20 % or more from run to run.
 */
import Supercluster from 'supercluster';
import { syntheticRecords } from '../src/lib/bench/synthetic';
import type { Bbox } from '../src/lib/domain/coordinates';
import { filterByFacets } from '../src/lib/domain/map/facet-index';
import { filterPoints, NO_FILTERS, type PointFilters } from '../src/lib/domain/map/filter';
import { MAP_LAYERS } from '../src/lib/domain/map/layers';
import { isApproximate, type MapPoint } from '../src/lib/domain/map/points';
import { seededRandom } from '../src/lib/bench/synthetic';
import {
	CLUSTER_MIN_ZOOM,
	CLUSTER_RADIUS,
	filterKey,
	TILE_EXTENT,
	tilesCovering,
	type TileLeafTags
} from '../src/lib/domain/map/scale';
import { CLUSTER_MAX_ZOOM } from '../src/lib/server/cluster-build';
import {
	buildClusterIndex,
	buildClusterIndexInWorker,
	commonKeys,
	makeVersionParts,
	provisionalFor,
	provisionalTile,
	stopClusterWorker,
	pageOf,
	tile,
	type ClusterIndex
} from '../src/lib/server/map-scale';
import { pointsBody, pointsCache } from '../src/lib/server/read-model/parts';
import { loadDataset } from '../src/lib/server/seed/read-data';

const sizes = process.argv
	.slice(2)
	.map(Number)
	.filter((n) => n > 0);
const SIZES = sizes.length ? sizes : [250_000];

const { dataset, issues } = loadDataset('data');
if (issues.length) throw new Error(`data/ invalide (${issues.length} problèmes) : lancez npm run data:check`);

const pct = (xs: number[], p: number) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
};
const r2 = (n: number) => Math.round(n * 100) / 100;
const mb = (b: number) => Math.round(b / 1e5) / 10;

/**
 * The first design's build, kept here as the baseline: a GeoJSON feature per point (the point's place
 * looked up in a Map), supercluster's own loading, in this thread.
 */
function baselineIndex(all: readonly MapPoint[], points: readonly MapPoint[], key: string): ClusterIndex {
	const started = performance.now();
	const position = new Map(all.map((p, i) => [p, i]));
	const styleOf = (p: MapPoint) =>
		MAP_LAYERS.findIndex((l) => l.code === p.primary) * 2 + (isApproximate(p) ? 1 : 0);
	const index = new Supercluster<TileLeafTags>({
		minZoom: CLUSTER_MIN_ZOOM,
		maxZoom: CLUSTER_MAX_ZOOM,
		radius: CLUSTER_RADIUS,
		extent: TILE_EXTENT
	}).load(
		points.map((p) => ({
			type: 'Feature' as const,
			id: (position.get(p) ?? 0) * 8 + styleOf(p),
			geometry: { type: 'Point' as const, coordinates: [p.lon, p.lat] },
			properties: { i: p.id, n: p.name }
		}))
	);
	const buildMs = performance.now() - started;
	return { key, index, points, tiles: new Map(), buildMs, builtIn: 'thread', blockMs: buildMs };
}

/** A view of the map: a box around a centre at a zoom, 1280 × 900 pixels as the e2e desktop. */
function view(lon: number, lat: number, z: number): Bbox {
	const degPerPx = 360 / (512 * 2 ** z);
	const dx = (1280 / 2) * degPerPx;
	const dy = (900 / 2) * degPerPx * Math.cos((lat * Math.PI) / 180);
	return [lon - dx, lat - dy, lon + dx, lat + dy];
}

async function run(n: number) {
	const records = syntheticRecords(n, dataset, { organisations: 0.6, initiatives: 0.4 });
	const cache = pointsCache(1, pointsBody(records, 1));
	const rssBefore = process.memoryUsage().rss;

	// The unfiltered index: the baseline, then the current design in this thread and in the worker.
	const baseline = baselineIndex(cache.points, cache.points, '');
	let t0 = performance.now();
	const parts = makeVersionParts(cache);
	const partsMs = performance.now() - t0;
	const heapBefore = process.memoryUsage().heapUsed;
	const built = buildClusterIndex(parts, { points: cache.points }, '');
	const heapIndex = process.memoryUsage().heapUsed - heapBefore;
	const inWorker = await buildClusterIndexInWorker(parts, { points: cache.points }, '');
	parts.indexes.set('', inWorker);

	// Scripted views: the Eurométropole, then zooms in around random places (seeded), as visitors do.
	const rand = seededRandom(7);
	const views: Bbox[] = [view(7.75, 48.58, 10), view(7.75, 48.58, 11)];
	const zooms: number[] = [10, 11];
	for (let i = 0; i < 40; i++) {
		const p = cache.points[Math.floor(rand() * cache.points.length)];
		const z = 11 + Math.floor(rand() * 7);
		views.push(view(p.lon, p.lat, z));
		zooms.push(z);
	}
	const cold: number[] = [];
	const warm: number[] = [];
	const bytes: number[] = [];
	views.forEach((b, i) => {
		for (const t of tilesCovering(b, zooms[i])) {
			let t0 = performance.now();
			const body = tile(built, t.z, t.x, t.y);
			cold.push(performance.now() - t0);
			if (body) bytes.push(body.length);
			t0 = performance.now();
			tile(built, t.z, t.x, t.y);
			warm.push(performance.now() - t0);
		}
	});

	// The common filters, built ahead in the worker after the unfiltered index (as the server does).
	t0 = performance.now();
	const common = commonKeys(parts);
	let commonBlockMs = 0;
	for (const { key, filters: f } of common) {
		const entry = await buildClusterIndexInWorker(parts, filterByFacets(parts.facets, f), key);
		commonBlockMs += entry.blockMs;
		parts.indexes.set(key, entry);
		parts.ahead.set(key, f);
	}
	const commonMs = performance.now() - t0;
	const rssCommon = process.memoryUsage().rss;

	// A filter change: the matching points, their cluster index, the tiles of the first view (all cold),
	// by the baseline and by the current design (an index built ahead is only cut into tiles).
	const filters: PointFilters[] = [
		{ ...NO_FILTERS, layers: ['initiatives'] },
		{ ...NO_FILTERS, secteur: ['reemploi'] },
		{ ...NO_FILTERS, secteur: ['jardins', 'alimentation'] },
		{ ...NO_FILTERS, lieu: ['67482'] },
		{ ...NO_FILTERS, layers: ['structures'], secteur: ['insertion'] },
		// Two large combinations no longer built ahead: Strasbourg's places of two layers (its commune's
		// index stands in), and the three largest sectors together (the unfiltered index stands in).
		{ ...NO_FILTERS, layers: ['structures', 'initiatives'], lieu: ['67482'] },
		{ ...NO_FILTERS, secteur: largestSectors(3) }
	];
	function largestSectors(k: number): string[] {
		return cache.dict
			.flatMap((c, code) =>
				c.startsWith('s:')
					? [{ v: c.slice(2), n: parts.facets.offsets[code + 1] - parts.facets.offsets[code] }]
					: []
			)
			.sort((a, b) => b.n - a.n)
			.slice(0, k)
			.map((c) => c.v);
	}
	const viewTiles = (entry: ClusterIndex) => {
		for (const t of tilesCovering(views[0], zooms[0])) tile(entry, t.z, t.x, t.y);
	};
	const filterRuns = [];
	for (const f of filters) {
		const key = filterKey('', f);
		let t0 = performance.now();
		const slow = filterPoints(cache.points, cache.dict, f);
		const baselineFilterMs = performance.now() - t0;
		viewTiles(baselineIndex(cache.points, slow.points, key));
		const baselineMs = performance.now() - t0;

		t0 = performance.now();
		const selected = filterByFacets(parts.facets, f);
		const matchMs = performance.now() - t0;
		const ahead = parts.indexes.get(key);
		let entry: ClusterIndex;
		let standIn: { base: string; ms: number; recountMs: number; tilesMs: number } | undefined;
		if (ahead) {
			entry = ahead;
		} else {
			// The old path waits for this build; the current one answers from the stand-in meanwhile.
			const building = buildClusterIndexInWorker(parts, selected, key);
			const s0 = performance.now();
			const p = provisionalFor(parts, key, { ...filterByFacets(parts.facets, f), filters: f });
			const recountMs = performance.now() - s0;
			const s1 = performance.now();
			if (p) for (const t of tilesCovering(views[0], zooms[0])) provisionalTile(p, t.z, t.x, t.y);
			const standInTilesMs = performance.now() - s1;
			if (p)
				standIn = {
					base: p.base.key,
					ms: r2(performance.now() - s0 + matchMs),
					recountMs: r2(recountMs),
					tilesMs: r2(standInTilesMs)
				};
			entry = await building;
			parts.provisional.delete(key);
		}
		const t2 = performance.now();
		viewTiles(entry);
		const tilesMs = performance.now() - t2;
		// The same build in this thread, for the record (what a server without the worker would pay).
		const here = buildClusterIndex(parts, selected, key);
		filterRuns.push({
			key,
			matched: selected.points.length,
			baseline: { filterMs: r2(baselineFilterMs), totalMs: r2(baselineMs) },
			builtAhead: !!ahead,
			matchMs: r2(matchMs),
			indexMs: r2(ahead ? 0 : entry.buildMs),
			blockMs: r2(ahead ? 0 : entry.blockMs),
			tilesMs: r2(tilesMs),
			totalMs: r2(matchMs + (ahead ? 0 : entry.buildMs) + tilesMs),
			inThreadIndexMs: r2(here.buildMs),
			standIn
		});
	}

	// The list of the visible area: a page of 50 by box over every point, and over a filter's points.
	const list: number[] = [];
	for (const b of views.slice(0, 20)) {
		const t0 = performance.now();
		pageOf(cache.points, undefined, b, 0, 50);
		list.push(performance.now() - t0);
	}

	const totals = filterRuns.map((f) => f.totalMs);
	const baselineTotals = filterRuns.map((f) => f.baseline.totalMs);
	const cold5 = filterRuns.filter((f) => !f.builtAhead).map((f) => f.totalMs);
	const coldRuns = filterRuns.filter((f) => f.standIn);
	const oldCold = coldRuns.map((f) => f.totalMs);
	const newCold = coldRuns.map((f) => f.standIn!.ms);
	return {
		points: cache.points.length,
		baselineIndexBuildMs: r2(baseline.buildMs),
		versionPartsMs: r2(partsMs),
		indexBuildMs: r2(built.buildMs),
		indexBuildWorkerMs: r2(inWorker.buildMs),
		indexBuildWorkerBlockMs: r2(inWorker.blockMs),
		indexHeapMB: mb(heapIndex),
		commonFilters: { count: common.length, ms: r2(commonMs), blockMs: r2(commonBlockMs) },
		tiles: cold.length,
		tileColdMs: { median: r2(pct(cold, 50)), p95: r2(pct(cold, 95)), max: r2(Math.max(...cold)) },
		tileWarmMs: { median: r2(pct(warm, 50)), p95: r2(pct(warm, 95)) },
		tileBytes: { median: pct(bytes, 50), max: Math.max(...bytes) },
		filterChange: {
			medianMs: r2(pct(totals, 50)),
			p95Ms: r2(pct(totals, 95)),
			coldMedianMs: cold5.length ? r2(pct(cold5, 50)) : null,
			baselineMedianMs: r2(pct(baselineTotals, 50)),
			runs: filterRuns
		},
		coldCombination: {
			runs: coldRuns.length,
			largest: Math.max(0, ...coldRuns.map((f) => f.matched)),
			oldPathMedianMs: coldRuns.length ? r2(pct(oldCold, 50)) : null,
			oldPathMaxMs: coldRuns.length ? r2(Math.max(...oldCold)) : null,
			standInMedianMs: coldRuns.length ? r2(pct(newCold, 50)) : null,
			standInMaxMs: coldRuns.length ? r2(Math.max(...newCold)) : null
		},
		listPageMs: { median: r2(pct(list, 50)), p95: r2(pct(list, 95)) },
		heapMB: mb(process.memoryUsage().heapUsed),
		rssMB: mb(process.memoryUsage().rss),
		rssBeforeIndexesMB: mb(rssBefore),
		rssWithCommonMB: mb(rssCommon)
	};
}

const results: Record<string, Awaited<ReturnType<typeof run>>> = {};
for (const n of SIZES) {
	const r = await run(n);
	results[n] = r;
	console.log(
		`${n} synthetic places (${r.points} placed): unfiltered index baseline ${r.baselineIndexBuildMs} ms, ` +
			`now ${r.indexBuildMs} ms in this thread, ${r.indexBuildWorkerMs} ms in the worker ` +
			`(this thread busy ${r.indexBuildWorkerBlockMs} ms); ${r.commonFilters.count} common filters built ahead in ` +
			`${r.commonFilters.ms} ms (this thread ${r.commonFilters.blockMs} ms); ` +
			`${r.tiles} tiles cold median ${r.tileColdMs.median} / p95 ${r.tileColdMs.p95} ms, ` +
			`warm p95 ${r.tileWarmMs.p95} ms, ${r.tileBytes.median} B median; ` +
			`filter change median ${r.filterChange.medianMs} / p95 ${r.filterChange.p95Ms} ms ` +
			`(baseline ${r.filterChange.baselineMedianMs} ms); list page by box p95 ${r.listPageMs.p95} ms; ` +
			`RSS ${r.rssBeforeIndexesMB} MB before the indexes, ${r.rssMB} MB after`
	);
	for (const f of r.filterChange.runs)
		console.log(
			`  ${f.key}: ${f.matched} places; baseline ${f.baseline.totalMs} ms; now match ${f.matchMs} ms + ` +
				(f.builtAhead
					? 'index built ahead'
					: `index ${f.indexMs} ms in the worker (this thread ${f.blockMs} ms)`) +
				` + tiles ${f.tilesMs} ms = ${f.totalMs} ms (in this thread the index would take ${f.inThreadIndexMs} ms)` +
				(f.standIn
					? `; stand-in from « ${f.standIn.base || 'sans filtre'} »: ${f.standIn.ms} ms (recount ${f.standIn.recountMs} ms, tiles ${f.standIn.tilesMs} ms)`
					: '')
		);
	const c = r.coldCombination;
	console.log(
		`  cold combination (${c.runs}, up to ${c.largest} places): old path median ${c.oldPathMedianMs} / max ${c.oldPathMaxMs} ms; ` +
			`stand-in median ${c.standInMedianMs} / max ${c.standInMaxMs} ms`
	);
}
await stopClusterWorker();
const last = results[SIZES[SIZES.length - 1]];
console.log(
	JSON.stringify({
		bench: 'tiles',
		synthetic: true,
		inProcess: true,
		sizes: SIZES,
		results,
		targets: {
			tileWarmP95Under20ms: last.tileWarmMs.p95 <= 20,
			tileColdP95Under150ms: last.tileColdMs.p95 <= 150,
			filterChangeServerMedianUnder300ms: last.filterChange.medianMs <= 300,
			coldCombinationUnder300ms: (last.coldCombination.standInMaxMs ?? 0) <= 300
		}
	})
);
