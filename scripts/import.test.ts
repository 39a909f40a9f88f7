/** `npm run import` end to end on a temporary store: arguments, dry run, errors, a real import. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../src/lib/server/db/connection';
import { dataVersion, getRecordById, listHistory } from '../src/lib/server/db/records';
import { migrateSql } from '../src/lib/server/db/migrate-sql';
import { seedIfEmpty } from '../src/lib/server/db/seed';
import { postgresClient, type SqlClient } from '../src/lib/server/db/sql';
import {
	anotherTransactionWriting,
	freshPostgresDatabase,
	importFootprint,
	POSTGRES_SKIP_REASON,
	TEST_DATABASE_URL
} from '../src/lib/server/db/test-postgres';
import { loadDataset } from '../src/lib/server/seed/read-data';
import { parseArgs } from './import';

describe('import arguments', () => {
	it('reads the file, kind and options', () => {
		expect(
			parseArgs([
				'a.xlsx',
				'--kind',
				'initiative',
				'--mapping',
				'm.json',
				'--dry-run',
				'--skip-errors',
				'--by',
				'Camille'
			])
		).toEqual({
			file: 'a.xlsx',
			kind: 'initiative',
			mapping: 'm.json',
			dryRun: true,
			skipErrors: true,
			by: 'Camille'
		});
	});
	it('refuses a missing or unknown kind, a missing value and unknown options, in French', () => {
		expect(() => parseArgs(['a.csv'])).toThrow(/--kind attendu : organisation, initiative, funding-tool/);
		expect(() => parseArgs(['a.csv', '--kind', 'structure'])).toThrow(/--kind attendu/);
		expect(() => parseArgs(['a.csv', '--kind', 'organisation', '--mapping'])).toThrow(
			/--mapping : valeur manquante/
		);
		expect(() => parseArgs(['a.csv', '--kind', 'organisation', '--force'])).toThrow(
			/option inconnue : --force/
		);
		expect(() => parseArgs(['--kind', 'organisation'])).toThrow(/fichier à importer manquant/);
	});
});

describe('npm run import', () => {
	const dir = mkdtempSync(join(tmpdir(), 'carto-ess-import-cli-'));
	const database = join(dir, 'store.sqlite');
	const file = join(dir, 'adherents.csv');
	const bad = join(dir, 'adherents-avec-erreur.csv');
	const mapping = join(dir, 'correspondance.json');

	beforeAll(() => {
		const db = openDatabase(database);
		migrate(db);
		seedIfEmpty(db, loadDataset('data').dataset);
		db.close();
		const header = 'Nom de la structure;Activité;Ville;Quartier;ESS ?;Mis à jour le';
		const rows = [
			'Recyclerie de la Robertsau;Réemploi et réparation;Strasbourg;Robertsau;oui;02/11/2026',
			'Atelier Vélo Schilick;Atelier vélo participatif;schiltigheim;;OUI;3/11/26'
		];
		writeFileSync(file, `\ufeff${[header, ...rows].join('\r\n')}\r\n`);
		writeFileSync(
			bad,
			[header, rows[0], 'Épicerie Solidaire;Épicerie;Lingolsheimm;;oui;02/11/2026'].join('\n')
		);
		writeFileSync(
			mapping,
			JSON.stringify({
				values: { roles: 'acteur' },
				source: { url: 'https://exemple.org/adherents', title: 'Liste des adhérents' }
			})
		);
	});
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	const run = (...args: string[]) => {
		const out = spawnSync('npm', ['run', '--silent', 'import', '--', ...args], {
			env: { ...process.env, DATABASE_PATH: database },
			encoding: 'utf8',
			timeout: 60_000
		});
		const lines = out.stdout.trim().split('\n');
		return { code: out.status, lines, json: JSON.parse(lines.at(-1) ?? '{}'), stderr: out.stderr };
	};
	const version = () => {
		const db = openDatabase(database);
		try {
			return dataVersion(db);
		} finally {
			db.close();
		}
	};

	it('--dry-run says what it would do and writes nothing', () => {
		const before = version();
		const r = run(file, '--kind', 'organisation', '--mapping', mapping, '--dry-run');
		expect(r.code).toBe(0);
		expect(r.json).toMatchObject({
			new: 2,
			updated: 0,
			unchanged: 0,
			errors: 0,
			dryRun: true,
			written: false
		});
		expect(r.lines).toContain('ligne 3 — nouvelle fiche « Atelier Vélo Schilick » (atelier-velo-schilick)');
		expect(r.lines).toContain('complété : Statut : « Brouillon » (par défaut), 2 ligne(s)');
		expect(version()).toBe(before);
	}, 60_000);

	it('a row in error stops everything, with the reason, and exit code 1', () => {
		const before = version();
		const r = run(bad, '--kind', 'organisation', '--mapping', mapping);
		expect(r.code).toBe(1);
		expect(r.json).toMatchObject({ new: 1, errors: 1, written: false });
		expect(r.lines).toContain(
			'erreur : ligne 3 — colonne « Ville » : commune inconnue « Lingolsheimm » : vouliez-vous dire « Lingolsheim » ? (champ « Commune »)'
		);
		expect(version()).toBe(before);
	}, 60_000);

	it('imports for real in one go, with history entries, and a second run changes nothing', () => {
		const r = run(file, '--kind', 'organisation', '--mapping', mapping, '--by', 'Camille (script)');
		expect(r.code).toBe(0);
		expect(r.json).toMatchObject({ new: 2, updated: 0, errors: 0, written: true });
		const db = openDatabase(database);
		try {
			expect(getRecordById(db, 'atelier-velo-schilick')).toMatchObject({
				communeCode: '67447',
				lastVerified: '2026-11-03',
				status: 'draft',
				roles: ['acteur']
			});
			expect(listHistory(db, 'recyclerie-de-la-robertsau')[0]).toMatchObject({
				action: 'import',
				changedBy: 'Camille (script)'
			});
		} finally {
			db.close();
		}
		expect(run(file, '--kind', 'organisation', '--mapping', mapping).json).toMatchObject({
			new: 0,
			unchanged: 2,
			written: false
		});
	}, 60_000);

	it('killed with SIGKILL while writing, it leaves the store as it was or with every row', async () => {
		const rows = Array.from(
			{ length: 3000 },
			(_, i) => `Structure synthétique ${i};Donnée de test;Strasbourg;;oui;02/11/2026`
		);
		const big = join(dir, 'gros-fichier.csv');
		writeFileSync(
			big,
			['Nom de la structure;Activité;Ville;Quartier;ESS ?;Mis à jour le', ...rows].join('\n')
		);
		const count = () => {
			const db = openDatabase(database);
			try {
				return (db.prepare('SELECT COUNT(*) AS n FROM records').get() as { n: number }).n;
			} finally {
				db.close();
			}
		};
		const before = count();
		// One process (node --import tsx), so that the signal reaches the import itself.
		const child = spawn(
			process.execPath,
			['--import', 'tsx', 'scripts/import.ts', big, '--kind', 'organisation', '--mapping', mapping],
			{
				env: { ...process.env, DATABASE_PATH: database }
			}
		);
		await new Promise<void>((resolve) => {
			let out = '';
			child.stdout.on('data', (chunk: Buffer) => {
				out += chunk.toString();
				// The report is printed just before the transaction starts.
				if (out.includes('bilan :')) child.kill('SIGKILL');
			});
			child.on('exit', () => resolve());
		});
		expect([before, before + rows.length]).toContain(count());
		const db = openDatabase(database);
		try {
			expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
		} finally {
			db.close();
		}
	}, 90_000);
});

describe.skipIf(!TEST_DATABASE_URL)(
	TEST_DATABASE_URL ? 'npm run import on PostgreSQL' : `npm run import : ${POSTGRES_SKIP_REASON}`,
	() => {
		const dir = mkdtempSync(join(tmpdir(), 'carto-ess-import-pg-'));
		const mapping = join(dir, 'correspondance.json');
		let db: Awaited<ReturnType<typeof freshPostgresDatabase>>;
		let sql: SqlClient;

		beforeAll(async () => {
			db = await freshPostgresDatabase();
			sql = postgresClient(db.url, { max: 2 });
			await migrateSql(sql);
			await seedIfEmpty(sql, loadDataset('data').dataset);
			writeFileSync(
				mapping,
				JSON.stringify({
					values: { roles: 'acteur' },
					source: { url: 'https://exemple.org/adherents', title: 'Liste des adhérents' }
				})
			);
		}, 60_000);
		afterAll(async () => {
			await sql?.close();
			await db?.drop();
			rmSync(dir, { recursive: true, force: true });
		});

		const writing = () => anotherTransactionWriting(sql);

		it('writes into the database DATABASE_URL names, and no SQLite file', async () => {
			const file = join(dir, 'deux.csv');
			writeFileSync(
				file,
				[
					'Nom de la structure;Activité;Ville;Quartier;ESS ?;Mis à jour le',
					'Recyclerie de la Robertsau;Réemploi et réparation;Strasbourg;Robertsau;oui;02/11/2026',
					'Atelier Vélo Schilick;Atelier vélo participatif;schiltigheim;;OUI;3/11/26'
				].join('\n')
			);
			const before = (await importFootprint(sql)).records;
			const sqliteFile = join(dir, 'ne-doit-pas-exister.sqlite');
			const out = spawnSync(
				process.execPath,
				['--import', 'tsx', 'scripts/import.ts', file, '--kind', 'organisation', '--mapping', mapping],
				{
					env: { ...process.env, DATABASE_URL: db.url, DATABASE_PATH: sqliteFile },
					encoding: 'utf8',
					timeout: 60_000
				}
			);
			expect(out.status, out.stderr + out.stdout).toBe(0);
			expect(JSON.parse(out.stdout.trim().split('\n').at(-1)!)).toMatchObject({ new: 2, written: true });
			expect((await importFootprint(sql)).records).toBe(before + 2);
			expect(await getRecordById(sql, 'atelier-velo-schilick')).toMatchObject({ communeCode: '67447' });
			expect(existsSync(sqliteFile)).toBe(false);
		}, 60_000);

		it('killed with SIGKILL inside its transaction, it leaves the database as it was', async () => {
			const rows = Array.from(
				{ length: 3000 },
				(_, i) => `Structure synthétique PG ${i};Donnée de test;Strasbourg;;oui;02/11/2026`
			);
			const big = join(dir, 'gros-fichier.csv');
			writeFileSync(
				big,
				['Nom de la structure;Activité;Ville;Quartier;ESS ?;Mis à jour le', ...rows].join('\n')
			);
			const before = await importFootprint(sql);
			const child = spawn(
				process.execPath,
				['--import', 'tsx', 'scripts/import.ts', big, '--kind', 'organisation', '--mapping', mapping],
				{ env: { ...process.env, DATABASE_URL: db.url } }
			);
			let out = '';
			child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
			const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
			// The report is printed just before the transaction starts; kill once it has written rows.
			let killedWhileWriting = false;
			while (child.exitCode === null) {
				if (out.includes('bilan :') && (await writing())) {
					killedWhileWriting = child.kill('SIGKILL');
					break;
				}
				await new Promise((r) => setTimeout(r, 20));
			}
			await exited;
			expect(killedWhileWriting, 'le processus a fini avant d’être tué').toBe(true);
			// The server ends the dead client's transaction; until then its rows are invisible anyway.
			await expect.poll(writing, { timeout: 10_000 }).toBe(false);
			expect(await importFootprint(sql)).toEqual(before);
		}, 90_000);
	}
);
