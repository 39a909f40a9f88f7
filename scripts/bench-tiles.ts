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
 * The machine is shared (2 cores): figures move by 20 % or more from run to run.
 */
import { syntheticRecords } from '../src/lib/bench/synthetic';
import type { Bbox } from '../src/lib/domain/coordinates';
import { filterPoints, NO_FILTERS, type PointFilters } from '../src/lib/domain/map/filter';
import { seededRandom } from '../src/lib/bench/synthetic';
import { tilesCovering } from '../src/lib/domain/map/scale';
import { buildClusterIndex, pageOf, tile } from '../src/lib/server/map-scale';
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

/** A view of the map: a box around a centre at a zoom, 1280 × 900 pixels as the e2e desktop. */
function view(lon: number, lat: number, z: number): Bbox {
	const degPerPx = 360 / (512 * 2 ** z);
	const dx = (1280 / 2) * degPerPx;
	const dy = (900 / 2) * degPerPx * Math.cos((lat * Math.PI) / 180);
	return [lon - dx, lat - dy, lon + dx, lat + dy];
}

function run(n: number) {
	const records = syntheticRecords(n, dataset, { organisations: 0.6, initiatives: 0.4 });
	const cache = pointsCache(1, pointsBody(records, 1));
	const heapBefore = process.memoryUsage().heapUsed;
	const built = buildClusterIndex(cache.points, { points: cache.points }, '');
	const heapIndex = process.memoryUsage().heapUsed - heapBefore;

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

	// A filter change: the matching points, their cluster index, the tiles of the first view (all cold).
	const filters: [string, PointFilters][] = [
		['couches=initiatives', { ...NO_FILTERS, layers: ['initiatives'] }],
		['secteur=reemploi', { ...NO_FILTERS, secteur: ['reemploi'] }],
		['secteur=jardins,alimentation', { ...NO_FILTERS, secteur: ['jardins', 'alimentation'] }],
		['lieu=67482', { ...NO_FILTERS, lieu: ['67482'] }],
		[
			'couches=structures&secteur=insertion',
			{ ...NO_FILTERS, layers: ['structures'], secteur: ['insertion'] }
		]
	];
	const filterRuns = filters.map(([key, f]) => {
		const t0 = performance.now();
		const selected = filterPoints(cache.points, cache.dict, f);
		const t1 = performance.now();
		const entry = buildClusterIndex(cache.points, selected, key);
		const t2 = performance.now();
		for (const t of tilesCovering(views[0], zooms[0])) tile(entry, t.z, t.x, t.y);
		const t3 = performance.now();
		return {
			key,
			matched: selected.points.length,
			filterMs: r2(t1 - t0),
			indexMs: r2(t2 - t1),
			tilesMs: r2(t3 - t2),
			totalMs: r2(t3 - t0)
		};
	});

	// The list of the visible area: a page of 50 by box over every point, and over a filter's points.
	const list: number[] = [];
	for (const b of views.slice(0, 20)) {
		const t0 = performance.now();
		pageOf(cache.points, undefined, b, 0, 50);
		list.push(performance.now() - t0);
	}

	const totals = filterRuns.map((f) => f.totalMs);
	return {
		points: cache.points.length,
		indexBuildMs: r2(built.buildMs),
		indexHeapMB: mb(heapIndex),
		tiles: cold.length,
		tileColdMs: { median: r2(pct(cold, 50)), p95: r2(pct(cold, 95)), max: r2(Math.max(...cold)) },
		tileWarmMs: { median: r2(pct(warm, 50)), p95: r2(pct(warm, 95)) },
		tileBytes: { median: pct(bytes, 50), max: Math.max(...bytes) },
		filterChange: { medianMs: r2(pct(totals, 50)), runs: filterRuns },
		listPageMs: { median: r2(pct(list, 50)), p95: r2(pct(list, 95)) },
		heapMB: mb(process.memoryUsage().heapUsed),
		rssMB: mb(process.memoryUsage().rss)
	};
}

const results: Record<string, ReturnType<typeof run>> = {};
for (const n of SIZES) {
	const r = run(n);
	results[n] = r;
	console.log(
		`${n} synthetic places (${r.points} placed): index ${r.indexBuildMs} ms, ${r.indexHeapMB} MB; ` +
			`${r.tiles} tiles cold median ${r.tileColdMs.median} / p95 ${r.tileColdMs.p95} ms, ` +
			`warm p95 ${r.tileWarmMs.p95} ms, ${r.tileBytes.median} B median; ` +
			`filter change median ${r.filterChange.medianMs} ms; list page by box p95 ${r.listPageMs.p95} ms`
	);
	for (const f of r.filterChange.runs)
		console.log(
			`  ${f.key}: ${f.matched} places, filter ${f.filterMs} ms + index ${f.indexMs} ms + tiles ${f.tilesMs} ms = ${f.totalMs} ms`
		);
}
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
			filterChangeServerMedianUnder300ms: last.filterChange.medianMs <= 300
		}
	})
);
