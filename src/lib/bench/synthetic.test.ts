import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EMS_BBOX } from '$lib/domain/coordinates';
import { RECORD_SCHEMAS } from '$lib/domain/records';
import { seededRandom, syntheticRecords, type SyntheticGeo } from './synthetic';

const read = (f: string) => JSON.parse(readFileSync(`data/${f}`, 'utf8'));
const geo: SyntheticGeo = {
	communes: read('communes.json'),
	quartiers: read('quartiers.json'),
	thematiques: read('thematiques.json')
};

describe('syntheticRecords', () => {
	const records = syntheticRecords(600, geo, { seed: 7 });

	it('makes the requested number of records of every kind', () => {
		expect(records).toHaveLength(600);
		const kinds = new Set(records.map((r) => r.kind));
		expect(kinds).toEqual(new Set(['organisation', 'initiative', 'funding-tool']));
	});

	it('makes records the real schemas accept', () => {
		for (const r of records) {
			const parsed = RECORD_SCHEMAS[r.kind].safeParse(r);
			expect(parsed.success, `${r.id}: ${parsed.error?.issues[0]?.message}`).toBe(true);
		}
	});

	it('marks every record as synthetic, in the data and in the name', () => {
		for (const r of records) {
			expect(r.synthetic).toBe(true);
			expect(r.name.endsWith('(synthétique)')).toBe(true);
		}
	});

	it('places every record inside the Eurométropole with a known commune', () => {
		const communes = new Set(geo.communes.map((c) => c.code));
		for (const r of records) {
			if (r.kind === 'funding-tool') continue;
			expect(communes.has(r.communeCode!)).toBe(true);
			const { lon, lat } = r.location!;
			expect(lon).toBeGreaterThanOrEqual(EMS_BBOX[0]);
			expect(lat).toBeGreaterThanOrEqual(EMS_BBOX[1]);
			expect(lon).toBeLessThanOrEqual(EMS_BBOX[2]);
			expect(lat).toBeLessThanOrEqual(EMS_BBOX[3]);
		}
	});

	it('has unique ids and slugs, and tools whose providers exist', () => {
		expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
		const orgs = new Set(records.filter((r) => r.kind === 'organisation').map((r) => r.id));
		for (const r of records)
			if (r.kind === 'funding-tool') for (const p of r.providerIds) expect(orgs.has(p)).toBe(true);
	});

	it('is deterministic for a seed and differs between seeds', () => {
		expect(syntheticRecords(50, geo, { seed: 7 })).toEqual(syntheticRecords(50, geo, { seed: 7 }));
		expect(syntheticRecords(50, geo, { seed: 8 })).not.toEqual(syntheticRecords(50, geo, { seed: 7 }));
	});

	it('writes descriptions of 30 to 120 words', () => {
		for (const r of records.filter((x) => x.kind !== 'funding-tool')) {
			const n = r.description.split(/\s+/).length;
			expect(n).toBeGreaterThanOrEqual(30);
			expect(n).toBeLessThanOrEqual(120);
		}
	});
});

describe('seededRandom', () => {
	it('stays in [0, 1) and repeats for a seed', () => {
		const a = seededRandom(1);
		const b = seededRandom(1);
		for (let i = 0; i < 1000; i++) {
			const x = a();
			expect(x).toBe(b());
			expect(x).toBeGreaterThanOrEqual(0);
			expect(x).toBeLessThan(1);
		}
	});
});
