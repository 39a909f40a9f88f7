/**
 * The map at national scale. Up to `TILES_MIN` placed records the browser receives every point (compact
 * JSON) and clusters them itself, as it always did; above, it receives nothing but the first page of the
 * list: the server clusters the points (per data version and per filter combination) and serves them as
 * vector tiles, the list is a paged query by filters and visible box, and a selection is fetched by id.
 * This module holds the pure part: the threshold, the tile maths, the canonical key of a filter
 * combination (the part of a tile's URL naming what it shows) and the query parameters' schemas.
 */
import { z } from 'zod';
import type { Bbox } from '../coordinates';
import { explorerParams, defaultState, parseZone } from './map-url';
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

const int = (label: string, min: number, max: number) =>
	z.coerce
		.number({ error: `${label} : nombre entier attendu` })
		.int({ error: `${label} : nombre entier attendu` })
		.min(min, { error: `${label} : au moins ${min}` })
		.max(max, { error: `${label} : au plus ${max}` });

/** `/carte/tuiles/<version>/<z>/<x>/<y>.pbf`: x and y within the zoom's grid. */
export const tileParamsSchema = z
	.object({
		version: int('version des données', 0, Number.MAX_SAFE_INTEGER),
		z: int('zoom', 0, 22),
		x: int('colonne', 0, 2 ** 22 - 1),
		y: int('ligne', 0, 2 ** 22 - 1)
	})
	.refine((t) => t.x < 2 ** t.z && t.y < 2 ** t.z, { error: 'tuile hors de la grille de ce zoom' });

export type TileParams = z.infer<typeof tileParamsSchema>;

const bboxSchema = z.string().transform((s, ctx) => {
	const b = parseZone(s);
	if (!b) ctx.addIssue({ code: 'custom', message: 'zone : ouest,sud,est,nord attendu (dans la région)' });
	return b as Bbox;
});

/** The list's query: the filter key's parameters plus the box, the page and its size. */
export const listQuerySchema = z.object({
	bbox: bboxSchema.optional(),
	offset: int('début de page', 0, 10_000_000).default(0),
	limit: int('taille de page', 1, LIST_PAGE_MAX).default(50)
});

/** The clusters of a box at a zoom (the Leaflet engine asks these instead of tiles). */
export const clustersQuerySchema = z.object({
	bbox: bboxSchema,
	zoom: int('zoom', 0, 22)
});

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
