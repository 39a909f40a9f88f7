import { describe, expect, it } from 'vitest';
import { filterPoints, limitToZone, NO_FILTERS } from '$lib/domain/map/filter';
import { dict, points } from '$lib/domain/map/test-points';
import { nearest } from './around';

describe('nearest', () => {
	it('limits to the circle and sorts by distance with the distances', () => {
		const r = nearest(filterPoints(points, dict, NO_FILTERS).points, {
			center: { lon: 7.7507, lat: 48.5818 },
			radius: 1000,
			label: 'ici'
		});
		expect(r.points.map((x) => x.id)).toEqual(['cafe', 'banque']);
		expect(r.meters?.[0]).toBe(0);
		expect(r.meters?.[1]).toBeGreaterThan(0);
	});
	it('limits the list to the visible zone, keeping distances aligned', () => {
		const r = nearest(filterPoints(points, dict, NO_FILTERS).points, {
			center: { lon: 7.75, lat: 48.58 },
			radius: 8000,
			label: 'x'
		});
		const z = limitToZone(r, [7.77, 48.5, 7.8, 48.6]);
		expect(z.points.map((x) => x.id)).toEqual(['jardin', 'epicerie']);
		expect(z.meters).toEqual(r.meters?.filter((_, i) => ['jardin', 'epicerie'].includes(r.points[i].id)));
	});
});
