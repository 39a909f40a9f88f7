import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from './seed/read-data';
import { migrate, openDatabase, type Db } from './db/connection';
import { seedIfEmpty } from './db/seed';
import { sqliteClient } from './db/sql';
import { activitiesResource, listResource } from './api';

let db: Db;
const SITE = 'https://carto.test';

beforeAll(() => {
	db = openDatabase(':memory:');
	migrate(db);
	seedIfEmpty(db, loadDataset('data').dataset);
});

async function get(path: string, headers: Record<string, string> = {}) {
	const url = new URL(path, SITE);
	const resource = url.pathname.replace('/api/v1/', '');
	const res = await listResource(sqliteClient(db), SITE, resource, url, new Request(url, { headers }));
	const body = res.status === 304 ? null : await res.json();
	return { res, body };
}

describe('read API', () => {
	it('lists published organisations with total, pagination and licence', async () => {
		const { res, body } = await get('/api/v1/organisations?limit=5&offset=2');
		expect(res.status).toBe(200);
		expect(body.items).toHaveLength(5);
		expect(body.total).toBeGreaterThan(20);
		expect(body.offset).toBe(2);
		expect(body.licence.id).toBe('etalab-2.0');
		expect(res.headers.get('link')).toMatch(/rel="license"/);
		expect(res.headers.get('etag')).toBeTruthy();
		expect(body.items.every((o: { status: string }) => o.status === 'published')).toBe(true);
	});

	it('answers 304 when the ETag matches', async () => {
		const first = await get('/api/v1/initiatives');
		const again = await get('/api/v1/initiatives', { 'if-none-match': first.res.headers.get('etag')! });
		expect(again.res.status).toBe(304);
	});

	it('filters by quartier (code or slug), role and family', async () => {
		const byCode = await get('/api/v1/initiatives?quartier=SQ_06&limit=1000');
		const bySlug = await get('/api/v1/initiatives?quartier=cronenbourg-hautepierre&limit=1000');
		expect(byCode.body.total).toBeGreaterThan(0);
		expect(bySlug.body.total).toBe(byCode.body.total);
		expect(byCode.body.items.every((i: { quartierCode: string }) => i.quartierCode === 'SQ_06')).toBe(true);

		const financeurs = await get('/api/v1/organisations?role=financeur&limit=1000');
		expect(financeurs.body.items.every((o: { roles: string[] }) => o.roles.includes('financeur'))).toBe(true);
		const coops = await get('/api/v1/organisations?family=cooperative&limit=1000');
		expect(coops.body.total).toBeGreaterThan(0);
		const both = await get('/api/v1/organisations?family=cooperative&role=financeur&limit=1000');
		expect(both.body.total).toBeLessThanOrEqual(coops.body.total);
	});

	it('filters funding tools by stage and type, and values are alternatives', async () => {
		const garantie = await get('/api/v1/funding-tools?type=garantie');
		expect(garantie.body.total).toBeGreaterThan(0);
		expect(garantie.body.items.every((t: { types: string[] }) => t.types.includes('garantie'))).toBe(true);
		const either = await get('/api/v1/funding-tools?type=garantie,subvention');
		expect(either.body.total).toBeGreaterThan(garantie.body.total);
		const emergence = await get('/api/v1/funding-tools?stage=emergence&limit=1000');
		expect(emergence.body.items.every((t: { stages: string[] }) => t.stages.includes('emergence'))).toBe(
			true
		);
	});

	it.each([
		['/api/v1/organisations?colour=red', 'colour', /paramètre inconnu/],
		['/api/v1/organisations?quartier=SQ_42', 'quartier', /quartier inconnu/],
		['/api/v1/organisations?limit=0', 'limit', /au moins 1/],
		['/api/v1/organisations?limit=abc', 'limit', /nombre/],
		['/api/v1/organisations?limit=5000', 'limit', /au plus 1000/],
		['/api/v1/organisations?offset=-3', 'offset', /négatif/],
		['/api/v1/organisations?family=sarl', 'family', /famille inconnu/],
		['/api/v1/funding-tools?stage=adolescence', 'stage', /stade inconnu/],
		['/api/v1/initiatives?ess=maybe', 'ess', /true ou false/],
		['/api/v1/communes?quartier=SQ_01', 'quartier', /paramètre inconnu/],
		['/api/v1/funding-tools?quartier=SQ_01', 'quartier', /paramètre inconnu/]
	])('%s answers 400 naming the parameter', async (path, parameter, message) => {
		const { res, body } = await get(path);
		expect(res.status).toBe(400);
		expect(body.error.parameter).toBe(parameter);
		expect(body.error.message).toMatch(message);
	});

	it('serves GeoJSON for records with a place', async () => {
		const { res, body } = await get('/api/v1/initiatives.geojson?limit=1000');
		expect(res.headers.get('content-type')).toMatch(/geo\+json/);
		expect(body.type).toBe('FeatureCollection');
		expect(body.features.length).toBeGreaterThan(0);
		const f = body.features[0];
		expect(f.geometry.type).toBe('Point');
		expect(f.properties.url).toMatch(/^https:\/\/carto\.test\/initiatives\//);
		expect(['address', 'street', 'quartier', 'commune']).toContain(f.properties.precision);
	});

	it('serves communes and quartiers, as JSON and GeoJSON', async () => {
		const communes = await get('/api/v1/communes?limit=1000');
		expect(communes.body.total).toBe(33);
		const quartiers = await get('/api/v1/quartiers.geojson');
		expect(quartiers.body.features).toHaveLength(10);
	});

	it('has no GeoJSON for funding tools', async () => {
		const { res } = await get('/api/v1/funding-tools.geojson');
		expect(res.status).toBe(404);
	});
});

describe('GET /api/v1/activites', () => {
	it('publishes the families with their NAF keys and CPV divisions, under the licence', async () => {
		const url = new URL('/api/v1/activites', SITE);
		const res = activitiesResource(SITE, url, new Request(url));
		expect(res.status).toBe(200);
		const body = await res.json();
		expect(body.licence.id).toBe('etalab-2.0');
		const reuse = body.items.find((i: { code: string }) => i.code === 'environnement-reemploi');
		expect(reuse.naf).toContain('38');
		expect(reuse.cpv.map((c: { division: string }) => c.division)).toContain('90');
		expect(body.total).toBe(body.items.length);
	});

	it('refuses a parameter with a French message naming it', async () => {
		const url = new URL('/api/v1/activites?famille=x', SITE);
		const res = activitiesResource(SITE, url, new Request(url));
		expect(res.status).toBe(400);
		expect((await res.json()).error.parameter).toBe('famille');
	});
});
