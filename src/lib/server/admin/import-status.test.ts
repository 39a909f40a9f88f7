import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../db/connection';
import { insertImportJob } from '../db/admin';
import { sqliteClient } from '../db/sql';
import { insertUser } from '../db/users';
import { importStatus } from './import-status';

describe('importStatus', () => {
	it('gives a job’s status without progress when nothing runs, and nothing for an unknown job', async () => {
		const db = openDatabase(':memory:');
		migrate(db);
		const sql = sqliteClient(db);
		await insertUser(sqliteClient(db), {
			id: 'u1',
			email: 'a@example.org',
			name: 'A',
			passwordHash: 'x',
			role: 'editor'
		});
		insertImportJob(db, {
			id: 'job-1',
			kind: 'organisation',
			format: 'csv',
			fileName: 'a.csv',
			source: 'test',
			encoding: 'utf-8',
			delimiter: ',',
			createdBy: 'u1'
		});
		expect(await importStatus(sql, 'job-1')).toEqual({ status: 'uploaded', progress: null });
		expect(await importStatus(sql, 'nope')).toBeUndefined();
	});
});
