import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Initiative, Organisation } from '$lib/domain/records';
import { decodePoints, type PointsPayload } from '$lib/domain/map/points';
import { TILE_LAYER, tileOf } from '$lib/domain/map/scale';
import { TILES_MIN } from '$lib/domain/map/scale';
import { migrate, openDatabase, type Db } from './db/connection';
import { seedIfEmpty } from './db/seed';
import { sqliteClient, type SqlClient } from './db/sql';
import { loadDataset } from './seed/read-data';
import { explorerPageData } from './map';
import {
	clusterIndex,
	clusterResponse,
	clustersResponse,
	commonKeys,
	makeVersionParts,
	listPage,
	listResponse,
	mapSourceFor,
	pointResponse,
	pointsByIdsResponse,
	setClusterWorkerMin,
	setTilesMin,
	stateResponse,
	stopClusterWorker,
	tileResponse
} from './map-scale';
import { CLUSTER_WORKER_MIN } from '$lib/domain/map/scale';
import { recountTile } from './cluster-build';
import { readModel, resetReadModel } from './read-model';

let db: Db;
let sql: SqlClient;
const url = (path: string) => new URL(`http://localhost${path}`);
const get = (headers: Record<string, string> = {}) => new Request('http://localhost/', { headers });

beforeAll(async () => {
	resetReadModel();
	const { dataset } = loadDataset('data');
	// The seed's places four times over, moved a little and renamed (marked synthetic): a store of several
	// hundred points for a threshold lowered to 100.
	const copies = <T extends Organisation | Initiative>(list: T[]): T[] =>
		[0, 1, 2, 3].flatMap((k) =>
			list.map((r) => ({
				...r,
				id: `${r.id}-x${k}`,
				slug: `${r.slug}-x${k}`,
				name: `${r.name} ${k}`,
				synthetic: true,
				location: r.location && {
					...r.location,
					lon: r.location.lon + k * 0.003,
					lat: r.location.lat - k * 0.002
				}
			}))
		);
	const records = [...copies(dataset.organisations), ...copies(dataset.initiatives)];
	db = openDatabase(':memory:');
	migrate(db);
	sql = sqliteClient(db);
	seedIfEmpty(db, {
		...dataset,
		organisations: records.filter((r): r is Organisation => r.kind === 'organisation'),
		initiatives: records.filter((r): r is Initiative => r.kind === 'initiative'),
		fundingTools: []
	});
	setTilesMin(100);
});
afterAll(async () => {
	setTilesMin(TILES_MIN);
	resetReadModel();
});

describe('map at scale (server clusters)', () => {
	it('switches the page to the server above the threshold', async () => {
		const data = await explorerPageData(sql, url('/carte?secteur=jardins&sel=x'), 'offline');
		expect(data.remote).toEqual({ version: (await readModel(sql)).points.version, key: 'secteur=jardins' });
		setTilesMin(TILES_MIN);
		expect((await explorerPageData(sql, url('/carte'), 'offline')).remote).toBeUndefined();
		setTilesMin(100);
	});

	it('serves a decodable vector tile with clusters, immutable and revalidated by ETag', async () => {
		const version = (await readModel(sql)).points.version;
		const { x, y } = tileOf(7.75, 48.58, 10);
		const params = { version: String(version), z: '10', x: String(x), y: String(y) };
		const res = await tileResponse(sql, params, get(), url('/'));
		expect(res.status).toBe(200);
		expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
		// A Mapbox Vector Tile: its layer's name and the clusters' keys are written as protobuf strings.
		const text = Buffer.from(await res.arrayBuffer()).toString('latin1');
		expect(text).toContain(TILE_LAYER);
		expect(text).toContain('point_count');
		const cut = clusterIndex(await readModel(sql), '').index.getTile(10, x, y)!;
		const total = cut.features.reduce(
			(n, f) => n + (f.tags && 'point_count' in f.tags ? Number(f.tags.point_count) : 1),
			0
		);
		expect(total).toBeGreaterThan(10);
		const again = await tileResponse(
			sql,
			params,
			get({ 'if-none-match': res.headers.get('etag')! }),
			url('/')
		);
		expect(again.status).toBe(304);
		// An old version's URL answers the current data, revalidated.
		const old = await tileResponse(sql, { ...params, version: String(version - 1) }, get(), url('/'));
		expect(old.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
		expect((await tileResponse(sql, { ...params, x: '99999' }, get(), url('/'))).status).toBe(400);
	});

	it('builds ahead one layer, sector, thématique, then the communes, largest first, within budget', async () => {
		const cache = (await readModel(sql)).points;
		const keys = commonKeys(makeVersionParts(cache)).map((k) => k.key);
		const communes = keys.filter((k) => k.startsWith('lieu='));
		expect(communes.length).toBeGreaterThan(1);
		expect(keys.indexOf(communes[0])).toBeGreaterThan(keys.findIndex((k) => k.startsWith('secteur=')));
		const model = await readModel(sql);
		const size = (k: string) => listPage(model, cache, k, undefined, 0, 1).total;
		const sizes = communes.map(size);
		expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
		expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(cache.points.length);
	});

	it('clusters per filter key: fewer points with a filter, the same index for the same key', async () => {
		const all = clusterIndex(await readModel(sql), '');
		const some = clusterIndex(await readModel(sql), 'couches=initiatives');
		expect(some.points.length).toBeGreaterThan(0);
		expect(some.points.length).toBeLessThan(all.points.length);
		expect(clusterIndex(await readModel(sql), 'couches=initiatives')).toBe(some);
	});

	it('lists a box, paged, in name order', async () => {
		const full = (await (
			await listResponse(sql, url('/carte/liste.json?limit=5'))
		).json()) as PointsPayload & {
			total: number;
		};
		expect(full.points).toHaveLength(5);
		const boxed = (await (
			await listResponse(sql, url('/carte/liste.json?bbox=7.70,48.55,7.80,48.62&limit=200'))
		).json()) as PointsPayload & { total: number };
		expect(boxed.total).toBeLessThan(full.total);
		const pts = decodePoints(boxed).points;
		expect(pts.every((p) => p.lon >= 7.7 && p.lon <= 7.8 && p.lat >= 48.55 && p.lat <= 48.62)).toBe(true);
		const names = pts.map((p) => p.name);
		expect(names).toEqual(
			[...names].sort((a, b) => a.localeCompare(b, 'fr', { sensitivity: 'base', numeric: true }))
		);
		const second = (await (
			await listResponse(sql, url('/carte/liste.json?offset=5&limit=5'))
		).json()) as PointsPayload;
		expect(second.points[0][0]).not.toBe(full.points[0][0]);
		const bad = await listResponse(sql, url('/carte/liste.json?limit=9999'));
		expect(bad.status).toBe(400);
		expect(((await bad.json()) as { error: { message: string } }).error.message).toBe(
			'Liste : taille de page : au plus 200.'
		);
	});

	it('clusters as JSON for Leaflet, a cluster opens, points by id', async () => {
		const version = (await readModel(sql)).points.version;
		const res = await clustersResponse(
			sql,
			url(`/carte/tuiles/${version}/grappes.json?bbox=7.6,48.45,7.95,48.68&zoom=10`)
		);
		const { items } = (await res.json()) as { items: { type: string; cluster?: number; count?: number }[] };
		const cluster = items.find((i) => i.type === 'cluster')!;
		expect(cluster.count).toBeGreaterThan(1);
		const open = (await (await clusterResponse(sql, String(cluster.cluster), url('/'))).json()) as {
			zoom: number;
		};
		expect(open.zoom).toBeGreaterThan(10);
		expect((await clusterResponse(sql, '12345678', url('/'))).status).toBe(404);
		const id = (await readModel(sql)).points.points[3].id;
		const one = decodePoints((await (await pointResponse(sql, id)).json()) as PointsPayload).points;
		expect(one.map((p) => p.id)).toEqual([id]);
		expect((await pointResponse(sql, 'inconnu')).status).toBe(404);
		const two = (await (
			await pointsByIdsResponse(sql, url(`/carte/lieux.json?ids=${id},inconnu`))
		).json()) as PointsPayload;
		expect(two.points.map((p) => p[0])).toEqual([id]);
		expect((await pointsByIdsResponse(sql, url('/carte/lieux.json'))).status).toBe(400);
	});

	it('answers a combination being built from the nearest built index, never with points that do not match, then exactly', async () => {
		setClusterWorkerMin(0);
		try {
			const cache = (await readModel(sql)).points;
			clusterIndex(await readModel(sql), '');
			const sector = cache.dict.find((c) => c.startsWith('s:'))!.slice(2);
			const key = `secteur=${sector}&couches=structures,initiatives`;
			const wanted = new Set(await listIds(key));
			const { version } = cache;
			const state = (await (
				await stateResponse(sql, url(`/carte/tuiles/${version}/etat.json?${key}`))
			).json()) as {
				precise: boolean;
			};
			expect(state.precise).toBe(false);
			// The view's tiles, from the stand-in: not kept, only matching points, counts summing to the matches.
			const z = 11;
			const t = tileOf(7.75, 48.58, z);
			let total = 0;
			let negative: number | undefined;
			for (const dx of [-1, 0, 1])
				for (const dy of [-1, 0, 1]) {
					const params = { version: String(version), z: String(z), x: String(t.x + dx), y: String(t.y + dy) };
					const res = await tileResponse(sql, params, get(), url(`/?${key}`));
					expect(res.headers.get('cache-control')).toBe('no-store');
					expect(res.headers.get('x-carte-precision')).toBe('provisoire');
				}
			// What those tiles are cut from: matching leaves only, and groups named by negative ids.
			const source = mapSourceFor(await readModel(sql), key);
			if (source instanceof Promise || !('recount' in source)) throw new Error('stand-in expected');
			for (const f of recountTile(source.recount, z, t.x, t.y)?.features ?? []) {
				const tags = f.tags as { cluster?: boolean; cluster_id?: number; i?: string };
				if (tags.cluster) {
					negative = tags.cluster_id!;
					expect(negative).toBeLessThan(0);
				} else expect(wanted.has(tags.i!)).toBe(true);
			}
			const leaflet = (await (
				await clustersResponse(
					sql,
					url(`/carte/tuiles/${version}/grappes.json?bbox=7.3,48.3,8.2,48.9&zoom=8&${key}`)
				)
			).json()) as {
				precise: boolean;
				items: { type: string; id?: string; count?: number; cluster?: number }[];
			};
			expect(leaflet.precise).toBe(false);
			for (const it of leaflet.items) total += it.type === 'cluster' ? it.count! : 1;
			expect(total).toBe(wanted.size);
			const group = leaflet.items.find((i) => i.type === 'cluster');
			if (group) {
				const open = (await (await clusterResponse(sql, String(group.cluster), url(`/?${key}`))).json()) as {
					zoom: number;
					leaves?: { id: string }[];
				};
				expect(open.zoom).toBeGreaterThan(8);
				for (const l of open.leaves ?? []) expect(wanted.has(l.id)).toBe(true);
			}
			// Waiting for the exact index, then the same URL is the exact, immutable tile.
			const ready = await stateResponse(sql, url(`/carte/tuiles/${version}/etat.json?${key}&attendre=1`));
			expect(((await ready.json()) as { precise: boolean }).precise).toBe(true);
			const params = { version: String(version), z: String(z), x: String(t.x), y: String(t.y) };
			const exact = await tileResponse(sql, params, get(), url(`/?${key}`));
			expect(exact.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
			expect(exact.headers.get('x-carte-precision')).toBeNull();
			// A stand-in's group still opens after the exact index is ready (the page may still show it).
			if (negative !== undefined)
				expect((await clusterResponse(sql, String(negative), url(`/?${key}`))).status).toBe(200);
		} finally {
			setClusterWorkerMin(CLUSTER_WORKER_MIN);
			await stopClusterWorker();
		}
	}, 30_000);
});

async function listIds(key: string): Promise<string[]> {
	const ids: string[] = [];
	for (let offset = 0; ; offset += 200) {
		const page = (await (
			await listResponse(sql, url(`/carte/liste.json?${key}&offset=${offset}&limit=200`))
		).json()) as PointsPayload;
		ids.push(...page.points.map((p) => p[0] as string));
		if (page.points.length < 200) return ids;
	}
}
