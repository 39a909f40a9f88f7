import { expect, type Page } from '@playwright/test';
import { test } from './fixtures';
import { expectNoAxeViolations, expectOneH1, watchErrors } from './helpers';

async function jsonLd(page: Page) {
	const text = await page.locator('script[type="application/ld+json"]').first().textContent();
	return JSON.parse(text ?? '{}');
}

test.describe('structure and initiative pages', () => {
	test('a structure page shows every field, its sources, its place in words and related records', async ({
		page
	}) => {
		const errors = watchErrors(page);
		await page.goto('/structures/bretzselle');
		await expectOneH1(page);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText("Bretz'selle");
		await expect(page).toHaveTitle("Bretz'selle · Structures · Carto ESS");
		await expect(page.getByRole('heading', { name: 'Sources et vérification' })).toBeVisible();
		await expect(page.getByText('Dernière vérification')).toBeVisible();
		await expect(page.getByText(/consulté le \d+ \w+ \d{4}/).first()).toBeVisible();
		await expect(page.getByText('Forme juridique')).toBeVisible();
		// The map slot: the precision in words and a link to the map until the mini-map exists.
		const slot = page.getByTestId('map-slot');
		await expect(slot).toContainText(/Position (à l’adresse|dans la rue|approximative)/);
		await expect(slot.getByRole('link', { name: 'Voir sur la carte' })).toHaveAttribute(
			'href',
			'/carte?sel=bretzselle'
		);
		await expect(page.getByRole('link', { name: /https:\/\/bretzselle/ })).toBeVisible();
		// Related: the initiative it carries, and funding tools through the finder's rules.
		await expect(
			page.getByRole('region', { name: 'Initiatives portées' }).getByRole('link', { name: /Atelier mobile/ })
		).toBeVisible();
		const funding = page.getByRole('region', { name: 'Financements qui pourraient convenir' });
		await expect(funding.getByRole('link', { name: /Voir les \d+ outils/ })).toHaveAttribute(
			'href',
			/^\/financements\/trouver\?/
		);
		await expectNoAxeViolations(page);
		expect(errors).toEqual([]);
	});

	test('a structure page carries canonical, OpenGraph and schema.org data', async ({ page }) => {
		await page.goto('/structures/velostation');
		const canonical = await page.locator('link[rel="canonical"]').getAttribute('href');
		expect(canonical).toMatch(/\/structures\/velostation$/);
		await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', 'Vélostation');
		await expect(page.locator('meta[property="og:url"]')).toHaveAttribute('content', canonical!);
		const ld = await jsonLd(page);
		expect(['Organization', 'NGO', 'GovernmentOrganization']).toContain(ld['@type']);
		expect(ld.name).toBe('Vélostation');
		expect(ld.url).toBe(canonical);
		expect(ld.address.addressLocality).toBe('Strasbourg');
	});

	test('an initiative page shows its carrier, place and a Place JSON-LD', async ({ page }) => {
		const errors = watchErrors(page);
		await page.goto('/initiatives/atelier-mobile-bretzselle-meinau');
		await expectOneH1(page);
		await expect(page).toHaveTitle(/· Initiatives · Carto ESS$/);
		await expect(page.getByRole('heading', { name: 'Participer' })).toBeVisible();
		await expect(page.getByRole('link', { name: "Bretz'selle" }).first()).toHaveAttribute(
			'href',
			'/structures/bretzselle'
		);
		await expect(page.getByRole('link', { name: 'Meinau', exact: true })).toHaveAttribute(
			'href',
			'/quartiers/meinau'
		);
		await expect(page.getByTestId('map-slot')).toContainText(/Position approximative/);
		await expect(page.getByRole('region', { name: 'Dans le même quartier' })).toBeVisible();
		expect((await jsonLd(page))['@type']).toBe('Place');
		await expectNoAxeViolations(page);
		expect(errors).toEqual([]);
	});

	test('from a search result to the detail page and back', async ({ page }) => {
		await page.goto('/annuaire?q=velo');
		await page.locator('ol.list').getByRole('link', { name: 'Vélostation' }).click();
		await expect(page).toHaveURL(/\/structures\/velostation$/);
		await page.goBack();
		await expect(page).toHaveURL(/\/annuaire\?q=velo$/);
	});

	test('unknown slugs answer 404 in French', async ({ page }) => {
		for (const path of [
			'/structures/nexiste-pas',
			'/initiatives/nexiste-pas',
			'/structures/atelier-mobile-bretzselle-meinau'
		]) {
			const res = await page.goto(path);
			expect(res?.status(), path).toBe(404);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page introuvable');
		}
	});

	test('titles differ between detail pages', async ({ page }) => {
		const titles = new Set<string>();
		for (const path of [
			'/structures/bretzselle',
			'/structures/velostation',
			'/initiatives/atelier-mobile-bretzselle-meinau',
			'/annuaire',
			'/annuaire?q=velo'
		]) {
			await page.goto(path);
			titles.add(await page.title());
		}
		expect(titles.size).toBe(5);
	});
});

test.describe('sitemap and search index', () => {
	test('sitemap.xml lists the record pages', async ({ request }) => {
		const res = await request.get('/sitemap.xml');
		expect(res.ok()).toBe(true);
		expect(res.headers()['content-type']).toContain('application/xml');
		const xml = await res.text();
		expect(xml).toContain('/structures/bretzselle</loc>');
		expect(xml).toContain('/initiatives/atelier-mobile-bretzselle-meinau</loc>');
		expect(xml).toContain('/financements/pret-honneur-initiative-france</loc>');
		expect(xml).toContain('/agenda</loc>');
		// The seed's events are more than a year past: reachable from the agenda's archive, not listed.
		expect(xml).not.toContain('/agenda/entrepreneurs-sociaux-prenez-la-parole-2014</loc>');
	});

	test('the quick index is served at its content hash, immutable, and a stale hash is 404', async ({
		request
	}) => {
		const manifest = await (await request.get('/search-index/manifest.json')).json();
		expect(manifest.quick.url).toMatch(/^\/search-index\/quick-[0-9a-f]{16}\.json$/);
		const res = await request.get(manifest.quick.url, { headers: { 'accept-encoding': 'gzip' } });
		expect(res.ok()).toBe(true);
		expect(res.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
		expect(res.headers()['content-encoding']).toBe('gzip');
		expect((await res.json()).mode).toBe('quick');
		expect((await request.get('/search-index/quick-0123456789abcdef.json')).status()).toBe(404);
	});

	test('full-text queries for the client never fail on hostile text', async ({ request }) => {
		for (const q of ['*', '~~~', '"', '\u0000', '🚲', '<script>', 'a'.repeat(5000)]) {
			const res = await request.get(`/search-index/query?q=${encodeURIComponent(q)}`);
			expect(res.status(), q.slice(0, 10)).toBe(200);
		}
		const body = await (await request.get('/search-index/query?q=taux+zero+honneur')).json();
		expect(body.hits[0].slug).toMatch(/^pret-honneur/);
	});
});
