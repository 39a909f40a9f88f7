import { beforeEach, describe, expect, it } from 'vitest';
import { workbookOf } from '$lib/io/test-workbook';
import { esusDate, sirenOf } from '$lib/io/esus';
import { loadDataset } from './seed/read-data';
import { migrate, openDatabase, type Db } from './db/connection';
import { sqliteClient, type SqlClient } from './db/sql';
import { seedIfEmpty } from './db/seed';
import { getRecordById, listHistory, updateRecord } from './db/records';
import { runEsusImport } from './buyers-import';

// SIRETs given to two seed records for the test (fixture values, not real ones).
const HUMANIS_SIRET = '98765432100012';
const ENVIE_SIRET = '12345678900011';

/** The list as the Trésor lays it out: a title row, then the headers, the SIREN in column B. */
async function list(rows: (string | number | Date)[][]) {
	return workbookOf(
		[['Raison sociale', 'SIREN', 'Date d’agrément', 'Département', 'Forme juridique'], ...rows],
		{ title: 'Liste nationale des entreprises agréées ESUS au 1er novembre 2026', sheet: 'ESUS' }
	);
}

let db: Db;
let sql: SqlClient;
beforeEach(() => {
	db = openDatabase(':memory:');
	sql = sqliteClient(db);
	migrate(db);
	seedIfEmpty(db, loadDataset('data').dataset);
	const { version, ...humanis } = getRecordById(db, 'humanis')!;
	updateRecord(db, { ...humanis, siret: HUMANIS_SIRET } as typeof humanis, { expectedVersion: version });
	// Envie already has an ESUS proof an editor wrote: the import must keep it.
	const { version: v2, ...envie } = getRecordById(db, 'envie-strasbourg')!;
	if (envie.kind !== 'organisation') throw new Error('fixture');
	updateRecord(
		db,
		{
			...envie,
			siret: ENVIE_SIRET,
			approvals: [...envie.approvals, 'esus'],
			approvalProofs: {
				...envie.approvalProofs,
				esus: {
					title: 'Arrêté d’agrément ESUS (copie transmise)',
					site: 'DREETS Grand Est',
					date: '2025-03-02'
				}
			}
		},
		{ expectedVersion: v2 }
	);
});

async function run(bytes: Uint8Array, dryRun: boolean) {
	const lines: string[] = [];
	const out = await runEsusImport(
		sql,
		{ fileName: 'esus.xlsx', bytes, dryRun, date: '2026-11-01' },
		{ log: (l) => lines.push(l), progress: () => {} }
	);
	return { ...out, lines };
}

describe('import:esus', () => {
	it('reads SIRENs as the workbook holds them, and French dates', () => {
		expect(sirenOf('987 654 321')).toBe('987654321');
		expect(sirenOf('87654321')).toBe('087654321');
		expect(sirenOf('98765432100012')).toBe('987654321');
		expect(sirenOf('98765')).toBeUndefined();
		expect(esusDate('04/12/2026')).toBe('2026-12-04');
		expect(esusDate('2026-12-04')).toBe('2026-12-04');
		expect(esusDate('bientôt')).toBeUndefined();
	});

	it('reports what it would do, the bad rows in French, and writes nothing on a dry run', async () => {
		const bytes = await list([
			['Humanis', 987654321, new Date(Date.UTC(2024, 5, 14)), 'Bas-Rhin', 'Association'],
			['Société lointaine', '552 100 554', '', 'Gironde', 'SAS'],
			['Sans numéro', '', '', 'Bas-Rhin', 'SCOP'],
			['Numéro tronqué', '98765', '', 'Bas-Rhin', 'SCIC']
		]);
		const before = getRecordById(db, 'humanis')!;
		const { exitCode, result, skipped, lines } = await run(bytes, true);
		expect(exitCode).toBe(0);
		expect(result).toMatchObject({ dryRun: true, written: false, updated: 1, new: 0, listed: 2, matched: 1 });
		expect(skipped.map((s) => s.reason)).toEqual([
			'SIREN absent',
			'SIREN invalide « 98765 » : 9 chiffres attendus'
		]);
		expect(lines).toContain('2 entreprises dans la liste, 1 fiche de l’annuaire rapprochée par SIREN');
		expect(getRecordById(db, 'humanis')).toEqual(before);
	});

	it('adds the ESUS kind with the list as proof, keeps an editor’s proof and every curated text, with history', async () => {
		const bytes = await list([
			['HUMANIS', '987654321', new Date(Date.UTC(2024, 5, 14)), 'Bas-Rhin', 'Association'],
			['ENVIE STRASBOURG', '123456789', '15/01/2026', 'Bas-Rhin', 'Association'],
			['Société lointaine', '552100554', '', 'Gironde', 'SAS']
		]);
		const before = getRecordById(db, 'humanis')!;
		const { exitCode, result } = await run(bytes, false);
		expect(exitCode).toBe(0);
		expect(result).toMatchObject({ written: true, new: 0, matched: 2 });
		const humanis = getRecordById(db, 'humanis')!;
		if (humanis.kind !== 'organisation' || before.kind !== 'organisation') throw new Error('kind');
		expect(humanis.approvals).toEqual([...before.approvals, 'esus']);
		expect(humanis.approvalProofs?.esus).toEqual({
			title: 'Liste nationale des entreprises agréées ESUS',
			site: 'Direction générale du Trésor',
			url: 'https://www.tresor.economie.gouv.fr/banque-assurance-finance/finance-sociale-et-solidaire/liste-nationale-agrements-esus',
			date: '2024-06-14'
		});
		expect(humanis.name).toBe(before.name);
		expect(humanis.description).toBe(before.description);
		expect(listHistory(db, 'humanis')[0]).toMatchObject({ action: 'import', changedBy: 'import liste ESUS' });
		const envie = getRecordById(db, 'envie-strasbourg')!;
		expect(envie.kind === 'organisation' && envie.approvalProofs?.esus?.title).toBe(
			'Arrêté d’agrément ESUS (copie transmise)'
		);
		expect(envie.name).toBe('Envie Strasbourg');
	});

	it('says which column is missing and writes nothing', async () => {
		const bytes = await workbookOf([
			['Raison sociale', 'Numéro'],
			['Humanis', '987654321']
		]);
		const { exitCode, result } = await run(bytes, false);
		expect(exitCode).toBe(1);
		expect(result.message).toMatch(/^liste ESUS : colonne « SIREN » introuvable/);
		expect(result.written).toBe(false);
	});

	it('refuses a file that is not a workbook, in French', async () => {
		const { exitCode, result } = await run(new TextEncoder().encode('SIREN;nom\n987654321;Humanis'), false);
		expect(exitCode).toBe(1);
		expect(result.message).toMatch(/^liste ESUS : ce fichier n’est pas un classeur Excel/);
	});
});
