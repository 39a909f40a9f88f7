import { beforeEach, describe, expect, it } from 'vitest';
import { organisationSchema } from '$lib/domain/records';
import { organisationFixture } from '$lib/domain/test-fixtures';
import { migrate, openDatabase, type Db } from './connection';
import { dataVersion, getRecordById, insertRecord, listHistory, updateRecord } from './records';

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
