import { describe, expect, it } from 'vitest';
import { isValidPolygon, ringSelfIntersects } from './validity';
import { square } from './test-shapes';

describe('ringSelfIntersects', () => {
	it('accepts a square and a concave ring', () => {
		expect(ringSelfIntersects(square(0, 0, 1, 1).coordinates[0])).toBe(false);
		const concave = [
			[0, 0],
			[4, 0],
			[4, 4],
			[2, 1],
			[0, 4],
			[0, 0]
		];
		expect(ringSelfIntersects(concave)).toBe(false);
	});
	it('finds a bow tie and a ring touching itself', () => {
		const bowtie = [
			[0, 0],
			[1, 1],
			[1, 0],
			[0, 1],
			[0, 0]
		];
		expect(ringSelfIntersects(bowtie)).toBe(true);
		const touching = [
			[0, 0],
			[4, 0],
			[4, 4],
			[2, 0],
			[0, 4],
			[0, 0]
		];
		expect(ringSelfIntersects(touching)).toBe(true);
	});
});

describe('isValidPolygon', () => {
	it('accepts a polygon with a hole and refuses a hole outside its shell', () => {
		const withHole = {
			type: 'Polygon' as const,
			coordinates: [square(0, 0, 4, 4).coordinates[0], square(1, 1, 2, 2).coordinates[0]]
		};
		expect(isValidPolygon(withHole)).toBe(true);
		const crossingHole = {
			type: 'Polygon' as const,
			coordinates: [square(0, 0, 4, 4).coordinates[0], square(3, 3, 5, 5).coordinates[0]]
		};
		expect(isValidPolygon(crossingHole)).toBe(false);
	});
	it('refuses a multipolygon with a bow-tie part', () => {
		const bowtie = [
			[10, 10],
			[11, 11],
			[11, 10],
			[10, 11],
			[10, 10]
		];
		expect(
			isValidPolygon({ type: 'MultiPolygon', coordinates: [square(0, 0, 1, 1).coordinates, [bowtie]] })
		).toBe(false);
	});
});
