import { expect, test, type Page } from '@playwright/test';
import { waitForMap } from './map-helpers';

/**
 * What the explorer's pages load before the map is ready. zod (some 20 KB gzip) was moved off this path:
 * each URL's reader is a module of its own, and the client sets zod's jitless mode from zod's core alone.
 * An import of a schema module into the explorer would bring it back silently; this journey sees it in the
 * scripts the browser actually fetched. (How much is loaded is a figure: `npm run bench:js`.)
 */

/** The JavaScript files fetched until the map and its list are ready, with their text. */
async function scriptsUntilMapReady(page: Page, path: string): Promise<Map<string, string>> {
	const bodies = new Map<string, Promise<string>>();
	page.on('response', (response) => {
		const url = response.url();
		if (response.request().resourceType() === 'script' || url.endsWith('.js'))
			bodies.set(
				new URL(url).pathname,
				response.text().catch(() => '')
			);
	});
	await page.goto(path);
	await waitForMap(page, 'maplibre');
	const out = new Map<string, string>();
	for (const [url, body] of bodies) out.set(url, await body);
	return out;
}

/** A string found in zod's classic API (its schema classes), not in the small core module kept on load. */
const ZOD_CLASSIC = 'ZodString';

for (const path of ['/', '/carte']) {
	test(`${path} loads no zod before its map is ready`, async ({ page }) => {
		const scripts = await scriptsUntilMapReady(page, path);
		expect(scripts.size).toBeGreaterThan(5);
		const withZod = [...scripts].filter(([, body]) => body.includes(ZOD_CLASSIC)).map(([url]) => url);
		expect(withZod, `zod chargé avant la carte par : ${withZod.join(', ')}`).toEqual([]);
	});
}

test('a page that reads its URL with zod gets it, so the check above can see zod', async ({ page }) => {
	const seen: string[] = [];
	page.on('response', async (response) => {
		if (response.url().endsWith('.js') && (await response.text().catch(() => '')).includes(ZOD_CLASSIC))
			seen.push(response.url());
	});
	await page.goto('/financements');
	await page.waitForLoadState('networkidle');
	expect(seen.length).toBeGreaterThan(0);
});
