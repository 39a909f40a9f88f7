/**
 * The workspace's import against a real store (migrations, the seed's places and records): remembered
 * mappings, « Ignorer les lignes en erreur » with the rejected rows, Excel uploads, what an apply reports,
 * and the command line's shared path.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { decodeText, parseCsv } from '$lib/io/csv';
import { REJECTED_COLUMN } from '$lib/io/import-messages';
import { workbookOf } from '$lib/io/test-workbook';
import { loadDataset } from '$lib/server/seed/read-data';
import { migrate, openDatabase, type Db } from '../db/connection';
import { sqliteClient, type SqlClient } from '../db/sql';
import { getImportJob } from '../db/admin';
import { dataVersion, getRecordById, listHistory } from '../db/records';
import { seedIfEmpty } from '../db/seed';
import {
	createImportJob,
	importPage,
	rejectedRows,
	startApply,
	startDryRun,
	templateDownload,
	uploadImport,
	type ApplySummary,
	type StoredPlan
} from './import';
import { proposedMapping } from './import-core';
import { runImportCommand } from './import-command';

const { dataset } = loadDataset('data');
const camille = { id: 'u-camille', name: 'Camille' };
let db: Db;
let sql: SqlClient;

beforeEach(() => {
	db = openDatabase(':memory:');
	sql = sqliteClient(db);
	migrate(db);
	seedIfEmpty(db, dataset);
});

async function settle(id: string) {
	for (let i = 0; i < 2000; i++) {
		const status = getImportJob(db, id)?.status;
		if (status !== 'planning' && status !== 'applying') return getImportJob(db, id)!;
		await new Promise((r) => setImmediate(r));
	}
	throw new Error('import did not finish');
}

const enc = (s: string) => new TextEncoder().encode(s);
const HEADER = 'Nom de la structure;Activité;Ville;ESS ?;Rôle;Source;Remarques';
const SHEET = [
	HEADER,
	'Atelier Couture Partagée;Couture solidaire;Schiltigheim;oui;acteur;https://exemple.org/couture;à rappeler',
	'Épicerie du Marais;Épicerie solidaire;Schiltigeim;oui;acteur;https://exemple.org/epicerie;',
	';Ligne sans nom;Strasbourg;non;acteur;https://exemple.org/x;'
].join('\r\n');

async function upload(text = SHEET, fileName = 'adherents.csv') {
	const up = await createImportJob(sql, { kind: 'organisation', fileName, bytes: enc(text) }, camille);
	if (!up.ok) throw new Error(up.message);
	return up.id;
}

describe('the column mapping is remembered per kind', () => {
	it('proposes next time what was confirmed, the ignored column included, and its policy but « remplacer »', async () => {
		const id = await upload();
		const headers = HEADER.split(';');
		const mapping = ['name', 'description', 'communeCode', 'isEss', 'roles', 'sources', ''];
		const policies = { description: 'replace', sources: 'fill' };
		expect(await startDryRun(sql, id, mapping, { policies }, camille)).toEqual({ ok: true });
		await settle(id);
		expect(await proposedMapping(sql, 'organisation', ['remarques', 'NOM DE LA STRUCTURE'])).toEqual({
			mapping: ['', 'name'],
			origin: ['memoire', 'memoire']
		});
		expect((await proposedMapping(sql, 'initiative', headers)).origin.includes('memoire')).toBe(false);
		const next = (await importPage(sql, await upload(), new URL('http://x/')))!;
		expect(next.mapping).toEqual(mapping);
		expect(next.origin).toEqual(headers.map(() => 'memoire'));
		// « remplacer » is chosen again for each file; the other choices are proposed again.
		expect(next.policies[1]).toBe('fill');
		expect(next.policies[5]).toBe('fill');
		expect(next.policies[4]).toBe('fill');
	});
});

describe('« Ignorer les lignes en erreur »', () => {
	it('is an explicit choice: valid rows written, the others downloadable with their reasons and re-importable', async () => {
		const id = await upload();
		await startDryRun(sql, id, ['name', 'description', 'communeCode', 'isEss', 'roles', 'sources', '']);
		const planned = await settle(id);
		expect((planned.plan as StoredPlan).counts).toEqual({ new: 1, update: 0, unchanged: 0, error: 2 });
		const before = dataVersion(db);
		expect(await startApply(sql, id, camille)).toMatchObject({
			ok: false,
			message: expect.stringMatching(/Ignorer les lignes en erreur/)
		});
		expect(dataVersion(db)).toBe(before);

		const rejected = (await rejectedRows(sql, id))!;
		expect(rejected.fileName).toBe('adherents-lignes-en-erreur.csv');
		const back = parseCsv(decodeText(enc(rejected.csv)).text);
		if (!back.ok) throw new Error(back.message);
		expect(back.table.headers).toEqual([REJECTED_COLUMN, ...HEADER.split(';')]);
		expect(back.table.rows.map((r) => r.cells[0])).toEqual([
			'ligne 3 — colonne « Ville » : commune inconnue « Schiltigeim » : vouliez-vous dire « Schiltigheim » ? (champ « Commune »)',
			expect.stringMatching(/^ligne 4 — colonne « Nom de la structure » : vide/)
		]);

		expect(await startApply(sql, id, camille, { skipErrors: true })).toEqual({ ok: true });
		const applied = await settle(id);
		const summary = applied.summary as ApplySummary;
		expect(summary).toMatchObject({ created: 1, updated: 0, skipped: 2 });
		expect(summary.createdRecords).toEqual([
			{
				id: 'atelier-couture-partagee',
				name: 'Atelier Couture Partagée',
				status: 'draft',
				kind: 'organisation'
			}
		]);
		expect(getRecordById(db, 'atelier-couture-partagee')).toMatchObject({
			communeCode: '67447',
			status: 'draft'
		});
		expect(listHistory(db, 'atelier-couture-partagee')[0]).toMatchObject({
			action: 'import',
			changedBy: 'u-camille'
		});

		// Fixed in the rejected file and imported again: the error column is left out, the row goes in.
		const fixed = rejected.csv
			.replace(';Schiltigeim;', ';Schiltigheim;')
			.replace(';;Ligne sans nom', ';Le Marais solidaire;Ligne sans nom');
		const again = await upload(fixed, rejected.fileName);
		const page = (await importPage(sql, again, new URL('http://x/')))!;
		expect(page.mapping[0]).toBe('');
		await startDryRun(sql, again, page.mapping);
		const replanned = (await settle(again)).plan as StoredPlan;
		expect(replanned.rows.filter((r) => r.status === 'error')).toEqual([]);
		expect(replanned.counts).toEqual({
			new: 2,
			update: 0,
			unchanged: 0,
			error: 0
		});
	});
});

describe('Excel uploads and templates', () => {
	it('imports the first sheet of a workbook with a title row, and reports what it did', async () => {
		const bytes = await workbookOf(
			[
				['Nom', 'Description', 'Commune', 'Quartier', 'ESS', 'Rôles', 'Sources', 'Vérifié le'],
				[
					'Café des Tilleuls',
					'Café associatif',
					'Strasbourg',
					'Hautepierre',
					true,
					'acteur',
					'https://exemple.org/cafe',
					new Date(Date.UTC(2026, 10, 20))
				]
			],
			{ title: 'Structures du quartier' }
		);
		const up = await uploadImport(sql, { kind: 'organisation', fileName: 'quartier.xlsx', bytes }, camille);
		if (!up.ok) throw new Error(up.message);
		const page = (await importPage(sql, up.id, new URL('http://x/')))!;
		expect(page.job.format).toBe('xlsx');
		expect(page.notes[1]).toMatch(/titre au-dessus des en-têtes/);
		await startDryRun(sql, up.id, page.mapping);
		await settle(up.id);
		await startApply(sql, up.id, camille);
		await settle(up.id);
		expect(getRecordById(db, 'cafe-des-tilleuls')).toMatchObject({
			quartierCode: 'SQ_06',
			isEss: true,
			lastVerified: '2026-11-20',
			confidence: 'medium',
			legalForm: 'inconnue'
		});
	});

	it('refuses an old .xls file with what to do', async () => {
		const bytes = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
		expect(
			await uploadImport(sql, { kind: 'organisation', fileName: 'vieux.xls', bytes }, camille)
		).toMatchObject({
			ok: false,
			message: expect.stringMatching(/enregistrez le fichier au format \.xlsx ou en CSV/)
		});
	});

	it('serves a template per kind in CSV and Excel, and nothing else', async () => {
		const csv = await templateDownload('initiatives.csv');
		expect(csv?.headers.get('content-disposition')).toContain('modele-import-initiatives.csv');
		const bytes = new Uint8Array((await csv?.arrayBuffer()) ?? new ArrayBuffer(0));
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		expect(new TextDecoder().decode(bytes)).toMatch(/^Nom;Description;Type d’initiative/);
		const xlsx = await templateDownload('funding-tools.xlsx');
		expect(xlsx?.headers.get('content-type')).toContain('spreadsheetml');
		expect(await templateDownload('structures.pdf')).toBeUndefined();
	});
});

describe('the command line shares the import', () => {
	const run = async (
		text: string,
		opts: { dryRun?: boolean; skipErrors?: boolean; mappingFile?: unknown } = {}
	) => {
		const lines: string[] = [];
		const out = await runImportCommand(
			sql,
			{
				kind: 'organisation',
				fileName: 'adherents.csv',
				bytes: enc(text),
				dryRun: opts.dryRun ?? false,
				skipErrors: opts.skipErrors ?? false,
				mappingFile: opts.mappingFile,
				by: 'Script de test'
			},
			{ log: (l) => lines.push(l), progress: () => undefined }
		);
		return { ...out, lines };
	};

	it('dry run writes nothing; errors stop the apply; --skip-errors writes the valid rows', async () => {
		const before = dataVersion(db);
		const dry = await run(SHEET, { dryRun: true });
		expect(dry.exitCode).toBe(1);
		expect(dry.result).toMatchObject({ new: 1, updated: 0, unchanged: 0, errors: 2, written: false });
		expect(dry.lines).toContain(
			'erreur : ligne 3 — colonne « Ville » : commune inconnue « Schiltigeim » : vouliez-vous dire « Schiltigheim » ? (champ « Commune »)'
		);
		expect((await run(SHEET)).result).toMatchObject({
			written: false,
			message: expect.stringMatching(/rien n’a été écrit/)
		});
		expect(dataVersion(db)).toBe(before);
		const real = await run(SHEET, { skipErrors: true });
		expect(real).toMatchObject({ exitCode: 0, result: { new: 1, errors: 2, skipped: 2, written: true } });
		expect(listHistory(db, 'atelier-couture-partagee')[0]).toMatchObject({
			action: 'import',
			changedBy: 'Script de test'
		});
		expect((await run(SHEET, { skipErrors: true })).result).toMatchObject({
			new: 0,
			unchanged: 1,
			written: false
		});
	});

	it('takes a mapping file with labels, policies, values for the file and a source', async () => {
		const text = 'Structure;Ville;Texte\nAtelier Vélo Hautepierre;Strasbourg;Réparation de vélos\n';
		const mappingFile = {
			columns: { Structure: 'Nom', Texte: 'description' },
			values: { Rôles: 'acteur', isEss: 'oui' },
			source: { url: 'https://exemple.org/liste' }
		};
		const out = await run(text, { mappingFile });
		expect(out.result).toMatchObject({ new: 1, written: true });
		expect(getRecordById(db, 'atelier-velo-hautepierre')).toMatchObject({
			roles: ['acteur'],
			sources: [{ url: 'https://exemple.org/liste' }]
		});
		expect((await run(text, { mappingFile: { columns: { Inconnue: 'name' } } })).result.message).toMatch(
			/pas de colonne « Inconnue »/
		);
	});
});
