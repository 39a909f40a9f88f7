import { describe, expect, it } from 'vitest';
import { bboxOf } from './bbox';

describe('bboxOf', () => {
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
});
