import { describe, expect, it } from 'vitest';
import { SIZE_BANDS, isSizeBand, sizeBandLabel } from './size-bands';

describe('size bands', () => {
	it('lists INSEE’s 16 bands once each', () => {
		expect(SIZE_BANDS).toHaveLength(16);
		expect(new Set(SIZE_BANDS.map((b) => b.code)).size).toBe(16);
	});

	it('labels codes in French and rejects the rest', () => {
		expect(sizeBandLabel('NN')).toBe('Unité non employeuse');
		expect(sizeBandLabel('12')).toBe('20 à 49 salariés');
		expect(isSizeBand('53')).toBe(true);
		expect(isSizeBand('04')).toBe(false);
		expect(isSizeBand('')).toBe(false);
	});
});
