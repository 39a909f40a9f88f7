/**
 * The map at national scale (README "Map at national scale"): above the threshold the browser receives no
 * points; this module clusters them and answers the map's and the list's questions.
 *
 * - One **cluster index** (supercluster) per data version and filter combination (`filterKey`, the
 *   canonical query string of the filters, text and "autour de moi"). A filter is matched through the
 *   version's posting lists (`$lib/domain/map/facet-index`: the points each value names, not a test of
 *   every point), and an index is built from typed arrays (./cluster-build.ts). Large selections
 *   (MAP_WORKER_MIN points) are clustered in the cluster worker (./cluster-worker.ts), this thread only
 *   putting the returned buffers back together, so other requests are served meanwhile. Once a data
 *   version is installed (server start, then after each rebuild of the read model), the unfiltered index
 *   and then the common filters' (one layer, one sector, one thématique: `commonKeys`) are built ahead in
 *   the worker and kept, then one per commune; any other combination is built on the first request naming
 *   it (concurrent requests share the build) and kept in a small LRU. While a large one is built in the
 *   worker, its tiles and clusters come from a **stand-in** (`Provisional`: the nearest index built ahead
 *   that holds all its points, recounted for them), served `no-store`; `etat.json` tells the page, which
 *   draws the same URLs again once the exact index is ready.
 * - **Tiles** (`/carte/tuiles/<version>/<z>/<x>/<y>.pbf?<key>`) are cut from an index and kept in a
 *   per-index LRU; their URL names the data version and the filters, so they are served `immutable` with an
 *   ETag of the same name. A new data version is a new URL: nothing to purge. An old version's URL still
 *   answers (with the current data, revalidated) so an open page keeps its points.
 * - **The list** of the visible area: a scan of the matching points (already in memory, in French name
 *   order) keeping those in the box, paged. **Clusters as GeoJSON** for the Leaflet engine, a cluster's
 *   expansion zoom and leaves for a click, one point by id for a shared link.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { Bbox } from '$lib/domain/coordinates';
import { inBbox } from '$lib/domain/coordinates';
import { idSchema } from '$lib/domain/common';
import { facetIndexSteps, filterByFacets, type FacetIndex } from '$lib/domain/map/facet-index';
import { never, runSteps, type Due } from '$lib/domain/steps';
import { nameMatcher, NO_FILTERS, type PointFilters } from '$lib/domain/map/filter';
import { parseExplorerParams } from '$lib/domain/map/map-url-parse';
import { encodeMapPoints, isApproximate, type MapPoint } from '$lib/domain/map/points';
import {
	CLUSTER_WORKER_MIN,
	filterKey,
	parseAround,
	TILE_EXTENT,
	TILE_LAYER,
	TILES_MIN,
	type TileLeafTags
} from '$lib/domain/map/scale';
import { clustersQuerySchema, listQuerySchema, tileParamsSchema } from '$lib/domain/map/scale-parse';
import { MAP_LAYERS } from '$lib/domain/map/layers';
import { mapPrefix } from '$lib/domain/filters/map-codes';
import { withinRadius } from '$lib/geo/distance';
import type { SqlClient } from './db/sql';
import { currentReadModel, onReadModel, preparePoints, readModel, type ReadModel } from './read-model';
import type { PointsCache } from './read-model/parts';
import {
	buildTree,
	fromTransferable,
	provisionalClusterId,
	recount,
	recountClusters,
	recountTile,
	withTags,
	type ClusterTree,
	type Recount
} from './cluster-build';
import { nearestIndex, type BuiltIndex } from '$lib/domain/map/nearest-index';
import type { ClusterJob, ClusterResult } from './cluster-worker';

/** A tile as vt-pbf takes it: supercluster's tiles have geojson-vt's shape. */
type VtTile = Parameters<typeof fromGeojsonVt>[0][string];

/** Filtered cluster indexes kept per data version besides the unfiltered and the common ones (LRU). */
const MAX_INDEXES = 8;
/** Tiles kept per index: the tiles of a few hundred views. */
const MAX_TILES = 4000;
/** Leaves sent with a cluster's expansion, to tell "several records at one spot" from "zoom in". */
const SAME_SPOT_MAX = 60;
/**
 * The common filters' indexes are built ahead for at most this many points in all, as a multiple of the
 * version's points (each index costs about 150 bytes a point: at 250,000 points, three times over is
 * about 110 MB).
 */
const PRECOMPUTE_BUDGET = 3;
/**
 * The communes' indexes (each point has one commune) are built ahead after those, largest first, within
 * this multiple of the version's points more: a commune is the other common first choice, and the largest
 * (Strasbourg, about half the points) is the costliest to build on demand.
 */
const COMMUNES_BUDGET = 1;
/** Stand-ins kept per data version (each a few bytes per entry of its larger index: ~15 MB at 250k). */
const MAX_PROVISIONAL = 4;

/** "c:": the communes' codes in the points' dictionary. */
const COMMUNE_PREFIX = mapPrefix('commune');

let tilesMin = TILES_MIN;
/** Selections from this many points are clustered in the worker; smaller ones take milliseconds here. */
let workerMin = CLUSTER_WORKER_MIN;

/** The threshold (MAP_TILES_MIN), set once at start; tests and the e2e server lower it. */
export function setTilesMin(n: number): void {
	tilesMin = n;
}

/** Points from which an index is built in the cluster worker (tests: 0, always; Infinity, never). */
export function setClusterWorkerMin(n: number): void {
	workerMin = n;
}

/** Whether this set of points is large enough for server-side clusters. */
export function tilesMode(c: Pick<PointsCache, 'points'>): boolean {
	return c.points.length > tilesMin;
}

export interface ClusterIndex {
	key: string;
	index: ClusterTree;
	/** The matching points in French name order, with their distances for "autour de moi". */
	points: readonly MapPoint[];
	meters?: number[];
	tiles: Map<string, Uint8Array | null>;
	buildMs: number;
	/** Where it was built. */
	builtIn: 'thread' | 'worker';
	/** Of buildMs, the time this thread was busy (all of it when built here). */
	blockMs: number;
}

/**
 * What every index of a data version shares, made once per version: the posting lists of its points'
 * filters, their positions and feature ids as typed arrays, their leaves' tags; and its indexes.
 */
export interface VersionParts {
	cache: PointsCache;
	facets: FacetIndex;
	lonLat: Float64Array;
	featureIds: Float64Array;
	tags: TileLeafTags[];
	indexes: Map<string, ClusterIndex>;
	/** Indexes being built in the worker: a second request for the same key waits for the same build. */
	pending: Map<string, Promise<ClusterIndex>>;
	/** The common filters' keys built ahead: kept out of the LRU, like the unfiltered one. */
	pinned: Set<string>;
	/** The filters of the indexes built ahead (the unfiltered one included): the stand-ins' candidates. */
	ahead: Map<string, PointFilters>;
	/** Stand-ins for combinations being built (`Provisional`), dropped when their own index is ready. */
	provisional: Map<string, Provisional>;
}

/**
 * What the map shows for a filter combination while its own index is built in the worker: the nearest
 * index built ahead that holds all its points, recounted for them (`recount`): only matching points, exact
 * counts, the larger index's grouping. Its tiles are never cached (`no-store`): the page asks
 * `etat.json` and redraws once the exact index is ready.
 */
export interface Provisional {
	key: string;
	/** The index standing in. */
	base: ClusterIndex;
	recount: Recount;
	/** The combination's points, by their place in the version's array. */
	matches: Uint8Array;
	tiles: Map<string, Uint8Array | null>;
	/** Time to choose, filter and recount (the request's cost). */
	ms: number;
}

let current: VersionParts | undefined;

/** The icon of a point: the same numbering as the client's feature ids (engine/feature-ids.ts). */
function styleOf(p: MapPoint): number {
	return MAP_LAYERS.findIndex((l) => l.code === p.primary) * 2 + (isApproximate(p) ? 1 : 0);
}
/** Mirrors engine/feature-ids.ts STYLES: the icon is `id % STYLES`, MapLibre's style reads it so. */
const STYLES = 8;

/** The shared parts of a data version (pure but for the clock: the benchmark calls it directly). */
export function makeVersionParts(cache: PointsCache): VersionParts {
	return runSteps(versionPartsSteps(cache, never));
}

/**
 * `makeVersionParts` as steps that pause whenever `due()` says so: at 250,000 points about a tenth of a
 * second of the thread, made while a rebuilt read model is installed (`preparePoints`) rather than in one
 * piece by the first request for the new version.
 */
function* versionPartsSteps(cache: PointsCache, due: Due): Generator<void, VersionParts> {
	const { points } = cache;
	const lonLat = new Float64Array(points.length * 2);
	const featureIds = new Float64Array(points.length);
	const tags = new Array<TileLeafTags>(points.length);
	for (let i = 0; i < points.length; i++) {
		const p = points[i];
		lonLat[2 * i] = p.lon;
		lonLat[2 * i + 1] = p.lat;
		// The point's place in the version's array and its icon, as the client's feature ids pack them.
		featureIds[i] = i * STYLES + styleOf(p);
		tags[i] = { i: p.id, n: p.name };
		if (due()) yield;
	}
	return {
		cache,
		facets: yield* facetIndexSteps(points, cache.dict, due),
		lonLat,
		featureIds,
		tags,
		indexes: new Map(),
		pending: new Map(),
		pinned: new Set(),
		ahead: new Map([['', NO_FILTERS]]),
		provisional: new Map()
	};
}

/** Parts made while their version was installed, until a request or the build ahead takes them. */
const prepared = new WeakMap<PointsCache, VersionParts>();

function partsOf(cache: PointsCache): VersionParts {
	if (current?.cache !== cache) current = prepared.get(cache) ?? makeVersionParts(cache);
	return current;
}

function indexesOf(cache: PointsCache): Map<string, ClusterIndex> {
	return partsOf(cache).indexes;
}

/** A selection: its points in order and their indexes in the version's array (none: all of them). */
export interface Selection {
	points: readonly MapPoint[];
	indexes?: Uint32Array;
	meters?: number[];
	/** The filters read from the key (text and "autour de moi" apart); absent for the unfiltered key. */
	filters?: PointFilters;
}

/** The points a filter key selects, in name order, with distances when it has "autour de moi". */
export function selectPoints(model: ReadModel, cache: PointsCache, key: string): Selection {
	if (key === '') return { points: cache.points };
	const params = new URLSearchParams(key);
	const ref = model.catalogue.geo;
	const { state } = parseExplorerParams(params, ref);
	let textIds: Set<string> | undefined;
	let nameMatch: ((name: string) => boolean) | undefined;
	if (state.q) {
		try {
			const found = model.search.quick.search(state.q, {
				mode: 'quick',
				limit: Infinity,
				kinds: ['organisation', 'initiative']
			});
			textIds = new Set(found.hits.map((h) => h.id));
		} catch {
			nameMatch = nameMatcher(state.q);
		}
	}
	const selected = {
		...filterByFacets(partsOf(cache).facets, state.filters, { textIds, nameMatch }),
		filters: state.filters
	};
	const around = parseAround(params.get('autour'));
	if (!around) return selected;
	const indexes = selected.indexes ?? Uint32Array.from(cache.points, (_, i) => i);
	const near = withinRadius([...indexes], (i) => cache.points[i], around.center, around.radius);
	return {
		points: near.map((n) => cache.points[n.item]),
		indexes: Uint32Array.from(near, (n) => n.item),
		meters: near.map((n) => n.meters),
		filters: state.filters
	};
}

/** The selection's positions and feature ids, copied (a worker takes their buffers). */
function gather(parts: VersionParts, indexes: Uint32Array | undefined) {
	if (!indexes) return { lonLat: parts.lonLat.slice(), featureIds: parts.featureIds.slice() };
	const lonLat = new Float64Array(indexes.length * 2);
	const featureIds = new Float64Array(indexes.length);
	for (let k = 0; k < indexes.length; k++) {
		const i = indexes[k];
		lonLat[2 * k] = parts.lonLat[2 * i];
		lonLat[2 * k + 1] = parts.lonLat[2 * i + 1];
		featureIds[k] = parts.featureIds[i];
	}
	return { lonLat, featureIds };
}

/** A cluster index of a selection, built in this thread. */
export function buildClusterIndex(parts: VersionParts, selected: Selection, key: string): ClusterIndex {
	const started = performance.now();
	const { lonLat, featureIds } = gather(parts, selected.indexes);
	const index = withTags(buildTree(lonLat, featureIds), parts.tags, STYLES);
	const buildMs = performance.now() - started;
	return {
		key,
		index,
		points: selected.points,
		meters: selected.meters,
		tiles: new Map(),
		buildMs,
		builtIn: 'thread',
		blockMs: buildMs
	};
}

// The cluster worker: started on first use, one per process; a failure sends builds back to this thread.
let worker: Worker | undefined;
let workerBroken = false;
let nextJob = 1;
const jobs = new Map<number, { resolve: (r: ClusterResult) => void; reject: (e: Error) => void }>();

async function clusterWorker(): Promise<Worker> {
	if (worker) return worker;
	// Imported, not only named, so that the bundler emits the worker as its own file (as the read model's).
	// eslint-disable-next-line no-restricted-syntax -- a sibling module, imported lazily so it is its own file
	const url = new URL((await import('./cluster-worker')).CLUSTER_WORKER_URL);
	if (worker) return worker;
	const workerData = { clusterWorker: true };
	// Source files (development, tests) are TypeScript: the worker registers tsx first (read-model/index.ts).
	const w = url.pathname.endsWith('.ts')
		? new Worker(
				`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`,
				{ eval: true, workerData }
			)
		: new Worker(url, { workerData });
	// The worker never keeps a script or a test run alive.
	w.unref();
	const fail = (e: Error) => {
		// Stopped on purpose (stopClusterWorker) is not broken: a later build starts another worker.
		if (worker === w) {
			worker = undefined;
			workerBroken = true;
		}
		for (const job of jobs.values()) job.reject(e);
		jobs.clear();
	};
	w.on('message', (r: ClusterResult) => {
		const job = jobs.get(r.job);
		jobs.delete(r.job);
		if (r.ok) job?.resolve(r);
		else job?.reject(new Error(r.message));
	});
	w.on('error', fail);
	w.on('exit', (code) => fail(new Error(`le worker des grappes s’est arrêté (code ${code})`)));
	worker = w;
	return w;
}

/** Stops the cluster worker (scripts, before they end); the next large build starts another. */
export async function stopClusterWorker(): Promise<void> {
	const w = worker;
	worker = undefined;
	await w?.terminate();
}

/** A cluster index of a selection, built in the cluster worker; this thread only puts it back together. */
export async function buildClusterIndexInWorker(
	parts: VersionParts,
	selected: Selection,
	key: string
): Promise<ClusterIndex> {
	const started = performance.now();
	const w = await clusterWorker();
	const gathering = performance.now();
	const { lonLat, featureIds } = gather(parts, selected.indexes);
	let blockMs = performance.now() - gathering;
	const job = nextJob++;
	const result = await new Promise<ClusterResult>((resolve, reject) => {
		jobs.set(job, { resolve, reject });
		const message: ClusterJob = { job, lonLat, featureIds };
		w.postMessage(message, [lonLat.buffer, featureIds.buffer]);
	});
	if (!result.ok) throw new Error(result.message);
	const back = performance.now();
	const index = withTags(fromTransferable(result.tree), parts.tags, STYLES);
	blockMs += performance.now() - back;
	return {
		key,
		index,
		points: selected.points,
		meters: selected.meters,
		tiles: new Map(),
		buildMs: performance.now() - started,
		builtIn: 'worker',
		blockMs
	};
}

function remember(parts: VersionParts, key: string, entry: ClusterIndex): void {
	const { indexes } = parts;
	// Most recently used last: the Map's order is the LRU's.
	indexes.delete(key);
	indexes.set(key, entry);
	let kept = 0;
	for (const k of [...indexes.keys()].reverse()) {
		if (k === '' || parts.pinned.has(k)) continue;
		if (++kept > MAX_INDEXES) indexes.delete(k);
	}
}

/**
 * The cluster index of a filter key for the current data version: cached, else built now in this thread
 * (tests, small stores; the routes use `clusterIndexFor`).
 */
export function clusterIndex(model: ReadModel, key: string): ClusterIndex {
	const parts = partsOf(model.points);
	const cached = parts.indexes.get(key);
	if (cached) {
		remember(parts, key, cached);
		return cached;
	}
	const entry = buildClusterIndex(parts, selectPoints(model, parts.cache, key), key);
	remember(parts, key, entry);
	return entry;
}

/**
 * The cluster index of a filter key, as the routes ask it: cached; else a small selection is built now
 * (milliseconds) and a large one in the cluster worker, this thread serving other requests meanwhile.
 * Concurrent requests for one key share one build.
 */
export function clusterIndexFor(model: ReadModel, key: string): ClusterIndex | Promise<ClusterIndex> {
	const parts = partsOf(model.points);
	const cached = parts.indexes.get(key);
	if (cached) {
		remember(parts, key, cached);
		return cached;
	}
	return parts.pending.get(key) ?? startBuild(parts, key, selectPoints(model, parts.cache, key));
}

function startBuild(
	parts: VersionParts,
	key: string,
	selected: Selection
): ClusterIndex | Promise<ClusterIndex> {
	if (workerBroken || selected.points.length < workerMin) {
		const entry = buildClusterIndex(parts, selected, key);
		remember(parts, key, entry);
		return entry;
	}
	const build = buildClusterIndexInWorker(parts, selected, key)
		.catch((e) => {
			console.error('[carte] grappes impossibles dans le worker, construites dans ce fil :', e);
			workerBroken = true;
			return buildClusterIndex(parts, selected, key);
		})
		.then((entry) => {
			remember(parts, key, entry);
			// From now on the combination's own tiles are served; the page redraws (`stateResponse`).
			parts.provisional.delete(key);
			return entry;
		})
		.finally(() => parts.pending.delete(key));
	parts.pending.set(key, build);
	return build;
}

/**
 * What the map's tiles and clusters are cut from for a filter key: its own index when built, or built now
 * when small (milliseconds); while a large one is built in the worker, a stand-in recounted from the
 * nearest index built ahead (`Provisional`), so that no tile waits for a build; without any index to stand
 * in (the version's first seconds), the build itself.
 */
export function mapSourceFor(
	model: ReadModel,
	key: string
): ClusterIndex | Provisional | Promise<ClusterIndex> {
	const parts = partsOf(model.points);
	const cached = parts.indexes.get(key);
	if (cached) {
		remember(parts, key, cached);
		return cached;
	}
	const standIn = parts.provisional.get(key);
	if (standIn) return standIn;
	const pending = parts.pending.get(key);
	if (pending && !canStandIn(parts, key)) return pending;
	const selected = selectPoints(model, parts.cache, key);
	const build = pending ?? startBuild(parts, key, selected);
	if (!(build instanceof Promise)) return build;
	return provisionalFor(parts, key, selected) ?? build;
}

/** Whether some index built ahead could stand in for this key (else a stand-in is not even tried). */
function canStandIn(parts: VersionParts, key: string): boolean {
	for (const k of parts.ahead.keys()) if (k !== key && parts.indexes.has(k)) return true;
	return false;
}

/** The stand-in for a selection being built: the nearest index built ahead, recounted (`Provisional`). */
export function provisionalFor(
	parts: VersionParts,
	key: string,
	selected: Selection
): Provisional | undefined {
	// The unfiltered index has no larger one; a key with nothing but text or "autour de moi" has filters.
	if (!selected.filters) return undefined;
	const started = performance.now();
	const built: BuiltIndex[] = [];
	for (const [k, filters] of parts.ahead) {
		const entry = parts.indexes.get(k);
		if (entry && k !== key) built.push({ key: k, filters, size: entry.points.length });
	}
	const near = nearestIndex(selected.filters, built);
	if (!near) return undefined;
	const base = parts.indexes.get(near.key)!;
	const matches = new Uint8Array(parts.cache.points.length);
	if (selected.indexes) for (const i of selected.indexes) matches[i] = 1;
	else matches.fill(1);
	const standIn: Provisional = {
		key,
		base,
		recount: recount(base.index, (v) => matches[v] === 1, STYLES),
		matches,
		tiles: new Map(),
		ms: 0
	};
	standIn.ms = performance.now() - started;
	parts.provisional.set(key, standIn);
	if (parts.provisional.size > MAX_PROVISIONAL)
		parts.provisional.delete(parts.provisional.keys().next().value!);
	return standIn;
}

const isProvisional = (s: ClusterIndex | Provisional): s is Provisional => 'recount' in s;

/**
 * The keys of the common filters, built ahead after the unfiltered index: one layer, one sector, one
 * thématique (a visitor's first click in a facet), within PRECOMPUTE_BUDGET.
 */
export function commonKeys(parts: VersionParts): { key: string; filters: PointFilters }[] {
	const { dict } = parts.cache;
	const candidates: { filters: PointFilters; n: number }[] = [
		...MAP_LAYERS.map((l, k) => ({
			filters: { ...NO_FILTERS, layers: [l.code] },
			n: parts.facets.layers[k].length
		})),
		...dict.flatMap((c, code) => {
			const param = c.startsWith('s:') ? 'secteur' : c.startsWith('t:') ? 'thematique' : undefined;
			if (!param) return [];
			const n = parts.facets.offsets[code + 1] - parts.facets.offsets[code];
			return [{ filters: { ...NO_FILTERS, [param]: [c.slice(2)] }, n }];
		})
	];
	let budget = PRECOMPUTE_BUDGET * parts.cache.points.length;
	const keys: { key: string; filters: PointFilters }[] = [];
	// Layers, then sectors, then thématiques (the facets' order on the page), each largest first.
	const rank = (f: PointFilters) => (f.secteur?.length ? 1 : f.thematique?.length ? 2 : 0);
	candidates.sort((a, b) => rank(a.filters) - rank(b.filters) || b.n - a.n);
	for (const c of candidates) {
		if (c.n === 0 || c.n === parts.cache.points.length || c.n > budget) continue;
		budget -= c.n;
		keys.push({ key: filterKey('', c.filters), filters: c.filters });
	}
	// Then the communes, largest first, within their own budget.
	const communes = dict
		.flatMap((c, code) =>
			c.startsWith(COMMUNE_PREFIX)
				? [
						{
							value: c.slice(COMMUNE_PREFIX.length),
							n: parts.facets.offsets[code + 1] - parts.facets.offsets[code]
						}
					]
				: []
		)
		.sort((a, b) => b.n - a.n);
	budget = COMMUNES_BUDGET * parts.cache.points.length;
	for (const c of communes) {
		if (c.n === 0 || c.n === parts.cache.points.length || c.n > budget) continue;
		budget -= c.n;
		const filters = { ...NO_FILTERS, lieu: [c.value] };
		keys.push({ key: filterKey('', filters), filters });
	}
	return keys;
}

let watching = false;
/** The version whose clusters are (being) built ahead. */
let scheduled: PointsCache | undefined;
/**
 * Once a data version is installed and above the threshold, builds its unfiltered clusters, then the
 * common filters' (`commonKeys`), one after another in the cluster worker, so that neither the first
 * view nor a first click in a facet waits for a build. Without the worker, only the unfiltered index is
 * built, in this thread after the current request (setImmediate).
 */
export function watchMapClusters(min: number): void {
	setTilesMin(min);
	const prepare = (model: ReadModel | undefined) => {
		if (!model) return;
		const cache = model.points;
		if (!tilesMode(cache) || scheduled === cache) return;
		scheduled = cache;
		// After the current request or installation slice: the version's parts take a few hundred
		// milliseconds of this thread at 250,000 points, once.
		setImmediate(() => void buildAhead(model));
	};
	if (!watching) {
		watching = true;
		// The read model makes each rebuilt version's parts before installing it.
		preparePoints(function* (cache, due) {
			if (tilesMode(cache)) prepared.set(cache, yield* versionPartsSteps(cache, due));
		});
		onReadModel(prepare);
	}
	prepare(currentReadModel());
}

/** The unfiltered index, then the common filters' (see `watchMapClusters`). */
async function buildAhead(model: ReadModel): Promise<void> {
	const cache = model.points;
	if (currentReadModel()?.points !== cache) return;
	const parts = partsOf(cache);
	if (parts.indexes.has('') || parts.pending.has('')) return;
	const started = performance.now();
	const entry = await clusterIndexFor(model, '');
	console.log(
		`[carte] grappes de ${entry.points.length} lieux construites en ${Math.round(entry.buildMs)} ms (${entry.builtIn === 'worker' ? 'worker' : 'dans ce fil'})`
	);
	if (workerBroken) return;
	const keys = commonKeys(parts);
	for (const { key, filters } of keys) {
		if (current !== parts || workerBroken) return;
		parts.pinned.add(key);
		parts.ahead.set(key, filters);
		await clusterIndexFor(model, key);
		// Requests go first between two builds (a small one is made in this thread).
		await nextTurn();
	}
	console.log(
		`[carte] grappes de ${keys.length} filtres courants construites en ${Math.round(performance.now() - started)} ms`
	);
}

/** One tile as a Mapbox Vector Tile (uncompressed), or null when it holds nothing. */
export function tile(entry: ClusterIndex, z: number, x: number, y: number): Uint8Array | null {
	const id = `${z}/${x}/${y}`;
	const cached = entry.tiles.get(id);
	if (cached !== undefined) return cached;
	const t = entry.index.getTile(z, x, y);
	const body = t?.features.length
		? fromGeojsonVt({ [TILE_LAYER]: t as unknown as VtTile }, { version: 2, extent: TILE_EXTENT })
		: null;
	entry.tiles.set(id, body);
	if (entry.tiles.size > MAX_TILES) entry.tiles.delete(entry.tiles.keys().next().value!);
	return body;
}

/** The filter key of a request: its query string, read and written back canonically. */
function keyOf(model: ReadModel, url: URL): string {
	const params = new URLSearchParams(url.searchParams);
	for (const own of ['bbox', 'zoom', 'offset', 'limit', 'attendre']) params.delete(own);
	if (![...params.keys()].length) return '';
	const ref = model.catalogue.geo;
	const { state } = parseExplorerParams(params, ref);
	const around = parseAround(params.get('autour'));
	return filterKey(state.q, state.filters, around);
}

const json = (body: unknown, status = 200, cache = 'no-store') =>
	new Response(JSON.stringify(body), {
		status,
		headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': cache }
	});
const bad = (message: string) => json({ error: { status: 400, message } }, 400);

/** GET /carte/tuiles/<version>/<z>/<x>/<y>.pbf?<filters>. */
export async function tileResponse(
	sql: SqlClient,
	params: Record<string, string>,
	request: Request,
	url: URL
): Promise<Response> {
	const model = await readModel(sql);
	const parsed = tileParamsSchema.safeParse(params);
	if (!parsed.success) return bad(`Tuile : ${parsed.error.issues[0].message}.`);
	const { version, z, x, y } = parsed.data;
	const current = model.points.version;
	const key = keyOf(model, url);
	// The URL names the data version and the filters: one URL, one content, for ever.
	const fresh = version === current;
	const etag = `"t${current}-${z}-${x}-${y}-${hash(key)}"`;
	const headers = new Headers({
		'content-type': 'application/x-protobuf',
		etag,
		'cache-control': fresh ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate'
	});
	if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
	const source = await mapSourceFor(model, key);
	if (isProvisional(source)) {
		// A stand-in's tile is never kept: the same URL gives the exact tile once the index is built.
		headers.set('cache-control', 'no-store');
		headers.delete('etag');
		headers.set('x-carte-precision', 'provisoire');
	}
	const body = isProvisional(source) ? provisionalTile(source, z, x, y) : tile(source, z, x, y);
	if (!body) return new Response(null, { status: 204, headers });
	return new Response(new Uint8Array(body), { headers });
}

/** One tile of a stand-in (`Provisional`), as `tile` cuts an index's. */
export function provisionalTile(p: Provisional, z: number, x: number, y: number): Uint8Array | null {
	const id = `${z}/${x}/${y}`;
	const cached = p.tiles.get(id);
	if (cached !== undefined) return cached;
	const t = recountTile(p.recount, z, x, y);
	const body = t
		? fromGeojsonVt({ [TILE_LAYER]: t as unknown as VtTile }, { version: 2, extent: TILE_EXTENT })
		: null;
	p.tiles.set(id, body);
	if (p.tiles.size > MAX_TILES) p.tiles.delete(p.tiles.keys().next().value!);
	return body;
}

/**
 * GET /carte/tuiles/<version>/etat.json?<filters>[&attendre=1]: whether the map's tiles for these filters
 * are exact (`precise`) or a stand-in's while their index is built (asking starts the build). With
 * `attendre=1`, answers once they are exact: the page then redraws the same tile URLs.
 */
export async function stateResponse(sql: SqlClient, url: URL): Promise<Response> {
	const model = await readModel(sql);
	const key = keyOf(model, url);
	const source = mapSourceFor(model, key);
	const provisional = !(source instanceof Promise) && isProvisional(source);
	if (provisional && url.searchParams.get('attendre') === '1') {
		await clusterIndexFor(model, key);
		return json({ precise: true });
	}
	return json({ precise: !provisional });
}

/** A short, stable hash of a filter key for the ETag (FNV-1a). */
function hash(s: string): string {
	let h = 0x811c9dc5;
	for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
	return (h >>> 0).toString(36);
}

/** One cluster or point for the Leaflet engine. */
export type ClusterItem =
	| { type: 'cluster'; lon: number; lat: number; count: number; cluster: number }
	| { type: 'point'; lon: number; lat: number; id: string; name: string; style: number };

/** GET /carte/tuiles/<version>/grappes.json?bbox=&zoom=&<filters>: the Leaflet engine's clusters. */
export async function clustersResponse(sql: SqlClient, url: URL): Promise<Response> {
	const model = await readModel(sql);
	const parsed = clustersQuerySchema.safeParse(Object.fromEntries(url.searchParams));
	if (!parsed.success) return bad(`Grappes : ${parsed.error.issues[0].message}.`);
	const { bbox, zoom } = parsed.data;
	const source = await mapSourceFor(model, keyOf(model, url));
	if (isProvisional(source)) {
		const items: ClusterItem[] = recountClusters(source.recount, bbox, zoom).map((f) =>
			f.cluster
				? { type: 'cluster', lon: f.lon, lat: f.lat, count: f.count, cluster: f.id }
				: { type: 'point', lon: f.lon, lat: f.lat, id: f.tags.i, name: f.tags.n, style: f.featureId % STYLES }
		);
		return json({ version: model.points.version, items, precise: false });
	}
	const entry = source;
	const items: ClusterItem[] = entry.index.getClusters(bbox, Math.floor(zoom)).map((f) => {
		const [lon, lat] = f.geometry.coordinates;
		const props = f.properties as Partial<TileLeafTags> & {
			cluster?: boolean;
			cluster_id?: number;
			point_count?: number;
		};
		if (props.cluster)
			return { type: 'cluster', lon, lat, count: props.point_count!, cluster: props.cluster_id! };
		return { type: 'point', lon, lat, id: props.i!, name: props.n!, style: Number(f.id) % STYLES };
	});
	return json({ version: model.points.version, items, precise: true }, 200, 'public, max-age=60');
}

/** GET /carte/tuiles/<version>/grappe/<id>.json?<filters>: where a cluster opens, and its leaves if few. */
export async function clusterResponse(sql: SqlClient, id: string, url: URL): Promise<Response> {
	const model = await readModel(sql);
	const clusterId = Number(id);
	if (!Number.isSafeInteger(clusterId)) return bad('Grappe : identifiant entier attendu.');
	const key = keyOf(model, url);
	if (clusterId < 0) return standInClusterResponse(model, key, provisionalClusterId(clusterId));
	const entry = await clusterIndexFor(model, key);
	try {
		const zoom = entry.index.getClusterExpansionZoom(clusterId);
		const leaves = entry.index.getLeaves(clusterId, SAME_SPOT_MAX + 1, 0);
		return json({
			zoom,
			leaves:
				leaves.length <= SAME_SPOT_MAX
					? leaves.map((l) => ({
							id: l.properties.i,
							lon: l.geometry.coordinates[0],
							lat: l.geometry.coordinates[1]
						}))
					: undefined
		});
	} catch {
		return json(
			{ error: { status: 404, message: 'Grappe inconnue pour ces filtres (données modifiées ?).' } },
			404
		);
	}
}

/** Leaves of a stand-in's group read to find its matching ones, at most (a group this large is zoomed into). */
const STAND_IN_LEAVES_MAX = 5000;

/**
 * A stand-in's group (a negative id, `provisionalClusterId`): where the larger index's group opens, and its
 * matching leaves when few. Answered from the stand-in even once the exact index is built, since the page
 * may still show the stand-in's tiles.
 */
function standInClusterResponse(model: ReadModel, key: string, baseId: number): Response {
	const parts = partsOf(model.points);
	const p = parts.provisional.get(key) ?? provisionalFor(parts, key, selectPoints(model, parts.cache, key));
	const unknown = () =>
		json({ error: { status: 404, message: 'Grappe inconnue pour ces filtres (données modifiées ?).' } }, 404);
	if (!p) return unknown();
	try {
		const zoom = p.base.index.getClusterExpansionZoom(baseId);
		const all = p.base.index.getLeaves(baseId, STAND_IN_LEAVES_MAX, 0);
		const leaves = all.filter((l) => p.matches[Math.floor(Number(l.id) / STYLES)] === 1);
		return json({
			zoom,
			leaves:
				all.length < STAND_IN_LEAVES_MAX && leaves.length <= SAME_SPOT_MAX
					? leaves.map((l) => ({
							id: l.properties.i,
							lon: l.geometry.coordinates[0],
							lat: l.geometry.coordinates[1]
						}))
					: undefined
		});
	} catch {
		return unknown();
	}
}

/**
 * GET /carte/liste.json?<filters>&bbox=&offset=&limit=: a page of the list, the matching points in the
 * box (all of them without one), in name order, or nearest first with "autour de moi".
 */
export async function listResponse(sql: SqlClient, url: URL): Promise<Response> {
	const model = await readModel(sql);
	const own = Object.fromEntries(
		['bbox', 'offset', 'limit'].flatMap((k) =>
			url.searchParams.has(k) ? [[k, url.searchParams.get(k)]] : []
		)
	);
	const parsed = listQuerySchema.safeParse(own);
	if (!parsed.success) return bad(`Liste : ${parsed.error.issues[0].message}.`);
	const { bbox, offset, limit } = parsed.data;
	const cache = model.points;
	const page = listPage(model, cache, keyOf(model, url), bbox, offset, limit);
	return json({
		total: page.total,
		offset,
		meters: page.meters,
		...encodeMapPoints(page.points, cache.dict, cache.version)
	});
}

/** The list's page: the cached index's points when it exists (no second filtering), else filtered now. */
export function listPage(
	model: ReadModel,
	cache: PointsCache,
	key: string,
	bbox: Bbox | undefined,
	offset: number,
	limit: number
): { total: number; points: MapPoint[]; meters?: number[] } {
	const entry = indexesOf(cache).get(key);
	const { points, meters } = entry ?? selectPoints(model, cache, key);
	return pageOf(points, meters, bbox, offset, limit);
}

/** A page of points (with their distances) in a box, in their order; a scan, measured by bench:tiles. */
export function pageOf(
	points: readonly MapPoint[],
	meters: number[] | undefined,
	bbox: Bbox | undefined,
	offset: number,
	limit: number
): { total: number; points: MapPoint[]; meters?: number[] } {
	if (!bbox)
		return {
			total: points.length,
			points: points.slice(offset, offset + limit),
			meters: meters?.slice(offset, offset + limit)
		};
	let total = 0;
	const out: MapPoint[] = [];
	const outMeters: number[] = [];
	for (let i = 0; i < points.length; i++) {
		const p = points[i];
		if (!inBbox(p, bbox)) continue;
		if (total >= offset && out.length < limit) {
			out.push(p);
			if (meters) outMeters.push(meters[i]);
		}
		total++;
	}
	return { total, points: out, meters: meters ? outMeters : undefined };
}

const byId = new WeakMap<PointsCache, Map<string, MapPoint>>();
function pointById(cache: PointsCache, id: string): MapPoint | undefined {
	let m = byId.get(cache);
	if (!m) byId.set(cache, (m = new Map(cache.points.map((p) => [p.id, p]))));
	return m.get(id);
}

/** GET /carte/lieu/<id>.json: one placed record's point (a shared link's selection, a click on a tile). */
export async function pointResponse(sql: SqlClient, id: string): Promise<Response> {
	const model = await readModel(sql);
	const cache = model.points;
	const p = pointById(cache, id);
	if (!p) return json({ error: { status: 404, message: `Lieu « ${id} » introuvable sur la carte.` } }, 404);
	return json(encodeMapPoints([p], cache.dict, cache.version), 200, 'public, max-age=60');
}

/** At most this many ids per request: the leaves of a same-spot cluster (SAME_SPOT_MAX) fit. */
const IDS_MAX = 100;

/** GET /carte/lieux.json?ids=a,b: several points by id (« plusieurs lieux au même endroit »); unknown ids are left out. */
export async function pointsByIdsResponse(sql: SqlClient, url: URL): Promise<Response> {
	const model = await readModel(sql);
	const ids = (url.searchParams.get('ids') ?? '').split(',').filter(Boolean);
	if (!ids.length) return bad('Lieux : paramètre ids (identifiants séparés par des virgules) requis.');
	if (ids.length > IDS_MAX) return bad(`Lieux : ${IDS_MAX} identifiants au plus.`);
	const badId = ids.find((id) => !idSchema.safeParse(id).success);
	if (badId !== undefined) return bad(`Lieux : identifiant invalide « ${badId.slice(0, 60)} ».`);
	const cache = model.points;
	const points = ids.map((id) => pointById(cache, id)).filter((p) => p !== undefined);
	return json(encodeMapPoints(points, cache.dict, cache.version), 200, 'public, max-age=60');
}
