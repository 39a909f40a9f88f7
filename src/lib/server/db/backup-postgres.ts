/**
 * A backup of a PostgreSQL store with `pg_dump` (custom format, restored with `pg_restore`), for
 * `npm run db:backup` when DATABASE_URL names PostgreSQL.
 *
 * The counts printed are those of the dump itself: they are read in a repeatable-read transaction whose
 * snapshot is handed to pg_dump (`--snapshot`), so writes going on meanwhile can change neither. As for
 * SQLite, the dump is written under a hidden partial name, checked (`pg_restore --list` must read it and
 * find the records' data), flushed to disk and only then renamed.
 */
import { spawnSync } from 'node:child_process';
import {
	closeSync,
	existsSync,
	fsyncSync,
	openSync,
	readdirSync,
	renameSync,
	rmSync,
	statSync
} from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

export interface PostgresBackup {
	file: string;
	bytes: number;
	ms: number;
	records: number;
	history: number;
	users: number;
}

export class BackupError extends Error {}

/**
 * The PostgreSQL tool `name` (pg_dump, pg_restore): PG_BIN's if set, else the newest of Debian's
 * /usr/lib/postgresql/<version>/bin (a dump needs a pg_dump at least as new as the server), else PATH's.
 */
export function postgresTool(name: 'pg_dump' | 'pg_restore', env = process.env): string {
	if (env.PG_BIN) return join(env.PG_BIN, name);
	const root = '/usr/lib/postgresql';
	if (existsSync(root)) {
		const versions = readdirSync(root)
			.filter((v) => /^\d+$/.test(v) && existsSync(join(root, v, 'bin', name)))
			.sort((a, b) => Number(b) - Number(a));
		if (versions.length) return join(root, versions[0], 'bin', name);
	}
	return name;
}

/** Dumps the database at `url` to `target` (its partial file beside it first). */
export async function backupPostgres(url: string, target: string, partial: string): Promise<PostgresBackup> {
	const started = performance.now();
	const client = new pg.Client({ connectionString: url });
	try {
		await client.connect();
	} catch (e) {
		throw new BackupError(`connexion impossible à PostgreSQL (${(e as Error).message})`);
	}
	let counts: { records: number; history: number; users: number };
	try {
		await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
		const snapshot = (await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id')).rows[0].id;
		const count = async (table: string) =>
			Number((await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0].n);
		counts = {
			records: await count('records'),
			history: await count('record_history'),
			users: await count('users')
		};
		// The snapshot lives as long as this transaction: pg_dump runs while it is open.
		const dump = spawnSync(
			postgresTool('pg_dump'),
			['--format=custom', '--no-owner', `--snapshot=${snapshot}`, `--file=${partial}`, `--dbname=${url}`],
			{ encoding: 'utf8' }
		);
		if (dump.error || dump.status !== 0) {
			rmSync(partial, { force: true });
			const why = dump.error?.message ?? dump.stderr.trim().split('\n').pop();
			throw new BackupError(`pg_dump a échoué (${why})`);
		}
		await client.query('COMMIT');
	} finally {
		await client.end().catch(() => undefined);
	}
	const list = spawnSync(postgresTool('pg_restore'), ['--list', partial], { encoding: 'utf8' });
	if (list.status !== 0 || !/TABLE DATA \S+ records /.test(list.stdout)) {
		rmSync(partial, { force: true });
		throw new BackupError('la copie ne se relit pas (pg_restore --list)');
	}
	const fd = openSync(partial, 'r');
	fsyncSync(fd);
	closeSync(fd);
	renameSync(partial, target);
	return {
		file: target,
		bytes: statSync(target).size,
		ms: Math.round(performance.now() - started),
		...counts
	};
}
