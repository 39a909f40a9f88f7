import { beforeEach, describe, expect, it } from 'vitest';
import { initiativeSchema, organisationSchema, fundingToolSchema } from '$lib/domain/records';
import { initiativeFixture, organisationFixture, toolFixture } from '$lib/domain/test-fixtures';
import { migrate, openDatabase, type Db } from './db/connection';
import { replaceBoundaries } from './db/boundaries';
import { insertCommune, insertQuartier, insertRecord, listQuartiers } from './db/records';
import { explorerPageData, locate, mapPoints, namedPlace, pointDetails } from './map';
import { sqliteClient, type SqlClient } from './db/sql';

const src = [{ reference: 'test (synthétique)', seen: '2026-01-01' }];
let db: Db;
let sql: SqlClient;

beforeEach(async () => {
	db = openDatabase(':memory:');
	sql = sqliteClient(db);
	migrate(db);
	insertCommune(db, {
		code: '67482',
		slug: 'strasbourg',
		name: 'Strasbourg',
		postcodes: ['67000'],
		centroid: { lon: 7.7676, lat: 48.5714 },
		inCus2014: true,
		sources: src
	});
	insertQuartier(db, {
		code: 'SQ_08',
		slug: 'neudorf',
		name: 'Neudorf – Schluthfeld – Port du Rhin – Musau',
		communeCode: '67482',
		subQuartiers: [
			{ slug: 'neudorf', name: 'Neudorf – Musau', point: { lon: 7.7606, lat: 48.5672 } },
			{ slug: 'port-du-rhin', name: 'Port du Rhin', point: { lon: 7.79, lat: 48.575 } }
		],
		point: { lon: 7.7606, lat: 48.5672 },
		pointConfidence: 'medium',
		sources: src
	});
	const at = (lon: number, lat: number, precision: 'address' | 'quartier') => ({ lon, lat, precision });
	insertRecord(
		db,
		organisationSchema.parse(
			organisationFixture({
				id: 'zebre',
				slug: 'zebre',
				name: 'Zèbre (synthétique)',
				location: at(7.75, 48.58, 'address')
			})
		)
	);
	insertRecord(
		db,
		initiativeSchema.parse(
			initiativeFixture({
				id: 'epi',
				slug: 'epi',
				name: 'Épicerie du Neudorf (synthétique)',
				quartierCode: 'SQ_08',
				sectors: ['alimentation'],
				location: at(7.7606, 48.5672, 'quartier')
			})
		)
	);
	insertRecord(db, initiativeSchema.parse(initiativeFixture({ id: 'sans-lieu', slug: 'sans-lieu' })));
	insertRecord(
		db,
		initiativeSchema.parse(
			initiativeFixture({
				id: 'brouillon',
				slug: 'brouillon',
				status: 'draft',
				location: at(7.75, 48.58, 'address')
			})
		)
	);
	insertRecord(db, fundingToolSchema.parse(toolFixture()));
});

describe('mapPoints', () => {
	it('keeps published placed records, in French alphabetical order (É with E), and counts the unplaced', async () => {
		const c = await mapPoints(sql);
		expect(c.points.map((p) => p.id)).toEqual(['epi', 'zebre']);
		expect(c.unplaced).toBe(1);
		expect(JSON.parse(c.body).version).toBe(c.version);
	});
	it('is rebuilt when the data changes', async () => {
		const first = await mapPoints(sql);
		insertRecord(
			db,
			organisationSchema.parse(
				organisationFixture({
					id: 'abc',
					slug: 'abc',
					location: { lon: 7.7, lat: 48.6, precision: 'address' }
				})
			)
		);
		expect(await mapPoints(sql)).not.toBe(first);
		expect((await mapPoints(sql)).points).toHaveLength(3);
	});
});

describe('pointDetails', () => {
	it('gives what the panel shows, with the approximate position said', async () => {
		expect(await pointDetails(sql, 'epi')).toMatchObject({
			name: 'Épicerie du Neudorf (synthétique)',
			path: '/initiatives/epi',
			layerLabel: 'Initiative d’habitants',
			layer: 'initiatives',
			type: { taxonomy: 'initiativeType', codes: ['jardin-partage'] },
			typeLabel: 'Jardin partagé ou familial',
			communeName: 'Strasbourg',
			quartierName: 'Neudorf – Schluthfeld – Port du Rhin – Musau',
			approximate: true,
			precisionLabel: 'Position approximative : centre du quartier',
			precision: 'quartier',
			synthetic: true
		});
	});
	it('answers nothing for drafts, unplaced records, funding tools and unknown ids', async () => {
		for (const id of ['brouillon', 'sans-lieu', 'test-tool', 'nope'])
			expect(await pointDetails(sql, id)).toBeUndefined();
	});
});

describe('explorerPageData', () => {
	it('filters the first page as the URL asks and reports what it ignored', async () => {
		const data = await explorerPageData(
			sql,
			new URL('http://x/?secteur=alimentation&lieu=SQ_99&fond=offline'),
			'ign'
		);
		expect(data.first.points.map((p) => p.id)).toEqual(['epi']);
		expect(data.first.total).toBe(1);
		expect(data.basemap).toBe('offline');
		expect(data.ignored).toEqual([{ parameter: 'lieu', message: 'valeur inconnue : SQ_99' }]);
		expect(data.choropleth.rows).toEqual([expect.objectContaining({ code: 'SQ_08', count: 1 })]);
		expect(data.pointsUrl).toMatch(/^\/carte\/points\.json\?v=\d+$/);
	});
	it('gives every commune and quartier a box to zoom to, around its point while no outline is imported', async () => {
		const data = await explorerPageData(sql, new URL('http://x/'), 'ign');
		expect(Object.keys(data.placeBoxes).sort()).toEqual(data.options.places.map((p) => p.value).sort());
		const [w, s, e, n] = data.placeBoxes.SQ_08;
		const neudorf = listQuartiers(db).find((q) => q.code === 'SQ_08')!.point;
		expect((w + e) / 2).toBeCloseTo(neudorf.lon, 4);
		expect((s + n) / 2).toBeCloseTo(neudorf.lat, 4);
	});
	it('zooms to a place’s outline once it is imported', async () => {
		const square = {
			type: 'Polygon' as const,
			coordinates: [
				[
					[7.76, 48.56],
					[7.78, 48.56],
					[7.78, 48.575],
					[7.76, 48.575],
					[7.76, 48.56]
				]
			]
		};
		replaceBoundaries(
			db,
			'quartier',
			[{ kind: 'quartier', code: 'SQ_08', name: 'Neudorf', geometry: square }],
			'test'
		);
		expect((await explorerPageData(sql, new URL('http://x/'), 'ign')).placeBoxes.SQ_08).toEqual([
			7.76, 48.56, 7.78, 48.575
		]);
	});
	it('matches names without JavaScript', async () => {
		expect(
			(await explorerPageData(sql, new URL('http://x/?q=epicerie'), 'ign')).first.points.map((p) => p.id)
		).toEqual(['epi']);
	});
});

describe('places typed in "Autour de moi"', () => {
	it('finds a sub-quartier or quartier by its name or a part of it', async () => {
		const quartiers = [
			{
				name: 'Neudorf – Schluthfeld – Port du Rhin – Musau',
				point: { lon: 1, lat: 1 },
				subQuartiers: [{ slug: 'neudorf', name: 'Neudorf – Musau', point: { lon: 2, lat: 2 } }]
			}
		];
		expect(namedPlace(quartiers, 'neudorf')).toEqual({ label: 'Neudorf – Musau', at: { lon: 2, lat: 2 } });
		expect(namedPlace(quartiers, 'schluthfeld')?.at).toEqual({ lon: 1, lat: 1 });
		expect(namedPlace(quartiers, 'robertsau')).toBeUndefined();
	});
	it('answers a commune by its centre, offline, and refuses an empty query', async () => {
		expect(await locate(sql, 'http://127.0.0.1:9/none', ' strasbourg ')).toEqual({
			ok: true,
			lon: 7.7676,
			lat: 48.5714,
			label: 'Strasbourg (centre)'
		});
		expect(await locate(sql, 'http://127.0.0.1:9/none', ' ')).toMatchObject({ ok: false });
	});
});
