import { describe, expect, it } from 'vitest';
import { formatIssue } from '$lib/domain/dataset';
import { loadDataset } from '../seed/read-data';
import { migrate, openDatabase } from './connection';
import { MIGRATIONS } from './migrations';
import { countRecords, listRecords } from './records';
import { seedIfEmpty, wasSeeded } from './seed';
import { onBothEngines } from './test-postgres';

describe('seed data and store', () => {
	const { dataset, issues } = loadDataset('data');

	it('every seed file and record is valid (schemas and cross-references)', () => {
		expect(issues.map(formatIssue)).toEqual([]);
	});

	it('holds the real seed: 33 communes, 10 quartiers, 7 thématiques, 80+ places, 25+ tools', () => {
		expect(dataset.communes).toHaveLength(33);
		expect(dataset.quartiers).toHaveLength(10);
		expect(dataset.thematiques).toHaveLength(7);
		expect(dataset.organisations.length + dataset.initiatives.length).toBeGreaterThanOrEqual(80);
		expect(dataset.fundingTools.length).toBeGreaterThanOrEqual(25);
		// Real data only: nothing in the seed may be synthetic.
		const all = [...dataset.organisations, ...dataset.initiatives, ...dataset.fundingTools];
		expect(all.filter((r) => r.synthetic)).toEqual([]);
		expect(all.every((r) => r.sources.length > 0)).toBe(true);
	});

	it('migrations are applied once and seeding twice gives the same counts', () => {
		const db = openDatabase(':memory:');
		// Every migration, once, in order, numbered without gaps.
		const versions = MIGRATIONS.map((m) => m.version).sort((a, b) => a - b);
		expect(versions).toEqual(versions.map((_, i) => i + 1));
		expect(migrate(db)).toEqual(versions);
		expect(migrate(db)).toEqual([]);
		const first = seedIfEmpty(db, dataset);
		expect(first.seeded).toBe(true);
		const second = seedIfEmpty(db, dataset);
		expect(second.seeded).toBe(false);
		expect(second.counts).toEqual(first.counts);
		expect(first.counts.communes).toBe(33);
		expect(countRecords(db).organisation).toBe(dataset.organisations.length);
	});

	it('a failing seed writes nothing', () => {
		const db = openDatabase(':memory:');
		migrate(db);
		const broken = { ...dataset, initiatives: [...dataset.initiatives, dataset.initiatives[0]] };
		expect(() => seedIfEmpty(db, broken)).toThrow(/UNIQUE/);
		expect(countRecords(db)).toEqual({
			organisation: 0,
			initiative: 0,
			'funding-tool': 0,
			place: 0,
			event: 0
		});
		expect((db.prepare('SELECT COUNT(*) AS n FROM communes').get() as { n: number }).n).toBe(0);
	});

	it('stores and returns records unchanged', () => {
		const db = openDatabase(':memory:');
		migrate(db);
		seedIfEmpty(db, dataset);
		const stored = listRecords(db, 'organisation');
		const original = dataset.organisations.find((o) => o.id === stored[0].id);
		expect({ ...stored[0], version: undefined }).toEqual({ ...original, version: undefined });
		expect(stored[0].version).toBe(1);
	});
});

onBothEngines('seeding an empty store', (store) => {
	const { dataset } = loadDataset('data');

	it('seeds once when two instances start at once on an empty store', async () => {
		const { a, b } = store();
		const [x, y] = await Promise.all([seedIfEmpty(a, dataset), seedIfEmpty(b, dataset)]);
		expect([x.seeded, y.seeded].sort()).toEqual([false, true]);
		expect(x.counts).toEqual(y.counts);
		expect(x.counts.communes).toBe(33);
		expect((await countRecords(b)).organisation).toBe(dataset.organisations.length);
		expect(await wasSeeded(a)).toBe(true);
	});
});

onBothEngines('a seed that fails', (store) => {
	const { dataset } = loadDataset('data');

	it('writes nothing, not even its mark', async () => {
		const { a } = store();
		const broken = { ...dataset, initiatives: [...dataset.initiatives, dataset.initiatives[0]] };
		await expect(seedIfEmpty(a, broken)).rejects.toThrow();
		expect(await wasSeeded(a)).toBe(false);
		expect(Object.values(await countRecords(a)).every((n) => n === 0)).toBe(true);
		expect(await a.get('SELECT COUNT(*) AS n FROM communes')).toEqual({ n: 0 });
	});
});
