import { beforeEach, describe, expect, it } from 'vitest';
import { communeSchema } from '$lib/domain/geography';
import { fundingToolSchema, organisationSchema, type Organisation } from '$lib/domain/records';
import { organisationFixture, toolFixture } from '$lib/domain/test-fixtures';
import { getCatalogue } from './catalogue';
import { migrate, openDatabase, type Db } from './db/connection';
import { insertCommune, insertRecord, updateRecord } from './db/records';
import { sqliteClient, type SqlClient } from './db/sql';

let db: Db;
let sql: SqlClient;
const financeur = organisationSchema.parse(
	organisationFixture({ id: 'financeur', slug: 'financeur', name: 'Financeur', roles: ['financeur'] })
);
const brouillon = organisationSchema.parse(
	organisationFixture({ id: 'brouillon', slug: 'brouillon', name: 'Accompagnateur', status: 'draft' })
);
const seul = organisationSchema.parse(
	organisationFixture({ id: 'seul', slug: 'seul', name: 'Brouillon sans outil', status: 'draft' })
);
const outil = fundingToolSchema.parse(
	toolFixture({ id: 'outil', slug: 'outil', providerIds: ['financeur', 'brouillon', 'absent'] })
);

beforeEach(async () => {
	db = openDatabase(':memory:');
	sql = sqliteClient(db);
	migrate(db);
	insertCommune(
		db,
		communeSchema.parse({
			code: '67482',
			slug: 'strasbourg',
			name: 'Strasbourg',
			postcodes: ['67000'],
			centroid: { lon: 7.75, lat: 48.58 },
			inCus2014: true,
			sources: [{ reference: 'test', seen: '2026-01-01' }]
		})
	);
	for (const r of [financeur, brouillon, seul, outil]) insertRecord(db, r);
});

describe('getCatalogue', () => {
	it('loads the reference data and the published records, without the store’s version field', async () => {
		const c = await getCatalogue(sql);
		expect(c.geo.communes.map((x) => x.slug)).toEqual(['strasbourg']);
		expect(c.records.map((r) => r.id)).toEqual(['financeur', 'outil']);
		// The store's version counter is internal and stays off the pages.
		for (const r of c.records) expect(r).not.toHaveProperty('version');
	});

	it('names an unpublished provider of a published tool without listing or linking it', async () => {
		const c = await getCatalogue(sql);
		expect(c.byId.has('brouillon')).toBe(false);
		expect(c.providers.get('brouillon')).toMatchObject({ name: 'Accompagnateur', slug: undefined });
		expect(c.providers.get('absent')).toEqual({ id: 'absent', name: 'absent' });
		expect(c.providers.has('seul')).toBe(false);
	});

	it('is built once per data version, and again after a write', async () => {
		const before = await getCatalogue(sql);
		expect(await getCatalogue(sql)).toBe(before);
		const stored = db.prepare('SELECT version FROM records WHERE id = ?').get('financeur') as {
			version: number;
		};
		const result = updateRecord(
			db,
			{ ...(financeur as Organisation), name: 'Financeur renommé' },
			{
				expectedVersion: stored.version
			}
		);
		expect(result.ok).toBe(true);
		const after = await getCatalogue(sql);
		expect(after).not.toBe(before);
		expect(after.version).toBeGreaterThan(before.version);
		expect(after.providers.get('financeur')?.name).toBe('Financeur renommé');
	});
});
