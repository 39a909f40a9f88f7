/**
 * The map at national scale. Up to `TILES_MIN` placed records the browser receives every point (compact
 * JSON) and clusters them itself, as it always did; above, it receives nothing but the first page of the
 * list: the server clusters the points (per data version and per filter combination) and serves them as
 * vector tiles, the list is a paged query by filters and visible box, and a selection is fetched by id.
 * This module holds the pure part: the threshold, the tile maths, the canonical key of a filter
 * combination (the part of a tile's URL naming what it shows); the query parameters' schemas are in
 * scale-parse.ts, for the server alone (the explorer's first load computes keys, it never parses).
 */
import type { Bbox } from '../coordinates';
import { explorerParams, defaultState } from './map-url';
import type { Around, PointFilters } from './filter';

/**
 * Placed records above which the map switches to server-side clusters. At 20,000 points the compact JSON
 * is about 1.2 MB (300 KB gzip) and MapLibre's worker clusters it in a few hundred milliseconds: below,
 * the client-side GeoJSON is the faster first view and needs no round trip per filter or tile.
 */
export const TILES_MIN = 20_000;
/**
 * Points from which the server builds a selection's cluster index in its cluster worker: about 0.1 s of
 * work on a quiet 2-core machine, several times that under load; below, the thread's own build is cheaper
 * than a round trip to the worker.
 */
export const CLUSTER_WORKER_MIN = 10_000;
/** Tile extent and cluster radius, in tile pixels: the same clustering as MapLibre's GeoJSON source. */
export const TILE_EXTENT = 512;
export const CLUSTER_RADIUS = 50;
/**
 * Lowest zoom with its own clusters: the map cannot show more than the Eurométropole's region (its
 * maxBounds), so lower zooms are never asked; each level skipped saves a pass over every point.
 */
export const CLUSTER_MIN_ZOOM = 6;
/** The vector tiles' one layer. */
export const TILE_LAYER = 'points';
/** At most this many list items per request. */
export const LIST_PAGE_MAX = 200;

/** Where the server's clusters come from: the data version and the filter key (see `filterKey`). */
export interface RemotePoints {
	version: number;
	/** The canonical query string of the filters, text and "autour de moi" (no `?`; '' for none). */
	key: string;
}

/** Leaf features in the tiles carry the record's id and name (for the crosshair), and its icon's style. */
export interface TileLeafTags {
	i: string;
	n: string;
}

/**
 * The canonical query string of what the map shows: text, layers and filters as the explorer's URL writes
 * them, then `autour=lon,lat,metres`. Equal selections give equal keys, so one cached cluster index serves
 * every visitor who chose the same filters.
 */
export function filterKey(
	q: string,
	filters: PointFilters,
	around?: Pick<Around, 'center' | 'radius'>
): string {
	const p = explorerParams({ ...defaultState(), q, filters });
	if (around)
		p.set(
			'autour',
			`${around.center.lon.toFixed(5)},${around.center.lat.toFixed(5)},${Math.round(around.radius)}`
		);
	return p.toString().replace(/%2C/g, ',');
}

/** Reads `autour=lon,lat,metres` (50 m to 50 km); undefined when absent or unreadable. */
export function parseAround(s: string | null): Pick<Around, 'center' | 'radius'> | undefined {
	if (s === null) return undefined;
	const parts = s.split(',').map(Number);
	if (parts.length !== 3 || parts.some((v) => !Number.isFinite(v))) return undefined;
	const [lon, lat, radius] = parts;
	if (Math.abs(lon) > 180 || Math.abs(lat) > 90 || radius < 50 || radius > 50_000) return undefined;
	return { center: { lon, lat }, radius };
}

/** Longitude and latitude of a tile's north-west corner (Web Mercator, as MapLibre and Leaflet). */
export function tileCorner(z: number, x: number, y: number): { lon: number; lat: number } {
	const n = 2 ** z;
	const lon = (x / n) * 360 - 180;
	const lat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / n))) * 180) / Math.PI;
	return { lon, lat };
}

/** The tile holding a point at a zoom. */
export function tileOf(lon: number, lat: number, z: number): { x: number; y: number } {
	const n = 2 ** z;
	const rad = (lat * Math.PI) / 180;
	const x = Math.floor(((lon + 180) / 360) * n);
	const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
	return { x: Math.min(n - 1, Math.max(0, x)), y: Math.min(n - 1, Math.max(0, y)) };
}

/** The tiles covering a box at a zoom, row by row. */
export function tilesCovering(b: Bbox, z: number): { z: number; x: number; y: number }[] {
	const nw = tileOf(b[0], b[3], z);
	const se = tileOf(b[2], b[1], z);
	const out: { z: number; x: number; y: number }[] = [];
	for (let y = nw.y; y <= se.y; y++) for (let x = nw.x; x <= se.x; x++) out.push({ z, x, y });
	return out;
}
