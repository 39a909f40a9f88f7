import { bbox } from '@turf/bbox';
import type { Geometry } from 'geojson';
import type { Bbox, LonLat } from './types';

export function bboxOf(geometry: Geometry): Bbox {
	const [w, s, e, n] = bbox(geometry);
	return [w, s, e, n];
}

/** True when the two boxes share at least a point. */
export function bboxesIntersect(a: Bbox, b: Bbox): boolean {
	return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/** The smallest box holding every point, or undefined for none. */
export function bboxOfPoints(points: Iterable<LonLat>): Bbox | undefined {
	let w = Infinity;
	let s = Infinity;
	let e = -Infinity;
	let n = -Infinity;
	for (const p of points) {
		if (p.lon < w) w = p.lon;
		if (p.lon > e) e = p.lon;
		if (p.lat < s) s = p.lat;
		if (p.lat > n) n = p.lat;
	}
	return w === Infinity ? undefined : [w, s, e, n];
}
