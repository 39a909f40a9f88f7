import { describe, expect, it } from 'vitest';
import {
	comparePage,
	finderMemoPage,
	finderPage,
	fundingListPage,
	memoPage,
	stalePage,
	toolPage
} from './funding';
import { fundingCatalogue, loan, SITE } from './test-data';

const NOW = new Date('2026-11-29T12:00:00Z');
const catalogue = fundingCatalogue();

describe('funding pages', () => {
	it('finder: a bad parameter gives French messages and no results, never an exception', () => {
		const bad = finderPage(catalogue, new URL(`${SITE}/financements/trouver?montant=abc&stade=x`), SITE, NOW);
		expect(bad.result).toBeUndefined();
		expect(bad.errors.map((e) => e.field)).toEqual(['stade', 'montant']);
		const good = finderPage(
			catalogue,
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

	it('finder: links its results to their printable memo', () => {
		const page = finderPage(
			catalogue,
			new URL(`${SITE}/financements/trouver?territoire=strasbourg&structure=porteur&stade=creation`),
			SITE,
			NOW
		);
		expect(page.memoHref).toBe(
			'/financements/trouver/memo?structure=porteur&stade=creation&territoire=67482'
		);
		expect(page.compareMax).toBe(3);
	});

	it('finder memo: the profile in words, one summary row per result, the link to the results', () => {
		const page = finderMemoPage(
			catalogue,
			new URL(`${SITE}/financements/trouver/memo?structure=association&stade=creation&territoire=67482`),
			SITE,
			NOW
		);
		expect(page.profile.map((p) => [p.label, p.value.split(' : ')[0]])).toEqual([
			['Structure', 'Association non fiscalisée'],
			['Stade', 'Création'],
			['Montant recherché', 'non précisé'],
			['Besoin', 'non précisé'],
			['Territoire', 'Strasbourg']
		]);
		expect(page.resultsUrl).toBe(
			`${SITE}/financements/trouver?structure=association&stade=creation&territoire=67482`
		);
		expect(page.rows.map((r) => [r.id, r.kind, r.toVerify])).toEqual([
			['garantie-test', 'Garantie de prêt', false]
		]);
		expect(page.rows[0].why).toBe(
			'Correspond : public, stade, territoire et disponibilité · à vérifier : montant et fiche ancienne'
		);
		// The grant is written for émergence: at the neighbouring stage, not a result.
		expect(page.result?.neighbours.map((n) => n.evaluation.tool.id)).toEqual(['subvention-test']);
		expect(page.span).toEqual({ oldest: '2024-01-01', newest: '2026-01-01' });
		const bad = finderMemoPage(catalogue, new URL(`${SITE}/financements/trouver/memo?stade=x`), SITE, NOW);
		expect(bad.result).toBeUndefined();
		expect(bad.rows).toEqual([]);
		expect(bad.errors.map((e) => e.field)).toEqual(['stade']);
	});

	it('general memo: one summary row per tool, who it is for', () => {
		const f = memoPage(catalogue, 'fiscalisees', SITE, NOW)!;
		expect(f.rows.map((r) => [r.name, r.why])).toEqual([
			[
				'Garantie de test (synthétique)',
				'Associations et structures fiscalisées · création ou développement'
			],
			[loan.name, 'Structures fiscalisées et porteurs de projet · création']
		]);
	});

	it('list: hides tools the profile cannot get and counts them', () => {
		const page = fundingListPage(catalogue, new URL(`${SITE}/financements?structure=association`), NOW);
		// The closed tool stays listed (last): only the profile's answers hide a tool.
		expect(page.items.map((e) => e.tool.id)).toEqual(['garantie-test', 'subvention-test', 'ferme-test']);
		expect(page.hiddenIneligible).toBe(1);
		expect(page.finderHref).toBe('/financements/trouver?structure=association');
		expect(page.staleCount).toBe(1);
	});

	it('compare: keeps known tools in order and names unknown ones', () => {
		const page = comparePage(
			catalogue,
			new URL(`${SITE}/financements/comparer?outils=subvention-test,inconnu,pret-test`),
			NOW
		);
		expect(page.tools.map((t) => t.id)).toEqual(['subvention-test', 'pret-test']);
		expect(page.errors).toEqual(['outil inconnu : « inconnu »']);
		expect(page.others.map((o) => o.value)).not.toContain('pret-test');
	});

	it('memo: unknown audience is undefined; memos list their tools with the data dates', () => {
		expect(memoPage(catalogue, 'tout', SITE, NOW)).toBeUndefined();
		const f = memoPage(catalogue, 'fiscalisees', SITE, NOW)!;
		expect(f.tools.map((t) => t.id)).toEqual(['garantie-test', 'pret-test']);
		expect(f.span).toEqual({ oldest: '2024-01-01', newest: '2026-11-01' });
		expect(f.stale).toEqual({ 'garantie-test': true, 'pret-test': false });
		const nf = memoPage(catalogue, 'non-fiscalisees', SITE, NOW)!;
		expect(nf.tools.map((t) => t.id)).toEqual(['garantie-test', 'subvention-test']);
	});

	it('stale page lists tools not verified for a year', () => {
		expect(stalePage(catalogue, NOW).tools.map((t) => t.id)).toEqual(['garantie-test']);
	});

	it('tool page: related tools, canonical URL and JSON-LD', () => {
		expect(toolPage(catalogue, 'nope', SITE, NOW)).toBeUndefined();
		const page = toolPage(catalogue, 'pret-test', SITE, NOW)!;
		expect(page.canonical).toBe(`${SITE}/financements/pret-test`);
		expect(page.related.combined.map((t) => t.id)).toEqual(['garantie-test']);
		// The record's name contains "</script>": the inline JSON must not be able to close the element.
		expect(page.jsonLd).not.toMatch(/<\/script>/i);
		expect(page.jsonLd).not.toContain('<');
		expect(JSON.parse(page.jsonLd).name).toBe(loan.name);
	});
});
