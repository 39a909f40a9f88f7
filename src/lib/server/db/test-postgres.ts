/**
 * Throwaway PostgreSQL databases for the tests that run on both engines. `TEST_DATABASE_URL` names a server
 * and a database to connect to for creating others (CI starts Debian's PostgreSQL on loopback and sets it;
 * see `.ci/run`). Without it, the PostgreSQL half of those suites is skipped and says why.
 */
import pg from 'pg';

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
