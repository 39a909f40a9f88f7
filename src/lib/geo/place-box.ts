import type { Geometry } from 'geojson';
import { bboxOf } from './bbox';
import type { Bbox, LonLat } from './types';

/**
 * Half the side, in metres, of the box shown around a place's reference point when its outline has not
 * been imported: about a quartier (Strasbourg's are 2 to 5 km across) or a small commune of the
 * Eurométropole, so the map lands at a zoom where the place and its surroundings are readable.
 */
export const REFERENCE_HALF_SIDE = { quartier: 1200, commune: 2500 } as const;

const METRES_PER_DEGREE = 111_320;

/** The square of half side `halfSide` metres centred on `p`, as [west, south, east, north]. */
export function boxAround(p: LonLat, halfSide: number): Bbox {
	const dLat = halfSide / METRES_PER_DEGREE;
	const dLon = halfSide / (METRES_PER_DEGREE * Math.cos((p.lat * Math.PI) / 180));
	return [p.lon - dLon, p.lat - dLat, p.lon + dLon, p.lat + dLat];
}

const round = (n: number) => Math.round(n * 1e5) / 1e5;

/**
 * What the map shows when a quartier or a commune is chosen: its outline's box when the outline is
 * imported, else a box around its reference point. Rounded to about a metre (it travels in the page).
 */
export function placeBox(place: {
	kind: keyof typeof REFERENCE_HALF_SIDE;
	point: LonLat;
	outline?: Geometry;
}): Bbox {
	const box = place.outline ? bboxOf(place.outline) : boxAround(place.point, REFERENCE_HALF_SIDE[place.kind]);
	return box.map(round) as Bbox;
}

/** The box holding all the given boxes; undefined for none. */
export function unionBox(boxes: readonly Bbox[]): Bbox | undefined {
	if (!boxes.length) return undefined;
	return [
		Math.min(...boxes.map((b) => b[0])),
		Math.min(...boxes.map((b) => b[1])),
		Math.max(...boxes.map((b) => b[2])),
		Math.max(...boxes.map((b) => b[3]))
	];
}
