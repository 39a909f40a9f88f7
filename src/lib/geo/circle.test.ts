import { describe, expect, it } from 'vitest';
import { circlePolygon } from './circle';
import { distanceMeters } from './distance';

describe('circlePolygon', () => {
	it('draws a closed ring whose vertices all sit at the radius', () => {
		const center = { lon: 7.75, lat: 48.58 };
		const ring = circlePolygon(center, 1000, 32).geometry.coordinates[0];
		expect(ring.length).toBe(33);
		expect(ring[0]).toEqual(ring[ring.length - 1]);
		for (const [lon, lat] of ring) {
			expect(distanceMeters(center, { lon, lat })).toBeGreaterThan(995);
			expect(distanceMeters(center, { lon, lat })).toBeLessThan(1005);
		}
	});
});
