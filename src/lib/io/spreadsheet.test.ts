/** Reading spreadsheets as people make them: values, names, layouts, Excel workbooks, templates. */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { fieldSpec } from '$lib/domain/fields';
import { decodeText, parseCsv } from './csv';
import { EXAMPLE_MARK } from './grid';
import { parseImportCell, type ImportCellContext } from './import-cells';
import { describeError, describeRowError, rejectedRowsCsv, REJECTED_COLUMN } from './import-messages';
import { suggestMapping } from './mapping';
import { planImport } from './plan';
import { recordsByName, resolvePlace } from './ref-names';
import { templateCsv, templateExample, templateHeaders, templateXlsx } from './template';
import { matchTerm, matchTerms } from './terms';
import { NAMES, placeContext } from './test-places';
import { cellText, readXlsx } from './xlsx';

const ctx: ImportCellContext = {
	seen: '2026-12-01',
	names: NAMES,
	recordsByName: recordsByName([
		{ id: 'france-active', name: 'France Active Alsace', kind: 'organisation', roles: ['financeur'] }
	])
};
const cell = (path: string, text: string, kind: 'organisation' | 'funding-tool' = 'organisation') =>
	parseImportCell(fieldSpec(kind, path)!, text, ctx);

describe('taxonomy values', () => {
	it('reads codes, labels, labels without their parenthesis, abbreviations and common words', () => {
		expect(matchTerm('legalForm', 'association-declaree')).toEqual({
			ok: true,
			code: 'association-declaree'
		});
		expect(matchTerm('legalForm', 'Association déclarée (loi 1901)')).toMatchObject({
			code: 'association-declaree'
		});
		expect(matchTerm('legalForm', 'association loi 1901')).toMatchObject({ code: 'association-declaree' });
		expect(matchTerm('legalForm', 'SCIC')).toMatchObject({ code: 'scic' });
		expect(matchTerm('legalForm', 'scop')).toMatchObject({ code: 'scop' });
		expect(matchTerm('confidence', 'Moyenne')).toMatchObject({ code: 'medium' });
		expect(matchTerm('status', 'Publié')).toMatchObject({ code: 'published' });
		expect(matchTerm('role', "Structure de l'ESS")).toMatchObject({ code: 'acteur' });
	});

	it('names an unknown value, suggests a close one and lists short lists', () => {
		const r = matchTerm('confidence', 'certaine');
		expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/^valeur inconnue « certaine »/) });
		expect(r.ok || r.message).toMatch(/valeurs possibles : « Lu dans une source publiée »/);
		expect(matchTerm('legalForm', 'Asociation')).toMatchObject({
			ok: false,
			message: expect.stringMatching(/vouliez-vous dire « Association/)
		});
	});

	it('splits lists at ; and | but keeps labels that hold commas', () => {
		expect(
			matchTerms('sector', 'Réemploi, réparation, recyclage ; Insertion par l’activité économique')
		).toEqual({
			ok: true,
			codes: ['reemploi', 'insertion']
		});
		expect(matchTerms('role', 'acteur, financeur')).toEqual({ ok: true, codes: ['acteur', 'financeur'] });
	});
});

describe('places by name', () => {
	it('reads communes by name, without accents or case, with a ligature, by postcode or code', () => {
		expect(resolvePlace(NAMES, 'commune', 'Schiltigheim')).toEqual({ ok: true, code: '67447' });
		expect(resolvePlace(NAMES, 'commune', 'SCHILTIGHEIM ')).toEqual({ ok: true, code: '67447' });
		expect(resolvePlace(NAMES, 'commune', 'Hoenheim')).toEqual({ ok: true, code: '67204' });
		expect(resolvePlace(NAMES, 'commune', 'illkirch graffenstaden')).toEqual({ ok: true, code: '67218' });
		expect(resolvePlace(NAMES, 'commune', '67300')).toEqual({ ok: true, code: '67447' });
		expect(resolvePlace(NAMES, 'commune', '67300 Schiltigheim')).toEqual({ ok: true, code: '67447' });
		expect(resolvePlace(NAMES, 'commune', '67482')).toEqual({ ok: true, code: '67482' });
	});

	it('suggests the commune meant, and leaves an unknown code to the store checks', () => {
		expect(resolvePlace(NAMES, 'commune', 'Schiltigeim')).toEqual({
			ok: false,
			message: 'commune inconnue « Schiltigeim » : vouliez-vous dire « Schiltigheim » ?'
		});
		expect(resolvePlace(NAMES, 'commune', 'Paris')).toMatchObject({
			ok: false,
			message: expect.stringMatching(/commune inconnue « Paris » : une des communes de l’Eurométropole/)
		});
		// 67800 is the postcode of Bischheim and Hœnheim.
		expect(resolvePlace(NAMES, 'commune', '67800')).toEqual({ ok: true, code: '67800' });
		expect(resolvePlace(NAMES, 'commune', '99999')).toEqual({ ok: true, code: '99999' });
	});

	it('reads quartiers by name, by a part of their name or by a sub-quartier', () => {
		expect(resolvePlace(NAMES, 'quartier', 'Meinau')).toEqual({ ok: true, code: 'SQ_07' });
		expect(resolvePlace(NAMES, 'quartier', 'neudorf')).toEqual({ ok: true, code: 'SQ_08' });
		expect(resolvePlace(NAMES, 'quartier', 'Hautepierre')).toEqual({ ok: true, code: 'SQ_06' });
		expect(resolvePlace(NAMES, 'quartier', 'Krutenau')).toEqual({ ok: true, code: 'SQ_02' });
		expect(resolvePlace(NAMES, 'quartier', 'Centre')).toMatchObject({
			ok: false,
			message: expect.stringMatching(/peut désigner « Centre – République » ou « Centre – Gare »/)
		});
		expect(resolvePlace(NAMES, 'quartier', 'Neudorff')).toMatchObject({
			ok: false,
			message: expect.stringMatching(/vouliez-vous dire « Neudorf – Schluthfeld/)
		});
	});

	it('reads thématiques by label or by the start of it', () => {
		expect(cell('thematiques', 'Achat public ; ESS et création d’entreprises')).toEqual({
			ok: true,
			value: ['achat-public', 'creation-entreprises']
		});
	});
});

describe('cells as people type them', () => {
	it('reads oui / non / x / vrai and check marks', () => {
		for (const yes of ['oui', 'OUI', 'x', 'X', 'Vrai', '✓', 'o'])
			expect(cell('isEss', yes)).toEqual({ ok: true, value: true });
		for (const no of ['non', 'Non', 'faux', 'n'])
			expect(cell('isEss', no)).toEqual({ ok: true, value: false });
		expect(cell('isEss', 'peut-être')).toEqual({
			ok: false,
			message: 'oui ou non attendu, lu « peut-être »'
		});
	});

	it('reads French dates, founding years from full dates, amounts with €', () => {
		expect(cell('lastVerified', '4/11/26')).toEqual({ ok: true, value: '2026-11-04' });
		expect(cell('foundedYear', '12/03/1998')).toEqual({ ok: true, value: 1998 });
		expect(cell('amount.max', '10 000 €', 'funding-tool')).toEqual({ ok: true, value: 10000 });
	});

	it('gives numbers back their form: SIRET with spaces, phones without their 0, www addresses', () => {
		expect(cell('siret', '123 456 789 00012')).toEqual({ ok: true, value: '12345678900012' });
		expect(cell('siret', '1,23457E+13')).toMatchObject({
			ok: false,
			message: expect.stringMatching(/format texte/)
		});
		expect(cell('contact.phone', '388000000')).toEqual({ ok: true, value: '0388000000' });
		expect(cell('contact.website', 'www.exemple.org')).toEqual({
			ok: true,
			value: 'https://www.exemple.org'
		});
	});

	it('reads sources as addresses with their title, separated by | or lines, dated by the row', () => {
		expect(cell('sources', 'Annuaire CRESS https://a.org/x | https://b.org\nRapport 2014')).toEqual({
			ok: true,
			value: [
				{ url: 'https://a.org/x', title: 'Annuaire CRESS', seen: '2026-12-01' },
				{ url: 'https://b.org', seen: '2026-12-01' },
				{ reference: 'Rapport 2014', seen: '2026-12-01' }
			]
		});
	});

	it('reads a linked record by its exact name', () => {
		expect(cell('providerIds', 'France Active Alsace', 'funding-tool')).toEqual({
			ok: true,
			value: ['france-active']
		});
	});
});

describe('spreadsheet layouts', () => {
	it('skips a title row above the headers, empty columns, blank rows and says so', () => {
		const out = parseCsv(
			'Structures adhérentes 2026;;;;\r\n;;;;\r\nNom;Ville;;Activité;\r\nA;Strasbourg;;Texte;\r\n;;;;\r\nB;Bischheim;;Texte;;\r\n;;;;\r\n'
		);
		if (!out.ok) throw new Error(out.message);
		expect(out.table.headers).toEqual(['Nom', 'Ville', 'Activité']);
		expect(out.table.rows).toEqual([
			{ line: 4, cells: ['A', 'Strasbourg', 'Texte'] },
			{ line: 6, cells: ['B', 'Bischheim', 'Texte'] }
		]);
		expect(out.table.notes).toEqual([
			'ligne 1 (« Structures adhérentes 2026 ») ignorée : titre au-dessus des en-têtes'
		]);
	});

	it('skips the example row of the templates', () => {
		const out = parseCsv(`Nom;Ville\r\nJardin ${EXAMPLE_MARK};Strasbourg\r\nVrai jardin;Strasbourg\r\n`);
		if (!out.ok) throw new Error(out.message);
		expect(out.table.rows.map((r) => r.cells[0])).toEqual(['Vrai jardin']);
		expect(out.table.notes).toEqual(['ligne 2 ignorée : ligne d’exemple du modèle']);
	});
});

describe('Excel workbooks', () => {
	async function workbook(
		fill: (sheet: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void
	): Promise<Uint8Array> {
		const wb = new ExcelJS.Workbook();
		fill(wb.addWorksheet('Structures'), wb);
		return new Uint8Array(await wb.xlsx.writeBuffer());
	}

	it('reads the first sheet as a person sees it: merged title, dates, numbers, booleans, formulas', async () => {
		const bytes = await workbook((sheet, wb) => {
			sheet.addRow(['Adhérents 2026']);
			sheet.mergeCells('A1:F1');
			sheet.addRow(['Nom ', 'SIRET', 'Mis à jour le', 'ESS ?', 'Total', 'Lien']);
			sheet.addRow([
				{ richText: [{ text: 'Coop ' }, { text: 'Schilick' }] },
				12345678900012,
				new Date(Date.UTC(2026, 10, 4)),
				true,
				{ formula: '1+1', result: 2 },
				{ text: 'site', hyperlink: 'https://exemple.org' }
			]);
			sheet.addRow([]);
			wb.addWorksheet('Notes').addRow(['ignorée']);
		});
		const out = await readXlsx(bytes);
		if (!out.ok) throw new Error(out.message);
		expect(out.table.headers).toEqual(['Nom', 'SIRET', 'Mis à jour le', 'ESS ?', 'Total', 'Lien']);
		expect(out.table.rows).toEqual([
			{ line: 3, cells: ['Coop Schilick', '12345678900012', '2026-11-04', 'oui', '2', 'site'] }
		]);
		expect(out.table.notes).toEqual([
			'feuille « Structures » lue (la première ; l’autre est ignorée)',
			'ligne 1 (« Adhérents 2026 ») ignorée : titre au-dessus des en-têtes'
		]);
		expect(cellText({ error: '#N/A' } as ExcelJS.CellValue)).toBe('');
	});

	it('explains files that are not .xlsx workbooks', async () => {
		expect(await readXlsx(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0]))).toMatchObject({
			ok: false,
			message: expect.stringMatching(/\.xls\) non lu/)
		});
		expect(await readXlsx(new TextEncoder().encode('Nom;Ville'))).toMatchObject({ ok: false });
		expect(await readXlsx(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]))).toMatchObject({
			ok: false,
			message: expect.stringMatching(/illisible/)
		});
	});
});

describe('templates', () => {
	for (const kind of ['organisation', 'initiative', 'funding-tool'] as const) {
		it(`the ${kind} template's French headers are all recognised, and its example row is skipped`, async () => {
			const headers = templateHeaders(kind);
			expect(suggestMapping(kind, headers).every((t) => t !== '')).toBe(true);
			const csv = parseCsv(decodeText(new TextEncoder().encode(templateCsv(kind))).text);
			if (!csv.ok) throw new Error(csv.message);
			expect(csv.table.headers).toEqual(headers);
			expect(csv.table.rows).toEqual([]);
			const xlsx = await readXlsx(await templateXlsx(kind));
			if (!xlsx.ok) throw new Error(xlsx.message);
			expect(xlsx.table.headers).toEqual(headers);
			expect(xlsx.table.rows).toEqual([]);
		});
	}

	for (const kind of ['organisation', 'initiative'] as const) {
		it(`the ${kind} example, unmarked, imports without an error`, () => {
			const cells = templateExample(kind).map((c) => c.replace(` ${EXAMPLE_MARK}`, ''));
			const headers = templateHeaders(kind);
			const plan = planImport(
				kind,
				{ headers, rows: [{ line: 3, cells }] },
				suggestMapping(kind, headers),
				placeContext()
			);
			expect(plan.rows[0].errors).toEqual([]);
			expect(plan.rows[0].status).toBe('new');
		});
	}
});

describe('messages and rejected rows', () => {
	it('name the column as the file writes it, then the field’s French label when different', () => {
		expect(
			describeError('organisation', { field: 'isEss', column: 'isEss', message: 'oui ou non attendu' })
		).toBe('colonne « isEss » : oui ou non attendu (champ « Structure de l’ESS »)');
		expect(describeError('organisation', { field: 'communeCode', column: 'Commune', message: 'x' })).toBe(
			'colonne « Commune » : x'
		);
		expect(describeRowError('organisation', 4, { field: 'sources', message: 'aucune source' })).toBe(
			'ligne 4 — Sources : aucune source'
		);
	});

	it('the rejected rows CSV has the reasons first and reads back with that column ignored', () => {
		const table = {
			headers: ['Nom', 'Ville'],
			rows: [
				{ line: 2, cells: ['A', 'Strasbourg'] },
				{ line: 3, cells: ['B', 'Schiltigeim'] }
			]
		};
		const csv = rejectedRowsCsv('organisation', table, [
			{ line: 2, status: 'new', errors: [] },
			{
				line: 3,
				status: 'error',
				errors: [{ field: 'communeCode', column: 'Ville', message: 'commune inconnue' }]
			}
		]);
		const back = parseCsv(decodeText(new TextEncoder().encode(csv)).text);
		if (!back.ok) throw new Error(back.message);
		expect(back.table.headers).toEqual([REJECTED_COLUMN, 'Nom', 'Ville']);
		expect(back.table.rows.map((r) => r.cells)).toEqual([
			['ligne 3 — colonne « Ville » : commune inconnue (champ « Commune »)', 'B', 'Schiltigeim']
		]);
		expect(suggestMapping('organisation', back.table.headers)).toEqual(['', 'name', 'communeCode']);
	});
});
