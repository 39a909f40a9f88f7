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
