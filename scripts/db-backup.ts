/**
 * npm run db:backup [-- --out data/backups]
 *
 * Copies the live SQLite store (DATABASE_PATH, default data/carto-ess.sqlite) with SQLite's online backup API
 * (better-sqlite3 `db.backup`), which is safe while the server runs and writes: the copy is one consistent
 * state. Writes carto-ess-<YYYYMMDD-HHMMSS>.sqlite (UTC), checks it with PRAGMA integrity_check, and prints
 * a JSON summary as the last line. Restore: see README, "Backup and restore".
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'data/backups' } } });
const source = process.env.DATABASE_PATH || 'data/carto-ess.sqlite';
if (!existsSync(source)) {
	console.error(`db:backup : base introuvable : ${source} (variable DATABASE_PATH)`);
	process.exit(1);
}
const dir = resolve(values.out!);
mkdirSync(dir, { recursive: true });
const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
let target = join(dir, `carto-ess-${stamp}.sqlite`);
for (let n = 2; existsSync(target); n++) target = join(dir, `carto-ess-${stamp}-${n}.sqlite`);

const started = performance.now();
const db = new Database(source, { readonly: true, fileMustExist: true });
try {
	await db.backup(target);
} finally {
	db.close();
}
// A backup is one self-contained file: leave WAL mode so no -wal/-shm files sit beside it.
const copy = new Database(target);
copy.pragma('journal_mode = DELETE');
const integrity = copy.pragma('integrity_check', { simple: true });
const count = (table: string) =>
	(copy.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
const summary = {
	file: target,
	bytes: statSync(target).size,
	ms: Math.round(performance.now() - started),
	integrity,
	records: count('records'),
	history: count('record_history'),
	users: count('users')
};
copy.close();
if (integrity !== 'ok') {
	console.error(`db:backup : la copie ${target} est corrompue (${integrity})`);
	process.exit(1);
}
console.log(
	`Sauvegarde écrite : ${target} (${summary.records} fiches, ${summary.history} versions, ${summary.users} comptes)`
);
console.log(JSON.stringify(summary));
