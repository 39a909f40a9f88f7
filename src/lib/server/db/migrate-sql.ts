/**
 * The migrations through the asynchronous client, on either engine: the same list, the same
 * `schema_migrations` table, each migration in its own transaction with its record. PostgreSQL runs a
 * migration's `postgres` text where it has one.
 *
 * Two instances starting at once over one PostgreSQL must not both apply a migration: a transaction-scoped
 * advisory lock makes the second wait, then find the version recorded and skip it.
 */
import { MIGRATIONS, type Migration } from './migrations';
import type { SqlClient } from './sql';

/** An arbitrary constant naming the migrations' advisory lock. */
const MIGRATION_LOCK = 7_307_370_537;

export async function migrateSql(client: SqlClient, migrations: Migration[] = MIGRATIONS): Promise<number[]> {
	await client.transaction(async (tx) => {
		// Two sessions creating the same table at once can collide in PostgreSQL's catalogue: one at a time.
		await lockMigrations(tx);
		await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
			version INTEGER PRIMARY KEY,
			name TEXT NOT NULL,
			applied_at TEXT NOT NULL
		)`);
	});
	const applied: number[] = [];
	for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
		const done = await client.transaction(async (tx) => {
			await lockMigrations(tx);
			if (await tx.get('SELECT 1 FROM schema_migrations WHERE version = ?', [m.version])) return false;
			const text = tx.dialect === 'postgres' ? (m.postgres ?? m.sql) : m.sql;
			if (text.trim()) await tx.exec(text);
			await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
				m.version,
				m.name,
				new Date().toISOString()
			]);
			return true;
		});
		if (done) applied.push(m.version);
	}
	return applied;
}

/** Waits for another instance's migration to end (PostgreSQL; SQLite's write lock already does it). */
async function lockMigrations(tx: SqlClient): Promise<void> {
	if (tx.dialect === 'postgres') await tx.get('SELECT pg_advisory_xact_lock(?)', [MIGRATION_LOCK]);
}

/** The highest migration recorded, or 0 for an empty store. */
export async function schemaVersion(client: SqlClient): Promise<number> {
	const row = await client.get<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations');
	return row?.v ?? 0;
}
