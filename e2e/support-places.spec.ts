import { expect } from '@playwright/test';
import { test } from './fixtures';
import { pdfPageTexts } from './pdf-helpers';

/** /creer (the support path) and /lieux (places), with and without JavaScript. */
test.describe('créer son activité', () => {
	test('without JavaScript: the GET form gives a path, CitésLab for a QPV resident at the idea stage', async ({
		browser
	}) => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto('/creer');
		await page.getByLabel('J’ai une idée').check();
		await page.getByLabel('Où se situe votre projet').selectOption('qpv');
		await page.getByRole('button', { name: 'Voir mon parcours' }).click();
		await expect(page).toHaveURL(/\/creer\?.*stade=idee.*territoire=qpv/);
		await expect(page.getByRole('heading', { name: /Votre parcours en \d étapes?/ })).toBeVisible();
		await expect(page.getByText(/Pour commencer : CitésLab Strasbourg/)).toBeVisible();
		await expect(page.getByRole('heading', { name: /Étape 1 : Faire le point/ })).toBeVisible();
		await context.close();
	});

	test('with JavaScript: a workers’ takeover is sent to the URSCOP, and the path prints on A4', async ({
		page
	}) => {
		await page.goto('/creer?projet=cooperative&stade=reprise&territoire=67482');
		await expect(page.getByText(/Pour commencer : URSCOP Grand Est/)).toBeVisible();
		await expect(page.getByRole('link', { name: 'Voir les financements pour ce profil' })).toHaveAttribute(
			'href',
			/\/financements\/trouver\?structure=fiscalisee&stade=reprise&territoire=67482/
		);
		const pdf = await page.pdf({ format: 'A4' });
		const pages = pdfPageTexts(pdf);
		expect(pages.length).toBeGreaterThan(0);
		expect(pages.length).toBeLessThanOrEqual(6);
		expect(pages.join(' ')).toMatch(/URSCOP/);
		// The form is not printed.
		expect(pages.join(' ')).not.toMatch(/Voir mon parcours/);
	});

	test('a bad value is named in French next to its field', async ({ page }) => {
		await page.goto('/creer?projet=sarl');
		await expect(page.getByText(/type de projet inconnu : « sarl »/).first()).toBeVisible();
	});
});

test.describe('lieux', () => {
	test('lists the seeded places, and a place page has its JSON-LD', async ({ page }) => {
		await page.goto('/lieux');
		await expect(page.getByRole('link', { name: 'KaléidosCOOP, tiers-lieu de l’ESS' })).toBeVisible();
		await page.goto('/lieux/kaleidoscoop-tiers-lieu');
		await expect(
			page.getByRole('heading', { level: 1, name: 'KaléidosCOOP, tiers-lieu de l’ESS' })
		).toBeVisible();
		await expect(page.getByText('Horaires non connus')).toBeVisible();
		const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}');
		expect(ld['@type']).toBe('Place');
	});

	test('the API lists places as JSON and GeoJSON, and support offers', async ({ request }) => {
		const places = await (await request.get('/api/v1/lieux?type-lieu=coworking')).json();
		expect(places.items.map((p: { id: string }) => p.id)).toContain('les-compotes-coworking');
		const geo = await (await request.get('/api/v1/lieux.geojson')).json();
		expect(geo.features.length).toBeGreaterThan(0);
		const offers = await (
			await request.get('/api/v1/accompagnements?accompagnement=hebergement-juridique')
		).json();
		expect(offers.items.map((t: { id: string }) => t.id)).toEqual(['artenreel-cae']);
	});
});
