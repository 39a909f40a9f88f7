import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../seed/read-data';
import { migrate, openDatabase, type Db } from './connection';
import { copySqliteToPostgres, tablesInOrder } from './copy';
import { postgresClient, type SqlClient } from './sql';
import { seedIfEmpty } from './seed';
import { freshPostgresDatabase, POSTGRES_SKIP_REASON, TEST_DATABASE_URL } from './test-postgres';

function seededStore(): Db {
	const db = openDatabase(':memory:');
	migrate(db);
	seedIfEmpty(db, loadDataset('data').dataset);
	db.prepare(
		"INSERT INTO users (id, email, name, password_hash, role, disabled, created_at) VALUES ('u1', 'a@example.org', 'Anne', 'x', 'admin', 0, '2026-12-05T00:00:00Z')"
	).run();
	db.prepare(
		"INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES ('s1', 'u1', '2026-12-05T00:00:00Z', '2026-12-06T00:00:00Z')"
	).run();
	db.prepare(
		"INSERT INTO form_slots (form, client_hash, created_at) VALUES ('contact', 'h', '2026-12-05T00:00:00Z')"
	).run();
	return db;
}

describe('tablesInOrder', () => {
	it('puts every table after the tables its foreign keys name', () => {
		const order = tablesInOrder(seededStore());
		expect(order.indexOf('users')).toBeLessThan(order.indexOf('sessions'));
		expect(order.indexOf('communes')).toBeLessThan(order.indexOf('quartiers'));
		expect(order.indexOf('needs')).toBeLessThan(order.indexOf('need_interests'));
		expect(order).not.toContain('schema_migrations');
	});
});

describe.skipIf(!TEST_DATABASE_URL)(
	TEST_DATABASE_URL ? 'db:copy into PostgreSQL' : `db:copy: ${POSTGRES_SKIP_REASON}`,
	() => {
		let target: SqlClient;
		let drop: () => Promise<void>;
		const source = seededStore();
		beforeAll(async () => {
			const db = await freshPostgresDatabase();
			target = postgresClient(db.url);
			drop = db.drop;
		});
		afterAll(async () => {
			await target.close();
			await drop();
		});

		it('copies every table, row for row, and the copy reads back the same', async () => {
			const copied = await copySqliteToPostgres(source, target);
			for (const { table, rows } of copied) {
				const n = (source.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
				expect({ table, rows }).toEqual({ table, rows: n });
			}
			expect(copied.find((c) => c.table === 'records')!.rows).toBeGreaterThan(80);
			const record = source.prepare('SELECT * FROM records ORDER BY id LIMIT 1').get() as Record<
				string,
				unknown
			>;
			expect(await target.get('SELECT * FROM records WHERE id = ?', [record.id])).toEqual(record);
			expect(await target.get('SELECT user_id FROM sessions WHERE id = ?', ['s1'])).toEqual({
				user_id: 'u1'
			});
			// The slots' numbering continues after the copied ones.
			const next = await target.get<{ id: number }>(
				"INSERT INTO form_slots (form, client_hash, created_at) VALUES ('contact', 'h2', 'now') RETURNING id"
			);
			expect(next!.id).toBe(2);
		});

		it('refuses a target that holds data, and says how to replace it', async () => {
			await expect(copySqliteToPostgres(source, target)).rejects.toThrow(/n'est pas vide.*--remplacer/);
		});

		it('replaces it whole when told', async () => {
			await target.run("INSERT INTO meta (key, value) VALUES ('only-in-target', 'x')");
			await copySqliteToPostgres(source, target, { replace: true });
			expect(await target.get("SELECT key FROM meta WHERE key = 'only-in-target'")).toBeUndefined();
			const n = (source.prepare('SELECT COUNT(*) AS n FROM records').get() as { n: number }).n;
			expect(await target.get('SELECT COUNT(*) AS n FROM records')).toEqual({ n });
		});

		it('writes nothing when a table fails half-way', async () => {
			const db = await freshPostgresDatabase();
			const empty = postgresClient(db.url);
			try {
				const broken = seededStore();
				// A column PostgreSQL's schema does not have: the copy fails at that table, after others.
				broken.exec("ALTER TABLE users ADD COLUMN nickname TEXT DEFAULT 'x'");
				await expect(copySqliteToPostgres(broken, empty)).rejects.toThrow(/nickname/);
				expect(await empty.get('SELECT COUNT(*) AS n FROM records')).toEqual({ n: 0 });
				expect(await empty.get('SELECT COUNT(*) AS n FROM communes')).toEqual({ n: 0 });
			} finally {
				await empty.close();
				await db.drop();
			}
		});
	}
);
