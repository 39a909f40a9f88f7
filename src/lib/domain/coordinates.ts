/**
 * Plain coordinates used across the app (WGS84, degrees). GeoJSON positions are [lon, lat].
 * They belong to the domain (records carry positions, the map model filters by a box); `$lib/geo`'s helpers
 * take the same types.
 */
export interface LonLat {
	lon: number;
	lat: number;
}

/** [west, south, east, north] in degrees, as in GeoJSON and turf. */
export type Bbox = [number, number, number, number];

/** Whether the point is in the box, edges included. */
export function inBbox(p: LonLat, b: Bbox): boolean {
	return p.lon >= b[0] && p.lon <= b[2] && p.lat >= b[1] && p.lat <= b[3];
}
