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

/**
 * The Eurométropole's bounding box (of its 33 communes' outlines, IGN Admin Express), widened by about 5 km:
 * a record placed outside it is almost certainly a typo (swapped lon/lat, a missing digit).
 */
export const EMS_BBOX = [7.5381, 48.4341, 7.8963, 48.7019] as const;
const MARGIN = 0.07;
export const ALLOWED_BBOX = [
	EMS_BBOX[0] - MARGIN,
	EMS_BBOX[1] - MARGIN,
	EMS_BBOX[2] + MARGIN,
	EMS_BBOX[3] + MARGIN
] as const;

/** Whether the point is in the box, edges included. */
export function inBbox(p: LonLat, b: Bbox): boolean {
	return p.lon >= b[0] && p.lon <= b[2] && p.lat >= b[1] && p.lat <= b[3];
}
