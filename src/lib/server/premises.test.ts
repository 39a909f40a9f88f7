/** Premises offers against a real store: posted, published, shown until their end date, kept afterwards. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { placeSchema } from '$lib/domain/records';
import { listResource } from './api';
import { migrate, openDatabase, type Db } from './db/connection';
import { sqliteClient } from './db/sql';
import { getOffer, listOffers } from './db/premises';
import { dataVersion, insertCommune, insertRecord } from './db/records';
import { offersWorkspace, publishOffer, rejectOffer, shownOffersByPlace, submitOffer } from './premises';
import { loadDataset } from './seed/read-data';

const { dataset } = loadDataset('data');
const alice = { id: 'u-alice', name: 'Alice' };
/** The fixed clock: 5 December 2026, 11:00 in Strasbourg. */
const NOW = new Date('2026-12-05T10:00:00Z');
let db: Db;

const place = placeSchema.parse({
	kind: 'place',
	id: 'atelier-test',
	slug: 'atelier-test',
	name: 'Atelier test',
	description: 'Un atelier partagé pour les tests des offres de locaux.',
	status: 'published',
	sources: [{ reference: 'test', seen: '2026-11-01' }],
	lastVerified: '2026-11-01',
	confidence: 'medium',
	caveats: [],
	placeTypes: ['atelier-partage'],
	communeCode: '67482',
	location: { lon: 7.75, lat: 48.58, precision: 'commune' }
});

beforeEach(() => {
	db = openDatabase(':memory:');
	migrate(db);
	dataset.communes.forEach((c) => insertCommune(db, c));
	insertRecord(db, place);
});
afterEach(() => {
	vi.useRealTimers();
	db.close();
});

function post(entries: Record<string, string>) {
	return new Request('http://test.local/lieux/atelier-test/locaux', {
		method: 'POST',
		body: new URLSearchParams({ homepage: '', ...entries }),
		headers: { 'content-type': 'application/x-www-form-urlencoded' }
	});
}
const offer = (until: string, extra: Record<string, string> = {}) => ({
	surface: '30',
	rentKind: 'gratuit',
	availableFrom: '01/12/2026',
	availableUntil: until,
	contact: 'Sam, sam@example.org',
	description: 'Un bureau prêté le temps d’un projet, au rez-de-chaussée.',
	...extra
});
const client = (now = NOW) => ({ sql: sqliteClient(db), clientAddress: '203.0.113.5', now });

async function published(until: string, extra: Record<string, string> = {}) {
	const r = await submitOffer(place, post(offer(until, extra)), client());
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	expect(await publishOffer(sqliteClient(db), r.reference, alice, NOW)).toEqual({ ok: true });
	return r.reference;
}

describe('premises offers', () => {
	it('are stored pending and shown nowhere until a maintainer publishes them', async () => {
		const r = await submitOffer(place, post(offer('31/12/2026')), client());
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(await getOffer(sqliteClient(db), r.reference)).toMatchObject({
			status: 'pending',
			placeId: 'atelier-test'
		});
		expect(shownOffersByPlace(db, NOW).size).toBe(0);
		const before = dataVersion(db);
		expect(await publishOffer(sqliteClient(db), r.reference, alice, NOW)).toEqual({ ok: true });
		// The cached public pages and API answers (keyed by the data version) show it at once.
		expect(dataVersion(db)).toBe(before + 1);
		expect(await publishOffer(sqliteClient(db), r.reference, alice, NOW)).toEqual({
			ok: false,
			message: 'cette offre a déjà été traitée'
		});
		expect(
			shownOffersByPlace(db, NOW)
				.get('atelier-test')
				?.map((o) => o.id)
		).toEqual([r.reference]);
	});

	it('answer a bad post with French messages by field, and store nothing', async () => {
		const r = await submitOffer(place, post(offer('31/12/2026', { surface: '-3', contact: '' })), client());
		expect(r).toMatchObject({
			ok: false,
			status: 400,
			errors: {
				surface: 'au moins 1 m²',
				contact: 'indiquez comment joindre la personne qui propose le local'
			}
		});
		expect(await listOffers(sqliteClient(db))).toEqual([]);
	});

	it('leave the pages by themselves after their end date, and stay in the history', async () => {
		const ending = await published('05/12/2026');
		const later = await published('31/01/2027', {
			availableFrom: '02/12/2026',
			rentKind: 'loyer',
			rentMin: '200',
			rentMax: ''
		});
		expect(
			shownOffersByPlace(db, NOW)
				.get('atelier-test')
				?.map((o) => o.id)
		).toEqual([ending, later]);
		const tomorrow = new Date('2026-12-05T23:30:00Z'); // 00:30 on 6 December in Strasbourg
		expect(
			shownOffersByPlace(db, tomorrow)
				.get('atelier-test')
				?.map((o) => o.id)
		).toEqual([later]);
		const history = await offersWorkspace(sqliteClient(db), tomorrow);
		expect(history.decided.map((o) => [o.id, o.status, o.ended])).toEqual(
			expect.arrayContaining([
				[ending, 'published', true],
				[later, 'published', false]
			])
		);
	});

	it('are refused with a reason, which is kept', async () => {
		const r = await submitOffer(place, post(offer('31/12/2026')), client());
		if (!r.ok) throw new Error('not stored');
		expect(await rejectOffer(sqliteClient(db), r.reference, ' ', alice)).toMatchObject({
			ok: false,
			field: 'reason'
		});
		expect(await rejectOffer(sqliteClient(db), r.reference, 'Local hors de l’Eurométropole.', alice)).toEqual(
			{ ok: true }
		);
		expect(await getOffer(sqliteClient(db), r.reference)).toMatchObject({
			status: 'rejected',
			decisionReason: 'Local hors de l’Eurométropole.'
		});
	});

	it('are a field of /api/v1/lieux and its GeoJSON, on the day of the request', async () => {
		const id = await published('05/12/2026');
		vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(NOW);
		const get = async (resource: string) => {
			const res = await listResource(
				sqliteClient(db),
				'https://carto.test',
				resource,
				new URL(`https://carto.test/api/v1/${resource}`),
				new Request('https://carto.test')
			);
			return res.json();
		};
		const json = await get('lieux');
		expect(json.items[0].premisesOffers).toEqual([
			{
				id,
				surface: 30,
				rent: { kind: 'gratuit' },
				availableFrom: '2026-12-01',
				availableUntil: '2026-12-05',
				contact: 'Sam, sam@example.org',
				description: 'Un bureau prêté le temps d’un projet, au rez-de-chaussée.'
			}
		]);
		expect((await get('lieux.geojson')).features[0].properties.premisesOffers).toHaveLength(1);
		vi.setSystemTime(new Date('2026-12-06T08:00:00Z'));
		expect((await get('lieux')).items[0].premisesOffers).toEqual([]);
		expect((await get('organisations')).items.every((r: object) => !('premisesOffers' in r))).toBe(true);
	});
});
