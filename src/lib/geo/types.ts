/** Plain coordinates used across the app (WGS84, degrees). GeoJSON positions are [lon, lat]. */
export interface LonLat {
	lon: number;
	lat: number;
}

/** [west, south, east, north] in degrees, as in GeoJSON and turf. */
export type Bbox = [number, number, number, number];
