import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisationSchema } from '$lib/domain/records';
import { organisationFixture } from '$lib/domain/test-fixtures';
import { postgresTool } from './backup-postgres';
import { migrateSql } from './migrate-sql';
import { dataVersion, insertRecords, updateRecord } from './records';
import { postgresClient, type SqlClient } from './sql';
import { freshPostgresDatabase, POSTGRES_SKIP_REASON, TEST_DATABASE_URL } from './test-postgres';

function backup(databaseUrl: string, out: string) {
	const run = spawnSync('npx', ['tsx', 'scripts/db-backup.ts', '--out', out], {
		encoding: 'utf8',
		env: { ...process.env, DATABASE_URL: databaseUrl }
	});
	return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe.skipIf(!TEST_DATABASE_URL)(
	TEST_DATABASE_URL ? 'db:backup on PostgreSQL' : `db:backup on PostgreSQL: ${POSTGRES_SKIP_REASON}`,
	() => {
		let source: Awaited<ReturnType<typeof freshPostgresDatabase>>;
		let restored: Awaited<ReturnType<typeof freshPostgresDatabase>>;
		let sql: SqlClient;
		let out: string;
		const org = organisationSchema.parse(organisationFixture());
		const other = organisationSchema.parse({
			...organisationFixture(),
			id: 'org-backup-2',
			slug: 'sauvegarde-2',
			name: 'Deuxième structure (synthétique)'
		});

		beforeAll(async () => {
			source = await freshPostgresDatabase();
			restored = await freshPostgresDatabase();
			sql = postgresClient(source.url);
			await migrateSql(sql);
			await insertRecords(sql, [org, other], { by: 'test' });
			await updateRecord(sql, { ...org, name: 'Renommée (synthétique)' }, { expectedVersion: 1 });
			out = mkdtempSync(join(tmpdir(), 'carto-backup-'));
		}, 60_000);
		afterAll(async () => {
			await sql?.close();
			await source?.drop();
			await restored?.drop();
			rmSync(out, { recursive: true, force: true });
		});

		it('writes a dump that pg_restore turns back into the same store', async () => {
			const run = backup(source.url, out);
			expect(run.stderr).toBe('');
			expect(run.status).toBe(0);
			const summary = JSON.parse(run.stdout.trim().split('\n').pop()!);
			expect(summary).toMatchObject({ records: 2, history: 3 });
			expect(readdirSync(out)).toEqual([summary.file.split('/').pop()]);
			expect(summary.file).toMatch(/carto-ess-\d{8}-\d{6}\.dump$/);

			const restore = spawnSync(
				postgresTool('pg_restore'),
				['--no-owner', `--dbname=${restored.url}`, summary.file],
				{ encoding: 'utf8' }
			);
			expect(restore.stderr).toBe('');
			const back = postgresClient(restored.url);
			try {
				const names = await back.all<{ name: string }>('SELECT name FROM records ORDER BY name');
				expect(names.map((r) => r.name)).toEqual([
					'Deuxième structure (synthétique)',
					'Renommée (synthétique)'
				]);
				expect(await dataVersion(back)).toBe(await dataVersion(sql));
			} finally {
				await back.close();
			}
		}, 60_000);

		it('says why in French and leaves no file when the database cannot be reached', () => {
			const missing = new URL(source.url);
			missing.pathname = '/carto_base_absente';
			const empty = mkdtempSync(join(tmpdir(), 'carto-backup-'));
			try {
				const run = backup(missing.toString(), empty);
				expect(run.status).toBe(1);
				expect(run.stderr).toMatch(
					/^db:backup : connexion impossible à PostgreSQL .* ; aucune sauvegarde écrite/
				);
				expect(readdirSync(empty)).toEqual([]);
			} finally {
				rmSync(empty, { recursive: true, force: true });
			}
		}, 60_000);
	}
);
