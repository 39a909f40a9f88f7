/**
 * GET /api/v1/evenements against the real seed (past events only) plus events written as the workspace
 * writes them, on a fixed clock: « to come » is read on 28 January 2027 in Strasbourg.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eventSchema, type EventInput } from '$lib/domain/records';
import { eventFixture } from '$lib/domain/test-fixtures';
import { listResource } from './api';
import { exportResponse, parseExportName } from './admin/export';
import { migrate, openDatabase, type Db } from './db/connection';
import { sqliteClient } from './db/sql';
import { insertRecord } from './db/records';
import { seedIfEmpty } from './db/seed';
import { loadDataset } from './seed/read-data';

const SITE = 'https://carto.test';
let db: Db;

const event = (overrides: Partial<EventInput>) => eventFixture({ confidence: 'medium', ...overrides });

beforeAll(() => {
	vi.useFakeTimers({ toFake: ['Date'] });
	vi.setSystemTime(new Date('2027-01-28T10:00:00Z'));
	db = openDatabase(':memory:');
	migrate(db);
	seedIfEmpty(db, loadDataset('data').dataset);
	const write = (e: EventInput) => insertRecord(db, eventSchema.parse(e));
	write(
		event({
			id: 'atelier-hautepierre',
			slug: 'atelier-hautepierre',
			name: 'Atelier vélo à Hautepierre',
			startDate: '2027-01-26',
			startTime: '18:00',
			endTime: '20:00',
			recurrence: 'hebdomadaire',
			recurrenceUntil: '2027-03-30',
			communeCode: '67482',
			quartierCode: 'SQ_06',
			address: 'Place André Maurois',
			location: { lat: 48.5935, lon: 7.6921, precision: 'street' },
			thematiques: ['initiatives-habitants']
		})
	);
	write(
		event({
			id: 'forum-meinau',
			slug: 'forum-meinau',
			name: 'Forum de la Meinau',
			startDate: '2027-02-27',
			endDate: '2027-03-01',
			eventStatus: 'annule',
			communeCode: '67482',
			quartierCode: 'SQ_07',
			thematiques: ['creation-entreprises']
		})
	);
	write(
		event({
			id: 'marche-schiltigheim',
			slug: 'marche-schiltigheim',
			name: 'Marché de Schiltigheim',
			startDate: '2027-01-09',
			communeCode: '67447'
		})
	);
	write(event({ id: 'brouillon', slug: 'brouillon', name: 'Brouillon', status: 'draft' }));
});

afterAll(() => {
	vi.useRealTimers();
});

async function get(path: string, headers: Record<string, string> = {}) {
	const url = new URL(path, SITE);
	const resource = url.pathname.replace('/api/v1/', '');
	const res = await listResource(sqliteClient(db), SITE, resource, url, new Request(url, { headers }));
	const body = res.status === 304 ? null : await res.json();
	return { res, body };
}
const ids = (body: { items: { id: string }[] }) => body.items.map((i) => i.id);

describe('GET /api/v1/evenements', () => {
	it('lists the published events under way or to come, by date, in the envelope of the API', async () => {
		const { res, body } = await get('/api/v1/evenements');
		expect(res.status).toBe(200);
		expect(ids(body)).toEqual(['atelier-hautepierre', 'forum-meinau']);
		expect(body).toMatchObject({ total: 2, limit: 100, offset: 0, licence: { id: 'etalab-2.0' } });
		expect(res.headers.get('etag')).toBeTruthy();
		const [atelier, forum] = body.items;
		expect(atelier).toMatchObject({
			status: 'published',
			eventStatus: 'annonce',
			lastVerified: '2027-01-10',
			confidence: 'medium',
			location: { precision: 'street' },
			sources: [{ url: 'https://www.exemple.org/programme' }],
			schedule: {
				timeZone: 'Europe/Paris',
				start: '2027-01-26T18:00:00+01:00',
				recurrence: { frequency: 'weekly', until: '2027-03-30' },
				next: { start: '2027-02-02T18:00:00+01:00', end: '2027-02-02T20:00:00+01:00' },
				past: false
			}
		});
		expect(forum).toMatchObject({ eventStatus: 'annule', schedule: { allDay: true, recurrence: null } });
	});

	it('includes past events with passes=1 (the seed’s Mois de l’ESS among them), never drafts', async () => {
		const { body } = await get('/api/v1/evenements?passes=1&limit=1000');
		const published = (
			db.prepare("SELECT COUNT(*) AS n FROM records WHERE kind = 'event' AND status = 'published'").get() as {
				n: number;
			}
		).n;
		expect(body.total).toBe(published);
		expect(ids(body)).toContain('marche-schiltigheim');
		expect(ids(body)).not.toContain('brouillon');
		expect(body.items.filter((i: { schedule: { past: boolean } }) => i.schedule.past).length).toBe(
			published - 2
		);
	});

	it('filters by days, commune, quartier and thématique, and pages', async () => {
		expect(ids((await get('/api/v1/evenements?depuis=2027-01-01&jusqua=2027-01-10')).body)).toEqual([
			'marche-schiltigheim'
		]);
		expect(ids((await get('/api/v1/evenements?jusqua=2027-02-10')).body)).toEqual(['atelier-hautepierre']);
		expect(ids((await get('/api/v1/evenements?quartier=meinau')).body)).toEqual(['forum-meinau']);
		expect(ids((await get('/api/v1/evenements?commune=schiltigheim&passes=1')).body)).toEqual([
			'marche-schiltigheim'
		]);
		expect(ids((await get('/api/v1/evenements?thematique=initiatives-habitants')).body)).toEqual([
			'atelier-hautepierre'
		]);
		const page = await get('/api/v1/evenements?limit=1&offset=1');
		expect(page.body).toMatchObject({ total: 2, items: [{ id: 'forum-meinau' }] });
	});

	it('serves the placed ones as GeoJSON with their dates, sources and confidence', async () => {
		const { res, body } = await get('/api/v1/evenements.geojson');
		expect(res.headers.get('content-type')).toContain('application/geo+json');
		expect(body.features.map((f: { id: string }) => f.id)).toEqual(['atelier-hautepierre']);
		expect(body.features[0].properties).toMatchObject({
			kind: 'event',
			precision: 'street',
			confidence: 'medium',
			lastVerified: '2027-01-10',
			sources: [{ site: 'Exemple' }],
			schedule: { next: { start: '2027-02-02T18:00:00+01:00' } }
		});
	});

	it('answers a bad parameter with a French message naming it, the first one in the URL', async () => {
		const bad = async (q: string) => (await get(`/api/v1/evenements?${q}`)).body.error;
		expect(await bad('depuis=hier')).toMatchObject({ status: 400, parameter: 'depuis' });
		expect(await bad('passes=oui')).toMatchObject({ parameter: 'passes' });
		expect(await bad('quartier=atlantide&depuis=hier')).toMatchObject({ parameter: 'quartier' });
		expect(await bad('depuis=hier&quartier=atlantide')).toMatchObject({ parameter: 'depuis' });
		expect(await bad('qpv=hautepierre')).toMatchObject({ parameter: 'qpv' });
		// The other collections do not take the events' dates.
		expect((await get('/api/v1/organisations?depuis=2027-01-01')).body.error.parameter).toBe('depuis');
	});

	it('changes its content and ETag when an event ends, with no edit in between', async () => {
		const today = await get('/api/v1/evenements?quartier=meinau');
		vi.setSystemTime(new Date('2027-03-02T10:00:00Z'));
		try {
			const later = await get('/api/v1/evenements?quartier=meinau', {
				'if-none-match': today.res.headers.get('etag')!
			});
			expect(later.res.status).toBe(200);
			expect(later.body.total).toBe(0);
		} finally {
			vi.setSystemTime(new Date('2027-01-28T10:00:00Z'));
		}
	});
});

describe('the open-data export of events', () => {
	it('has every published event, past ones too, in the events’ own columns, never a draft', async () => {
		const file = (name: string) =>
			exportResponse(sqliteClient(db), {
				...parseExportName(name)!,
				scope: 'public',
				siteUrl: SITE,
				path: `/api/v1/export/${name}`
			});
		const csv = await (await file('evenements.csv')).text();
		const header = csv.replace(/^\uFEFF/, '').split(/\r?\n/)[0];
		const columns = header.split(',');
		for (const column of [
			'eventStatus',
			'startDate',
			'endDate',
			'startTime',
			'recurrenceUntil',
			'organiserIds'
		])
			expect(columns).toContain(column);
		expect(columns).toEqual(
			expect.arrayContaining(['sources', 'lastVerified', 'confidence', 'location.precision'])
		);
		expect(columns).not.toContain('legalForm');
		expect(csv).toContain('marche-schiltigheim');
		expect(csv).not.toContain('brouillon');
		const json = await (await file('evenements.json')).json();
		expect(json.items.map((i: { id: string }) => i.id)).toEqual(
			expect.arrayContaining(['atelier-hautepierre', 'forum-meinau', 'marche-schiltigheim'])
		);
		const geo = await (await file('evenements.geojson')).json();
		expect(geo.features.length).toBeGreaterThan(0);
	});
});
