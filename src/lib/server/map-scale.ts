/**
 * The map at national scale (README "Map at national scale"): above the threshold the browser receives no
 * points; this module clusters them and answers the map's and the list's questions.
 *
 * - One **cluster index** (supercluster) per data version and filter combination (`filterKey`, the
 *   canonical query string of the filters, text and "autour de moi"). The unfiltered one is built as soon as
 *   a data version is installed (server start, then after each rebuild of the read model), after the
 *   current request, so no visitor waits for it; a filtered one is built on the first request naming its
 *   key, from the points that match (its cost is proportional to them), and kept in a small LRU.
 * - **Tiles** (`/carte/tuiles/<version>/<z>/<x>/<y>.pbf?<key>`) are cut from an index and kept in a
 *   per-index LRU; their URL names the data version and the filters, so they are served `immutable` with an
 *   ETag of the same name. A new data version is a new URL: nothing to purge. An old version's URL still
 *   answers (with the current data, revalidated) so an open page keeps its points.
 * - **The list** of the visible area: a scan of the matching points (already in memory, in French name
 *   order) keeping those in the box, paged. **Clusters as GeoJSON** for the Leaflet engine, a cluster's
 *   expansion zoom and leaves for a click, one point by id for a shared link.
 */
import Supercluster from 'supercluster';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { Bbox } from '$lib/domain/coordinates';
import { inBbox } from '$lib/domain/coordinates';
import { idSchema } from '$lib/domain/common';
import { filterPoints, nameMatcher } from '$lib/domain/map/filter';
import { parseExplorerParams } from '$lib/domain/map/map-url';
import { encodeMapPoints, isApproximate, type MapPoint } from '$lib/domain/map/points';
import {
	CLUSTER_MIN_ZOOM,
	CLUSTER_RADIUS,
	clustersQuerySchema,
	filterKey,
	listQuerySchema,
	parseAround,
	TILE_EXTENT,
	TILE_LAYER,
	TILES_MIN,
	tileParamsSchema,
	type TileLeafTags
} from '$lib/domain/map/scale';
import { MAP_LAYERS } from '$lib/domain/map/layers';
import { withinRadius } from '$lib/geo/distance';
import type { Db } from './db/connection';
import { listCommunes, listQuartiers, listThematiques } from './db/records';
import { onReadModel, readModel } from './read-model';
import type { PointsCache } from './read-model/parts';

/** A tile as vt-pbf takes it: supercluster's tiles have geojson-vt's shape. */
type VtTile = Parameters<typeof fromGeojsonVt>[0][string];

/** Cluster indexes kept per data version (the unfiltered one is never evicted). */
const MAX_INDEXES = 8;
/** Tiles kept per index: the tiles of a few hundred views. */
const MAX_TILES = 4000;
/** Same as MapLibre's GeoJSON source in the small-store mode (engine/types.ts CLUSTER_MAX_ZOOM). */
const CLUSTER_MAX_ZOOM = 16;
/** Leaves sent with a cluster's expansion, to tell "several records at one spot" from "zoom in". */
const SAME_SPOT_MAX = 60;

let tilesMin = TILES_MIN;

/** The threshold (MAP_TILES_MIN), set once at start; tests and the e2e server lower it. */
export function setTilesMin(n: number): void {
	tilesMin = n;
}

/** Whether this set of points is large enough for server-side clusters. */
export function tilesMode(c: Pick<PointsCache, 'points'>): boolean {
	return c.points.length > tilesMin;
}

interface ClusterIndex {
	key: string;
	index: Supercluster<TileLeafTags>;
	/** The matching points in French name order, with their distances for "autour de moi". */
	points: readonly MapPoint[];
	meters?: number[];
	tiles: Map<string, Uint8Array | null>;
	buildMs: number;
}

let current: { cache: PointsCache; indexes: Map<string, ClusterIndex> } | undefined;

function indexesOf(cache: PointsCache): Map<string, ClusterIndex> {
	if (current?.cache !== cache) current = { cache, indexes: new Map() };
	return current.indexes;
}

/** The icon of a point: the same numbering as the client's feature ids (engine/feature-ids.ts). */
function styleOf(p: MapPoint): number {
	return MAP_LAYERS.findIndex((l) => l.code === p.primary) * 2 + (isApproximate(p) ? 1 : 0);
}
/** Mirrors engine/feature-ids.ts STYLES: the icon is `id % STYLES`, MapLibre's style reads it so. */
const STYLES = 8;

/** The points a filter key selects, in name order, with distances when it has "autour de moi". */
export function selectPoints(
	db: Db,
	cache: PointsCache,
	key: string
): { points: readonly MapPoint[]; meters?: number[] } {
	if (key === '') return { points: cache.points };
	const params = new URLSearchParams(key);
	const ref = { communes: listCommunes(db), quartiers: listQuartiers(db), thematiques: listThematiques(db) };
	const { state } = parseExplorerParams(params, ref);
	let textIds: Set<string> | undefined;
	let nameMatch: ((name: string) => boolean) | undefined;
	if (state.q) {
		try {
			const found = readModel(db).search.quick.search(state.q, {
				mode: 'quick',
				limit: Infinity,
				kinds: ['organisation', 'initiative']
			});
			textIds = new Set(found.hits.map((h) => h.id));
		} catch {
			nameMatch = nameMatcher(state.q);
		}
	}
	const { points } = filterPoints(cache.points, cache.dict, state.filters, { textIds, nameMatch });
	const around = parseAround(params.get('autour'));
	if (!around) return { points };
	const near = withinRadius(points, (p) => p, around.center, around.radius);
	return { points: near.map((n) => n.item), meters: near.map((n) => n.meters) };
}

const positions = new WeakMap<readonly MapPoint[], Map<MapPoint, number>>();

/**
 * A cluster index of some of a version's points (`all`, whose order numbers the features). Pure apart from
 * the clock: the benchmark calls it directly.
 */
export function buildClusterIndex(
	all: readonly MapPoint[],
	selected: { points: readonly MapPoint[]; meters?: number[] },
	key: string
): ClusterIndex {
	const started = performance.now();
	let position = positions.get(all);
	if (!position) positions.set(all, (position = new Map(all.map((p, i) => [p, i]))));
	const { points, meters } = selected;
	const index = new Supercluster<TileLeafTags>({
		minZoom: CLUSTER_MIN_ZOOM,
		maxZoom: CLUSTER_MAX_ZOOM,
		radius: CLUSTER_RADIUS,
		extent: TILE_EXTENT
	}).load(
		points.map((p) => ({
			type: 'Feature' as const,
			// The point's place in the version's array and its icon, as the client's feature ids pack them.
			id: (position.get(p) ?? 0) * STYLES + styleOf(p),
			geometry: { type: 'Point' as const, coordinates: [p.lon, p.lat] },
			properties: { i: p.id, n: p.name }
		}))
	);
	return { key, index, points, meters, tiles: new Map(), buildMs: performance.now() - started };
}

function buildIndex(db: Db, cache: PointsCache, key: string): ClusterIndex {
	const started = performance.now();
	const entry = buildClusterIndex(cache.points, selectPoints(db, cache, key), key);
	return { ...entry, buildMs: performance.now() - started };
}

/** The cluster index of a filter key for the current data version: cached, else built now. */
export function clusterIndex(db: Db, key: string): ClusterIndex {
	const cache = readModel(db).points;
	const indexes = indexesOf(cache);
	let entry = indexes.get(key);
	if (entry) {
		// Most recently used last: the Map's order is the LRU's.
		indexes.delete(key);
		indexes.set(key, entry);
		return entry;
	}
	entry = buildIndex(db, cache, key);
	indexes.set(key, entry);
	for (const k of indexes.keys()) {
		if (indexes.size <= MAX_INDEXES) break;
		if (k !== '') indexes.delete(k);
	}
	return entry;
}

let watching: Db | undefined;
/**
 * Builds the unfiltered clusters of each new data version once it is installed, after the current request
 * (setImmediate), when the store is above the threshold.
 */
export function watchMapClusters(db: Db, min: number): void {
	setTilesMin(min);
	const prepare = () => {
		const cache = readModel(db).points;
		if (!tilesMode(cache) || indexesOf(cache).has('')) return;
		setImmediate(() => {
			const entry = clusterIndex(db, '');
			console.log(
				`[carte] grappes de ${entry.points.length} lieux construites en ${Math.round(entry.buildMs)} ms`
			);
		});
	};
	if (watching === db) return prepare();
	watching = db;
	onReadModel(prepare);
	prepare();
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
function keyOf(db: Db, url: URL): string {
	const params = new URLSearchParams(url.searchParams);
	for (const own of ['bbox', 'zoom', 'offset', 'limit']) params.delete(own);
	if (![...params.keys()].length) return '';
	const ref = { communes: listCommunes(db), quartiers: listQuartiers(db), thematiques: listThematiques(db) };
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
export function tileResponse(db: Db, params: Record<string, string>, request: Request, url: URL): Response {
	const parsed = tileParamsSchema.safeParse(params);
	if (!parsed.success) return bad(`Tuile : ${parsed.error.issues[0].message}.`);
	const { version, z, x, y } = parsed.data;
	const current = readModel(db).points.version;
	const key = keyOf(db, url);
	// The URL names the data version and the filters: one URL, one content, for ever.
	const fresh = version === current;
	const etag = `"t${current}-${z}-${x}-${y}-${hash(key)}"`;
	const headers = new Headers({
		'content-type': 'application/x-protobuf',
		etag,
		'cache-control': fresh ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate'
	});
	if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
	const body = tile(clusterIndex(db, key), z, x, y);
	if (!body) return new Response(null, { status: 204, headers });
	return new Response(new Uint8Array(body), { headers });
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
export function clustersResponse(db: Db, url: URL): Response {
	const parsed = clustersQuerySchema.safeParse(Object.fromEntries(url.searchParams));
	if (!parsed.success) return bad(`Grappes : ${parsed.error.issues[0].message}.`);
	const { bbox, zoom } = parsed.data;
	const entry = clusterIndex(db, keyOf(db, url));
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
	return json({ version: readModel(db).points.version, items }, 200, 'public, max-age=60');
}

/** GET /carte/tuiles/<version>/grappe/<id>.json?<filters>: where a cluster opens, and its leaves if few. */
export function clusterResponse(db: Db, id: string, url: URL): Response {
	const clusterId = Number(id);
	if (!Number.isSafeInteger(clusterId) || clusterId < 0) return bad('Grappe : identifiant entier attendu.');
	const entry = clusterIndex(db, keyOf(db, url));
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

/**
 * GET /carte/liste.json?<filters>&bbox=&offset=&limit=: a page of the list, the matching points in the
 * box (all of them without one), in name order, or nearest first with "autour de moi".
 */
export function listResponse(db: Db, url: URL): Response {
	const own = Object.fromEntries(
		['bbox', 'offset', 'limit'].flatMap((k) =>
			url.searchParams.has(k) ? [[k, url.searchParams.get(k)]] : []
		)
	);
	const parsed = listQuerySchema.safeParse(own);
	if (!parsed.success) return bad(`Liste : ${parsed.error.issues[0].message}.`);
	const { bbox, offset, limit } = parsed.data;
	const cache = readModel(db).points;
	const page = listPage(db, cache, keyOf(db, url), bbox, offset, limit);
	return json({
		total: page.total,
		offset,
		meters: page.meters,
		...encodeMapPoints(page.points, cache.dict, cache.version)
	});
}

/** The list's page: the cached index's points when it exists (no second filtering), else filtered now. */
export function listPage(
	db: Db,
	cache: PointsCache,
	key: string,
	bbox: Bbox | undefined,
	offset: number,
	limit: number
): { total: number; points: MapPoint[]; meters?: number[] } {
	const entry = indexesOf(cache).get(key);
	const { points, meters } = entry ?? selectPoints(db, cache, key);
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
export function pointResponse(db: Db, id: string): Response {
	const cache = readModel(db).points;
	const p = pointById(cache, id);
	if (!p) return json({ error: { status: 404, message: `Lieu « ${id} » introuvable sur la carte.` } }, 404);
	return json(encodeMapPoints([p], cache.dict, cache.version), 200, 'public, max-age=60');
}

/** At most this many ids per request: the leaves of a same-spot cluster (SAME_SPOT_MAX) fit. */
const IDS_MAX = 100;

/** GET /carte/lieux.json?ids=a,b: several points by id (« plusieurs lieux au même endroit »); unknown ids are left out. */
export function pointsByIdsResponse(db: Db, url: URL): Response {
	const ids = (url.searchParams.get('ids') ?? '').split(',').filter(Boolean);
	if (!ids.length) return bad('Lieux : paramètre ids (identifiants séparés par des virgules) requis.');
	if (ids.length > IDS_MAX) return bad(`Lieux : ${IDS_MAX} identifiants au plus.`);
	const badId = ids.find((id) => !idSchema.safeParse(id).success);
	if (badId !== undefined) return bad(`Lieux : identifiant invalide « ${badId.slice(0, 60)} ».`);
	const cache = readModel(db).points;
	const points = ids.map((id) => pointById(cache, id)).filter((p) => p !== undefined);
	return json(encodeMapPoints(points, cache.dict, cache.version), 200, 'public, max-age=60');
}
