import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventSchema, organisationSchema } from '$lib/domain/records';
import { organisationFixture } from '$lib/domain/test-fixtures';
import { communes, directoryRecords, quartiers, thematiques } from '$lib/pages/test-data';
import { buildSearchIndexes, engineFromTransferable, installEngine } from '$lib/search/engine';
import { TimeSlices } from '$lib/search/packed';
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
	warmReadModel,
	withOneReadModel
} from './index';
import { sqliteClient, type SqlClient } from '../db/sql';

let dir: string;
let db: Db;
let sql: SqlClient;
beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'carto-ess-read-model-'));
	db = openDatabase(join(dir, 'store.sqlite'));
	sql = sqliteClient(db);
	migrate(db);
	for (const c of communes) insertCommune(db, c);
	for (const q of quartiers) insertQuartier(db, q);
	for (const t of thematiques) insertThematique(db, t);
	for (const r of directoryRecords) insertRecord(db, r);
});
afterAll(async () => {
	db.close();
	rmSync(dir, { recursive: true, force: true });
});
afterEach(async () => {
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

describe('the map’s events to come', () => {
	afterEach(async () => {
		vi.useRealTimers();
	});
	const at = (iso: string) => vi.setSystemTime(new Date(iso));
	const drawnIds = async () => (await readModel(sql)).points.points.map((p) => p.id);

	it('never shows an event that has ended: the day after its last day is a new data version', async () => {
		vi.useFakeTimers({ toFake: ['Date'] });
		// 23:30 in Strasbourg on 28 January 2027 (winter time: UTC+1).
		at('2027-01-28T22:30:00Z');
		insertRecord(
			db,
			eventSchema.parse({
				kind: 'event',
				id: 'fete-du-quartier',
				slug: 'fete-du-quartier',
				name: 'Fête du quartier',
				description: 'Une fête de quartier pour tester la carte.',
				status: 'published',
				startDate: '2027-01-27',
				endDate: '2027-01-28',
				communeCode: '67482',
				location: { lon: 7.74, lat: 48.58, precision: 'address' },
				sources: [
					{ title: 'Programme', site: 'Exemple', url: 'https://www.exemple.org/', seen: '2027-01-10' }
				],
				lastVerified: '2027-01-10',
				confidence: 'high'
			})
		);
		const before = await warmReadModel(sql);
		expect(await drawnIds()).toContain('fete-du-quartier');
		expect(before.points.staleFrom).toBe('2027-01-29');
		// The same day, nothing moves.
		expect(await readModel(sql)).toBe(before);

		// Midnight in Strasbourg, 23:00 UTC: the event is over, with no edit in between.
		at('2027-01-28T23:00:00Z');
		const after = await readModel(sql);
		expect(after.version).toBe(before.version + 1);
		expect(dataVersion(db)).toBe(after.version);
		expect(await drawnIds()).not.toContain('fete-du-quartier');
		expect(after.points.etag).not.toBe(before.points.etag);
		expect(after.points.version).not.toBe(before.points.version);
		expect(after.points.staleFrom).toBeUndefined();
		// Once: the next requests of the day keep that version.
		expect(await readModel(sql)).toBe(after);
		// The agenda still has the event, among the past ones.
		expect((await getCatalogue(sql)).byId.has('fete-du-quartier')).toBe(true);
	});
});

describe('the read model', () => {
	it('is rebuilt in the request for a small store: an editor sees the change at once', async () => {
		const first = await warmReadModel(sql);
		insertRecord(db, newOrg(1));
		const next = await readModel(sql);
		expect(next.version).toBe(dataVersion(db));
		expect(next.version).toBeGreaterThan(first.version);
		expect(next.builtIn).toBe('thread');
		expect(await getCatalogue(sql)).toBe(next.catalogue);
		expect(await currentSearchIndexes(sql)).toBe(next.search);
		expect(searchIndexes(next.catalogue)).toBe(next.search);
		expect(await mapPoints(sql)).toBe(next.points);
	});

	it('serves the previous version while a worker builds the new one, then swaps all parts at once', async () => {
		setRebuildInlineMax(0);
		const before = await warmReadModel(sql);
		insertRecord(db, newOrg(2));
		const during = await readModel(sql);
		// No waiting: the previous version, whole.
		expect(during).toBe(before);
		expect((await getCatalogue(sql)).byId.has('velo-2')).toBe(false);
		const after = await settledReadModel(sql);
		expect(after.builtIn).toBe('worker');
		expect(after.version).toBe(dataVersion(db));
		expect(after.catalogue.byId.has('velo-2')).toBe(true);
		expect(after.search.full.search('atelier velo numero 2').hits[0].id).toBe('velo-2');
		expect(after.points.points.some((p) => p.id === 'velo-2')).toBe(true);
		expect(searchIndexes(after.catalogue)).toBe(after.search);
		// The worker's parts are what this thread would have built from the same data.
		const here = await buildReadModel(sql);
		expect(after.search.quickFile.name).toBe(here.search.quickFile.name);
		expect(after.search.manifest).toEqual(here.search.manifest);
		expect(after.points.etag).toBe(here.points.etag);
		expect(after.catalogue.records.map((r) => r.id)).toEqual(here.catalogue.records.map((r) => r.id));
		expect(after.search.full.search('velo').hits.map((h) => h.id)).toEqual(
			here.search.full.search('velo').hits.map((h) => h.id)
		);
	});

	it('reads the data version once for a page view, whose every part sees the one version', async () => {
		await warmReadModel(sql);
		const reads = vi.spyOn(sql, 'get');
		const versionReads = () =>
			reads.mock.calls.filter(([text, params]) => `${text} ${params}`.includes('data_version')).length;
		const seen = await withOneReadModel(async () => {
			const first = await readModel(sql);
			// Another instance writes while the page is being rendered.
			insertRecord(db, newOrg(5));
			const catalogue = await getCatalogue(sql);
			const points = await mapPoints(sql);
			return { first, catalogue, points };
		});
		expect(versionReads()).toBe(1);
		expect(seen.catalogue).toBe(seen.first.catalogue);
		expect(seen.points).toBe(seen.first.points);
		expect(seen.catalogue.byId.has('velo-5')).toBe(false);
		// The next request reads the version again and sees the write.
		expect((await getCatalogue(sql)).byId.has('velo-5')).toBe(true);
		expect(versionReads()).toBe(2);
		reads.mockRestore();
	});

	it('rebuilds again for writes made during a rebuild', async () => {
		setRebuildInlineMax(0);
		await warmReadModel(sql);
		insertRecord(db, newOrg(3));
		await readModel(sql);
		insertRecord(db, newOrg(4));
		const last = await settledReadModel(sql);
		expect(last.version).toBe(dataVersion(db));
		expect(last.catalogue.byId.has('velo-4')).toBe(true);
	});
});

describe('a search engine sent between threads', () => {
	it('answers and serializes as the engine it was made from', async () => {
		const { full } = buildSearchIndexes(directoryRecords, { communes, quartiers, qpv: [], thematiques });
		const { data, transfer } = full.transferable();
		const copy = engineFromTransferable(structuredClone(data, { transfer }));
		for (const q of ['velo', 'reparation', 'cooperatve', 'taux zero'])
			expect(copy.search(q, { limit: 10 })).toEqual(full.search(q, { limit: 10 }));
		expect(copy.serialize()).toBe(full.serialize());
	});
});

describe('a search engine installed in time slices', () => {
	it('answers, ranks and serializes as the engine it was made from, yielding between slices', async () => {
		const geo = { communes, quartiers, qpv: [], thematiques };
		const { quick, full } = buildSearchIndexes(directoryRecords, geo);
		for (const engine of [quick, full]) {
			const { data, transfer } = engine.transferable();
			let turns = 0;
			// A zero budget: every check of the clock ends a slice, the most interleaved installation.
			const slices = new TimeSlices(async () => void turns++, 0);
			const copy = await installEngine(structuredClone(data, { transfer }), slices);
			expect(turns).toBeGreaterThan(0);
			for (const q of ['velo', 'reparation', 'cooperatve', 'taux zero', 'ate', 'honneur pret'])
				expect(copy.search(q, { limit: 10 })).toEqual(engine.search(q, { limit: 10 }));
			expect(copy.rank('velo')).toEqual(engine.rank('velo'));
			expect(copy.serialize()).toBe(engine.serialize());
			expect(engineFromTransferable(engine.transferable().data).serialize()).toBe(engine.serialize());
		}
	});
});
