/**
 * Throwaway PostgreSQL databases for the tests that run on both engines. `TEST_DATABASE_URL` names a server
 * and a database to connect to for creating others (CI starts Debian's PostgreSQL on loopback and sets it;
 * see `.ci/run`). Without it, the PostgreSQL half of those suites is skipped and says why.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { openDatabase } from './connection';
import { migrateSql } from './migrate-sql';
import { dataVersion } from './records';
import { postgresClient, sqliteClient, type SqlClient } from './sql';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || '';
export const POSTGRES_SKIP_REASON =
	'TEST_DATABASE_URL absent : la moitié PostgreSQL de cette suite ne tourne pas';

/** A fresh, empty database on the test server, and how to drop it. */
export async function freshPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
	const name = `carto_test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
	const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
	await admin.connect();
	try {
		await admin.query(`CREATE DATABASE ${name}`);
	} finally {
		await admin.end();
	}
	const url = new URL(TEST_DATABASE_URL);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		drop: async () => {
			const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
			await c.connect();
			try {
				await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
			} finally {
				await c.end();
			}
		}
	};
}

/** Two clients over one store: two instances of the app on PostgreSQL, one process's client on SQLite. */
export interface TwoInstances {
	a: SqlClient;
	b: SqlClient;
}

/**
 * Declares `suite` twice, each time over a fresh migrated store: on SQLite (both names give the one
 * client a process has) and, with TEST_DATABASE_URL, on PostgreSQL with two pools standing for two instances
 * behind a proxy. `store()` gives the clients inside the tests and hooks.
 */
export function onBothEngines(title: string, suite: (store: () => TwoInstances) => void): void {
	describe(`${title}, on SQLite`, () => {
		suite(
			migratedStore(async () => {
				const client = sqliteClient(openDatabase(':memory:'), { owned: true });
				return { a: client, b: client, done: () => client.close() };
			})
		);
	});
	describe.skipIf(!TEST_DATABASE_URL)(
		TEST_DATABASE_URL ? `${title}, on PostgreSQL with two instances` : `${title}: ${POSTGRES_SKIP_REASON}`,
		() => {
			suite(
				migratedStore(async () => {
					const db = await freshPostgresDatabase();
					const a = postgresClient(db.url);
					const b = postgresClient(db.url);
					return {
						a,
						b,
						done: async () => {
							await a.close();
							await b.close();
							await db.drop();
						}
					};
				})
			);
		}
	);
}

function migratedStore(
	open: () => Promise<TwoInstances & { done: () => Promise<void> }>
): () => TwoInstances {
	let opened: (TwoInstances & { done: () => Promise<void> }) | undefined;
	beforeAll(async () => {
		opened = await open();
		await migrateSql(opened.a);
	});
	afterAll(async () => opened?.done());
	return () => {
		if (!opened) throw new Error('store not opened yet: call store() inside a test or a hook');
		return opened;
	};
}

/**
 * Whether another connection to this database holds a transaction that has written (it has a transaction
 * id): the moment the kill tests wait for, so that a process dies inside its write, not before or after.
 */
export async function anotherTransactionWriting(sql: SqlClient): Promise<boolean> {
	const row = await sql.get<{ n: number }>(
		'SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()'
	);
	return row!.n > 0;
}

/** What an import changes: the records, the history entries it writes, the data version. */
export async function importFootprint(
	sql: SqlClient
): Promise<{ records: number; imported: number; version: number }> {
	const count = async (text: string) => (await sql.get<{ n: number }>(text))!.n;
	return {
		records: await count('SELECT COUNT(*) AS n FROM records'),
		imported: await count("SELECT COUNT(*) AS n FROM record_history WHERE action = 'import'"),
		version: await dataVersion(sql)
	};
}
