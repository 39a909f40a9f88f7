import { describe, expect, it } from 'vitest';
import { PALETTE, ZERO_COLOUR, choropleth, classify, colourOf } from './choropleth';

describe('classify', () => {
	it('keeps zero apart and splits the positive counts into whole-number ranges', () => {
		const classes = classify([0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 0]);
		expect(classes[0]).toMatchObject({ min: 0, max: 0, label: 'aucune', colour: ZERO_COLOUR });
		expect(classes.slice(1).map((c) => [c.min, c.max])).toEqual([
			[1, 2],
			[3, 5],
			[8, 8],
			[13, 21],
			[34, 55]
		]);
		expect(classes.at(-1)?.colour).toBe(PALETTE.at(-1));
	});
	it('uses one class per value when there are few, darkest for the largest', () => {
		const classes = classify([4, 1]);
		expect(classes.map((c) => c.label)).toEqual(['1', '4']);
		expect(classes[1].colour).toBe(PALETTE.at(-1));
		expect(classes[0].colour).toBe(PALETTE[0]);
	});
	it('has only the zero class when nothing is counted', () => {
		expect(classify([0, 0]).map((c) => c.label)).toEqual(['aucune']);
		expect(classify([])).toEqual([]);
	});
	it('never leaves a count without a class', () => {
		const counts = [0, 7, 7, 9, 100, 3, 2, 2, 1];
		const classes = classify(counts);
		for (const c of counts) expect(classes.some((k) => c >= k.min && c <= k.max)).toBe(true);
	});
});

describe('choropleth', () => {
	it('gives a row per area in order with its count, missing areas counting zero', () => {
		const result = choropleth(
			[
				{ code: 'SQ_01', name: 'Centre' },
				{ code: 'SQ_02', name: 'Bourse' }
			],
			new Map([['SQ_02', 3]])
		);
		expect(result.rows).toEqual([
			{ code: 'SQ_01', name: 'Centre', count: 0, colour: ZERO_COLOUR },
			{ code: 'SQ_02', name: 'Bourse', count: 3, colour: colourOf(3, result.classes) }
		]);
		expect(result.total).toBe(3);
	});
});
