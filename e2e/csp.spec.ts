import { expect } from '@playwright/test';
import { test } from './fixtures';
import { expectNoCspViolation, watchCsp } from './csp-helpers';
import { waitForMap } from './map-helpers';

// The policy (svelte.config.js, src/lib/server/csp.ts) forbids eval, inline <style> and outside hosts: the
// pages must work without tripping it, zod included (jitless, src/hooks.client.ts).
test.describe('Content-Security-Policy', () => {
	test.beforeEach(async ({ page }) => watchCsp(page));

	test('the map draws with MapLibre without any violation', async ({ page }) => {
		const res = await page.goto('/');
		const policy = res?.headers()['content-security-policy'] ?? '';
		expect(policy).toContain("frame-ancestors 'self'");
		expect(policy).not.toContain('unsafe-eval');
		await waitForMap(page, 'maplibre');
		await expectNoCspViolation(page);
	});

	test('funding pages validate their forms without eval', async ({ page }) => {
		await page.goto(
			'/financements/trouver?structure=association&stade=creation&montant=20000&territoire=67482'
		);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await page.goto('/financements/garantie-france-active');
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await page.goto('/financements?type=pret&tri=nom');
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expectNoCspViolation(page);
	});

	test('the directory, a quartier and a record page', async ({ page }) => {
		await page.goto('/quartiers/cronenbourg-hautepierre');
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await page.goto('/annuaire?q=velo');
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await page.locator('main a[href^="/structures/"]').first().click();
		await expect(page).toHaveURL(/\/structures\//);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expectNoCspViolation(page);
	});
});
