import { beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Commune, Quartier, Thematique } from '$lib/domain/geography';
import { organisationSchema, type Organisation } from '$lib/domain/records';
import { organisationFixture } from '$lib/domain/test-fixtures';
import { FIXTURE_SIRET as S } from '$lib/io/sirene/fixture';
import { lambert93ToWgs84 } from '$lib/io/sirene/mapping';
import { SIRENE_ACTOR, SIRENE_SOURCE_URL, sireneRecordId } from '$lib/io/sirene/record';
import { migrate, openDatabase, type Db } from '../db/connection';
import { sqliteClient, type SqlClient } from '../db/sql';
import {
	dataVersion,
	getRecordById,
	insertCommune,
	insertQuartier,
	insertRecord,
	insertThematique,
	listHistory,
	updateRecord
} from '../db/records';
import { duplicateList } from '../admin/duplicates';
import { recordList } from '../admin/pages';
import { historyView, markVerified } from '../admin/records';
import { selectSireneEstablishments, type SireneSelection } from './read';
import { SireneImportError, importSireneSelection, storedSirets } from './store';

const FIXTURES = fileURLToPath(new URL('../../io/sirene/fixtures/', import.meta.url));
const ETAB = join(FIXTURES, 'StockEtablissement_fixture.csv');
const UNITS = join(FIXTURES, 'StockUniteLegale_fixture.csv');
const ESS_FRANCE = join(FIXTURES, 'ess-france_fixture.csv');
const read = <T>(f: string) => JSON.parse(readFileSync(`data/${f}`, 'utf8')) as T;
const communes = read<Commune[]>('communes.json');
const NOW = new Date('2027-01-15T10:00:00Z');

let db: Db;
let sql: SqlClient;
beforeEach(() => {
	db = openDatabase(':memory:');
	sql = sqliteClient(db);
	migrate(db);
	for (const c of communes) insertCommune(db, c);
	for (const q of read<Quartier[]>('quartiers.json')) insertQuartier(db, q);
	for (const t of read<Thematique[]>('thematiques.json')) insertThematique(db, t);
});

async function select(stockDate: string): Promise<SireneSelection> {
	return selectSireneEstablishments({
		etablissements: ETAB,
		unitesLegales: UNITS,
		essFrance: ESS_FRANCE,
		communeCodes: communes.map((c) => c.code),
		stockDate,
		watch: await storedSirets(sql)
	});
}

const org = (id: string) => getRecordById(db, id) as (Organisation & { version: number }) | undefined;
const historyRows = () => (db.prepare('SELECT COUNT(*) AS n FROM record_history').get() as { n: number }).n;
const curated = (o: Parameters<typeof organisationFixture>[0]) => {
	const r = organisationSchema.parse(organisationFixture({ synthetic: undefined, ...o }));
	insertRecord(db, r, { action: 'seed' });
	return r;
};

describe('import:sirene into the store', () => {
	it('creates one published record per selected establishment, with its source, date and position', async () => {
		const report = await importSireneSelection(sql, await select('2026-12-01'), { now: NOW });
		expect(report.counts).toMatchObject({ new: 9, enriched: 0, unchanged: 0, archived: 0, rejected: 0 });
		const r = org(sireneRecordId(S.plain))!;
		expect(r).toMatchObject({
			name: 'JARDIN DES DEUX RIVES',
			status: 'published',
			origin: 'sirene',
			sireneStock: '2026-12-01',
			lastVerified: '2026-12-01',
			confidence: 'medium',
			roles: ['acteur'],
			isEss: true,
			legalForm: 'association-droit-local',
			siret: S.plain,
			siren: '100000001',
			rna: 'W672000001',
			legalCategory: '9260',
			naf: '88.99B',
			activityFamily: 'action-sociale',
			sizeBand: '03',
			sizeBandYear: 2023,
			createdOn: '2012-09-01',
			establishment: 'siege',
			communeCode: '67482',
			address: '12 boulevard DU JEU DES ENFANTS'
		});
		const [x, y] = lambert93ToWgs84(1050210.8153265663, 6841826.00511661);
		expect(r.location).toEqual({ lon: x, lat: y, precision: 'address' });
		expect(r.sources).toEqual([
			{
				url: SIRENE_SOURCE_URL,
				title: 'INSEE, répertoire SIRENE, stock du 2026-12-01',
				site: 'data.gouv.fr',
				seen: '2026-12-01',
				note: 'Licence Ouverte / Etalab 2.0'
			}
		]);
		const [entry] = listHistory(db, r.id);
		expect(entry).toMatchObject({ action: 'sirene-create', changedBy: SIRENE_ACTOR });
		// The enseigne that differs from the unit's name is the name shown, and said so.
		const friperie = org(sireneRecordId(S.enseigneDiffers))!;
		expect(friperie.name).toBe('LA FRIPERIE SOLIDAIRE');
		expect(friperie.caveats.join(' ')).toContain(
			'l’unité légale s’appelle « ENTRAIDE, PARTAGE ET REEMPLOI »'
		);
		// No coordinates in the register: the commune's reference point, said so.
		const illkirch = org(sireneRecordId(S.noCoordinates))!;
		const centre = communes.find((c) => c.code === '67218')!.centroid;
		expect(illkirch.location).toEqual({ ...centre, precision: 'commune' });
		expect(illkirch.address).toBe('12 rue DU JEU DES ENFANTS');
	});

	it('never stores nor shows the street address or coordinates of a partially diffusible record, nor a person’s name', async () => {
		await importSireneSelection(sql, await select('2026-12-01'), { now: NOW });
		for (const siret of [S.establishmentPartial, S.unitPartial]) {
			const r = org(sireneRecordId(siret))!;
			expect(r.address).toBeUndefined();
			expect(r.location?.precision).toBe('commune');
			const text = JSON.stringify(listHistory(db, r.id));
			expect(text).not.toMatch(/JEU DES ENFANTS|BATIMENT|1050210/);
			expect(r.caveats.join(' ')).toMatch(/Diffusion partielle/);
		}
		const person = org(sireneRecordId(S.naturalPerson))!;
		expect(person.name).toBe(
			'Entrepreneur individuel de l’ESS à Strasbourg (Action sociale sans hébergement n.c.a.)'
		);
		expect(JSON.stringify(person)).not.toMatch(/JEAN|EXEMPLE/);
	});

	it('changes nothing when the same stock is imported twice', async () => {
		await importSireneSelection(sql, await select('2026-12-01'), { now: NOW });
		const version = dataVersion(db);
		const rows = historyRows();
		const again = await importSireneSelection(sql, await select('2026-12-01'), { now: NOW });
		expect(again.counts).toMatchObject({ new: 0, updated: 0, confirmed: 0, archived: 0, unchanged: 9 });
		expect(historyRows()).toBe(rows);
		expect(dataVersion(db)).toBe(version);
	});

	it('archives a record the register created when its establishment closes, and republishes it if it comes back', async () => {
		await importSireneSelection(sql, await select('2026-12-01'), { now: NOW });
		const closing = await select('2027-01-01');
		closing.establishments = closing.establishments.filter((e) => e.siret !== S.plain);
		closing.watched.set(S.plain, 'closed');
		const report = await importSireneSelection(sql, closing, { now: NOW });
		expect(report.counts).toMatchObject({ archived: 1, confirmed: 8, new: 0 });
		const r = org(sireneRecordId(S.plain))!;
		expect(r.status).toBe('archived');
		expect(r.caveats.at(-1)).toMatch(/^Archivée d’après le répertoire SIRENE : établissement fermé/);
		expect(listHistory(db, r.id)[0]).toMatchObject({ action: 'sirene-archive', changedBy: SIRENE_ACTOR });
		// Still in the store, never deleted; back in a later stock, it is published again.
		const back = await importSireneSelection(sql, await select('2027-01-10'), { now: NOW });
		expect(back.counts.restored).toBe(1);
		expect(org(r.id)!.status).toBe('published');
		expect(org(r.id)!.caveats.join(' ')).not.toMatch(/Archivée/);
	});

	it('an establishment absent from a new stock is archived as « absent » with the possible reasons', async () => {
		await importSireneSelection(sql, await select('2026-12-01'), { now: NOW });
		const later = await select('2027-01-01');
		later.establishments = later.establishments.filter((e) => e.siret !== S.essFranceOnly);
		const report = await importSireneSelection(sql, later, { now: NOW });
		expect(report.archivedRecords).toEqual([
			{
				id: sireneRecordId(S.essFranceOnly),
				name: 'ESAT DU RHIN',
				reason: expect.stringMatching(/absent .* fermé, hors de l’Eurométropole ou plus dans l’ESS/)
			}
		]);
	});

	it('enriches a curated record with the same SIRET and never overwrites its fields', async () => {
		const mine = curated({
			id: 'friperie',
			slug: 'friperie',
			name: 'La Friperie solidaire de Schiltigheim',
			description: 'Notre description, écrite à la main.',
			siret: S.enseigneDiffers,
			legalForm: 'inconnue',
			communeCode: '67447',
			location: { ...communes.find((c) => c.code === '67447')!.centroid, precision: 'commune' },
			contact: { website: 'https://friperie.example.org' }
		});
		const report = await importSireneSelection(sql, await select('2026-12-01'), { now: NOW });
		expect(report.counts).toMatchObject({ new: 8, enriched: 1 });
		expect(org(sireneRecordId(S.enseigneDiffers))).toBeUndefined();
		const r = org('friperie')!;
		expect(r).toMatchObject({
			name: mine.name,
			description: mine.description,
			contact: { website: 'https://friperie.example.org' },
			legalForm: 'cooperative',
			siren: '100000002',
			naf: '47.79Z',
			activityFamily: 'environnement-reemploi',
			sizeBand: '03',
			address: '3 bis avenue DES VOSGES',
			sireneStock: '2026-12-01'
		});
		expect(r.origin).toBeUndefined();
		// Real coordinates replace the commune's reference point.
		expect(r.location?.precision).toBe('address');
		expect(r.lastVerified).toBe(mine.lastVerified);
		expect(r.sources.map((s) => s.url ?? s.reference)).toEqual([
			'Test fixture (synthetic)',
			SIRENE_SOURCE_URL
		]);
		const [entry] = listHistory(db, 'friperie');
		expect(entry.changedBy).toBe(SIRENE_ACTOR);
		expect(entry.note).toMatch(/^import SIRENE, stock du 2026-12-01 : Forme juridique, SIREN, .*Adresse/);

		// A person then corrects the size band; a newer stock with another band does not undo it,
		// while a field nobody touched follows the register.
		const { version, ...edited } = { ...r, sizeBand: '11' as const, sizeBandYear: 2024 };
		expect(updateRecord(db, edited, { expectedVersion: version, by: 'u-camille' }).ok).toBe(true);
		const newer = await select('2027-01-01');
		const e = newer.establishments.find((x) => x.siret === S.enseigneDiffers)!;
		e.size = { code: '12', label: '20 à 49 salariés', year: 2025 };
		e.activity = { ...e.activity, code: '47.79Z', naf2025: null };
		e.createdOn = '2013-01-01';
		await importSireneSelection(sql, newer, { now: NOW });
		expect(org('friperie')).toMatchObject({ sizeBand: '11', sizeBandYear: 2024, createdOn: '2013-01-01' });
	});

	it('never archives a curated record, and reports the one whose SIRET closed', async () => {
		curated({ id: 'jardin', slug: 'jardin', name: 'Le Jardin', siret: S.closed });
		const selection = await select('2026-12-01');
		expect(selection.watched.get(S.closed)).toBe('closed');
		const report = await importSireneSelection(sql, selection, { now: NOW });
		expect(org('jardin')!.status).toBe('published');
		expect(report.curatedToCheck).toEqual([
			{ id: 'jardin', name: 'Le Jardin', reason: expect.stringMatching(/^établissement fermé/) }
		]);
	});

	it('leaves a close name within 200 m of a curated record without SIRET as a draft and a duplicate pair', async () => {
		const [lon, lat] = lambert93ToWgs84(1050210.8153265663, 6841826.00511661);
		curated({
			id: 'jardin-deux-rives',
			slug: 'jardin-deux-rives',
			name: 'Jardin des deux rives',
			location: { lon: lon + 0.001, lat, precision: 'address' }
		});
		const report = await importSireneSelection(sql, await select('2026-12-01'), { now: NOW });
		expect(report.counts).toMatchObject({ new: 8, possibleDuplicates: 1 });
		const r = org(sireneRecordId(S.plain))!;
		expect(r.status).toBe('draft');
		expect(listHistory(db, r.id)[0].note).toMatch(/doublon possible de « Jardin des deux rives »/);
		const pairs = (await duplicateList(sql)).map((p) => [p.a.id, p.b.id].sort());
		expect(pairs).toContainEqual(['jardin-deux-rives', r.id].sort());
		expect(org('jardin-deux-rives')!.siret).toBeUndefined();
	});

	it('a dry run plans everything and writes nothing', async () => {
		const version = dataVersion(db);
		const report = await importSireneSelection(sql, await select('2026-12-01'), { dryRun: true, now: NOW });
		expect(report.counts.new).toBe(9);
		expect(report.dryRun).toBe(true);
		expect(historyRows()).toBe(0);
		expect(dataVersion(db)).toBe(version);
	});

	it('refuses a stock older than the last imported one, writing nothing', async () => {
		await importSireneSelection(sql, await select('2026-12-01'), { now: NOW });
		const rows = historyRows();
		const old = await select('2026-11-01');
		await expect(importSireneSelection(sql, old, { now: NOW })).rejects.toThrow(SireneImportError);
		await expect(importSireneSelection(sql, old, { now: NOW })).rejects.toThrow(
			/plus ancien que le dernier importé/
		);
		expect(historyRows()).toBe(rows);
	});

	it('lists what the import wrote under « à relire : import SIRENE » until someone saves it', async () => {
		curated({ id: 'autre', slug: 'autre', name: 'Une fiche éditoriale' });
		await importSireneSelection(sql, await select('2026-12-01'), { now: NOW });
		const toReview = async () =>
			(await recordList(sql, new URL('http://x/admin/fiches?relire=sirene'))).items.map((r) => r.id);
		expect(await toReview()).toHaveLength(9);
		expect(await toReview()).not.toContain('autre');
		const id = sireneRecordId(S.plain);
		expect((await historyView(sql, id))[0].by).toBe('Import SIRENE');
		expect(
			(await markVerified(sql, id, org(id)!.version, { id: 'u-camille', name: 'Camille' }, NOW)).ok
		).toBe(true);
		expect(await toReview()).not.toContain(id);
		// A newer stock that only confirms the records does not put them back on the list.
		await importSireneSelection(sql, await select('2027-01-01'), { now: NOW });
		expect(await toReview()).toHaveLength(8);
		expect(org(id)!.lastVerified).toBe('2027-01-15');
	});
});
