import { describe, expect, it } from 'vitest';
import { inBbox } from './coordinates';

describe('inBbox', () => {
	it('tells whether a point is inside, edges included', () => {
		const b: [number, number, number, number] = [7.7, 48.5, 7.8, 48.6];
		expect(inBbox({ lon: 7.75, lat: 48.55 }, b)).toBe(true);
		expect(inBbox({ lon: 7.8, lat: 48.6 }, b)).toBe(true);
		expect(inBbox({ lon: 7.81, lat: 48.55 }, b)).toBe(false);
	});
});
