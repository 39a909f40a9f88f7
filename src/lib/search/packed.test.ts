import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSearchIndexes, engineFromTransferable, installEngine } from './engine';
import { packStrings, runNow, TimeSlices, unpackStrings } from './packed';
import { communes, directoryRecords, quartiers, thematiques } from '$lib/pages/test-data';

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

describe('a search engine installed in time slices', () => {
	it('answers, ranks and serializes as the engine it was made from, yielding between slices', async () => {
		const geo = { communes, quartiers, qpv: [], thematiques };
		const { quick, full } = buildSearchIndexes(directoryRecords, geo);
		for (const engine of [quick, full]) {
			const { data, transfer } = engine.transferable();
			let turns = 0;
			// A zero budget: every check of the clock ends a slice, the most interleaved installation.
			const slices = new TimeSlices(async () => void turns++, 0);
			const copy = await installEngine(structuredClone(data, { transfer }), slices);
			expect(turns).toBeGreaterThan(0);
			for (const q of ['velo', 'reparation', 'cooperatve', 'taux zero', 'ate', 'honneur pret'])
				expect(copy.search(q, { limit: 10 })).toEqual(engine.search(q, { limit: 10 }));
			expect(copy.rank('velo')).toEqual(engine.rank('velo'));
			expect(copy.serialize()).toBe(engine.serialize());
			expect(engineFromTransferable(engine.transferable().data).serialize()).toBe(engine.serialize());
		}
	});
});
