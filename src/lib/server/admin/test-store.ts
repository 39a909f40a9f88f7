/** An in-memory store with real migrations and a few places, for the workspace's server tests. */
import type { Commune, Quartier, Thematique } from '$lib/domain/geography';
import type { PublicRecord, PublicRecordInput } from '$lib/domain/records';
import { recordToForm } from '$lib/io/record-form';
import { migrate, openDatabase, type Db } from '../db/connection';
import { insertCommune, insertQuartier, insertRecord, insertThematique } from '../db/records';
import { sqliteClient, type SqlClient } from '../db/sql';

const source = [{ reference: 'test', seen: '2026-01-01' }];

const COMMUNE = {
	code: '67482',
	slug: 'strasbourg',
	name: 'Strasbourg',
	postcodes: ['67000'],
	centroid: { lon: 7.75, lat: 48.58 },
	inCus2014: true,
	sources: source
} as Commune;
const QUARTIER = {
	code: 'SQ_10',
	slug: 'neuhof',
	name: 'Neuhof – Stockfeld – Ganzau',
	communeCode: '67482',
	subQuartiers: [
		{ slug: 'neuhof-1', name: 'Neuhof 1' },
		{ slug: 'neuhof-2', name: 'Neuhof 2 (Stockfeld, Ganzau)' }
	],
	point: { lon: 7.78, lat: 48.55 },
	pointConfidence: 'low',
	sources: source
} as Quartier;
const THEMATIQUE = {
	code: 'finance-solidaire',
	label: 'Finance solidaire',
	description: 'x',
	sources: source
} as unknown as Thematique;

/**
 * In memory unless `path` names a file (tests that run a child process on the same store). The synchronous
 * connection, for the modules that still take it; `sqliteClient(db)` gives the client over the same store.
 */
export function testStore(records: PublicRecord[] = [], path = ':memory:'): Db {
	const db = openDatabase(path);
	migrate(db);
	insertCommune(db, COMMUNE);
	insertQuartier(db, QUARTIER);
	insertThematique(db, THEMATIQUE);
	for (const r of records) insertRecord(db, r, { by: null, action: 'seed' });
	return db;
}

/** The same store through the asynchronous client (SQLite in memory unless `path` says otherwise). */
export function testClient(records: PublicRecord[] = [], path = ':memory:'): SqlClient {
	return sqliteClient(testStore(records, path), { owned: true });
}

/** The places and records of testStore written into a migrated store on either engine. */
export async function fillTestStore(sql: SqlClient, records: PublicRecord[] = []): Promise<void> {
	await insertCommune(sql, COMMUNE);
	await insertQuartier(sql, QUARTIER);
	await insertThematique(sql, THEMATIQUE);
	for (const r of records) await insertRecord(sql, r, { by: null, action: 'seed' });
}

/** A record as the admin form posts it, with some inputs changed. */
export function formOf(record: PublicRecordInput, overrides: Record<string, string | string[]> = {}) {
	const form = recordToForm(record);
	const out: Record<string, string | string[]> = { ...form.values };
	form.sources.forEach((s, i) => Object.entries(s).forEach(([k, v]) => (out[`sources.${i}.${k}`] = v)));
	return { ...out, ...overrides };
}
