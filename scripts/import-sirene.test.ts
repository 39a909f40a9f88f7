import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import communes from '../data/communes.json';
import type { Commune } from '../src/lib/domain/geography';
import { SireneFileError } from '../src/lib/io/sirene/errors';
import { migrate, openDatabase, type Db } from '../src/lib/server/db/connection';
import { countRecords, dataVersion, insertCommune } from '../src/lib/server/db/records';
import { selectSireneEstablishments } from '../src/lib/server/sirene/read';
import { parseArgs, progressText, runImportSirene, summary } from './import-sirene';
import { sqliteClient } from '../src/lib/server/db/sql';

const fixture = (name: string) =>
	fileURLToPath(new URL(`../src/lib/io/sirene/fixtures/${name}`, import.meta.url));

describe('import:sirene arguments', () => {
	it('reads the files and options', () => {
		expect(
			parseArgs([
				'--unites-legales',
				'u.zip',
				'--etablissements',
				'e.zip',
				'--ess-france',
				'l.csv',
				'--stock-date',
				'2026-12-01',
				'--dry-run'
			])
		).toEqual({
			unitesLegales: 'u.zip',
			etablissements: 'e.zip',
			essFrance: 'l.csv',
			stockDate: '2026-12-01',
			dryRun: true,
			out: undefined
		});
	});

	it('refuses missing files, a bad date and unknown options; writes into the store without --dry-run', () => {
		expect(() => parseArgs(['--etablissements', 'e.zip', '--dry-run'])).toThrow(/unités légales manquant/);
		expect(() =>
			parseArgs(['--unites-legales', 'u', '--etablissements', 'e', '--stock-date', '01/12/2026', '--dry-run'])
		).toThrow(/date du stock invalide/);
		expect(() => parseArgs(['--unites-legales', 'u', '--etablissements', 'e', '--force'])).toThrow(/force/);
		expect(parseArgs(['--unites-legales', 'u', '--etablissements', 'e']).dryRun).toBe(false);
		expect(parseArgs(['--unites-legales', 'u', '--etablissements', 'e', '--out', 's.json']).out).toBe(
			's.json'
		);
	});
});

describe('import:sirene report', () => {
	it('prints every count in French', async () => {
		const selection = await selectSireneEstablishments({
			etablissements: fixture('StockEtablissement_fixture.csv'),
			unitesLegales: fixture('StockUniteLegale_fixture.csv'),
			essFrance: fixture('ess-france_fixture.csv'),
			communeCodes: communes.map((c) => c.code),
			stockDate: '2026-12-01'
		});
		const text = summary(selection).join('\n');
		expect(text).toContain('Stock SIRENE du 2026-12-01\n');
		expect(text).toContain("retenus (actifs, dans l'Eurométropole, ESS) : 9");
		expect(text).toContain('fermés : 1');
		expect(text).toContain('lignes en double (même SIRET) : 1');
		expect(text).toContain('2 SIREN, 1 établissements retenus grâce à elle seule');
	});

	it('writes a progress line with the percentage and the rate', () => {
		expect(
			progressText({
				file: 'etablissements',
				rowsRead: 1_000_000,
				rowsKept: 1200,
				rowsPerSecond: 500_000,
				elapsedMs: 2000,
				bytesRead: 250,
				bytesTotal: 1000,
				done: false
			}).replace(/\s/g, ' ')
		).toBe('Établissements : 1 000 000 lignes lues (25 %), 500 000 lignes/s, 1 200 retenues');
	});
});

describe('import:sirene into the store', () => {
	let dir: string;
	let db: Db;
	beforeAll(() => {
		dir = mkdtempSync(join(tmpdir(), 'carto-ess-import-sirene-'));
	});
	afterAll(() => rmSync(dir, { recursive: true, force: true }));
	beforeEach(() => {
		db = openDatabase(':memory:');
		migrate(db);
		for (const c of communes as Commune[]) insertCommune(db, c);
	});
	const args = (etablissements: string, dryRun = false) => ({
		unitesLegales: fixture('StockUniteLegale_fixture.csv'),
		etablissements,
		essFrance: fixture('ess-france_fixture.csv'),
		stockDate: '2026-12-01',
		dryRun
	});
	const now = new Date('2027-01-15T10:00:00Z');

	it('writes, then prints a summary by reason whose last line is one JSON object', async () => {
		const { lines } = await runImportSirene(
			args(fixture('StockEtablissement_fixture.csv')),
			sqliteClient(db),
			{ now }
		);
		expect(lines).toContain('  nouvelles fiches publiées : 9');
		expect(JSON.parse(lines.at(-1)!)).toMatchObject({
			stockDate: '2026-12-01',
			dryRun: false,
			rowsRead: 14,
			selected: 9,
			new: 9,
			enriched: 0,
			unchanged: 0,
			archived: 0,
			skipped: { closed: 1, outside: 1, notEss: 1, duplicateLine: 1, unitMissing: 1 }
		});
		expect(countRecords(db).organisation).toBe(9);
	});

	it('a dry run writes nothing', async () => {
		const { lines } = await runImportSirene(
			args(fixture('StockEtablissement_fixture.csv'), true),
			sqliteClient(db),
			{
				now
			}
		);
		expect(JSON.parse(lines.at(-1)!)).toMatchObject({ dryRun: true, new: 9 });
		expect(countRecords(db).organisation).toBe(0);
		expect(dataVersion(db)).toBe(0);
	});

	it('a truncated file stops before anything is written', async () => {
		const text = readFileSync(fixture('StockEtablissement_fixture.csv'), 'utf8');
		// Cut inside a quoted value of the last line: the file ends in the middle of a record.
		const cut = join(dir, 'StockEtablissement_tronque.csv');
		writeFileSync(cut, text.slice(0, text.lastIndexOf('\n', text.length - 2) + 30) + '"JARDIN');
		await expect(runImportSirene(args(cut), sqliteClient(db), { now })).rejects.toThrow(SireneFileError);
		expect(countRecords(db).organisation).toBe(0);
		expect(dataVersion(db)).toBe(0);
	});
});
