import { beforeEach, describe, expect, it } from 'vitest';
import { loadDataset } from './seed/read-data';
import { migrate, openDatabase, type Db } from './db/connection';
import { sqliteClient, type SqlClient } from './db/sql';
import { seedIfEmpty } from './db/seed';
import { getRecordById, listHistory, updateRecord } from './db/records';
import { runInclusionImport } from './buyers-import';

// A data·inclusion « structures » file in its published layout (columns of int__structures_v1.sql).
const HEADER =
	'courriel,horaires_accueil,id,lien_source,description,siret,source,date_maj,reseaux_porteurs,telephone,site_web,accessibilite_lieu,nom,longitude,latitude,complement_adresse,commune,adresse,code_postal,code_insee';
const row = (cells: Record<string, string>) =>
	HEADER.split(',')
		.map((h) => {
			const v = cells[h] ?? '';
			return /[",]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
		})
		.join(',');
const FIXTURE = [
	HEADER,
	// A new EI in Schiltigheim, placed at its address.
	row({
		id: 'a1',
		siret: '12345678900011',
		nom: 'Atelier Test Insertion',
		reseaux_porteurs: "['ei']",
		code_insee: '67447',
		commune: 'Schiltigheim',
		adresse: '1 rue de Test',
		code_postal: '67300',
		longitude: '7.745',
		latitude: '48.606',
		date_maj: '2026-11-20',
		courriel: 'contact@atelier-test.example',
		description: 'Réparation et réemploi.'
	}),
	// An existing record, enriched by its SIRET: Humanis gets it below before the import.
	row({
		id: 'a2',
		siret: '98765432100012',
		nom: 'Humanis',
		reseaux_porteurs: '{aci,geiq}',
		code_insee: '67447',
		date_maj: '2026-10-01'
	}),
	// Outside the Eurométropole: reported, never created.
	row({
		id: 'a3',
		siret: '11122233300013',
		nom: 'Chantier de Colmar',
		reseaux_porteurs: 'aci',
		code_insee: '68066'
	}),
	// An AI: no type in the file.
	row({
		id: 'a4',
		siret: '44455566600014',
		nom: 'Association intermédiaire',
		reseaux_porteurs: '',
		code_insee: '67482'
	}),
	// No SIRET: cannot be matched.
	row({ id: 'a5', siret: '', nom: 'Sans SIRET', reseaux_porteurs: 'esat', code_insee: '67482' })
].join('\n');

let db: Db;
let sql: SqlClient;
beforeEach(() => {
	db = openDatabase(':memory:');
	sql = sqliteClient(db);
	migrate(db);
	seedIfEmpty(db, loadDataset('data').dataset);
	// Humanis gets the SIRET of the fixture's second row (fixture value, not a real SIRET).
	const { version, ...humanis } = getRecordById(db, 'humanis')!;
	updateRecord(db, { ...humanis, siret: '98765432100012' } as typeof humanis, { expectedVersion: version });
});

const run = (dryRun: boolean) =>
	runInclusionImport(
		sql,
		{ fileName: 'structures.csv', bytes: new TextEncoder().encode(FIXTURE), dryRun },
		{ log: (l) => process.env.DBG && console.log(l), progress: () => {} }
	);

describe('import:inclusion', () => {
	it('reports the rows it leaves out and writes nothing on a dry run', async () => {
		const { result, skipped } = await run(true);
		expect(result).toMatchObject({
			dryRun: true,
			written: false,
			new: 1,
			updated: 1,
			outside: 1,
			notInclusive: 1,
			noSiret: 1
		});
		expect(skipped.map((s) => s.reason)).toEqual([
			'commune 68066 hors de l’Eurométropole',
			'aucun type de structure inclusive (les AI n’en ont pas dans ce fichier)',
			'SIRET absent ou invalide : la ligne ne peut pas être rapprochée'
		]);
		expect(getRecordById(db, 'atelier-test-insertion')).toBeUndefined();
	});

	it('creates in the Eurométropole only, enriches by SIRET with the kinds’ proofs, with history', async () => {
		const { exitCode, result } = await run(false);
		expect(exitCode).toBe(0);
		expect(result).toMatchObject({ written: true, new: 1, updated: 1 });
		const created = getRecordById(db, 'atelier-test-insertion')!;
		expect(created).toMatchObject({
			status: 'draft',
			siret: '12345678900011',
			communeCode: '67447',
			approvals: ['ei'],
			approvalProofs: { ei: { site: 'data.gouv.fr', date: '2026-11-20' } },
			location: { lon: 7.745, lat: 48.606, precision: 'address' }
		});
		const humanis = getRecordById(db, 'humanis')!;
		expect(humanis.kind === 'organisation' && humanis.approvals).toEqual(
			expect.arrayContaining(['aci', 'geiq'])
		);
		expect(listHistory(db, 'humanis')[0].action).toBe('import');
	});
});
