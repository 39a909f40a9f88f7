/**
 * Lambert-93 (EPSG:2154, RGF93 on the GRS80 ellipsoid), the projection of French open data's coordinates
 * (SIRENE, FINESS), to WGS84 longitude and latitude.
 *
 * Done with proj4 (https://github.com/proj4js/proj4js), a dependency already, rather than our own
 * formula: the inverse Lambert conformal conic needs an iteration on the isometric latitude, which proj4
 * has had right and tested for years; our copy would be code to keep with no gain. RGF93 and WGS84 differ
 * by a few centimetres, below what a map of places can show, hence the null datum shift.
 */
import proj4 from 'proj4';

export const LAMBERT_93 =
	'+proj=lcc +lat_0=46.5 +lon_0=3 +lat_1=49 +lat_2=44 +x_0=700000 +y_0=6600000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs +type=crs';
const WGS84 = '+proj=longlat +datum=WGS84 +no_defs';
const lambertToWgs84 = proj4(LAMBERT_93, WGS84);

/** Lambert-93 (x = abscisse, y = ordonnée, metres) -> [lon, lat], rounded to 6 decimals (about 0.1 m). */
export function lambert93ToWgs84(x: number, y: number): [number, number] {
	const [lon, lat] = lambertToWgs84.forward([x, y]);
	return [Math.round(lon * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6];
}

/** The same, unrounded (for the tests that measure the projection). */
export function lambert93ToWgs84Exact(x: number, y: number): [number, number] {
	const [lon, lat] = lambertToWgs84.forward([x, y]);
	return [lon, lat];
}
