import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase } from './connection';
import { migrateSql, schemaVersion } from './migrate-sql';
import { MIGRATIONS } from './migrations';
import { numberPlaceholders, postgresClient, sqliteClient, type SqlClient } from './sql';
import { freshPostgresDatabase, POSTGRES_SKIP_REASON, TEST_DATABASE_URL } from './test-postgres';

describe('numberPlaceholders', () => {
	it('numbers the placeholders in order', () => {
		expect(numberPlaceholders('SELECT * FROM t WHERE a = ? AND b IN (?, ?)')).toBe(
			'SELECT * FROM t WHERE a = $1 AND b IN ($2, $3)'
		);
	});
	it('leaves a question mark inside a string, an identifier or a comment alone', () => {
		expect(numberPlaceholders(`SELECT 'où ? là''?' AS "x?" -- pourquoi ?\nFROM t /* ? */ WHERE a = ?`)).toBe(
			`SELECT 'où ? là''?' AS "x?" -- pourquoi ?\nFROM t /* ? */ WHERE a = $1`
		);
	});
});

const LATEST = Math.max(...MIGRATIONS.map((m) => m.version));

/** The same behaviour asked of both engines. */
function clientSuite(open: () => Promise<{ client: SqlClient; done: () => Promise<void> }>) {
	let client: SqlClient;
	let done: () => Promise<void>;
	beforeAll(async () => {
		({ client, done } = await open());
		await migrateSql(client);
	});
	afterAll(async () => {
		await client.close();
		await done();
	});

	it('applies every migration once, and records each', async () => {
		expect(await schemaVersion(client)).toBe(LATEST);
		expect(await migrateSql(client)).toEqual([]);
		const rows = await client.all<{ version: number }>(
			'SELECT version FROM schema_migrations ORDER BY version'
		);
		expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version).sort((a, b) => a - b));
	});

	it('answers counts as numbers, rows as objects, changes as counts', async () => {
		await client.run('INSERT INTO meta (key, value) VALUES (?, ?), (?, ?)', ['a', '1', 'b', '2']);
		const count = await client.get<{ n: number }>('SELECT COUNT(*) AS n FROM meta WHERE key IN (?, ?)', [
			'a',
			'b'
		]);
		expect(count).toEqual({ n: 2 });
		expect(await client.get('SELECT value FROM meta WHERE key = ?', ['zzz'])).toBeUndefined();
		expect(await client.run('UPDATE meta SET value = ? WHERE key IN (?, ?)', ['3', 'a', 'b'])).toEqual({
			changes: 2
		});
		expect(await client.run('DELETE FROM meta WHERE key = ?', ['nothing'])).toEqual({ changes: 0 });
	});

	it('numbers a form slot by itself, as SQLite does with its rowid', async () => {
		const insert = 'INSERT INTO form_slots (form, client_hash, created_at) VALUES (?, ?, ?) RETURNING id';
		const first = await client.get<{ id: number }>(insert, ['contact', 'h', '2026-12-05T00:00:00Z']);
		const second = await client.get<{ id: number }>(insert, ['contact', 'h', '2026-12-05T00:00:01Z']);
		expect(typeof first!.id).toBe('number');
		expect(second!.id).toBeGreaterThan(first!.id);
	});

	it('commits a transaction whole, and rolls it back whole when its work throws', async () => {
		await client.transaction(async (tx) => {
			await tx.run('INSERT INTO meta (key, value) VALUES (?, ?)', ['kept-1', 'x']);
			await tx.run('INSERT INTO meta (key, value) VALUES (?, ?)', ['kept-2', 'x']);
		});
		await expect(
			client.transaction(async (tx) => {
				await tx.run('INSERT INTO meta (key, value) VALUES (?, ?)', ['lost-1', 'x']);
				await tx.run('INSERT INTO meta (key, value) VALUES (?, ?)', ['kept-1', 'duplicate']);
			})
		).rejects.toThrow();
		const keys = await client.all<{ key: string }>(
			"SELECT key FROM meta WHERE key LIKE 'kept-%' OR key LIKE 'lost-%' ORDER BY key"
		);
		expect(keys.map((k) => k.key)).toEqual(['kept-1', 'kept-2']);
		expect(await client.get('SELECT value FROM meta WHERE key = ?', ['kept-1'])).toEqual({ value: 'x' });
	});

	it('undoes a nested transaction alone', async () => {
		await client.transaction(async (tx) => {
			await tx.run('INSERT INTO meta (key, value) VALUES (?, ?)', ['outer', 'x']);
			await expect(
				tx.transaction(async (inner) => {
					await inner.run('INSERT INTO meta (key, value) VALUES (?, ?)', ['inner', 'x']);
					throw new Error('non');
				})
			).rejects.toThrow('non');
		});
		expect(await client.get('SELECT key FROM meta WHERE key = ?', ['outer'])).toEqual({ key: 'outer' });
		expect(await client.get('SELECT key FROM meta WHERE key = ?', ['inner'])).toBeUndefined();
	});

	it('keeps a statement from outside out of an open transaction', async () => {
		let release!: () => void;
		const gate = new Promise<void>((r) => (release = r));
		const slow = client.transaction(async (tx) => {
			await tx.run('INSERT INTO meta (key, value) VALUES (?, ?)', ['in-tx', 'x']);
			await gate;
			throw new Error('abandon');
		});
		// Issued while the transaction waits: it must neither see the transaction's row nor be undone with it.
		const outside = client.run('INSERT INTO meta (key, value) VALUES (?, ?)', ['outside', 'x']);
		const seen = client.get('SELECT key FROM meta WHERE key = ?', ['in-tx']);
		release();
		await expect(slow).rejects.toThrow('abandon');
		await outside;
		expect(await seen).toBeUndefined();
		expect(await client.get('SELECT key FROM meta WHERE key = ?', ['outside'])).toEqual({ key: 'outside' });
	});
}

describe('SQLite through the asynchronous client', () => {
	clientSuite(async () => ({
		client: sqliteClient(new Database(':memory:'), { owned: true }),
		done: async () => {}
	}));

	it('meets a store migrated by the synchronous runner at the same version', async () => {
		const db = openDatabase(':memory:');
		migrate(db);
		const client = sqliteClient(db, { owned: true });
		expect(await schemaVersion(client)).toBe(LATEST);
		expect(await migrateSql(client)).toEqual([]);
		await client.close();
	});
});

describe.skipIf(!TEST_DATABASE_URL)(
	TEST_DATABASE_URL ? 'PostgreSQL through the same client' : `PostgreSQL: ${POSTGRES_SKIP_REASON}`,
	() => {
		clientSuite(async () => {
			const db = await freshPostgresDatabase();
			return { client: postgresClient(db.url), done: db.drop };
		});

		it('lets two instances start at once: each migration applied once', async () => {
			const db = await freshPostgresDatabase();
			const a = postgresClient(db.url);
			const b = postgresClient(db.url);
			try {
				const [fromA, fromB] = await Promise.all([migrateSql(a), migrateSql(b)]);
				expect([...fromA, ...fromB].sort((x, y) => x - y)).toEqual(
					MIGRATIONS.map((m) => m.version).sort((x, y) => x - y)
				);
				expect(await schemaVersion(a)).toBe(LATEST);
			} finally {
				await a.close();
				await b.close();
				await db.drop();
			}
		});
	}
);
