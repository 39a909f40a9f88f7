import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeFeatureId, encodeFeatureId, GENERATIONS, ICON_NAMES, STYLES, styleOf } from './feature-ids';

describe('feature ids', () => {
	it('round-trips index, generation and style', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 5_000_000 }),
				fc.integer({ min: 0, max: 1000 }),
				fc.integer({ min: 0, max: STYLES - 1 }),
				(index, generation, style) => {
					const id = encodeFeatureId(index, generation, style);
					expect(Number.isSafeInteger(id)).toBe(true);
					expect(decodeFeatureId(id)).toEqual({ index, generation: generation % GENERATIONS, style });
				}
			)
		);
	});

	it('keeps the icon in the low digits the style expression reads', () => {
		const style = styleOf('initiatives', true);
		expect(ICON_NAMES[encodeFeatureId(1234, 1, style) % STYLES]).toBe('i-a');
		expect(ICON_NAMES[styleOf('structures', false)]).toBe('s-e');
		expect(ICON_NAMES[styleOf('financeurs', true)]).toBe('f-a');
	});

	it('tells the generations apart', () => {
		expect(encodeFeatureId(7, 0, 3)).not.toBe(encodeFeatureId(7, 1, 3));
	});
});
