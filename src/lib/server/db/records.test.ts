import { beforeEach, describe, expect, it } from 'vitest';
import { organisationSchema } from '$lib/domain/records';
import { organisationFixture } from '$lib/domain/test-fixtures';
import { migrate, openDatabase, type Db } from './connection';
import {
	bumpDataVersion,
	bumpDataVersionFrom,
	dataVersion,
	getRecordById,
	insertRecord,
	insertRecords,
	listHistory,
	listRecords,
	updateRecord
} from './records';
import { onBothEngines } from './test-postgres';

let db: Db;
const org = organisationSchema.parse(organisationFixture());

beforeEach(() => {
	db = openDatabase(':memory:');
	migrate(db);
	insertRecord(db, org, { by: 'test' });
});

describe('record writes', () => {
	it('updates with the expected version and keeps history', () => {
		const before = dataVersion(db);
		const result = updateRecord(
			db,
			{ ...org, name: 'Nouveau nom (synthétique)' },
			{ expectedVersion: 1, by: 'editor' }
		);
		expect(result).toEqual({ ok: true, version: 2 });
		expect(getRecordById(db, org.id)).toMatchObject({ name: 'Nouveau nom (synthétique)', version: 2 });
		const history = listHistory(db, org.id);
		expect(history.map((h) => [h.version, h.action, h.changedBy])).toEqual([
			[2, 'update', 'editor'],
			[1, 'create', 'test']
		]);
		expect(dataVersion(db)).toBe(before + 1);
	});

	it('refuses a stale write and returns the current version, writing nothing', () => {
		updateRecord(db, { ...org, name: 'A (synthétique)' }, { expectedVersion: 1 });
		const stale = updateRecord(db, { ...org, name: 'B (synthétique)' }, { expectedVersion: 1 });
		expect(stale.ok).toBe(false);
		if (!stale.ok) expect(stale.current).toMatchObject({ name: 'A (synthétique)', version: 2 });
		expect(listHistory(db, org.id)).toHaveLength(2);
	});
});

onBothEngines('records through the asynchronous client', (store) => {
	const second = organisationSchema.parse({
		...organisationFixture(),
		id: 'org-second',
		slug: 'deuxieme-structure',
		name: 'Deuxième structure (synthétique)'
	});

	it('inserts in bulk with one version bump, and reads back what it wrote', async () => {
		const { a, b } = store();
		const before = await dataVersion(a);
		expect(await insertRecords(a, [org, second], { by: 'test' })).toBe(2);
		expect(await dataVersion(b)).toBe(before + 1);
		expect(await getRecordById(b, org.id)).toMatchObject({ name: org.name, version: 1 });
		const names = (await listRecords(b, 'organisation')).map((r) => r.name);
		expect(names).toEqual([org.name, second.name].sort());
		expect(await listHistory(b, org.id)).toMatchObject([{ version: 1, action: 'create', changedBy: 'test' }]);
	});

	it('lets one of two simultaneous saves of one version win, and shows the loser the winner', async () => {
		const { a, b } = store();
		const [x, y] = await Promise.all([
			updateRecord(a, { ...org, name: 'Par A (synthétique)' }, { expectedVersion: 1, by: 'a' }),
			updateRecord(b, { ...org, name: 'Par B (synthétique)' }, { expectedVersion: 1, by: 'b' })
		]);
		expect([x.ok, y.ok].sort()).toEqual([false, true]);
		const loser = x.ok ? y : x;
		const winner = x.ok ? 'Par A (synthétique)' : 'Par B (synthétique)';
		if (!loser.ok) expect(loser.current).toMatchObject({ name: winner, version: 2 });
		expect((await listHistory(a, org.id)).map((h) => h.version)).toEqual([2, 1]);
	});

	it('counts every write in the data version when two instances write at once', async () => {
		const { a, b } = store();
		const before = await dataVersion(a);
		await Promise.all([bumpDataVersion(a), bumpDataVersion(b), bumpDataVersion(a), bumpDataVersion(b)]);
		expect(await dataVersion(b)).toBe(before + 4);
	});

	it('moves the version on from an expected value once, however many ask at once', async () => {
		const { a, b } = store();
		const at = await dataVersion(a);
		const moved = await Promise.all([
			bumpDataVersionFrom(a, at),
			bumpDataVersionFrom(b, at),
			bumpDataVersionFrom(a, at)
		]);
		expect(moved.filter(Boolean)).toHaveLength(1);
		expect(await dataVersion(a)).toBe(at + 1);
		expect(await bumpDataVersionFrom(b, at)).toBe(false);
	});

	it('writes nothing of a bulk insert that fails half-way', async () => {
		const { a } = store();
		const before = await dataVersion(a);
		const third = { ...second, id: 'org-third', slug: 'troisieme' };
		// The second record reuses an existing id: the whole insert is refused.
		await expect(insertRecords(a, [third, org])).rejects.toThrow();
		expect(await getRecordById(a, third.id)).toBeUndefined();
		expect(await dataVersion(a)).toBe(before);
	});
});
