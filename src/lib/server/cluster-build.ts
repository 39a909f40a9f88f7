/**
 * Building a cluster index (supercluster) of some of a data version's points, in this thread or in the
 * cluster worker (./cluster-worker.ts), and moving a built index between threads without copying it.
 *
 * The points go in as two typed arrays (lon, lat pairs and feature ids: the point's place in the version's
 * array and its icon, packed as the client's feature ids), not as GeoJSON objects: a filter of 130,000
 * points no longer allocates half a million objects per change (the garbage collector was the largest
 * single cost of a build). Leaves carry their record's id and name (`TileLeafTags`); those objects are made
 * once per data version and shared by every index of that version (`leafTagsOf`), never sent to a worker.
 *
 * supercluster keeps its index in typed arrays (one KD-tree and one cluster table per zoom, the points'
 * projected coordinates); `toTransferable` hands those buffers over and `fromTransferable` puts them back
 * into a supercluster object, so a worker's build costs this thread a few milliseconds. This reads
 * supercluster's own fields (`trees`, `props`, `coords`, `ids`, `numPoints`): the versions are pinned
 * (supercluster 9.1.0, kdbush 4.1.0) and `cluster-build.test.ts` checks that a moved index cuts the same
 * tiles and opens the same clusters as the original.
 */
import KDBush from 'kdbush';
import Supercluster from 'supercluster';
import { CLUSTER_MIN_ZOOM, CLUSTER_RADIUS, TILE_EXTENT, type TileLeafTags } from '$lib/domain/map/scale';

/** Same as MapLibre's GeoJSON source in the small-store mode (engine/types.ts CLUSTER_MAX_ZOOM). */
export const CLUSTER_MAX_ZOOM = 16;

export type ClusterTree = Supercluster<TileLeafTags>;

/** supercluster's fields read and written here (see the top of this file). */
interface Internals {
	/** A KD-tree whose `data` supercluster replaced by its cluster table (its own buffer stays `ids.buffer`). */
	trees: { ids: { buffer: ArrayBufferLike }; data: Int32Array }[];
	props: unknown[];
	coords: Float64Array;
	ids: ArrayLike<number> | null;
	numPoints: number;
}

const options = () => ({
	minZoom: CLUSTER_MIN_ZOOM,
	maxZoom: CLUSTER_MAX_ZOOM,
	radius: CLUSTER_RADIUS,
	extent: TILE_EXTENT
});

/**
 * The index of the points given as `lonLat` (lon, lat pairs) and `featureIds`. Leaves' tags are left out
 * (`withTags` puts them back from the feature ids), so the same function runs in the worker.
 */
export function buildTree(lonLat: Float64Array, featureIds: Float64Array): ClusterTree {
	const n = featureIds.length;
	// One reusable feature: supercluster copies what it needs (coordinates, id, properties) as it reads.
	const features = new Array(n);
	for (let k = 0; k < n; k++)
		features[k] = {
			type: 'Feature' as const,
			id: featureIds[k],
			geometry: { type: 'Point' as const, coordinates: [lonLat[2 * k], lonLat[2 * k + 1]] },
			properties: null
		};
	return new Supercluster<TileLeafTags>(options()).load(features);
}

/** Puts each leaf's tags back, from the version's tags by point index (`featureId / styles`). */
export function withTags(tree: ClusterTree, tags: readonly TileLeafTags[], styles: number): ClusterTree {
	const t = tree as unknown as Internals;
	const ids = t.ids!;
	const props = new Array(t.numPoints);
	for (let k = 0; k < t.numPoints; k++) props[k] = tags[Math.floor(ids[k] / styles)];
	t.props = props;
	return tree;
}

/** A built index as buffers a worker can transfer (its leaves' tags are not in it). */
export interface TransferableTree {
	numPoints: number;
	coords: Float64Array;
	ids: Float64Array;
	/** The distinct KD-trees (a zoom where nothing merges shares the next one's). */
	kd: ArrayBuffer[];
	data: Int32Array[];
	/** For each zoom from 0 to CLUSTER_MAX_ZOOM + 1: which of `kd`/`data`, or -1 below the minimum. */
	zooms: number[];
}

export function toTransferable(tree: ClusterTree): { value: TransferableTree; transfer: ArrayBuffer[] } {
	const t = tree as unknown as Internals;
	const distinct: Internals['trees'] = [];
	const zooms = Array.from({ length: CLUSTER_MAX_ZOOM + 2 }, (_, z) => {
		const kd = t.trees[z];
		if (!kd) return -1;
		let at = distinct.indexOf(kd);
		if (at < 0) at = distinct.push(kd) - 1;
		return at;
	});
	const ids = Float64Array.from(t.ids ?? []);
	const value: TransferableTree = {
		numPoints: t.numPoints,
		coords: t.coords,
		ids,
		kd: distinct.map((kd) => kd.ids.buffer as ArrayBuffer),
		data: distinct.map((kd) => kd.data),
		zooms
	};
	const buffers = new Set<ArrayBuffer>([t.coords.buffer as ArrayBuffer, ids.buffer]);
	for (const kd of distinct) {
		buffers.add(kd.ids.buffer as ArrayBuffer);
		buffers.add(kd.data.buffer as ArrayBuffer);
	}
	return { value, transfer: [...buffers] };
}

export function fromTransferable(value: TransferableTree): ClusterTree {
	const tree = new Supercluster<TileLeafTags>(options());
	const t = tree as unknown as Internals;
	const distinct = value.kd.map((buffer, k) => {
		const kd = KDBush.from(buffer) as unknown as Internals['trees'][number];
		kd.data = value.data[k];
		return kd;
	});
	t.trees = value.zooms.map((k) => (k < 0 ? undefined : distinct[k])) as Internals['trees'];
	t.numPoints = value.numPoints;
	t.coords = value.coords;
	t.ids = value.ids;
	t.props = [];
	return tree;
}

/** supercluster's entry layout in its per-zoom tables (its OFFSET_* constants): x, y, zoom, id, parent, count. */
const STRIDE = 6;
const OFFSET_ID = 3;
const OFFSET_PARENT = 4;
/** supercluster's fixed-point coordinates: (mercator - 0.5) * 2^30. */
const SCALE = 0x40000000;
const decode = (v: number) => v / SCALE + 0.5;
const encode = (c: number) => (c - 0.5) * SCALE;
const lngX = (lng: number) => lng / 360 + 0.5;
const latY = (lat: number) => {
	const sin = Math.sin((lat * Math.PI) / 180);
	const y = 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI;
	return y < 0 ? 0 : y > 1 ? 1 : y;
};
const xLng = (x: number) => (x - 0.5) * 360;
const yLat = (y: number) => (360 * Math.atan(Math.exp(((180 - y * 360) * Math.PI) / 180))) / Math.PI - 90;

interface KdTree {
	numItems: number;
	data: Int32Array;
	range(minX: number, minY: number, maxX: number, maxY: number): number[];
}

/** Per entry of one zoom's table: how many matching points it holds, their summed positions, one of them. */
interface Level {
	count: Int32Array;
	sumX: Float64Array;
	sumY: Float64Array;
	/** The leaf index (in the index's own points) of a matching point it holds. */
	one: Int32Array;
}

/**
 * An index's clusters recounted for a subset of its points: the same groups, each with the number of
 * matching points it holds, placed at their mean position; groups holding none are dropped, groups holding
 * one become that point. This is what the map shows for a filter combination while its own index is
 * built (the nearest built index that holds all its points, `$lib/domain/map/nearest-index`): every count
 * and every point is the combination's, only the grouping is the larger index's.
 */
export interface Recount {
	tree: ClusterTree;
	levels: Level[];
	/** How many of the index's points match. */
	matched: number;
}

/**
 * One pass down the index's zooms, from its points to its widest clusters: an entry's parent (set by
 * supercluster when it merged) says where its counts go. `matches(v)` is asked with the point's place in
 * the data version's array (`featureId / styles`, as `withTags`).
 */
export function recount(tree: ClusterTree, matches: (v: number) => boolean, styles: number): Recount {
	const t = tree as unknown as Internals & { trees: KdTree[] };
	const ids = t.ids!;
	const levels: Level[] = new Array(CLUSTER_MAX_ZOOM + 2);
	const top = t.trees[CLUSTER_MAX_ZOOM + 1];
	const n = top.numItems;
	const leaves: Level = {
		count: new Int32Array(n),
		sumX: new Float64Array(n),
		sumY: new Float64Array(n),
		one: new Int32Array(n).fill(-1)
	};
	let matched = 0;
	for (let j = 0; j < n; j++) {
		const k = j * STRIDE;
		const leaf = top.data[k + OFFSET_ID];
		if (!matches(Math.floor(ids[leaf] / styles))) continue;
		matched++;
		leaves.count[j] = 1;
		leaves.sumX[j] = top.data[k];
		leaves.sumY[j] = top.data[k + 1];
		leaves.one[j] = leaf;
	}
	levels[CLUSTER_MAX_ZOOM + 1] = leaves;
	for (let z = CLUSTER_MAX_ZOOM; z >= CLUSTER_MIN_ZOOM; z--) {
		const below = t.trees[z + 1];
		const here = t.trees[z];
		const from = levels[z + 1];
		if (here === below) {
			levels[z] = from;
			continue;
		}
		const m = here.numItems;
		const to: Level = {
			count: new Int32Array(m),
			sumX: new Float64Array(m),
			sumY: new Float64Array(m),
			one: new Int32Array(m).fill(-1)
		};
		// supercluster writes this zoom's table in the order of the entries below that start a group or
		// stay alone; an entry merged into a group comes after the entry that started it (its parent's
		// origin), so one pass finds every entry's place.
		const place = new Int32Array(below.numItems);
		let cursor = 0;
		for (let k = 0; k < below.numItems; k++) {
			const parent = below.data[k * STRIDE + OFFSET_PARENT];
			let at: number;
			if (parent === -1) at = cursor++;
			else {
				const origin = (parent - t.numPoints) >> 5;
				at = origin === k ? cursor++ : place[origin];
			}
			place[k] = at;
			const c = from.count[k];
			if (!c) continue;
			to.count[at] += c;
			to.sumX[at] += from.sumX[k];
			to.sumY[at] += from.sumY[k];
			to.one[at] = from.one[k];
		}
		if (cursor !== m) throw new Error(`regroupement inattendu au zoom ${z} (${cursor} ≠ ${m})`);
		levels[z] = to;
	}
	return { tree, levels, matched };
}

/** A recounted entry as a tile feature, a Leaflet item or nothing; shared by the two readers below. */
function entryOf(rc: Recount, level: Level, tree: KdTree, e: number) {
	const c = level.count[e];
	if (!c) return undefined;
	const t = rc.tree as unknown as Internals;
	if (c === 1) {
		const leaf = level.one[e];
		return {
			cluster: false as const,
			px: t.coords[2 * leaf],
			py: t.coords[2 * leaf + 1],
			id: (t.ids as ArrayLike<number>)[leaf],
			tags: t.props[leaf] as TileLeafTags
		};
	}
	return {
		cluster: true as const,
		px: decode(level.sumX[e] / c),
		py: decode(level.sumY[e] / c),
		// Negative: a stand-in's group, opened from the larger index (`provisionalClusterId`).
		id: provisionalClusterId(tree.data[e * STRIDE + OFFSET_ID]),
		count: c
	};
}

/** A stand-in group's id, told apart from an exact index's (always ≥ 0) by its sign; its own inverse. */
export function provisionalClusterId(id: number): number {
	return -1 - id;
}

const zoomOf = (z: number) => Math.max(CLUSTER_MIN_ZOOM, Math.min(Math.floor(z), CLUSTER_MAX_ZOOM + 1));
const abbreviated = (n: number) =>
	n >= 10000 ? `${Math.round(n / 1000)}k` : n >= 1000 ? `${Math.round(n / 100) / 10}k` : n;

/** A tile of the recounted index, in supercluster's (geojson-vt's) shape, or null when empty. */
export function recountTile(rc: Recount, z: number, x: number, y: number) {
	const t = rc.tree as unknown as Internals & { trees: KdTree[] };
	const zz = zoomOf(z);
	const tree = t.trees[zz];
	const level = rc.levels[zz];
	const z2 = 2 ** z;
	const p = CLUSTER_RADIUS / TILE_EXTENT;
	const features: { type: 1; geometry: [[number, number]]; tags: object; id?: number }[] = [];
	// The map never shows the antimeridian: the region's tiles need no wrapped copies.
	const ids = tree.range(
		encode((x - p) / z2),
		encode((y - p) / z2),
		encode((x + 1 + p) / z2),
		encode((y + 1 + p) / z2)
	);
	for (const e of ids) {
		const f = entryOf(rc, level, tree, e);
		if (!f) continue;
		const geometry: [[number, number]] = [
			[Math.round(TILE_EXTENT * (f.px * z2 - x)), Math.round(TILE_EXTENT * (f.py * z2 - y))]
		];
		features.push(
			f.cluster
				? {
						type: 1,
						geometry,
						id: f.id,
						tags: {
							cluster: true,
							cluster_id: f.id,
							point_count: f.count,
							point_count_abbreviated: abbreviated(f.count)
						}
					}
				: { type: 1, geometry, id: f.id, tags: f.tags }
		);
	}
	return features.length ? { features } : null;
}

/** The recounted index's groups and points in a box at a zoom (the Leaflet engine's question). */
export function recountClusters(rc: Recount, bbox: readonly [number, number, number, number], zoom: number) {
	const t = rc.tree as unknown as Internals & { trees: KdTree[] };
	const zz = zoomOf(zoom);
	const tree = t.trees[zz];
	const level = rc.levels[zz];
	const ids = tree.range(
		encode(lngX(bbox[0])),
		encode(latY(bbox[3])),
		encode(lngX(bbox[2])),
		encode(latY(bbox[1]))
	);
	const out: (
		| { cluster: true; lon: number; lat: number; count: number; id: number }
		| { cluster: false; lon: number; lat: number; featureId: number; tags: TileLeafTags }
	)[] = [];
	for (const e of ids) {
		const f = entryOf(rc, level, tree, e);
		if (!f) continue;
		const lon = xLng(f.px);
		const lat = yLat(f.py);
		out.push(
			f.cluster
				? { cluster: true, lon, lat, count: f.count, id: f.id }
				: { cluster: false, lon, lat, featureId: f.id, tags: f.tags }
		);
	}
	return out;
}
