import { beforeEach, describe, expect, it } from 'vitest';
import { communeSchema } from '$lib/domain/geography';
import { fundingToolSchema, organisationSchema } from '$lib/domain/records';
import { organisationFixture, toolFixture } from '$lib/domain/test-fixtures';
import { migrate, openDatabase, type Db } from './db/connection';
import { insertCommune, insertRecord } from './db/records';
import {
	comparePage,
	finderPage,
	fundingListPage,
	memoPage,
	serializeJsonLd,
	stalePage,
	toolJsonLd,
	toolPage,
	toolsOfProvider
} from './funding';

const SITE = 'https://carto-ess.example.org';
const NOW = new Date('2026-11-29T12:00:00Z');
let db: Db;

const provider = organisationSchema.parse(
	organisationFixture({
		id: 'financeur-test',
		slug: 'financeur-test',
		name: 'Financeur de test (synthétique)',
		roles: ['financeur'],
		contact: { website: 'https://financeur.example.org' }
	})
);
const other = organisationSchema.parse(
	organisationFixture({
		id: 'autre-financeur',
		slug: 'autre-financeur',
		roles: ['accompagnateur'],
		status: 'draft'
	})
);
const loan = fundingToolSchema.parse(
	toolFixture({
		id: 'pret-test',
		slug: 'pret-test',
		name: 'Prêt de test </script><b>x</b> (synthétique)',
		providerIds: ['financeur-test'],
		types: ['pret-honneur'],
		eligibility: { audiences: ['fiscalisee', 'porteur'] },
		stages: ['creation'],
		amount: { min: 1000, max: 20000 },
		ratePercent: 0,
		termMonths: { min: 12, max: 60 },
		combinesWith: ['garantie-test'],
		lastVerified: '2026-11-01'
	})
);
const guarantee = fundingToolSchema.parse(
	toolFixture({
		id: 'garantie-test',
		slug: 'garantie-test',
		name: 'Garantie de test (synthétique)',
		providerIds: ['financeur-test', 'autre-financeur'],
		types: ['garantie'],
		eligibility: { audiences: ['association', 'fiscalisee'] },
		stages: ['creation', 'developpement'],
		amount: { max: 100000 },
		lastVerified: '2024-01-01'
	})
);
const grant = fundingToolSchema.parse(
	toolFixture({
		id: 'subvention-test',
		slug: 'subvention-test',
		name: 'Subvention de test (synthétique)',
		providerIds: ['autre-financeur'],
		types: ['subvention'],
		eligibility: { audiences: ['association'] },
		territory: 'eurometropole',
		amount: { max: 5000 }
	})
);
const closed = fundingToolSchema.parse(
	toolFixture({
		id: 'ferme-test',
		slug: 'ferme-test',
		name: 'Aide fermée de test (synthétique)',
		availability: 'ferme',
		providerIds: ['financeur-test']
	})
);

beforeEach(() => {
	db = openDatabase(':memory:');
	migrate(db);
	insertCommune(
		db,
		communeSchema.parse({
			code: '67482',
			slug: 'strasbourg',
			name: 'Strasbourg',
			postcodes: ['67000'],
			centroid: { lon: 7.75, lat: 48.58 },
			inCus2014: true,
			sources: [{ reference: 'test', seen: '2026-01-01' }]
		})
	);
	for (const r of [provider, other, loan, guarantee, grant, closed]) insertRecord(db, r);
});

describe('toolsOfProvider', () => {
	it('lists the published tools of an organisation by name', () => {
		expect(toolsOfProvider(db, 'financeur-test').map((t) => t.id)).toEqual([
			'ferme-test',
			'garantie-test',
			'pret-test'
		]);
		expect(toolsOfProvider(db, 'autre-financeur').map((t) => t.id)).toEqual([
			'garantie-test',
			'subvention-test'
		]);
		expect(toolsOfProvider(db, 'personne')).toEqual([]);
	});
});

describe('pages', () => {
	it('finder: a bad parameter gives French messages and no results, never an exception', () => {
		const bad = finderPage(db, new URL(`${SITE}/financements/trouver?montant=abc&stade=x`), SITE, NOW);
		expect(bad.result).toBeUndefined();
		expect(bad.errors.map((e) => e.field)).toEqual(['stade', 'montant']);
		const good = finderPage(
			db,
			new URL(`${SITE}/financements/trouver?territoire=strasbourg&structure=porteur&stade=creation`),
			SITE,
			NOW
		);
		expect(good.result?.matches.map((m) => m.tool.id)).toEqual(['pret-test']);
		expect(good.shareUrl).toBe(
			`${SITE}/financements/trouver?structure=porteur&stade=creation&territoire=67482`
		);
		// Providers are named; a draft organisation is named but not linked.
		expect(good.providers['financeur-test']).toMatchObject({
			name: 'Financeur de test (synthétique)',
			slug: 'financeur-test'
		});
		expect(good.providers['autre-financeur'].slug).toBeUndefined();
	});

	it('list: hides tools the profile cannot get and counts them', () => {
		const page = fundingListPage(db, new URL(`${SITE}/financements?structure=association`), NOW);
		// The closed tool stays listed (last): only the profile's answers hide a tool.
		expect(page.items.map((e) => e.tool.id)).toEqual(['garantie-test', 'subvention-test', 'ferme-test']);
		expect(page.hiddenIneligible).toBe(1);
		expect(page.finderHref).toBe('/financements/trouver?structure=association');
		expect(page.staleCount).toBe(1);
	});

	it('compare: keeps known tools in order and names unknown ones', () => {
		const page = comparePage(
			db,
			new URL(`${SITE}/financements/comparer?outils=subvention-test,inconnu,pret-test`),
			NOW
		);
		expect(page.tools.map((t) => t.id)).toEqual(['subvention-test', 'pret-test']);
		expect(page.errors).toEqual(['outil inconnu : « inconnu »']);
		expect(page.others.map((o) => o.value)).not.toContain('pret-test');
	});

	it('memo: unknown audience is undefined; memos list their tools with the data dates', () => {
		expect(memoPage(db, 'tout', SITE, NOW)).toBeUndefined();
		const f = memoPage(db, 'fiscalisees', SITE, NOW)!;
		expect(f.tools.map((t) => t.id)).toEqual(['garantie-test', 'pret-test']);
		expect(f.span).toEqual({ oldest: '2024-01-01', newest: '2026-11-01' });
		expect(f.stale).toEqual({ 'garantie-test': true, 'pret-test': false });
		const nf = memoPage(db, 'non-fiscalisees', SITE, NOW)!;
		expect(nf.tools.map((t) => t.id)).toEqual(['garantie-test', 'subvention-test']);
	});

	it('stale page lists tools not verified for a year', () => {
		expect(stalePage(db, NOW).tools.map((t) => t.id)).toEqual(['garantie-test']);
	});

	it('tool page: related tools, canonical URL and JSON-LD', () => {
		expect(toolPage(db, 'nope', SITE, NOW)).toBeUndefined();
		const page = toolPage(db, 'pret-test', SITE, NOW)!;
		expect(page.canonical).toBe(`${SITE}/financements/pret-test`);
		expect(page.related.combined.map((t) => t.id)).toEqual(['garantie-test']);
		// The record's name contains "</script>": the inline JSON must not be able to close the element.
		expect(page.jsonLd).not.toMatch(/<\/script>/i);
		expect(page.jsonLd).not.toContain('<');
		expect(JSON.parse(page.jsonLd).name).toBe(loan.name);
	});
});

describe('JSON-LD', () => {
	const ref = [{ id: 'financeur-test', name: 'Financeur', slug: 'financeur-test' }];
	it('describes a loan as LoanOrCredit with amount, rate and term', () => {
		const ld = toolJsonLd(loan, ref, SITE);
		expect(ld).toMatchObject({
			'@context': 'https://schema.org',
			'@type': 'LoanOrCredit',
			url: `${SITE}/financements/pret-test`,
			amount: { '@type': 'MonetaryAmount', currency: 'EUR', minValue: 1000, maxValue: 20000 },
			interestRate: 0,
			loanTerm: { minValue: 12, maxValue: 60, unitCode: 'MON' },
			provider: [{ '@type': 'Organization', name: 'Financeur', url: `${SITE}/structures/financeur-test` }],
			dateModified: '2026-11-01'
		});
	});
	it('describes a grant as MonetaryGrant with its funder, and a guarantee as FinancialProduct', () => {
		expect(toolJsonLd(grant, ref, SITE)).toMatchObject({
			'@type': 'MonetaryGrant',
			funder: [{ name: 'Financeur' }]
		});
		expect(toolJsonLd(guarantee, ref, SITE)['@type']).toBe('FinancialProduct');
	});
	it('escapes characters that could end the script element', () => {
		expect(serializeJsonLd({ a: '</script>&\u2028' })).toBe('{"a":"\\u003c/script\\u003e\\u0026\\u2028"}');
	});
});
