import { expect } from '@playwright/test';
import { parseFeed } from '@rowanmanning/feed-parser';
import { test } from './fixtures';
import { ensureAccount, login } from './admin-helpers';
import { expectNoAxeViolations, expectOneH1 } from './helpers';
import { expectNoSidewaysScroll } from './layout-helpers';

test.describe('observatory without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('every figure is a plot with its reading, date, source, table and CSV; filters go in the URL', async ({
		page
	}) => {
		await page.goto('/');
		await page
			.getByRole('navigation', { name: 'Navigation principale' })
			.getByRole('link', { name: 'Observatoire' })
			.click();
		await expect(page).toHaveURL(/\/observatoire$/);
		await expectOneH1(page);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Observatoire de l’ESS');

		const communes = page.getByRole('region', { name: 'Structures et initiatives par commune', exact: true });
		await expect(
			communes.getByRole('img', { name: /^Structures et initiatives par commune\./ })
		).toBeVisible();
		await expect(communes.locator('svg.ess-plot rect').first()).toBeVisible();
		await expect(communes.getByText(/Données au \d+/)).toBeVisible();
		const table = communes.getByRole('table', { name: /par commune : tableau/ });
		await expect(table.getByRole('rowheader', { name: 'Strasbourg' })).toBeVisible();
		// The plot's bars and the table say the same: one bar per row and series.
		const rows = await table.locator('tbody tr').count();
		await expect(communes.locator('svg.ess-plot rect')).toHaveCount(rows * 2);

		for (const title of [
			'Structures par famille de l’ESS',
			'Structures par forme juridique',
			'Fiches par thématique du Conseil de l’ESS',
			'Initiatives par quartier prioritaire (QPV)',
			'Outils de financement par stade du projet',
			'Outils non fermés par stade et par public : les lacunes',
			'Fraîcheur des fiches : vérifiées dans les 12 derniers mois'
		]) {
			const section = page.getByRole('region', { name: title, exact: true });
			await expect(
				section.getByRole('img', { name: new RegExp(`^${title.replace(/[()]/g, '\\$&')}\\.`) })
			).toBeVisible();
			await expect(section.getByRole('table')).toBeVisible();
			await expect(section.getByRole('link', { name: /Télécharger le tableau \(CSV\)/ })).toBeVisible();
		}

		// The CSV of a figure: the same rows as its table.
		const csvHref = await communes.getByRole('link', { name: /CSV/ }).getAttribute('href');
		expect(csvHref).toBe('/observatoire/communes.csv');
		const csv = await page.request.get(csvHref!);
		expect(csv.headers()['content-type']).toContain('text/csv');
		const lines = (await csv.text())
			.replace(/^\uFEFF/, '')
			.trim()
			.split('\r\n');
		expect(lines[0]).toBe('Commune;Structures de l’ESS;Initiatives;Total');
		expect(lines).toHaveLength(rows + 1);

		// Filters: a GET form, kept in the URL.
		await page.getByLabel('Commune', { exact: true }).selectOption({ label: 'Schiltigheim' });
		await page.getByRole('button', { name: 'Afficher' }).click();
		await expect(page).toHaveURL(/\/observatoire\?commune=schiltigheim&thematique=$/);
		await expect(page.getByRole('region', { name: /par quartier de Strasbourg/ })).toHaveCount(0);
		await expect(
			page.getByRole('region', { name: 'Structures et initiatives par commune', exact: true })
		).toContainText('à Schiltigheim');
		await page.goto('/observatoire?commune=nulle-part');
		await expect(page.getByText('Filtre ignoré : commune inconnue « nulle-part ».')).toBeVisible();
	});

	test('plots fit a 320 px phone', async ({ page }) => {
		await page.setViewportSize({ width: 320, height: 800 });
		await page.goto('/observatoire');
		await expectNoSidewaysScroll(page, '/observatoire at 320 px');
		for (const svg of await page.locator('svg.ess-plot').all()) {
			const box = (await svg.boundingBox())!;
			expect(box.x + box.width).toBeLessThanOrEqual(320);
		}
	});

	test('the feeds are linked from the pages they follow and parse as Atom', async ({ page, request }) => {
		for (const [path, feed] of [
			['/financements', '/flux/financements.atom'],
			['/quartiers', '/flux/initiatives.atom'],
			['/quartiers/meinau', '/flux/initiatives.atom?quartier=meinau']
		]) {
			await page.goto(path);
			await expect(
				page.locator(`link[rel="alternate"][type="application/atom+xml"][href="${feed}"]`)
			).toHaveCount(1);
			await expect(page.locator(`main a[href="${feed}"]`)).toBeVisible();
			const res = await request.get(feed);
			expect(res.headers()['content-type']).toContain('application/atom+xml');
			const parsed = parseFeed(await res.text());
			expect(parsed.items.length).toBeGreaterThan(0);
			expect(parsed.items[0].url).toMatch(/^http.*\/(financements|initiatives)\/[a-z0-9-]+$/);
		}
		expect((await request.get('/flux/initiatives.atom?quartier=atlantide')).status()).toBe(404);
	});

	test('an editor reads the indicators', async ({ page }) => {
		await ensureAccount('indicateurs@example.org', 'Camille Indicateurs', 'editor');
		await login(page, 'indicateurs@example.org');
		await page
			.getByRole('navigation', { name: 'Espace de maintenance' })
			.getByRole('link', { name: 'Indicateurs' })
			.click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Indicateurs');
		await expect(
			page.getByRole('region', { name: 'Mois par mois (12 derniers mois)' }).getByRole('row')
		).toHaveCount(13);
		await expect(page.getByText(/délai médian entre une proposition et sa décision/)).toBeVisible();
		await expect(
			page.getByRole('heading', { name: 'Corrections les plus demandées par les visiteurs' })
		).toBeVisible();
	});
});

// axe runs in the page: with JavaScript on (the page itself ships none). The phone walk checks it at 320 and
// 390 px too (e2e/routes.ts).
test('the observatory and the indicators are axe clean', async ({ page }) => {
	await page.goto('/observatoire?thematique=initiatives-habitants');
	await expectOneH1(page);
	await expectNoAxeViolations(page);
	await ensureAccount('indicateurs@example.org', 'Camille Indicateurs', 'editor');
	await login(page, 'indicateurs@example.org');
	await page.goto('/admin/indicateurs');
	await expectNoAxeViolations(page);
});
