import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCatalogue, catalogueSteps } from '$lib/domain/catalogue';
import { decodePoints, type PointsPayload } from '$lib/domain/map/points';
import { organisationSchema, type PublicRecord } from '$lib/domain/records';
import { runSteps } from '$lib/domain/steps';
import { organisationFixture } from '$lib/domain/test-fixtures';
import { migrate, openDatabase, type Db } from '../db/connection';
import { insertRecord } from '../db/records';
import { seedIfEmpty } from '../db/seed';
import { loadDataset } from '../seed/read-data';
import {
	buildReadModel,
	onReadModel,
	readModel,
	resetReadModel,
	setRebuildInlineMax,
	setRebuildSliceMs,
	settledReadModel,
	warmReadModel,
	type ReadModel
} from './index';
import { byName, pointsParts, readInput } from './parts';
import { sqliteClient } from '../db/sql';

/** The seed's records many times over (new ids, slugs and names), so the parts are a few thousand long. */
const COPIES = 12;

let dir: string;
let db: Db;
beforeAll(() => {
	const { dataset, issues } = loadDataset('data');
	expect(issues).toEqual([]);
	const copy = <T extends PublicRecord>(r: T, k: number): T => ({
		...r,
		id: `${r.id}-${k}`,
		slug: `${r.slug}-${k}`,
		// Names that interleave the copies, so the catalogue's order is not the store's.
		name: `${(k * 7) % COPIES} ${r.name}`
	});
	const many = <T extends PublicRecord>(list: T[]) => [
		...list,
		...Array.from({ length: COPIES }, (_, k) => list.map((r) => copy(r, k))).flat()
	];
	dir = mkdtempSync(join(tmpdir(), 'carto-ess-read-model-slices-'));
	db = openDatabase(join(dir, 'store.sqlite'));
	migrate(db);
	seedIfEmpty(db, {
		...dataset,
		organisations: many(dataset.organisations),
		initiatives: many(dataset.initiatives),
		fundingTools: many(dataset.fundingTools)
	});
});
afterAll(() => {
	db.close();
	rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
	setRebuildInlineMax(2000);
	setRebuildSliceMs(8);
	resetReadModel();
});

describe('the catalogue built in steps', () => {
	it('is the catalogue built at once, whatever the pauses and the input’s order', () => {
		const input = readInput(db);
		expect(input.records.length).toBeGreaterThan(2000);
		const shuffled = [...input.records].sort((a, b) => (a.id < b.id ? 1 : -1));
		for (const records of [shuffled, [...input.records].sort(byName)]) {
			const whole = buildCatalogue({ ...input, records });
			let pauses = 0;
			// A pause at every check: the most interleaved build.
			const steps = catalogueSteps({ ...input, records }, () => true);
			for (let next = steps.next(); !next.done; next = steps.next()) pauses++;
			expect(pauses).toBeGreaterThan(records.length);
			expect(runSteps(catalogueSteps({ ...input, records }, () => true))).toEqual(whole);
		}
	}, 30_000);
});

describe('the points sent by the worker', () => {
	it('are the body the route serves, and each point lies where the worker says', () => {
		const { records, version } = readInput(db);
		const parts = pointsParts([...records].sort(byName), version, '2027-01-28');
		const payload = JSON.parse(parts.body.body) as PointsPayload;
		expect(payload.points.length).toBeGreaterThan(1000);
		// Written a point at a time, the body is still what JSON.stringify writes of its value.
		expect(parts.body.body).toBe(JSON.stringify(payload));
		expect(parts.dict).toEqual(payload.dict);
		let at = parts.first;
		parts.lengths.forEach((length, i) => {
			expect(JSON.parse(parts.body.body.slice(at, at + length))).toEqual(payload.points[i]);
			at += length + 1;
		});
		expect(at).toBe(parts.body.body.length - 1);
		expect(decodePoints(payload).points.length).toBe(parts.lengths.length);
	});
});

describe('a rebuild by the worker', () => {
	it('gives the catalogue, indexes and points this thread builds, installed in slices between which timers fire', async () => {
		setRebuildInlineMax(0);
		setRebuildSliceMs(0);
		await warmReadModel(sqliteClient(db));
		const ticks: number[] = [];
		const timer = setInterval(() => ticks.push(performance.now()), 1);
		let installedAt = 0;
		const stop = onReadModel(() => (installedAt = performance.now()));
		let after: ReadModel;
		try {
			insertRecord(
				db,
				organisationSchema.parse(
					organisationFixture({ id: 'ecrite', slug: 'ecrite', name: 'Écrite pendant le test' })
				)
			);
			expect((await readModel(sqliteClient(db))).catalogue.byId.has('ecrite')).toBe(false);
			after = await settledReadModel(sqliteClient(db));
		} finally {
			clearInterval(timer);
			stop();
		}
		expect(after.builtIn).toBe('worker');
		expect(after.catalogue.byId.has('ecrite')).toBe(true);
		// Timers ran while this thread installed the worker's result: it never held the thread for it all.
		expect(after.slices).toBeGreaterThan(10);
		const during = ticks.filter((t) => t >= installedAt - after.installMs && t <= installedAt);
		expect(during.length).toBeGreaterThan(1);

		const here = await buildReadModel(sqliteClient(db));
		expect(after.version).toBe(here.version);
		expect(after.catalogue).toEqual(here.catalogue);
		const { points: p, ...rest } = after.points;
		const { points: q, ...hereRest } = here.points;
		expect(rest).toEqual(hereRest);
		expect(p).toEqual(q);
		expect(after.search.quickFile.name).toBe(here.search.quickFile.name);
		expect(after.search.manifest).toEqual(here.search.manifest);
		expect(after.search.full.serialize()).toBe(here.search.full.serialize());
	}, 60_000);
});
