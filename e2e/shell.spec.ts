import { expect } from '@playwright/test';
import { test } from './fixtures';
import { expectNoAxeViolations, expectOneH1, watchErrors } from './helpers';

test.describe('public shell', () => {
	test('home page loads in French with no console error and passes axe', async ({ page }) => {
		const errors = watchErrors(page);
		await page.goto('/');
		await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
		await expectOneH1(page);
		await expect(page).toHaveTitle(/Carto ESS/);
		const nav = page.getByRole('navigation', { name: 'Navigation principale' });
		for (const label of ['Carte', 'Annuaire', 'Financements', 'Quartiers', 'Proposer']) {
			await expect(nav.getByRole('link', { name: label, exact: true })).toBeVisible();
		}
		await expect(page.getByRole('contentinfo').getByRole('link', { name: /Accessibilité/ })).toBeVisible();
		await expectNoAxeViolations(page);
		expect(errors).toEqual([]);
	});

	test('on a phone the navigation folds behind « Menu », and stays open without JavaScript', async ({
		page,
		browser
	}) => {
		await page.setViewportSize({ width: 320, height: 700 });
		await page.goto('/');
		const nav = page.getByRole('navigation', { name: 'Navigation principale' });
		const menu = page.getByRole('button', { name: 'Menu', exact: true });
		await expect(menu).toHaveAttribute('aria-expanded', 'false');
		await expect(nav).toBeHidden();
		// The page's own heading is on the first screen, not five rows of links below.
		expect((await page.getByRole('heading', { level: 1 }).boundingBox())!.y).toBeLessThan(200);
		await menu.click();
		await expect(menu).toHaveAttribute('aria-expanded', 'true');
		await expect(nav.getByRole('link', { name: 'Quartiers' })).toBeVisible();
		await expectNoAxeViolations(page);
		// Escape folds it and gives the focus back to the button.
		await nav.getByRole('link', { name: 'Carte' }).focus();
		await page.keyboard.press('Escape');
		await expect(nav).toBeHidden();
		await expect(menu).toBeFocused();
		// A chosen entry leads to its page, the menu folded again there.
		await menu.click();
		await nav.getByRole('link', { name: 'Quartiers' }).click();
		await expect(page).toHaveURL(/\/quartiers$/);
		await expect(nav).toBeHidden();
		// On a wide screen there is no button: the navigation is always shown.
		await page.setViewportSize({ width: 1280, height: 800 });
		await expect(menu).toBeHidden();
		await expect(nav).toBeVisible();

		const context = await browser.newContext({
			javaScriptEnabled: false,
			viewport: { width: 320, height: 700 }
		});
		const plain = await context.newPage();
		await plain.goto('/');
		await expect(plain.getByRole('button', { name: 'Menu', exact: true })).toHaveCount(0);
		await expect(
			plain
				.getByRole('navigation', { name: 'Navigation principale' })
				.getByRole('link', { name: 'Quartiers' })
		).toBeVisible();
		await context.close();
	});

	test('the skip link moves focus to the main content', async ({ page }) => {
		await page.goto('/');
		await page.keyboard.press('Tab');
		const skip = page.getByRole('link', { name: 'Aller au contenu' });
		await expect(skip).toBeFocused();
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(/#contenu$/);
	});

	test('accessibility statement and data pages pass axe', async ({ page }) => {
		for (const path of ['/accessibilite', '/donnees']) {
			await page.goto(path);
			await expectOneH1(page);
			await expectNoAxeViolations(page);
		}
	});

	test('unknown pages answer 404 in French', async ({ page }) => {
		const res = await page.goto('/cette-page-n-existe-pas');
		expect(res?.status()).toBe(404);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page introuvable');
		await expect(page).toHaveTitle(/Page introuvable/);
	});

	test('titles are unique across the main pages', async ({ page }) => {
		const titles = new Set<string>();
		const paths = ['/', '/accessibilite', '/donnees'];
		for (const path of paths) {
			await page.goto(path);
			titles.add(await page.title());
		}
		expect(titles.size).toBe(paths.length);
	});

	test('the API returns the seeded organisations', async ({ request }) => {
		const res = await request.get('/api/v1/organisations');
		expect(res.ok()).toBe(true);
		const body = await res.json();
		expect(body.total).toBeGreaterThan(20);
		expect(body.items[0]).toHaveProperty('sources');
		const bad = await request.get('/api/v1/organisations?quartier=nowhere');
		expect(bad.status()).toBe(400);
		expect((await bad.json()).error.parameter).toBe('quartier');
	});
});
