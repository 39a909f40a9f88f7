/**
 * npm run db:backup [-- --out data/backups]
 *
 * With DATABASE_URL naming PostgreSQL: a `pg_dump` of it, carto-ess-<YYYYMMDD-HHMMSS>.dump (custom format,
 * restored with pg_restore), the counts read in the dump's own snapshot (src/lib/server/db/backup-postgres.ts).
 *
 * Otherwise copies the live SQLite store (DATABASE_PATH, default data/carto-ess.sqlite) with SQLite's online backup API
 * (better-sqlite3 `db.backup`), which is safe while the server runs and writes: the copy is one consistent
 * state. Writes carto-ess-<YYYYMMDD-HHMMSS>.sqlite (UTC), checks it with PRAGMA integrity_check, and prints
 * a JSON summary as the last line. Restore: see README, "Backup and restore".
 *
 * The copy is written under a hidden temporary name (`.carto-ess-<stamp>.sqlite.<pid>.partial`), checked,
 * flushed to disk and only then renamed: a backup killed or failing half-way (kill -9, full disk) never
 * leaves a truncated file under a name a restore would pick. A later run removes the partial files of runs
 * no longer alive.
 */
import Database from 'better-sqlite3';
import {
	closeSync,
	existsSync,
	fsyncSync,
	mkdirSync,
	openSync,
	readdirSync,
	renameSync,
	rmSync,
	statSync
} from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BackupError, backupPostgres } from '../src/lib/server/db/backup-postgres';
import { isPostgresUrl } from '../src/lib/server/db/sql';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'data/backups' } } });
const postgres = isPostgresUrl(process.env.DATABASE_URL) ? process.env.DATABASE_URL : undefined;
const source = process.env.DATABASE_PATH || 'data/carto-ess.sqlite';
if (!postgres && !existsSync(source)) {
	console.error(`db:backup : base introuvable : ${source} (variable DATABASE_PATH)`);
	process.exit(1);
}
const dir = resolve(values.out!);
mkdirSync(dir, { recursive: true });

const PARTIAL = /^\.carto-ess-.*\.(?:sqlite|dump)\.(\d+)\.partial(-wal|-shm|-journal)?$/;
/** Whether a process with this id still runs (a partial file of a live run is left alone). */
function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return (e as NodeJS.ErrnoException).code === 'EPERM';
	}
}
for (const name of readdirSync(dir)) {
	const match = PARTIAL.exec(name);
	if (match && Number(match[1]) !== process.pid && !alive(Number(match[1]))) {
		rmSync(join(dir, name), { force: true });
		console.log(`db:backup : copie interrompue supprimée : ${name}`);
	}
}

const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
const extension = postgres ? 'dump' : 'sqlite';
let name = `carto-ess-${stamp}.${extension}`;
for (let n = 2; existsSync(join(dir, name)); n++) name = `carto-ess-${stamp}-${n}.${extension}`;
const target = join(dir, name);
const partial = join(dir, `.${name}.${process.pid}.partial`);

if (postgres) {
	try {
		const summary = await backupPostgres(postgres, target, partial);
		console.log(
			`Sauvegarde écrite : ${target} (${summary.records} fiches, ${summary.history} versions, ${summary.users} comptes)`
		);
		console.log(JSON.stringify(summary));
		process.exit(0);
	} catch (e) {
		if (!(e instanceof BackupError)) throw e;
		console.error(`db:backup : ${e.message} ; aucune sauvegarde écrite`);
		process.exit(1);
	}
}

const started = performance.now();
const db = new Database(source, { readonly: true, fileMustExist: true });
try {
	await db.backup(partial);
} catch (e) {
	rmSync(partial, { force: true });
	console.error(`db:backup : la copie a échoué (${(e as Error).message}) ; aucune sauvegarde écrite`);
	process.exit(1);
} finally {
	db.close();
}
// A backup is one self-contained file: leave WAL mode so no -wal/-shm files sit beside it.
const copy = new Database(partial);
copy.pragma('journal_mode = DELETE');
const integrity = copy.pragma('integrity_check', { simple: true });
const count = (table: string) =>
	(copy.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
const summary = {
	file: target,
	bytes: statSync(partial).size,
	ms: 0,
	integrity,
	records: count('records'),
	history: count('record_history'),
	users: count('users')
};
copy.close();
if (integrity !== 'ok') {
	rmSync(partial, { force: true });
	console.error(`db:backup : la copie de ${source} est corrompue (${integrity}) ; aucune sauvegarde écrite`);
	process.exit(1);
}
// On disk before it gets its final name, and the name itself on disk after: a crash leaves the old state
// or the whole backup.
const fd = openSync(partial, 'r');
fsyncSync(fd);
closeSync(fd);
renameSync(partial, target);
const dirFd = openSync(dir, 'r');
fsyncSync(dirFd);
closeSync(dirFd);
summary.ms = Math.round(performance.now() - started);
console.log(
	`Sauvegarde écrite : ${target} (${summary.records} fiches, ${summary.history} versions, ${summary.users} comptes)`
);
console.log(JSON.stringify(summary));
