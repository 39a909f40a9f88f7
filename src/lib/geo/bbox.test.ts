import { describe, expect, it } from 'vitest';
import { bboxOf, bboxOfPoints, bboxesIntersect } from './bbox';

describe('bbox helpers', () => {
	it('computes the box of a polygon', () => {
		expect(
			bboxOf({
				type: 'Polygon',
				coordinates: [
					[
						[7.7, 48.5],
						[7.8, 48.5],
						[7.8, 48.6],
						[7.7, 48.5]
					]
				]
			})
		).toEqual([7.7, 48.5, 7.8, 48.6]);
	});
	it('detects overlapping and disjoint boxes', () => {
		expect(bboxesIntersect([0, 0, 2, 2], [1, 1, 3, 3])).toBe(true);
		expect(bboxesIntersect([0, 0, 1, 1], [2, 2, 3, 3])).toBe(false);
	});
	it('bounds a set of points and answers undefined for none', () => {
		expect(
			bboxOfPoints([
				{ lon: 7.7, lat: 48.6 },
				{ lon: 7.8, lat: 48.5 }
			])
		).toEqual([7.7, 48.5, 7.8, 48.6]);
		expect(bboxOfPoints([])).toBeUndefined();
	});
});
