import { beforeEach, describe, expect, it } from 'vitest';
import { initiativeSchema, organisationSchema } from '$lib/domain/records';
import { initiativeFixture, organisationFixture } from '$lib/domain/test-fixtures';
import { square } from '$lib/geo/test-shapes';
import { migrate, openDatabase, type Db } from './db/connection';
import { countBoundaries, listBoundaries } from './db/boundaries';
import {
	dataVersion,
	getRecordById,
	insertCommune,
	insertQpv,
	insertQuartier,
	insertRecord,
	listHistory
} from './db/records';
import { sqliteClient } from './db/sql';
import { assignPlaces, importBoundaries, importBoundaryText } from './geo';

const src = [{ reference: 'test (synthétique)', seen: '2026-01-01' }];
let db: Db;

// Synthetic squares, not real outlines: Strasbourg west of 7.75, Schiltigheim east of it.
const communes = {
	type: 'FeatureCollection',
	features: [
		{
			type: 'Feature',
			properties: { code: '67482', nom: 'Strasbourg' },
			geometry: square(7.6, 48.5, 7.75, 48.7)
		},
		{
			type: 'Feature',
			properties: { code: '67447', nom: 'Schiltigheim' },
			geometry: square(7.75, 48.5, 7.9, 48.7)
		}
	]
};
const quartiers = {
	type: 'FeatureCollection',
	features: [{ type: 'Feature', properties: { nom: 'Meinau' }, geometry: square(7.6, 48.5, 7.7, 48.6) }]
};

beforeEach(() => {
	db = openDatabase(':memory:');
	migrate(db);
	insertCommune(db, {
		code: '67482',
		slug: 'strasbourg',
		name: 'Strasbourg',
		postcodes: ['67000'],
		centroid: { lon: 7.7, lat: 48.6 },
		inCus2014: true,
		sources: src
	});
	insertCommune(db, {
		code: '67447',
		slug: 'schiltigheim',
		name: 'Schiltigheim',
		postcodes: ['67300'],
		centroid: { lon: 7.8, lat: 48.6 },
		inCus2014: true,
		sources: src
	});
	insertQuartier(db, {
		code: 'SQ_07',
		slug: 'meinau',
		name: 'Meinau',
		communeCode: '67482',
		subQuartiers: [{ slug: 'meinau', name: 'Meinau' }],
		point: { lon: 7.65, lat: 48.55 },
		pointConfidence: 'medium',
		sources: src
	});
	insertQpv(db, { slug: 'risler', name: 'Risler', sources: src });
	// At an address in "Schiltigheim" although it says Strasbourg.
	insertRecord(
		db,
		organisationSchema.parse(
			organisationFixture({
				id: 'mal-placee',
				slug: 'mal-placee',
				location: { lon: 7.8, lat: 48.6, precision: 'address' }
			})
		)
	);
	// At an address in the Meinau square, with no quartier yet.
	insertRecord(
		db,
		initiativeSchema.parse(
			initiativeFixture({
				id: 'a-la-meinau',
				slug: 'a-la-meinau',
				location: { lon: 7.65, lat: 48.55, precision: 'street' }
			})
		)
	);
	// At Strasbourg's centre (approximate): no quartier may be invented for it.
	insertRecord(
		db,
		initiativeSchema.parse(
			initiativeFixture({
				id: 'centre',
				slug: 'centre',
				location: { lon: 7.65, lat: 48.56, precision: 'commune' }
			})
		)
	);
});

describe('importBoundaries', () => {
	it('refuses a boundary file too deep or too big before parsing it, and writes nothing', async () => {
		const before = dataVersion(db);
		const deep = JSON.stringify(communes).replace('"coordinates":[', `"coordinates":${'['.repeat(20_000)}`);
		expect(await importBoundaryText(sqliteClient(db), 'commune', deep, { source: 'test' })).toEqual({
			ok: false,
			errors: [expect.stringMatching(/^JSON trop imbriqué : plus de 16 niveaux/)]
		});
		const ring = Array.from({ length: 2_100_000 }, (_, i) => `[7.${i % 10},48.5]`).join(',');
		const huge = `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"67482"},"geometry":{"type":"Polygon","coordinates":[[${ring}]]}}]}`;
		expect(await importBoundaryText(sqliteClient(db), 'commune', huge, { source: 'test' })).toEqual({
			ok: false,
			errors: [expect.stringMatching(/^JSON trop volumineux/)]
		});
		expect(countBoundaries(db).commune).toBe(0);
		expect(dataVersion(db)).toBe(before);
		expect(
			await importBoundaryText(sqliteClient(db), 'commune', JSON.stringify(communes), { source: 'test' })
		).toMatchObject({
			ok: true,
			inserted: 2
		});
	});

	it('stores outlines, derives places and records each change in the history', async () => {
		const before = dataVersion(db);
		const result = await importBoundaries(sqliteClient(db), 'commune', communes, { source: 'test' });
		expect(result).toMatchObject({ ok: true, inserted: 2, replaced: 0 });
		if (!result.ok) return;
		expect(result.assignment?.changed).toEqual([
			{
				id: 'mal-placee',
				name: 'Structure de test (synthétique)',
				before: { communeCode: '67482', quartierCode: undefined, qpv: undefined },
				after: { communeCode: '67447', quartierCode: undefined, qpv: undefined }
			}
		]);
		const stored = getRecordById(db, 'mal-placee');
		expect(stored).toMatchObject({ communeCode: '67447', version: 2 });
		const row = db.prepare('SELECT commune_code FROM records WHERE id = ?').get('mal-placee') as {
			commune_code: string;
		};
		expect(row.commune_code).toBe('67447');
		expect(listHistory(db, 'mal-placee')[0]).toMatchObject({ action: 'geo-assign', version: 2 });
		expect(dataVersion(db)).toBeGreaterThan(before);
	});

	it('gives a quartier by point-in-polygon to precise positions only', async () => {
		await importBoundaries(sqliteClient(db), 'commune', communes, { source: 'test' });
		const result = await importBoundaries(sqliteClient(db), 'quartier', quartiers, { source: 'test' });
		expect(result.ok && result.assignment?.changed.map((c) => [c.id, c.after.quartierCode])).toEqual([
			['a-la-meinau', 'SQ_07']
		]);
		expect(getRecordById(db, 'centre')).not.toHaveProperty('quartierCode');
		const row = db.prepare('SELECT quartier_code FROM records WHERE id = ?').get('a-la-meinau') as {
			quartier_code: string;
		};
		expect(row.quartier_code).toBe('SQ_07');
	});

	it('writes nothing when a code is unknown or a geometry invalid', async () => {
		await importBoundaries(sqliteClient(db), 'commune', communes, { source: 'first' });
		const bad = structuredClone(communes);
		bad.features[1].properties.code = '75056';
		const result = await importBoundaries(sqliteClient(db), 'commune', bad, { source: 'second' });
		expect(result).toEqual({ ok: false, errors: [expect.stringContaining('75056')] });
		expect(listBoundaries(db).map((b) => b.source)).toEqual(['first', 'first']);
		expect(getRecordById(db, 'mal-placee')?.version).toBe(2);
	});

	it('replaces the previous outlines of the same kind', async () => {
		await importBoundaries(sqliteClient(db), 'commune', communes, { source: 'first' });
		const one = { ...communes, features: [communes.features[0]] };
		expect(
			await importBoundaries(sqliteClient(db), 'commune', one, { source: 'second', assign: false })
		).toMatchObject({
			ok: true,
			inserted: 1,
			replaced: 2
		});
		expect(countBoundaries(db)).toEqual({ commune: 1, quartier: 0, qpv: 0 });
	});

	it('rolls everything back on a dry run but reports what would change', async () => {
		const result = await importBoundaries(sqliteClient(db), 'commune', communes, {
			source: 'test',
			dryRun: true
		});
		expect(result.ok && result.assignment?.changed).toHaveLength(1);
		expect(countBoundaries(db).commune).toBe(0);
		expect(getRecordById(db, 'mal-placee')?.version).toBe(1);
	});
});

describe('assignPlaces', () => {
	it('reports positions outside every commune and changes nothing twice', async () => {
		await importBoundaries(
			sqliteClient(db),
			'commune',
			{ ...communes, features: [communes.features[0]] },
			{ source: 'test' }
		);
		const report = await assignPlaces(sqliteClient(db));
		expect(report.outside.map((o) => o.id)).toEqual(['mal-placee']);
		expect(report.changed).toEqual([]);
	});
});
