import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '$lib/domain/catalogue';
import { parseSourcingQuery, sourcingQueryString } from '$lib/domain/buyers/query';
import { acheterPage } from '$lib/pages/acheter';
import { seedCatalogue } from './seed/read-data';
import { communeInAddress, locateDelivery, type DeliveryDeps } from './delivery-place';
import { deliveryCacheHeaders } from './buyers';
import { geocodeAddress, type GeocodeResult } from './geocoder';

let catalogue: Catalogue;
beforeAll(() => {
	catalogue = seedCatalogue();
});

const ADDRESS = '12 rue du Jeu des Enfants, Strasbourg';
const FOUND: GeocodeResult = {
	status: 'found',
	lon: 7.7459,
	lat: 48.5851,
	precision: 'address',
	label: '12 Rue du Jeu des Enfants 67000 Strasbourg',
	score: 0.91,
	citycode: '67482'
};

function deps(answer: GeocodeResult, extra: Partial<DeliveryDeps> = {}) {
	const asked: string[] = [];
	const d: DeliveryDeps = {
		baseUrl: 'http://geo.test',
		geocode: async (address) => {
			asked.push(address);
			return answer;
		},
		allow: () => ({ ok: true }),
		...extra
	};
	return { d, asked };
}

describe('the place of delivery as an address', () => {
	it('reads `lieu` as a commune, a quartier or an address, and writes an address back as `lieu`', () => {
		const read = (qs: string) => parseSourcingQuery(new URLSearchParams(qs), catalogue.geo);
		expect(read('lieu=strasbourg').query).toMatchObject({ lieu: '67482' });
		expect(read('lieu=strasbourg').query.adresse).toBeUndefined();
		const typed = read(`lieu=${encodeURIComponent(ADDRESS)}`);
		expect(typed.query).toMatchObject({ adresse: ADDRESS });
		expect(typed.query.lieu).toBeUndefined();
		expect(typed.notes).toEqual([]);
		// The form's « Adresse » field wins over its list.
		expect(read(`lieu=schiltigheim&adresse=${encodeURIComponent(ADDRESS)}`).query.adresse).toBe(ADDRESS);
		expect(sourcingQueryString(typed.query, catalogue.geo)).toBe(
			'lieu=12+rue+du+Jeu+des+Enfants%2C+Strasbourg'
		);
		expect(read('lieu=12').notes[0]).toMatch(
			/^Lieu inconnu « 12 » : indiquez une commune, un quartier ou une adresse/
		);
	});

	it('finds the commune an address names, by name (the longest) or by a postcode only it has', () => {
		const communes = catalogue.geo.communes;
		expect(communeInAddress('3 rue de Strasbourg, Schiltigheim', communes)?.name).toBe('Schiltigheim');
		expect(communeInAddress('1 place de la gare 67300', communes)?.name).toBe('Schiltigheim');
		expect(communeInAddress('route des Romains', communes)).toBeUndefined();
	});

	it('measures the radius from the geocoded address', async () => {
		const { d, asked } = deps(FOUND);
		const located = await locateDelivery(ADDRESS, catalogue.geo.communes, d);
		expect(asked).toEqual([ADDRESS]);
		expect(located).toEqual({
			place: {
				kind: 'adresse',
				code: ADDRESS,
				slug: ADDRESS,
				name: FOUND.status === 'found' ? FOUND.label : '',
				point: { lon: 7.7459, lat: 48.5851 },
				communeCode: '67482'
			},
			note: undefined
		});
		const url = new URL(
			`https://carto.test/acheter?activite=environnement-reemploi&lieu=${encodeURIComponent(ADDRESS)}&rayon=3&base=L2113-13`
		);
		const page = acheterPage(catalogue, url, located);
		expect(page.placeName).toBe('12 Rue du Jeu des Enfants 67000 Strasbourg');
		expect(page.form.adresse).toBe(ADDRESS);
		expect(page.form.lieu).toBeUndefined();
		// Distances are from the address, not from Strasbourg's centre: compare with the commune's answer.
		const byCommune = acheterPage(
			catalogue,
			new URL(
				'https://carto.test/acheter?activite=environnement-reemploi&lieu=strasbourg&rayon=3&base=L2113-13'
			)
		);
		const d1 = page.matches.map((s) => s.distanceKm);
		const d2 = byCommune.matches.map((s) => s.distanceKm);
		expect(page.matches.length).toBeGreaterThan(0);
		expect(d1).not.toEqual(d2);
		for (const s of page.matches)
			expect(s.checks.find((c) => c.criterion === 'lieu')?.text).toMatch(/de 12 Rue du Jeu des Enfants/);
		expect(page.links.csv).toContain('lieu=12+rue+du+Jeu+des+Enfants%2C+Strasbourg');
	});

	it('says when the address is only placed at its street', async () => {
		const { d } = deps({ ...FOUND, precision: 'street', label: 'Rue du Jeu-des-Enfants 67000 Strasbourg' });
		const located = await locateDelivery('rue du jeu-des-enfants', catalogue.geo.communes, d);
		expect(located.place?.kind).toBe('adresse');
		expect(located.note).toMatch(/^Adresse placée à la rue/);
	});

	it.each([
		[{ status: 'unavailable', reason: 'HTTP 503' } as const, /^Le service d’adresses ne répond pas : /],
		[
			{ status: 'unavailable', reason: 'délai dépassé' } as const,
			/^Le service d’adresses est trop lent à répondre : /
		],
		[
			{ status: 'not-found', reason: 'aucun résultat' } as const,
			/^Adresse « 9 impasse Inconnue, Schiltigheim » introuvable/
		]
	])('falls back to the commune the address names when the geocoder answers %o', async (answer, message) => {
		const { d } = deps(answer);
		const located = await locateDelivery('9 impasse Inconnue, Schiltigheim', catalogue.geo.communes, d);
		expect(located.place).toMatchObject({ kind: 'commune', code: '67447', name: 'Schiltigheim' });
		expect(located.note).toMatch(message);
		expect(located.note).toMatch(/depuis le centre de Schiltigheim\.$/);
		const page = acheterPage(
			catalogue,
			new URL(`https://carto.test/acheter?lieu=${encodeURIComponent('9 impasse Inconnue, Schiltigheim')}`),
			located
		);
		expect(page.notes).toContain(located.note);
		expect(page.placeName).toBe('Schiltigheim');
	});

	it('lists the whole Eurométropole, saying why, when no commune can be read from the address', async () => {
		const { d } = deps({ status: 'unavailable', reason: 'HTTP 503' });
		const located = await locateDelivery('9 impasse Inconnue', catalogue.geo.communes, d);
		expect(located.place).toBeUndefined();
		expect(located.note).toMatch(/choisissez une commune ou un quartier dans la liste/);
	});

	it('asks no geocoder once the client’s allowance is spent, and says so', async () => {
		const { d, asked } = deps(FOUND, {
			allow: () => ({
				ok: false,
				message: 'Trop de recherches d’adresse en peu de temps : réessayez dans 3 minutes.'
			})
		});
		const located = await locateDelivery('9 impasse Inconnue, Schiltigheim', catalogue.geo.communes, d);
		expect(asked).toEqual([]);
		expect(located.note).toMatch(/^Trop de recherches d’adresse .* depuis le centre de Schiltigheim\.$/);
	});

	it('gives up on a slow geocoder within its own delay', async () => {
		// A fetch that never answers but honours its abort signal, as the real one does.
		const hanging = ((_: unknown, init?: RequestInit) =>
			new Promise((_resolve, reject) =>
				init?.signal?.addEventListener('abort', () => reject(init.signal!.reason))
			)) as typeof fetch;
		const started = Date.now();
		const located = await locateDelivery('9 impasse Inconnue, Schiltigheim', catalogue.geo.communes, {
			baseUrl: 'http://geo.test',
			geocode: (a, o) => geocodeAddress(a, { ...o, fetch: hanging }),
			allow: () => ({ ok: true }),
			timeoutMs: 200
		});
		expect(Date.now() - started).toBeLessThan(2000);
		expect(located.note).toMatch(/^Le service d’adresses est trop lent à répondre/);
		expect(located.place?.name).toBe('Schiltigheim');
	});
});

describe('the page cache and a fallback', () => {
	it('keeps a placed address cacheable, never a fallback', async () => {
		expect(deliveryCacheHeaders(undefined)).toEqual({});
		const found = await locateDelivery(ADDRESS, catalogue.geo.communes, deps(FOUND).d);
		expect(deliveryCacheHeaders(found)).toEqual({});
		const down = await locateDelivery(
			'9 impasse Inconnue, Schiltigheim',
			catalogue.geo.communes,
			deps({ status: 'unavailable', reason: 'HTTP 503' }).d
		);
		expect(deliveryCacheHeaders(down)).toEqual({ 'cache-control': 'no-store' });
	});
});
