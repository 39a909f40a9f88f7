import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countBoundaries } from '../src/lib/server/db/boundaries';
import { insertCommune } from '../src/lib/server/db/records';
import { postgresClient } from '../src/lib/server/db/sql';
import {
	freshPostgresDatabase,
	POSTGRES_SKIP_REASON,
	TEST_DATABASE_URL
} from '../src/lib/server/db/test-postgres';
import { loadDataset } from '../src/lib/server/seed/read-data';
import { parseArgs } from './geo-import';

describe('geo:import arguments', () => {
	it('reads the file, kind and options', () => {
		expect(
			parseArgs([
				'f.geojson',
				'--kind',
				'quartier',
				'--code-field',
				'numero',
				'--source',
				'Ville de Strasbourg',
				'--dry-run'
			])
		).toEqual({
			file: 'f.geojson',
			kind: 'quartier',
			codeField: 'numero',
			source: 'Ville de Strasbourg',
			dryRun: true,
			assign: true
		});
		expect(parseArgs(['f.geojson', '--kind', 'qpv', '--no-assign']).assign).toBe(false);
	});
	it('refuses a missing or unknown kind, a missing value and unknown options with a message', () => {
		expect(() => parseArgs(['f.geojson'])).toThrow(/--kind attendu/);
		expect(() => parseArgs(['f.geojson', '--kind', 'region'])).toThrow(
			/--kind attendu : commune, quartier, qpv/
		);
		expect(() => parseArgs(['f.geojson', '--kind'])).toThrow(/--kind : valeur manquante/);
		expect(() => parseArgs(['f.geojson', '--kind', 'commune', '--force'])).toThrow(
			/option inconnue : --force/
		);
		expect(() => parseArgs(['--kind', 'commune'])).toThrow(/fichier GeoJSON manquant/);
	});
});

describe.skipIf(!TEST_DATABASE_URL)(
	TEST_DATABASE_URL ? 'geo:import on PostgreSQL' : `geo:import on PostgreSQL: ${POSTGRES_SKIP_REASON}`,
	() => {
		let db: Awaited<ReturnType<typeof freshPostgresDatabase>>;
		let dir: string;
		beforeAll(async () => {
			db = await freshPostgresDatabase();
			dir = mkdtempSync(join(tmpdir(), 'carto-geo-'));
		});
		afterAll(async () => {
			await db?.drop();
			rmSync(dir, { recursive: true, force: true });
		});

		it('writes the outlines into the database DATABASE_URL names, and no SQLite file', async () => {
			const file = join(dir, 'communes.geojson');
			// A synthetic square named after a commune the store knows: not a real outline.
			writeFileSync(
				file,
				JSON.stringify({
					type: 'FeatureCollection',
					features: [
						{
							type: 'Feature',
							properties: { code: '67482', nom: 'Strasbourg' },
							geometry: {
								type: 'Polygon',
								coordinates: [
									[
										[7.7, 48.5],
										[7.8, 48.5],
										[7.8, 48.6],
										[7.7, 48.6],
										[7.7, 48.5]
									]
								]
							}
						}
					]
				})
			);
			const sqlitePath = join(dir, 'absent.sqlite');
			const run = (extra: Record<string, string>) =>
				spawnSync('npx', ['tsx', 'scripts/geo-import.ts', file, '--kind', 'commune', '--source', 'test'], {
					encoding: 'utf8',
					env: { ...process.env, DATABASE_URL: db.url, DATABASE_PATH: sqlitePath, ...extra }
				});
			const empty = run({});
			expect(empty.status).toBe(1);
			expect(empty.stderr).toContain('ne connaît aucune commune');

			const sql = postgresClient(db.url);
			try {
				const strasbourg = loadDataset('data').dataset.communes.find((c) => c.code === '67482')!;
				await insertCommune(sql, strasbourg);
				const done = run({});
				expect(done.stderr).toBe('');
				expect(done.stdout).toContain('1 contour(s) de type commune importé(s)');
				expect(await countBoundaries(sql)).toEqual({ commune: 1, quartier: 0, qpv: 0 });
			} finally {
				await sql.close();
			}
			expect(existsSync(sqlitePath)).toBe(false);
		}, 60_000);
	}
);
