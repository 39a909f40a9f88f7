import { openDatabase } from '../db/connection';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateSql } from '../db/migrate-sql';
import { postgresClient, sqliteClient, type SqlClient } from '../db/sql';
import { freshPostgresDatabase, POSTGRES_SKIP_REASON, TEST_DATABASE_URL } from '../db/test-postgres';
import { LoginLimiter } from './rate-limit';

const LIMITS = { windowMs: 1000, maxPerAccount: 3, maxPerIp: 5 };

/** Attempts that were let through (and stay counted as failures). */
async function burst(
	limiters: LoginLimiter[],
	n: number,
	email: (i: number) => string,
	ip: string,
	now: number
) {
	const outcomes = await Promise.all(
		Array.from({ length: n }, (_, i) => limiters[i % limiters.length].reserve(email(i), ip, now))
	);
	return outcomes.filter((o) => o.ok).length;
}

/** Two limiters over the same store stand for two instances of the app. */
function limiterSuite(open: () => Promise<{ a: SqlClient; b: SqlClient; done: () => Promise<void> }>) {
	let a: SqlClient;
	let b: SqlClient;
	let done: () => Promise<void>;
	beforeAll(async () => {
		({ a, b, done } = await open());
		await migrateSql(a);
	});
	afterAll(async () => {
		await a.close();
		await b.close();
		await done();
	});
	const both = () => [new LoginLimiter(a, LIMITS), new LoginLimiter(b, LIMITS)];

	it('lets through exactly the account limit of a parallel burst split over two instances', async () => {
		expect(await burst(both(), 20, () => 'camille@example.org', '10.0.0.1', 10_000)).toBe(3);
		const [onA] = both();
		expect(await onA.retryAfter('camille@example.org', '10.0.0.1', 10_100)).toBe(900);
		// Another IP is not blocked by this account's failures; past the window the account is free again.
		expect(await onA.retryAfter('camille@example.org', '10.0.0.2', 10_100)).toBe(0);
		expect(await onA.retryAfter('camille@example.org', '10.0.0.1', 11_001)).toBe(0);
	});

	it('holds the per-IP limit across e-mails and instances', async () => {
		expect(await burst(both(), 20, (i) => `x${i}@example.org`, '10.0.0.3', 20_000)).toBe(5);
		expect(await burst(both(), 1, () => 'new@example.org', '10.0.0.4', 20_000)).toBe(1);
	});

	it('takes back a right password: the account is free, the IP keeps its earlier failures', async () => {
		const [onA, onB] = both();
		for (let i = 0; i < 2; i++) await onA.reserve('anne@example.org', '10.0.0.5', 30_000);
		const right = await onB.reserve('anne@example.org', '10.0.0.5', 30_000);
		expect(right.ok).toBe(true);
		if (right.ok) await right.succeed();
		// Three more for the account pass (its count was cleared)…
		expect(await burst([onA], 3, () => 'anne@example.org', '10.0.0.5', 30_001)).toBe(3);
		// …and the IP now holds 2 + 3 failures: its limit of 5 is reached for anyone.
		expect(await onB.retryAfter('other@example.org', '10.0.0.5', 30_002)).toBeGreaterThan(0);
	});

	it('stores neither the e-mail nor the IP, and prunes what left the window', async () => {
		const rows = await a.all<Record<string, unknown>>('SELECT * FROM login_failures');
		expect(JSON.stringify(rows)).not.toMatch(/example\.org|10\.0\.0/);
		expect(await new LoginLimiter(b, LIMITS).prune(40_000)).toBe(rows.length);
		expect(await a.get('SELECT COUNT(*) AS n FROM login_failures')).toEqual({ n: 0 });
	});
}

describe('login limits on SQLite', () => {
	limiterSuite(async () => {
		const client = sqliteClient(openDatabase(':memory:'), { owned: true });
		// One process, one connection: both "instances" share it, as two requests do.
		return { a: client, b: client, done: async () => {} };
	});
});

describe.skipIf(!TEST_DATABASE_URL)(
	TEST_DATABASE_URL ? 'login limits on PostgreSQL, two instances' : `login limits: ${POSTGRES_SKIP_REASON}`,
	() => {
		limiterSuite(async () => {
			const db = await freshPostgresDatabase();
			return { a: postgresClient(db.url), b: postgresClient(db.url), done: db.drop };
		});
	}
);
