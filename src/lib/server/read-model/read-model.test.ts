import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { organisationSchema } from '$lib/domain/records';
import { organisationFixture } from '$lib/domain/test-fixtures';
import { communes, directoryRecords, quartiers, thematiques } from '$lib/pages/test-data';
import { buildSearchIndexes, engineFromTransferable } from '$lib/search/engine';
import { migrate, openDatabase, type Db } from '../db/connection';
import { dataVersion, insertCommune, insertQuartier, insertRecord, insertThematique } from '../db/records';
import { getCatalogue } from '../catalogue';
import { mapPoints } from '../map';
import { currentSearchIndexes, searchIndexes } from '../search-index';
import {
	buildReadModel,
	readModel,
	resetReadModel,
	setRebuildInlineMax,
	settledReadModel,
	warmReadModel
} from './index';

let dir: string;
let db: Db;
beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'carto-ess-read-model-'));
	db = openDatabase(join(dir, 'store.sqlite'));
	migrate(db);
	for (const c of communes) insertCommune(db, c);
	for (const q of quartiers) insertQuartier(db, q);
	for (const t of thematiques) insertThematique(db, t);
	for (const r of directoryRecords) insertRecord(db, r);
});
afterAll(() => {
	db.close();
	rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
	setRebuildInlineMax(2000);
	resetReadModel();
});

const newOrg = (n: number) =>
	organisationSchema.parse(
		organisationFixture({
			id: `velo-${n}`,
			slug: `velo-${n}`,
			name: `Atelier vélo numéro ${n}`,
			location: { lon: 7.75, lat: 48.58, precision: 'address' }
		})
	);

describe('the read model', () => {
	it('is rebuilt in the request for a small store: an editor sees the change at once', () => {
		const first = warmReadModel(db);
		insertRecord(db, newOrg(1));
		const next = readModel(db);
		expect(next.version).toBe(dataVersion(db));
		expect(next.version).toBeGreaterThan(first.version);
		expect(next.builtIn).toBe('thread');
		expect(getCatalogue(db)).toBe(next.catalogue);
		expect(currentSearchIndexes(db)).toBe(next.search);
		expect(searchIndexes(next.catalogue)).toBe(next.search);
		expect(mapPoints(db)).toBe(next.points);
	});

	it('serves the previous version while a worker builds the new one, then swaps all parts at once', async () => {
		setRebuildInlineMax(0);
		const before = warmReadModel(db);
		insertRecord(db, newOrg(2));
		const during = readModel(db);
		// No waiting: the previous version, whole.
		expect(during).toBe(before);
		expect(getCatalogue(db).byId.has('velo-2')).toBe(false);
		const after = await settledReadModel(db);
		expect(after.builtIn).toBe('worker');
		expect(after.version).toBe(dataVersion(db));
		expect(after.catalogue.byId.has('velo-2')).toBe(true);
		expect(after.search.full.search('atelier velo numero 2').hits[0].id).toBe('velo-2');
		expect(after.points.points.some((p) => p.id === 'velo-2')).toBe(true);
		expect(searchIndexes(after.catalogue)).toBe(after.search);
		// The worker's parts are what this thread would have built from the same data.
		const here = buildReadModel(db);
		expect(after.search.quickFile.name).toBe(here.search.quickFile.name);
		expect(after.search.manifest).toEqual(here.search.manifest);
		expect(after.points.etag).toBe(here.points.etag);
		expect(after.catalogue.records.map((r) => r.id)).toEqual(here.catalogue.records.map((r) => r.id));
		expect(after.search.full.search('velo').hits.map((h) => h.id)).toEqual(
			here.search.full.search('velo').hits.map((h) => h.id)
		);
	});

	it('rebuilds again for writes made during a rebuild', async () => {
		setRebuildInlineMax(0);
		warmReadModel(db);
		insertRecord(db, newOrg(3));
		readModel(db);
		insertRecord(db, newOrg(4));
		const last = await settledReadModel(db);
		expect(last.version).toBe(dataVersion(db));
		expect(last.catalogue.byId.has('velo-4')).toBe(true);
	});
});

describe('a search engine sent between threads', () => {
	it('answers and serializes as the engine it was made from', () => {
		const { full } = buildSearchIndexes(directoryRecords, { communes, quartiers, qpv: [], thematiques });
		const { data, transfer } = full.transferable();
		const copy = engineFromTransferable(structuredClone(data, { transfer }));
		for (const q of ['velo', 'reparation', 'cooperatve', 'taux zero'])
			expect(copy.search(q, { limit: 10 })).toEqual(full.search(q, { limit: 10 }));
		expect(copy.serialize()).toBe(full.serialize());
	});
});
