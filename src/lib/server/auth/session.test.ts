import { openDatabase } from '../db/connection';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateSql } from '../db/migrate-sql';
import { countSessions, deleteExpiredSessions } from '../db/sessions';
import { postgresClient, sqliteClient, type SqlClient } from '../db/sql';
import { freshPostgresDatabase, POSTGRES_SKIP_REASON, TEST_DATABASE_URL } from '../db/test-postgres';
import { createSession, endSession, IDLE_MS, validateSession } from './session';

/** Two clients over one store stand for two instances of the app behind a proxy. */
function sessionSuite(open: () => Promise<{ a: SqlClient; b: SqlClient; done: () => Promise<void> }>) {
	let a: SqlClient;
	let b: SqlClient;
	let done: () => Promise<void>;
	beforeAll(async () => {
		({ a, b, done } = await open());
		await migrateSql(a);
		await a.run(
			"INSERT INTO users (id, email, name, password_hash, role, disabled, created_at) VALUES ('u1', 'camille@example.org', 'Camille', 'x', 'editor', 0, '2026-12-01T00:00:00Z')"
		);
	});
	afterAll(async () => {
		await a.close();
		if (b !== a) await b.close();
		await done();
	});

	it('a login on one instance is valid on the other; a logout on the other ends it on the first', async () => {
		const { token } = await createSession(a, 'u1');
		const onB = await validateSession(b, token);
		expect(onB?.session.user).toEqual({
			id: 'u1',
			email: 'camille@example.org',
			name: 'Camille',
			role: 'editor'
		});
		await endSession(b, onB!.session.id);
		expect(await validateSession(a, token)).toBeUndefined();
	});

	it('a session renewed on one instance is renewed for the other, and ends after the idle time', async () => {
		const t0 = new Date('2026-12-05T08:00:00Z');
		const { token } = await createSession(a, 'u1', t0);
		const t1 = new Date(t0.getTime() + IDLE_MS - 60_000);
		expect((await validateSession(b, token, t1))?.renewedUntil).toEqual(new Date(t1.getTime() + IDLE_MS));
		expect(await validateSession(a, token, new Date(t0.getTime() + IDLE_MS + 1))).toBeDefined();
		expect(await validateSession(a, token, new Date(t1.getTime() + IDLE_MS + 1))).toBeUndefined();
		expect(await deleteExpiredSessions(b, new Date(t1.getTime() + IDLE_MS + 1))).toBeGreaterThanOrEqual(1);
	});

	it('ends with the account: a disabled account has no live session anywhere', async () => {
		const { token } = await createSession(a, 'u1');
		expect(await countSessions(b, 'u1')).toBeGreaterThanOrEqual(1);
		await a.run('UPDATE users SET disabled = 1 WHERE id = ?', ['u1']);
		expect(await validateSession(b, token)).toBeUndefined();
		await a.run('UPDATE users SET disabled = 0 WHERE id = ?', ['u1']);
	});
}

describe('sessions on SQLite', () => {
	sessionSuite(async () => {
		const client = sqliteClient(openDatabase(':memory:'), { owned: true });
		return { a: client, b: client, done: async () => {} };
	});
});

describe.skipIf(!TEST_DATABASE_URL)(
	TEST_DATABASE_URL ? 'sessions on PostgreSQL, two instances' : `sessions: ${POSTGRES_SKIP_REASON}`,
	() => {
		sessionSuite(async () => {
			const db = await freshPostgresDatabase();
			return { a: postgresClient(db.url), b: postgresClient(db.url), done: db.drop };
		});
	}
);
