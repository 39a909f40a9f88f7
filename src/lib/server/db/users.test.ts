import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './connection';
import { migrateSql } from './migrate-sql';
import { postgresClient, sqliteClient, type SqlClient } from './sql';
import { freshPostgresDatabase, POSTGRES_SKIP_REASON, TEST_DATABASE_URL } from './test-postgres';
import { insertUser, listUsers, setUserRole, unlessLastAdmin } from './users';

const admin = (id: string) => ({
	id,
	email: `${id}@example.org`,
	name: id,
	passwordHash: 'x',
	role: 'admin' as const
});

/** Two clients over one store stand for two instances, or two requests, at the same moment. */
function usersSuite(open: () => Promise<{ a: SqlClient; b: SqlClient; done: () => Promise<void> }>) {
	let a: SqlClient;
	let b: SqlClient;
	let done: () => Promise<void>;
	beforeAll(async () => {
		({ a, b, done } = await open());
		await migrateSql(a);
	});
	afterAll(async () => {
		await a.close();
		if (b !== a) await b.close();
		await done();
	});

	it('two admins demoting each other at once: one keeps the role', async () => {
		await insertUser(a, admin('anne'));
		await insertUser(a, admin('bruno'));
		const demote = (client: SqlClient, id: string) =>
			unlessLastAdmin(
				client,
				id,
				() => true,
				(tx) => setUserRole(tx, id, 'editor')
			);
		const outcomes = await Promise.all([demote(a, 'anne'), demote(b, 'bruno')]);
		expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
		expect(outcomes.filter((o) => !o.ok && o.reason === 'last-admin')).toHaveLength(1);
		expect((await listUsers(b)).filter((u) => u.role === 'admin')).toHaveLength(1);
	});

	it('two accounts with one e-mail created at once: one is created, the other told the address is taken', async () => {
		const created = await Promise.all([
			insertUser(a, { ...admin('c1'), email: 'Claire@Example.org' }),
			insertUser(b, { ...admin('c2'), email: 'claire@example.org' })
		]);
		expect(created.filter(Boolean)).toHaveLength(1);
		expect((await listUsers(a)).filter((u) => u.email === 'claire@example.org')).toHaveLength(1);
	});
}

describe('accounts on SQLite', () => {
	usersSuite(async () => {
		const client = sqliteClient(openDatabase(':memory:'), { owned: true });
		return { a: client, b: client, done: async () => {} };
	});
});

describe.skipIf(!TEST_DATABASE_URL)(
	TEST_DATABASE_URL ? 'accounts on PostgreSQL, two instances' : `accounts: ${POSTGRES_SKIP_REASON}`,
	() => {
		usersSuite(async () => {
			const db = await freshPostgresDatabase();
			return { a: postgresClient(db.url), b: postgresClient(db.url), done: db.drop };
		});
	}
);
