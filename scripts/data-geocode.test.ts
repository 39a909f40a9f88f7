import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { readFileSync } from 'node:fs';
import type { Commune, Quartier } from '../src/lib/domain/geography';
import {
	initiativeSchema,
	organisationSchema,
	type Initiative,
	type Organisation
} from '../src/lib/domain/records';
import { initiativeFixture, organisationFixture } from '../src/lib/domain/test-fixtures';
import { migrate, openDatabase, type Db } from '../src/lib/server/db/connection';
import { sqliteClient, type SqlClient } from '../src/lib/server/db/sql';
import {
	dataVersion,
	getRecordById,
	insertCommune,
	insertQuartier,
	insertRecord,
	listHistory
} from '../src/lib/server/db/records';
import { GEOCODE_ACTOR, batchCsv, geocodeCandidates } from '../src/lib/server/geocode-batch';
import { GEOCODER_DOUBLE_PREFIX, createGeocoderDouble } from './geocoder-double';
import { parseArgs, runDataGeocode } from './data-geocode';

const read = <T>(f: string) => JSON.parse(readFileSync(`data/${f}`, 'utf8')) as T;
const communes = read<Commune[]>('communes.json');
const centre = (code: string) => ({
	...communes.find((c) => c.code === code)!.centroid,
	precision: 'commune' as const
});

let server: Server;
let baseUrl: string;
let db: Db;
let sql: SqlClient;
beforeAll(async () => {
	server = createGeocoderDouble();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}${GEOCODER_DOUBLE_PREFIX}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const precisionOf = (id: string) => (getRecordById(db, id) as Organisation | undefined)?.location?.precision;

function org(id: string, o: Partial<Organisation> = {}) {
	insertRecord(
		db,
		organisationSchema.parse(organisationFixture({ id, slug: id, name: `Fiche ${id}`, ...o }))
	);
}
function init(id: string, o: Partial<Initiative> = {}) {
	insertRecord(db, initiativeSchema.parse(initiativeFixture({ id, slug: id, name: `Fiche ${id}`, ...o })));
}

beforeEach(() => {
	db = openDatabase(':memory:');
	sql = sqliteClient(db);
	migrate(db);
	for (const c of communes) insertCommune(db, c);
	for (const q of read<Quartier[]>('quartiers.json')) insertQuartier(db, q);
	org('numero', { address: '12 rue du Jeu des Enfants', location: centre('67482') });
	init('rue', {
		address: 'Rue du Jeu-des-Enfants',
		location: { lon: 7.7507, lat: 48.5818, precision: 'quartier' }
	});
	org('score-faible', { address: 'Rue du marche imprecis', location: centre('67482') });
	org('autre-commune', { address: '67 avenue Racine', communeCode: '67447', location: centre('67447') });
	// Not candidates: already at an address, archived, without an address.
	org('deja-placee', {
		address: '12 rue du Jeu des Enfants',
		location: { lon: 7.74, lat: 48.58, precision: 'address' }
	});
	org('archivee', { status: 'archived', address: '12 rue du Jeu des Enfants', location: centre('67482') });
	org('sans-adresse', { location: centre('67482') });
});

describe('data:geocode', () => {
	it('picks records with an address at a reference point, and writes them as one CSV', async () => {
		expect((await geocodeCandidates(sql)).map((r) => r.id).sort()).toEqual([
			'autre-commune',
			'numero',
			'rue',
			'score-faible'
		]);
		expect(batchCsv([{ id: 'a', address: '1 rue "X", bât. B', citycode: '67482' }])).toBe(
			'id,adresse,citycode\na,"1 rue ""X"", bât. B",67482'
		);
	});

	it('geocodes in batches through the CSV endpoint, keeps results by the proposal rules, and records each change', async () => {
		const { report, lines } = await runDataGeocode({ dryRun: false, batch: 2 }, sqliteClient(db), {
			baseUrl,
			now: new Date('2027-01-15T10:00:00Z')
		});
		expect(JSON.parse(lines.at(-1)!)).toMatchObject({
			candidates: 4,
			batches: 2,
			failedBatches: 0,
			address: 1,
			street: 1,
			notFound: 2,
			unavailable: 0
		});
		expect(getRecordById(db, 'numero')).toMatchObject({
			location: { lon: 7.7459, lat: 48.5851, precision: 'address' }
		});
		expect(getRecordById(db, 'rue')).toMatchObject({ location: { precision: 'street' } });
		expect(report.notFound.map((n) => [n.id, n.reason]).sort()).toEqual([
			['autre-commune', 'statut « not-found »'],
			['score-faible', 'score 0.42 trop faible']
		]);
		const [entry] = listHistory(db, 'numero');
		expect(entry).toMatchObject({ action: 'geocode', changedBy: GEOCODE_ACTOR });
		expect(entry.note).toMatch(/score 0\.91.*12 Rue du Jeu des Enfants 67000 Strasbourg/);
		expect(precisionOf('score-faible')).toBe('commune');
	});

	it('a dry run asks the service and writes nothing', async () => {
		const version = dataVersion(db);
		const { report } = await runDataGeocode({ dryRun: true, batch: 500 }, sqliteClient(db), { baseUrl });
		expect(report.counts).toMatchObject({ address: 1, street: 1 });
		expect(dataVersion(db)).toBe(version);
		expect(precisionOf('numero')).toBe('commune');
	});

	it('a batch the service refuses leaves its records as they were, and the others are written', async () => {
		org('en-panne', { address: '3 rue de la panne', location: centre('67482') });
		const { report } = await runDataGeocode({ dryRun: false, batch: 1 }, sqliteClient(db), { baseUrl });
		expect(report.batches).toEqual({ sent: 5, failed: 1 });
		expect(report.counts.unavailable).toBe(1);
		expect(report.failures[0]).toMatch(/HTTP 503/);
		expect(precisionOf('en-panne')).toBe('commune');
		expect(precisionOf('numero')).toBe('address');
	});

	it('checks its arguments', () => {
		expect(parseArgs([])).toEqual({ dryRun: false, batch: 500 });
		expect(parseArgs(['--dry-run', '--batch', '50'])).toEqual({ dryRun: true, batch: 50 });
		expect(() => parseArgs(['--batch', '9000'])).toThrow(/au plus 5000/);
		expect(() => parseArgs(['--force'])).toThrow(/force/);
	});
});
