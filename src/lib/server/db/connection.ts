import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS, type Migration } from './migrations';

export type Db = Database.Database;

/**
 * Opens (and creates) the SQLite file, in WAL mode so readers never wait for a writer. `readonly` opens an
 * existing store for reading only (the read model's rebuild worker).
 */
export function openDatabase(path: string, opts: { readonly?: boolean } = {}): Db {
	if (opts.readonly) {
		const db = new Database(path, { readonly: true, fileMustExist: true });
		db.pragma('busy_timeout = 5000');
		return db;
	}
	if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
	const db = new Database(path);
	db.pragma('journal_mode = WAL');
	db.pragma('foreign_keys = ON');
	db.pragma('busy_timeout = 5000');
	db.pragma('synchronous = NORMAL');
	return db;
}

/** Applies the migrations not yet recorded, each in its own transaction. Returns the versions applied. */
export function migrate(db: Db, migrations: Migration[] = MIGRATIONS): number[] {
	db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY,
		name TEXT NOT NULL,
		applied_at TEXT NOT NULL
	)`);
	const done = new Set(
		(db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version)
	);
	const applied: number[] = [];
	const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
	for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
		if (done.has(m.version)) continue;
		db.transaction(() => {
			db.exec(m.sql);
			record.run(m.version, m.name, new Date().toISOString());
		})();
		applied.push(m.version);
	}
	return applied;
}
