import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArrayColumn, columnOf, packColumn, packStrings, runNow, TimeSlices, unpackStrings } from './packed';

const now = (table: ReturnType<typeof packStrings>) => runNow(unpackStrings(table, () => false));

describe('strings packed for a transfer between threads', () => {
	it('come back exactly, whatever they hold', () => {
		fc.assert(
			fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 40 }), { maxLength: 60 }), (list) => {
				const transfer: ArrayBuffer[] = [];
				const table = packStrings(list, transfer);
				expect(now(structuredClone(table, { transfer }))).toEqual(list);
			})
		);
	});

	it('are cloned as they are when one is not well-formed Unicode, so a lone surrogate survives', () => {
		const list = ['économie', 'a\uD800b', ''];
		const table = packStrings(list, []);
		expect(Array.isArray(table)).toBe(true);
		expect(now(table)).toEqual(list);
	});

	it('span several chunks and unpack the same in slices', async () => {
		const list = Array.from({ length: 3000 }, (_, i) => `${'é'.repeat(i % 1400)}${i}`);
		const table = packStrings(list, []);
		expect(Array.isArray(table) ? 0 : table.chunks.length).toBeGreaterThan(1);
		let turns = 0;
		const slices = new TimeSlices(async () => void turns++, 0);
		expect(await slices.run(unpackStrings(table, () => slices.due()))).toEqual(list);
		expect(turns).toBeGreaterThan(1);
	});
});

describe('a column of strings read one at a time', () => {
	it('reads every string back exactly from its bytes, a lone surrogate included', () => {
		fc.assert(
			fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 30 }), { maxLength: 40 }), (list) => {
				const transfer: ArrayBuffer[] = [];
				const data = packColumn(new ArrayColumn(list), transfer);
				const column = columnOf(structuredClone(data, { transfer }));
				expect(column.length).toBe(list.length);
				expect(Array.from({ length: list.length }, (_, i) => column.at(i))).toEqual(list);
			})
		);
	});
});
