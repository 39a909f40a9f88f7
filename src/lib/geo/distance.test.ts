import { describe, expect, it } from 'vitest';
import { distanceMeters, formatDistance, withinRadius } from './distance';

const cathedral = { lon: 7.7507, lat: 48.5818 };
const kleber = { lon: 7.7455, lat: 48.5834 };

describe('distanceMeters', () => {
	it('measures a short walk in Strasbourg within a few metres', () => {
		// Cathedral -> place Kléber is about 420 m on a map.
		expect(distanceMeters(cathedral, kleber)).toBeGreaterThan(380);
		expect(distanceMeters(cathedral, kleber)).toBeLessThan(460);
	});
	it('is zero for the same point and symmetric', () => {
		expect(distanceMeters(cathedral, cathedral)).toBe(0);
		expect(distanceMeters(cathedral, kleber)).toBeCloseTo(distanceMeters(kleber, cathedral), 6);
	});
});

describe('withinRadius', () => {
	const items = [
		{ id: 'far', at: { lon: 7.8, lat: 48.6 } },
		{ id: 'none', at: undefined },
		{ id: 'kleber', at: kleber },
		{ id: 'same', at: cathedral }
	];
	it('keeps items inside the radius, nearest first, and skips items without a position', () => {
		const near = withinRadius(items, (i) => i.at, cathedral, 1000);
		expect(near.map((n) => n.item.id)).toEqual(['same', 'kleber']);
		expect(near[0].meters).toBe(0);
	});
	it('includes a point exactly on the circle', () => {
		const d = distanceMeters(cathedral, kleber);
		expect(withinRadius(items, (i) => i.at, cathedral, d).map((n) => n.item.id)).toContain('kleber');
	});
});

describe('formatDistance', () => {
	it('writes metres under 1 km and French decimals above', () => {
		expect(formatDistance(3)).toBe('10 m');
		expect(formatDistance(446)).toBe('450 m');
		expect(formatDistance(1234)).toBe('1,2 km');
		expect(formatDistance(5000)).toBe('5 km');
	});
});
