import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import communes from '../data/communes.json';
import { selectSireneEstablishments } from '../src/lib/server/sirene/read';
import { parseArgs, progressText, summary } from './import-sirene';

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

	it('refuses missing files, a bad date, unknown options, and writing into the store (not there yet)', () => {
		expect(() => parseArgs(['--etablissements', 'e.zip', '--dry-run'])).toThrow(/unités légales manquant/);
		expect(() =>
			parseArgs(['--unites-legales', 'u', '--etablissements', 'e', '--stock-date', '01/12/2026', '--dry-run'])
		).toThrow(/date du stock invalide/);
		expect(() => parseArgs(['--unites-legales', 'u', '--etablissements', 'e', '--force'])).toThrow(/force/);
		expect(() => parseArgs(['--unites-legales', 'u', '--etablissements', 'e'])).toThrow(
			/pas encore disponible : relancez avec --dry-run/
		);
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
