import { beforeEach, describe, expect, it } from 'vitest';
import { EMS_BBOX } from '$lib/domain/coordinates';
import { finessInsee, STRUCTURE_FIELDS } from '$lib/io/finess';
import { lambert93ToWgs84 } from '$lib/io/lambert93';
import { loadDataset } from './seed/read-data';
import { migrate, openDatabase, type Db } from './db/connection';
import { sqliteClient, type SqlClient } from './db/sql';
import { seedIfEmpty } from './db/seed';
import { getRecordById, listHistory, listRecords, updateRecord } from './db/records';
import { runFinessImport } from './buyers-import';

// SIRETs and FINESS numbers are fixture values, not real ones.
const HUMANIS_SIRET = '98765432100012';

/** A `structureet` line of the extraction: its 32 fields, `;`-separated. */
function structure(values: Partial<Record<(typeof STRUCTURE_FIELDS)[number], string>>): string {
	return STRUCTURE_FIELDS.map((f) => (f === 'typeet' ? 'structureet' : (values[f] ?? ''))).join(';');
}
const geoloc = (finess: string, x: string, y: string) =>
	`geolocalisation;${finess};${x};${y};1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,LAMBERT_93;2026-03-01`;

const NEW_XY = [1_049_500, 6_846_500] as const;

function extraction(overrides: { newPhone?: string } = {}): string {
	return [
		'finess;etalab;96;2026-03-11',
		// An ESAT already in the directory (by its SIRET): enriched.
		structure({
			nofinesset: '670000001',
			rs: 'ESAT HUMANIS',
			rslongue: 'ESAT HUMANIS STRASBOURG',
			numvoie: '5',
			typvoie: 'R',
			voie: 'DES TESTS',
			commune: '482',
			departement: '67',
			ligneacheminement: '67000 STRASBOURG',
			categetab: '246',
			libcategetab: 'E.S.A.T.',
			siret: HUMANIS_SIRET
		}),
		// A new ESAT in Schiltigheim: created as a draft, placed from its Lambert-93 position.
		structure({
			nofinesset: '670000002',
			rs: 'ESAT DU TEST',
			rslongue: 'ESAT du Test de Schiltigheim',
			numvoie: '12',
			typvoie: 'AV',
			voie: 'DE LA GARE',
			commune: '447',
			departement: '67',
			ligneacheminement: '67300 SCHILTIGHEIM',
			telephone: overrides.newPhone ?? '0388000000',
			categetab: '246',
			siret: '12345678900011'
		}),
		// An ESAT in Colmar: counted, never created.
		structure({
			nofinesset: '680000003',
			rs: 'ESAT COLMAR',
			commune: '066',
			departement: '68',
			categetab: '246',
			siret: '11122233300013'
		}),
		// A hospital in Strasbourg: not an ESAT.
		structure({
			nofinesset: '670000004',
			rs: 'HOPITAL',
			commune: '482',
			departement: '67',
			categetab: '101',
			siret: '44455566600014'
		}),
		// An ESAT without SIRET: reported.
		structure({
			nofinesset: '670000005',
			rs: 'ESAT SANS SIRET',
			commune: '482',
			departement: '67',
			categetab: '246'
		}),
		// A cut line: reported.
		'structureet;670000006;670000000;ESAT COUPE',
		geoloc('670000001', 'x?', ''),
		geoloc('670000002', String(NEW_XY[0]), String(NEW_XY[1])),
		geoloc('680000003', '1024000.0', '6785000.0')
	].join('\r\n');
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
});

async function run(text: string, dryRun: boolean) {
	const lines: string[] = [];
	const out = await runFinessImport(
		sql,
		{ fileName: 'etalab-cs1100507-stock.csv', bytes: new TextEncoder().encode(text), dryRun },
		{ log: (l) => lines.push(l), progress: () => {} }
	);
	return { ...out, lines };
}

const drafts = () =>
	listRecords(db, 'organisation', { status: 'any' }).filter((o) => o.siret === '12345678900011');

describe('import:finess', () => {
	it('builds the INSEE code from the département and the commune', () => {
		expect(finessInsee('67', '482')).toBe('67482');
		expect(finessInsee('2A', '4')).toBe('2A004');
	});

	it('reports the lines it leaves out, in French, and writes nothing on a dry run', async () => {
		const before = getRecordById(db, 'humanis');
		const { exitCode, result, skipped, lines } = await run(extraction(), true);
		expect(exitCode).toBe(0);
		expect(result).toMatchObject({
			dryRun: true,
			written: false,
			new: 1,
			updated: 1,
			establishments: 6,
			esat: 4,
			outside: 1
		});
		expect(skipped.map((s) => s.reason)).toEqual([
			'ESAT 670000005 (« ESAT SANS SIRET ») : SIRET absent ou invalide, la ligne ne peut pas être rapprochée',
			'4 champs au lieu de 32 : ligne illisible',
			'ESAT 670000001 : coordonnées Lambert-93 illisibles (« x? », «  ») ; la fiche sera placée au centre de sa commune'
		]);
		expect(lines).toContain(
			'extraction du 2026-03-11 : 6 établissements, 4 ESAT dont 1 hors de l’Eurométropole, 2 à importer'
		);
		expect(getRecordById(db, 'humanis')).toEqual(before);
		expect(drafts()).toEqual([]);
	});

	it('enriches by SIRET, creates in the Eurométropole only, with the position converted and history', async () => {
		const before = getRecordById(db, 'humanis')!;
		const { exitCode, result } = await run(extraction(), false);
		expect(exitCode).toBe(0);
		expect(result).toMatchObject({ written: true, new: 1, updated: 1 });
		const humanis = getRecordById(db, 'humanis')!;
		if (humanis.kind !== 'organisation' || before.kind !== 'organisation') throw new Error('kind');
		expect(humanis.approvals).toEqual([...before.approvals, 'esat']);
		expect(humanis.approvalProofs?.esat).toMatchObject({
			site: expect.stringContaining('data.gouv.fr'),
			date: '2026-03-11'
		});
		// Curated text stays: the name and description are the editors'.
		expect(humanis.name).toBe(before.name);
		expect(humanis.description).toBe(before.description);
		expect(listHistory(db, 'humanis')[0]).toMatchObject({ action: 'import', changedBy: 'import FINESS' });

		const [created] = drafts();
		const [lon, lat] = lambert93ToWgs84(NEW_XY[0], NEW_XY[1]);
		expect(created).toMatchObject({
			status: 'draft',
			name: 'ESAT du Test de Schiltigheim',
			communeCode: '67447',
			approvals: ['esat'],
			address: '12 avenue DE LA GARE, 67300 SCHILTIGHEIM',
			location: { lon, lat, precision: 'address' }
		});
		expect(lon).toBeGreaterThan(EMS_BBOX[0]);
		expect(lat).toBeLessThan(EMS_BBOX[3]);
		expect(listRecords(db, 'organisation', { status: 'any' }).some((o) => o.name === 'ESAT COLMAR')).toBe(
			false
		);
	});

	it('writes nothing at all when one row is in error', async () => {
		const before = getRecordById(db, 'humanis');
		const { exitCode, result } = await run(extraction({ newPhone: 'appelez-nous' }), false);
		expect(exitCode).toBe(1);
		expect(result).toMatchObject({ written: false, errors: 1 });
		expect(getRecordById(db, 'humanis')).toEqual(before);
		expect(drafts()).toEqual([]);
	});

	it('refuses a file that is not the extraction, in French', async () => {
		const { exitCode, result } = await run('nofinesset;rs\n670000001;ESAT', false);
		expect(exitCode).toBe(1);
		expect(result.message).toMatch(
			/^fichier FINESS : première ligne « finess;etalab;<version>;<AAAA-MM-JJ> » attendue/
		);
	});
});
