import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '$lib/domain/catalogue';
import { initiativeSchema, organisationSchema } from '$lib/domain/records';
import { testCatalogue } from '$lib/domain/test-catalogue';
import { initiativeFixture, organisationFixture } from '$lib/domain/test-fixtures';
import { loadDataset } from '$lib/server/seed/read-data';
import { offlinePack, pageDataPath, requestStrategy } from './offline';

const ORIGIN = 'https://carto.test';
const SHELL = new Set(['/_app/immutable/entry/start.abc.js', '/glyphs/DejaVu%20Sans%20Book/0-255.pbf']);
const get = (path: string, mode = 'cors') => ({ method: 'GET', url: `${ORIGIN}${path}`, mode });

describe('requestStrategy', () => {
	it('serves the build and static files from the shell', () => {
		expect(requestStrategy(get('/_app/immutable/entry/start.abc.js'), ORIGIN, SHELL)).toBe('shell');
		expect(requestStrategy(get('/glyphs/DejaVu%20Sans%20Book/0-255.pbf'), ORIGIN, SHELL)).toBe('shell');
	});

	it('goes to the network first for pages, their data and the map’s data', () => {
		for (const path of ['/', '/quartiers/meinau', '/initiatives/x', '/carte?lieu=SQ_07'])
			expect(requestStrategy(get(path, 'navigate'), ORIGIN, SHELL), path).toBe('network-first');
		for (const path of [
			'/quartiers/meinau/__data.json?x-sveltekit-invalidated=01',
			'/carte/points.json?v=3',
			'/carte/contours.json',
			'/carte/fiche/abc.json',
			'/search-index/manifest.json',
			'/search-index/quick-123.json'
		])
			expect(requestStrategy(get(path), ORIGIN, SHELL), path).toBe('network-first');
	});

	it('leaves per-visitor pages, forms, the API, embeds, live answers and other sites to the network', () => {
		for (const path of [
			'/admin',
			'/admin/fiches',
			'/proposer/initiative',
			'/contacter/abc',
			'/api/v1/organisations',
			'/embed/carte',
			'/search-index/query?q=x',
			'/carte/adresse.json?q=x'
		])
			expect(requestStrategy(get(path, 'navigate'), ORIGIN, SHELL), path).toBe('pass');
		expect(requestStrategy({ ...get('/quartiers/meinau', 'navigate'), method: 'POST' }, ORIGIN, SHELL)).toBe(
			'pass'
		);
		expect(requestStrategy(get('/x', 'navigate'), 'https://ailleurs.test', SHELL)).toBe('pass');
		// A fetch of some other file of ours (not a page, not the map's data): untouched.
		expect(requestStrategy(get('/robots.txt'), ORIGIN, SHELL)).toBe('pass');
	});
});

describe('offlinePack', () => {
	let c: Catalogue;
	beforeAll(() => {
		const { dataset } = loadDataset('data');
		c = testCatalogue(
			[
				initiativeSchema.parse(
					initiativeFixture({ id: 'jardin-m', slug: 'jardin-m', quartierCode: 'SQ_07' })
				),
				organisationSchema.parse(organisationFixture({ id: 'org-m', slug: 'org-m', quartierCode: 'SQ_07' }))
			],
			{
				communes: dataset.communes,
				quartiers: dataset.quartiers,
				qpv: dataset.qpv,
				thematiques: dataset.thematiques
			},
			7
		);
	});

	it('lists the quartier’s page, flyer, records and offline map, with SvelteKit’s data for each page', () => {
		const pack = offlinePack(c, 'meinau')!;
		expect(pack.version).toBe(7);
		expect(pack.pages.slice(0, 2)).toEqual(['/quartiers/meinau', '/quartiers/meinau/tract']);
		expect(pack.pages).toContain('/initiatives/jardin-m');
		expect(pack.pages).toContain('/structures/org-m');
		const map = pack.pages.find((p) => p.startsWith('/carte'))!;
		expect(map).toMatch(/lieu=SQ_07/);
		expect(map).toMatch(/fond=offline/);
		expect(pack.data).toContain('/quartiers/meinau/__data.json');
		expect(pack.data).toContain('/carte/__data.json');
		expect(pack.data).toContain('/carte/points.json?v=7');
		expect(pack.data).toContain('/carte/contours.json');
		expect(pack.data).toContain('/carte/fiche/jardin-m.json');
		expect(offlinePack(c, 'nulle-part')).toBeUndefined();
	});

	it('writes the data address of the home page and of others', () => {
		expect(pageDataPath('/')).toBe('/__data.json');
		expect(pageDataPath('/carte?at=1/2/3')).toBe('/carte/__data.json');
	});
});
