import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './connection';
import { clearImportProgress, getImportProgress, setImportProgress } from './import-progress';
import { migrateSql } from './migrate-sql';
import { postgresClient, sqliteClient, type SqlClient } from './sql';
import { freshPostgresDatabase, POSTGRES_SKIP_REASON, TEST_DATABASE_URL } from './test-postgres';

function progressSuite(open: () => Promise<{ a: SqlClient; b: SqlClient; done: () => Promise<void> }>) {
	let a: SqlClient;
	let b: SqlClient;
	let done: () => Promise<void>;
	beforeAll(async () => {
		({ a, b, done } = await open());
		await migrateSql(a);
		await a.run(
			`INSERT INTO import_jobs (id, kind, format, file_name, source, encoding, status, created_by, created_at, updated_at)
			 VALUES ('job-1', 'organisation', 'csv', 'a.csv', 'x', 'utf-8', 'planning', 'u1', 'now', 'now')`
		);
	});
	afterAll(async () => {
		await a.close();
		if (b !== a) await b.close();
		await done();
	});

	it('an import running on one instance reports its progress to the other, step after step', async () => {
		expect(await getImportProgress(b, 'job-1')).toBeUndefined();
		await setImportProgress(a, 'job-1', { phase: 'planning', done: 0, total: 1000 });
		expect(await getImportProgress(b, 'job-1')).toEqual({ phase: 'planning', done: 0, total: 1000 });
		await setImportProgress(a, 'job-1', { phase: 'planning', done: 250, total: 1000 });
		expect(await getImportProgress(b, 'job-1')).toEqual({ phase: 'planning', done: 250, total: 1000 });
		await clearImportProgress(a, 'job-1');
		expect(await getImportProgress(b, 'job-1')).toBeUndefined();
	});

	it('goes with its job', async () => {
		await setImportProgress(a, 'job-1', { phase: 'writing', done: 0, total: 3 });
		await a.run("DELETE FROM import_jobs WHERE id = 'job-1'");
		expect(await getImportProgress(b, 'job-1')).toBeUndefined();
	});
}

describe('import progress on SQLite', () => {
	progressSuite(async () => {
		const client = sqliteClient(openDatabase(':memory:'), { owned: true });
		return { a: client, b: client, done: async () => {} };
	});
});

describe.skipIf(!TEST_DATABASE_URL)(
	TEST_DATABASE_URL
		? 'import progress on PostgreSQL, two instances'
		: `import progress: ${POSTGRES_SKIP_REASON}`,
	() => {
		progressSuite(async () => {
			const db = await freshPostgresDatabase();
			return { a: postgresClient(db.url), b: postgresClient(db.url), done: db.drop };
		});
	}
);
