import { booleanValid } from '@turf/boolean-valid';
import type { MultiPolygon, Polygon, Position } from 'geojson';

function orientation(a: Position, b: Position, c: Position): number {
	const v = (b[1] - a[1]) * (c[0] - b[0]) - (b[0] - a[0]) * (c[1] - b[1]);
	return v === 0 ? 0 : v > 0 ? 1 : -1;
}

function onSegment(a: Position, b: Position, p: Position): boolean {
	return (
		Math.min(a[0], b[0]) <= p[0] &&
		p[0] <= Math.max(a[0], b[0]) &&
		Math.min(a[1], b[1]) <= p[1] &&
		p[1] <= Math.max(a[1], b[1])
	);
}

function segmentsIntersect(p1: Position, p2: Position, q1: Position, q2: Position): boolean {
	const o1 = orientation(p1, p2, q1);
	const o2 = orientation(p1, p2, q2);
	const o3 = orientation(q1, q2, p1);
	const o4 = orientation(q1, q2, p2);
	if (o1 !== o2 && o3 !== o4) return true;
	return (
		(o1 === 0 && onSegment(p1, p2, q1)) ||
		(o2 === 0 && onSegment(p1, p2, q2)) ||
		(o3 === 0 && onSegment(q1, q2, p1)) ||
		(o4 === 0 && onSegment(q1, q2, p2))
	);
}

/**
 * True when two non-adjacent edges of a closed ring touch. Quadratic, with a box test first: boundary files
 * have at most a few thousand vertices per ring, and this runs once per import.
 */
export function ringSelfIntersects(ring: Position[]): boolean {
	const n = ring.length - 1; // the last position repeats the first
	for (let i = 0; i < n; i++) {
		const a = ring[i];
		const b = ring[i + 1];
		const minX = Math.min(a[0], b[0]);
		const maxX = Math.max(a[0], b[0]);
		const minY = Math.min(a[1], b[1]);
		const maxY = Math.max(a[1], b[1]);
		for (let j = i + 2; j < n; j++) {
			if (i === 0 && j === n - 1) continue; // first and last edges share the closing vertex
			const c = ring[j];
			const d = ring[j + 1];
			if (Math.max(c[0], d[0]) < minX || Math.min(c[0], d[0]) > maxX) continue;
			if (Math.max(c[1], d[1]) < minY || Math.min(c[1], d[1]) > maxY) continue;
			if (segmentsIntersect(a, b, c, d)) return true;
		}
	}
	return false;
}

/**
 * A polygon fit for point-in-polygon: turf's OGC checks (closed rings, no spikes, holes inside) plus a
 * check turf does not make, a ring crossing itself (a "bow tie" from a bad digitisation or a bad merge).
 */
export function isValidPolygon(geometry: Polygon | MultiPolygon): boolean {
	if (!booleanValid(geometry)) return false;
	const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
	return polygons.every((rings) => rings.every((ring) => !ringSelfIntersects(ring)));
}
