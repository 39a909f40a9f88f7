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
