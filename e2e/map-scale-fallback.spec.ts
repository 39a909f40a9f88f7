import { expect } from '@playwright/test';
import { existsSync } from 'node:fs';
import { CHROMIUM_ARGS } from '../playwright.config';
import { test } from './fixtures';
import { DESKTOP, expectListMatchesMap, listTotal, waitForMap } from './map-helpers';
import { SCALE_URL, watchMapRequests } from './map-scale-helpers';

// No WebGL, large synthetic store: Leaflet draws the server's clusters of each view (JSON).
test.use({
	viewport: DESKTOP,
	baseURL: SCALE_URL,
	launchOptions: {
		executablePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
		args: [...CHROMIUM_ARGS, '--disable-software-rasterizer']
	}
});

test('Leaflet fallback at scale: server clusters, a click zooms in, the same list', async ({ page }) => {
	const seen = watchMapRequests(page);
	await page.goto('/');
	await waitForMap(page, 'leaflet');
	await expectListMatchesMap(page);
	expect(await listTotal(page)).toBeGreaterThan(2000);
	const clusters = page.locator('.carto-cluster');
	await expect(clusters.first()).toBeVisible();
	expect(seen.points).toBe(0);
	expect(seen.clusters).toBeGreaterThan(0);
	// The biggest cluster: a click either zooms in (new clusters asked) or, when all its places share one
	// spot, lists them.
	const before = seen.clusters;
	const counts = await clusters.evaluateAll((els) =>
		els.map((e) => Number(e.textContent?.replace(/\D/g, '')))
	);
	await clusters.nth(counts.indexOf(Math.max(...counts))).click();
	await expect
		.poll(async () => seen.clusters > before || (await page.getByTestId('same-spot').isVisible()))
		.toBe(true);
});
