/**
 * Unpublished records never leak: a draft and an archived organisation, a draft tool and a draft provider
 * are referred to by published records (parent, carrier, combination, provider), then every public surface
 * is read and must not hold their ids, slugs, names or contact details. One row per surface; a new public
 * output is a new row.
 */
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { initiativeSchema, organisationSchema, fundingToolSchema } from '$lib/domain/records';
import { initiativeFixture, organisationFixture, toolFixture } from '$lib/domain/test-fixtures';
import { route } from '$lib/links';
import { insertRecord } from '$lib/server/db/records';
import { raw } from './http';

const HIDDEN = {
	draft: organisationSchema.parse(
		organisationFixture({
			id: 'fuite-brouillon',
			slug: 'fuite-brouillon',
			name: 'Zorglub brouillon secret',
			status: 'draft',
			contact: { email: 'zorglub-brouillon@example.org' }
		})
	),
	archived: organisationSchema.parse(
		organisationFixture({
			id: 'fuite-archivee',
			slug: 'fuite-archivee',
			name: 'Zorglub archivée secrète',
			status: 'archived'
		})
	),
	tool: fundingToolSchema.parse(
		toolFixture({
			id: 'fuite-outil-brouillon',
			slug: 'fuite-outil-brouillon',
			name: 'Zorglub aide en brouillon',
			status: 'draft'
		})
	),
	provider: organisationSchema.parse(
		organisationFixture({
			id: 'fuite-financeur-brouillon',
			slug: 'fuite-financeur-brouillon',
			name: 'Zorglub financeur en relecture',
			roles: ['financeur'],
			status: 'draft',
			contact: { website: 'https://zorglub-financeur.example.org', email: 'zorglub-financeur@example.org' }
		})
	)
};

const PUBLISHED = {
	child: organisationSchema.parse(
		organisationFixture({
			id: 'fuite-antenne',
			slug: 'fuite-antenne',
			name: 'Antenne témoin des fuites',
			parentId: HIDDEN.draft.id,
			quartierCode: 'SQ_01',
			location: { lon: 7.7507, lat: 48.5818, precision: 'quartier' }
		})
	),
	provider: organisationSchema.parse(
		organisationFixture({
			id: 'fuite-financeur',
			slug: 'fuite-financeur',
			name: 'Financeur témoin des fuites',
			roles: ['financeur']
		})
	),
	initiative: initiativeSchema.parse(
		initiativeFixture({
			id: 'fuite-initiative',
			slug: 'fuite-initiative',
			name: 'Initiative témoin des fuites',
			carrier: { kind: 'association', organisationId: HIDDEN.archived.id },
			quartierCode: 'SQ_01',
			location: { lon: 7.7508, lat: 48.5819, precision: 'quartier' }
		})
	),
	tool: fundingToolSchema.parse(
		toolFixture({
			id: 'fuite-outil',
			slug: 'fuite-outil',
			name: 'Aide témoin des fuites',
			providerIds: ['fuite-financeur', HIDDEN.provider.id],
			combinesWith: [HIDDEN.tool.id]
		})
	)
};

/** Everything that would identify a hidden record. */
function markers(r: (typeof HIDDEN)[keyof typeof HIDDEN]) {
	const list = [r.id, r.name];
	if (r.kind === 'organisation')
		list.push(...Object.values(r.contact ?? {}).filter((v) => typeof v === 'string'));
	return list;
}
const ALL_HIDDEN = Object.values(HIDDEN).flatMap(markers);
/**
 * A published tool says who runs it: an unpublished provider is named (never linked, no contact details,
 * its id kept only where the page keys its providers) on that tool's own page and the funding pages.
 */
const PROVIDER_NAMED = [HIDDEN.provider.name, HIDDEN.provider.id];

const search = (q: string, mode: 'quick' | 'full') =>
	`${route.searchQuery()}?${new URLSearchParams({ q, mode })}`;
const data = (path: string) => `${path.replace(/\/$/, '')}/__data.json`;

const SURFACES: {
	name: string;
	path: string | (() => Promise<string>);
	allowed?: string[];
	status?: number;
}[] = [
	{ name: 'home', path: route.home() },
	{ name: 'annuaire', path: route.annuaire() },
	{ name: 'annuaire search', path: route.annuaire({ q: 'Zorglub' }) },
	{ name: 'annuaire data', path: data(route.annuaire({})) + '?q=Zorglub' },
	{ name: 'map page', path: route.map() },
	{
		name: 'map points',
		path: async () => {
			const manifest = JSON.parse((await raw(route.searchManifest())).body) as { dataVersion: number };
			return route.mapPoints(manifest.dataVersion);
		}
	},
	{ name: 'map record details', path: route.mapRecordDetails(PUBLISHED.child.id) },
	{ name: 'map record details (initiative)', path: route.mapRecordDetails(PUBLISHED.initiative.id) },
	{ name: 'structure page (parent hidden)', path: route.record(PUBLISHED.child) },
	{ name: 'structure page data', path: data(route.record(PUBLISHED.child)) },
	{ name: 'initiative page (carrier hidden)', path: route.record(PUBLISHED.initiative) },
	{ name: 'initiative page data', path: data(route.record(PUBLISHED.initiative)) },
	{
		name: 'tool page (hidden provider and combination)',
		path: route.record(PUBLISHED.tool),
		allowed: PROVIDER_NAMED
	},
	{ name: 'tool page data', path: data(route.record(PUBLISHED.tool)), allowed: PROVIDER_NAMED },
	{ name: 'funding list', path: route.funding(), allowed: PROVIDER_NAMED },
	// Its funding section lists tools with their providers.
	{ name: 'quartier page', path: route.quartier({ slug: 'centre-republique' }), allowed: PROVIDER_NAMED },
	{ name: 'API organisations', path: route.api('organisations', { query: { limit: 500 } }) },
	{
		name: 'API organisations GeoJSON',
		path: route.api('organisations', { format: 'geojson', query: { limit: 500 } })
	},
	{ name: 'API initiatives', path: route.api('initiatives', { query: { limit: 500 } }) },
	{ name: 'API funding tools', path: route.api('funding-tools', { query: { limit: 500 } }) },
	...['organisations', 'initiatives', 'funding-tools'].flatMap((kind) =>
		(kind === 'funding-tools' ? ['csv', 'json'] : ['csv', 'json', 'geojson']).map((ext) => ({
			name: `export ${kind}.${ext}`,
			path: route.apiExport(`${kind}.${ext}`)
		}))
	),
	{ name: 'sitemap', path: '/sitemap.xml' },
	{ name: 'search manifest', path: route.searchManifest() },
	{
		name: 'quick search index file',
		path: async () => {
			const manifest = JSON.parse((await raw(route.searchManifest())).body) as { quick: { url: string } };
			return manifest.quick.url;
		}
	},
	{ name: 'search suggestions (quick)', path: search('Zorglub', 'quick') },
	{ name: 'search (full)', path: search('Zorglub secret brouillon', 'full') },
	// Not found, as an unknown record: the address asked for is the only thing echoed.
	{
		name: 'hidden structure page',
		path: route.record(HIDDEN.draft),
		allowed: [HIDDEN.draft.id],
		status: 404
	},
	{ name: 'hidden tool page', path: route.record(HIDDEN.tool), allowed: [HIDDEN.tool.id], status: 404 },
	{
		name: 'hidden map details',
		path: route.mapRecordDetails(HIDDEN.draft.id),
		allowed: [HIDDEN.draft.id],
		status: 404
	}
];

beforeAll(async () => {
	const db = new Database(inject('databasePath'), { fileMustExist: true });
	try {
		db.pragma('busy_timeout = 5000');
		db.transaction(() => {
			for (const r of [...Object.values(HIDDEN), ...Object.values(PUBLISHED)]) insertRecord(db, r);
		})();
	} finally {
		db.close();
	}
	// The server rebuilds its read model off the request path: wait until its search and lists show them.
	const ready = async () =>
		(await raw(search('témoin des fuites', 'quick'))).body.includes(PUBLISHED.child.id) &&
		(await raw(route.annuaire({ q: 'témoin' }))).body.includes(route.record(PUBLISHED.child));
	for (let i = 0; i < 120 && !(await ready()); i++) await new Promise((r) => setTimeout(r, 250));
	expect(await ready()).toBe(true);
});

describe('unpublished records never leak through a public surface', () => {
	it.each(SURFACES)('$name', async ({ path, allowed = [] }) => {
		const url = typeof path === 'string' ? path : await path();
		// The server rebuilds its read model off the request path: wait until it shows the new records.
		const res = await raw(url);
		expect(res.status, url).toBeLessThan(500);
		for (const marker of ALL_HIDDEN) {
			if (allowed.includes(marker)) continue;
			expect(res.body.includes(marker), `${url} contient « ${marker} »`).toBe(false);
		}
	});

	it('the published records that refer to them are served, so the check above looks at real output', async () => {
		for (const r of Object.values(PUBLISHED)) {
			const res = await raw(route.record(r));
			expect(res.status, route.record(r)).toBe(200);
			expect(res.body).toContain(r.name);
		}
		const tool = (await raw(route.record(PUBLISHED.tool))).body;
		// Named, not linked, no contact details.
		expect(tool).toContain(HIDDEN.provider.name);
		expect(tool).not.toContain(route.record(HIDDEN.provider));
		expect(tool).not.toContain('zorglub-financeur');
		const api = JSON.parse((await raw(route.api('funding-tools', { query: { limit: 500 } }))).body) as {
			items: { id: string; providerIds: string[]; combinesWith: string[] }[];
		};
		expect(api.items.find((t) => t.id === PUBLISHED.tool.id)).toMatchObject({
			providerIds: ['fuite-financeur'],
			combinesWith: []
		});
	});
});
