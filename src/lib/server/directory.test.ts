import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Commune, Quartier, Thematique } from '$lib/domain/geography';
import {
	fundingToolSchema,
	initiativeSchema,
	organisationSchema,
	type Organisation,
	type PublicRecord
} from '$lib/domain/records';
import { initiativeFixture, organisationFixture, toolFixture } from '$lib/domain/test-fixtures';
import { migrate, openDatabase, type Db } from './db/connection';
import { insertCommune, insertQuartier, insertRecord, insertThematique, updateRecord } from './db/records';
import { directoryPage, initiativePage, organisationPage, serializeJsonLd, sitemapXml } from './directory';
import { indexFileResponse, queryResponse, searchSnapshot } from './search-index';

const SITE = 'https://carto.test';
const src = [{ reference: 'Test', seen: '2026-01-01' }];
const communes: Commune[] = [
	{
		code: '67482',
		slug: 'strasbourg',
		name: 'Strasbourg',
		postcodes: ['67000'],
		centroid: { lon: 7.7521, lat: 48.5734 },
		inCus2014: true,
		sources: src
	},
	{
		code: '67447',
		slug: 'schiltigheim',
		name: 'Schiltigheim',
		postcodes: ['67300'],
		centroid: { lon: 7.7487, lat: 48.6078 },
		inCus2014: true,
		sources: src
	}
];
const quartiers: Quartier[] = [
	{
		code: 'SQ_07',
		slug: 'meinau',
		name: 'Meinau',
		communeCode: '67482',
		subQuartiers: [{ slug: 'canardiere', name: 'Canardière' }],
		point: { lon: 7.7614, lat: 48.558 },
		pointConfidence: 'medium',
		sources: src
	},
	{
		code: 'SQ_10',
		slug: 'neuhof',
		name: 'Neuhof',
		communeCode: '67482',
		subQuartiers: [{ slug: 'neuhof-1', name: 'Neuhof 1' }],
		point: { lon: 7.7796, lat: 48.5508 },
		pointConfidence: 'medium',
		sources: src
	}
];
const thematiques: Thematique[] = [
	{ code: 'mobilite', label: 'Mobilité', description: 'x', sources: src, lastVerified: '2026-01-01' }
];

const at = (q: Quartier) => ({ lon: q.point.lon, lat: q.point.lat, precision: 'quartier' as const });
const records: PublicRecord[] = [
	organisationSchema.parse(
		organisationFixture({
			id: 'bretzselle',
			slug: 'bretzselle',
			name: "Bretz'selle",
			description: 'Atelier participatif de réparation de vélos. <script>alert(1)</script>',
			tags: ['vélo'],
			legalForm: 'association-droit-local',
			fiscalStatus: 'non-fiscalisee',
			quartierCode: 'SQ_07',
			location: at(quartiers[0]),
			thematiques: ['mobilite'],
			lastVerified: '2026-03-01'
		})
	),
	organisationSchema.parse(
		organisationFixture({
			id: 'scop-velo',
			slug: 'scop-velo',
			name: 'Cycles coopératifs',
			description: 'Vente et réparation de vélos en coopérative.',
			legalForm: 'scop',
			fiscalStatus: 'fiscalisee',
			approvals: ['esus'],
			quartierCode: 'SQ_10',
			location: at(quartiers[1]),
			thematiques: ['mobilite'],
			lastVerified: '2026-05-01'
		})
	),
	organisationSchema.parse(
		organisationFixture({
			id: 'financeur',
			slug: 'financeur',
			name: 'Fonds solidaire',
			description: 'Finance les projets.',
			roles: ['financeur'],
			legalForm: 'association-declaree',
			communeCode: '67447',
			lastVerified: '2025-01-01'
		})
	),
	initiativeSchema.parse(
		initiativeFixture({
			id: 'atelier-mobile',
			slug: 'atelier-mobile',
			name: 'Atelier mobile de la Meinau',
			description: 'Réparation de vélos au pied des immeubles.',
			initiativeType: 'repair-cafe',
			carrier: { kind: 'association', name: "Bretz'selle", organisationId: 'bretzselle' },
			quartierCode: 'SQ_07',
			location: at(quartiers[0])
		})
	),
	fundingToolSchema.parse(
		toolFixture({
			id: 'pret-honneur',
			slug: 'pret-honneur',
			name: "Prêt d'honneur",
			description: 'Prêt personnel à taux zéro.',
			providerIds: ['financeur'],
			types: ['pret-honneur'],
			stages: ['creation'],
			eligibility: { audiences: ['porteur', 'fiscalisee'] }
		})
	),
	fundingToolSchema.parse(
		toolFixture({
			id: 'subvention-asso',
			slug: 'subvention-asso',
			name: 'Subvention aux associations',
			description: 'Pour les associations.',
			providerIds: ['financeur'],
			types: ['subvention'],
			eligibility: { audiences: ['association'] }
		})
	),
	organisationSchema.parse(
		organisationFixture({ id: 'brouillon', slug: 'brouillon', name: 'Vélo brouillon', status: 'draft' })
	)
];

let db: Db;
beforeAll(() => {
	db = openDatabase(':memory:');
	migrate(db);
	for (const c of communes) insertCommune(db, c);
	for (const q of quartiers) insertQuartier(db, q);
	for (const t of thematiques) insertThematique(db, t);
	for (const r of records) insertRecord(db, r);
});

const page = (qs: string) => directoryPage(db, new URL(`${SITE}/annuaire${qs}`), SITE);
const names = (p: ReturnType<typeof page>) => p.items.map((i) => i.name.map((s) => s.text).join(''));

describe('directoryPage', () => {
	it('lists every published record by name without a query', () => {
		const p = page('');
		expect(p.total).toBe(6);
		expect(names(p)).toEqual([
			'Atelier mobile de la Meinau',
			"Bretz'selle",
			'Cycles coopératifs',
			'Fonds solidaire',
			"Prêt d'honneur",
			'Subvention aux associations'
		]);
		expect(p.state.sort).toBe('nom');
	});

	it('searches with the full-text index, accentless and with typos, and highlights', () => {
		const p = page('?q=velos');
		expect(p.total).toBe(3);
		expect(p.state.sort).toBe('pertinence');
		const hit = page('?q=cooperatfs').items[0];
		expect(hit.name).toEqual([
			{ text: 'Cycles ', match: false },
			{ text: 'coopératifs', match: true }
		]);
		expect(page('?q=honneur').items.map((i) => i.id)).toEqual(['pret-honneur']);
	});

	it('combines text and facets, with disjunctive counts', () => {
		const p = page('?q=velo&quartier=meinau');
		expect(p.items.map((i) => i.id).sort()).toEqual(['atelier-mobile', 'bretzselle']);
		const quartier = p.facets.find((f) => f.name === 'quartier')!;
		expect(quartier.values.map((v) => [v.value, v.count, v.selected])).toEqual([
			['meinau', 2, true],
			['neuhof', 1, false]
		]);
		expect(p.tabs.map((t) => [t.label, t.count])).toEqual([
			['Tout', 2],
			['Structures', 1],
			['Initiatives', 1],
			['Financements', 0]
		]);
		expect(p.chips).toEqual([{ label: 'Quartier de Strasbourg : Meinau', href: '/annuaire?q=velo' }]);
	});

	it('shows only the facets of the selected kind', () => {
		const tools = page('?kind=funding-tool');
		expect(tools.facets.map((f) => f.name)).toEqual(['type', 'stage']);
		expect(tools.total).toBe(2);
		const orgs = page('?kind=organisation');
		expect(orgs.facets.map((f) => f.name)).toEqual([
			'family',
			'legalForm',
			'approval',
			'thematique',
			'commune',
			'quartier'
		]);
	});

	it('sorts by distance from a quartier, then by last verification', () => {
		const near = page('?kind=organisation&pres=neuhof');
		expect(near.state.sort).toBe('distance');
		expect(near.items.map((i) => [i.id, i.distance])).toEqual([
			['scop-velo', 0],
			['bretzselle', 1.6],
			['financeur', undefined]
		]);
		expect(near.items[0].approximate).toBe(true);
		expect(page('?kind=organisation&tri=verification').items.map((i) => i.id)).toEqual([
			'scop-velo',
			'bretzselle',
			'financeur'
		]);
	});

	it('suggests a spelling and the filter to remove when nothing is found', () => {
		const typo = page('?q=velp');
		expect(typo.total).toBe(0);
		expect(typo.suggestions).toEqual([{ label: 'vélo', href: '/annuaire?q=v%C3%A9lo' }]);
		const filtered = page('?q=velo&kind=funding-tool');
		expect(filtered.total).toBe(0);
		expect(filtered.removals).toEqual([{ label: 'Tous les types de fiche (3)', href: '/annuaire?q=velo' }]);
	});

	it('paginates 20 per page and keeps the state in every link', () => {
		const p = page('?q=velo&page=9');
		expect(p.pagination.page).toBe(1);
		expect(p.notes).toContain('La page 9 n’existe pas : dernière page affichée.');
		expect(p.canonical).toBe(`${SITE}/annuaire?q=velo`);
	});

	it('answers hostile queries and parameters without throwing', () => {
		for (const qs of [
			'?q=%3Cscript%3E',
			'?q=*',
			'?q=~~~',
			'?q=%F0%9F%9A%B2',
			'?q=%00',
			`?q=${'a'.repeat(5000)}`,
			'?kind=__proto__&quartier=constructor&tri=x&page=-1&lat=x'
		])
			expect(() => page(qs)).not.toThrow();
		expect(page('?kind=__proto__').notes).toHaveLength(1);
	});
});

describe('search index files', () => {
	it('serves the manifest, then the quick index at its hashed name, gzipped and immutable', async () => {
		const manifest = await indexFileResponse(db, 'manifest.json', new Request(SITE)).json();
		expect(manifest.quick.url).toMatch(/^\/search-index\/quick-[0-9a-f]{16}\.json$/);
		expect(manifest.quick.documents).toBe(6);
		const file = manifest.quick.url.split('/').pop();
		const res = indexFileResponse(
			db,
			file,
			new Request(SITE, { headers: { 'accept-encoding': 'gzip, br' } })
		);
		expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
		expect(res.headers.get('content-encoding')).toBe('gzip');
		const text = gunzipSync(Buffer.from(await res.arrayBuffer())).toString();
		expect(JSON.parse(text).mode).toBe('quick');
		expect(text).not.toContain('brouillon');
		const plain = indexFileResponse(db, file, new Request(SITE));
		expect(plain.headers.get('content-encoding')).toBeNull();
		expect(await plain.text()).toBe(text);
	});

	it('answers 404 for an unknown or outdated index', () => {
		expect(indexFileResponse(db, 'quick-0000000000000000.json', new Request(SITE)).status).toBe(404);
		expect(indexFileResponse(db, '../../etc/passwd', new Request(SITE)).status).toBe(404);
	});

	it('rebuilds when the data version changes, with a new hash', () => {
		const before = searchSnapshot(db);
		const org = records[0] as Organisation;
		const stored = db.prepare('SELECT version FROM records WHERE id = ?').get(org.id) as { version: number };
		const result = updateRecord(
			db,
			{ ...org, name: "Bretz'selle (atelier vélo)" },
			{ expectedVersion: stored.version }
		);
		expect(result.ok).toBe(true);
		const after = searchSnapshot(db);
		expect(after).not.toBe(before);
		expect(after.quickFile.name).not.toBe(before.quickFile.name);
		expect(indexFileResponse(db, before.quickFile.name, new Request(SITE)).status).toBe(404);
		expect(after.quick.search('atelier velo').hits[0].id).toBe('bretzselle');
	});

	it('answers full-text queries and refuses a bad limit in French', async () => {
		const ok = queryResponse(db, new URL(`${SITE}/search-index/query?q=taux+zero&limit=5`));
		expect(ok.status).toBe(200);
		const body = await ok.json();
		expect(body.hits[0].id).toBe('pret-honneur');
		expect(body.hits[0].highlights.description.some((s: { match: boolean }) => s.match)).toBe(true);
		const bad = queryResponse(db, new URL(`${SITE}/search-index/query?q=x&limit=5000`));
		expect(bad.status).toBe(400);
		expect((await bad.json()).error.message).toBe('limit : au plus 100');
		const kinds = await queryResponse(
			db,
			new URL(`${SITE}/search-index/query?q=velo&kinds=initiative`)
		).json();
		expect(kinds.hits.map((h: { id: string }) => h.id)).toEqual(['atelier-mobile']);
		expect(queryResponse(db, new URL(`${SITE}/search-index/query?q=x&kinds=pirate`)).status).toBe(400);
		// Quick mode on the server (for deployments whose index is too large for browsers): names, not descriptions.
		const quick = await queryResponse(db, new URL(`${SITE}/search-index/query?q=taux&mode=quick`)).json();
		expect(quick.mode).toBe('quick');
		expect(quick.total).toBe(0);
		const typing = await queryResponse(db, new URL(`${SITE}/search-index/query?q=cycl&mode=quick`)).json();
		expect(typing.hits.map((h: { id: string }) => h.id)).toEqual(['scop-velo']);
		expect(queryResponse(db, new URL(`${SITE}/search-index/query?q=x&mode=lunr`)).status).toBe(400);
	});
});

describe('detail pages', () => {
	it('gives an organisation its place, labels, related records and fitting tools', () => {
		const p = organisationPage(db, 'bretzselle', SITE)!;
		expect(p.place.quartier).toEqual({ name: 'Meinau', slug: 'meinau' });
		expect(p.labels.legalForm).toBe('Association inscrite de droit local (Alsace-Moselle)');
		expect(p.carried.map((r) => r.id)).toEqual(['atelier-mobile']);
		expect(p.sameQuartier.map((r) => r.id)).toEqual(['atelier-mobile']);
		expect(p.sameThematique.map((r) => r.id)).toEqual(['scop-velo']);
		// Non fiscalisée association: the association grant fits, the prêt d'honneur (porteur, fiscalisée) does not.
		expect(p.funding!.tools.map((t) => t.id)).toEqual(['subvention-asso']);
		expect(p.funding!.finderHref).toBe(
			'/financements/trouver?structure=association&forme=association-droit-local&territoire=67482'
		);
		expect(p.mapHref).toBe('/carte?sel=bretzselle');
		expect(p.canonical).toBe(`${SITE}/structures/bretzselle`);
	});

	it('lists the tools a financeur provides and offers it no funding list', () => {
		const p = organisationPage(db, 'financeur', SITE)!;
		expect(p.provided.map((t) => t.id).sort()).toEqual(['pret-honneur', 'subvention-asso']);
		expect(p.funding).toBeUndefined();
		// Outside Strasbourg the neighbours are the commune's.
		expect(p.sameQuartier).toEqual([]);
	});

	it('fits tools to a fiscalisée cooperative', () => {
		expect(organisationPage(db, 'scop-velo', SITE)!.funding!.tools.map((t) => t.id)).toEqual([
			'pret-honneur'
		]);
	});

	it('writes JSON-LD that no record text can break out of', () => {
		const p = organisationPage(db, 'bretzselle', SITE)!;
		expect(p.jsonLd).not.toContain('<');
		const ld = JSON.parse(p.jsonLd);
		expect(ld['@type']).toBe('NGO');
		expect(ld.description).toContain('<script>');
		expect(ld.address.addressLocality).toBe('Strasbourg');
		// A quartier reference point is not the place's position: no coordinates are claimed.
		expect(ld.location.geo).toBeUndefined();
		expect(serializeJsonLd({ a: '</script>\u2028' })).toBe('{"a":"\\u003c/script\\u003e\\u2028"}');
	});

	it('gives an initiative its carrier and a Place JSON-LD', () => {
		const p = initiativePage(db, 'atelier-mobile', SITE)!;
		expect(p.carrier?.id).toBe('bretzselle');
		expect(p.labels.type).toBe('Atelier de réparation');
		expect(JSON.parse(p.jsonLd)['@type']).toBe('Place');
		expect(p.sameQuartier.map((r) => r.id)).toEqual(['bretzselle']);
	});

	it('finds nothing for unknown, unpublished or other-kind slugs', () => {
		expect(organisationPage(db, 'inconnu', SITE)).toBeUndefined();
		expect(organisationPage(db, 'brouillon', SITE)).toBeUndefined();
		expect(organisationPage(db, 'atelier-mobile', SITE)).toBeUndefined();
		expect(initiativePage(db, 'bretzselle', SITE)).toBeUndefined();
	});
});

describe('sitemap', () => {
	it('lists the main pages, the quartiers and every published record with its date', () => {
		const xml = sitemapXml(db, SITE);
		expect(xml).toContain(`<loc>${SITE}/annuaire</loc>`);
		expect(xml).toContain(`<loc>${SITE}/quartiers/meinau</loc>`);
		expect(xml).toContain(`<url><loc>${SITE}/structures/scop-velo</loc><lastmod>2026-05-01</lastmod></url>`);
		expect(xml).toContain(`${SITE}/initiatives/atelier-mobile`);
		expect(xml).toContain(`${SITE}/financements/pret-honneur`);
		expect(xml).not.toContain('brouillon');
	});
});
