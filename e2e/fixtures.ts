import { test as base } from '@playwright/test';

/**
 * Playwright's `test` with one difference: `page.goto` returns once the page is hydrated when it runs the app's
 * JavaScript. Controls that act only once scripted (a select that submits on change, a list button that selects
 * on the map) are otherwise driven too early on a loaded machine, and the click does nothing. Pages rendered
 * without client code (most of the workspace, `javaScriptEnabled: false`) return at load as before.
 */
export const test = base.extend({
	page: async ({ page, javaScriptEnabled }, use) => {
		const goto = page.goto.bind(page);
		page.goto = async (url, options) => {
			const response = await goto(url, options);
			if (javaScriptEnabled !== false && response?.headers()['content-type']?.startsWith('text/html')) {
				const scripted = await page
					.locator('link[rel="modulepreload"], script[type="module"]')
					.count()
					.catch(() => 0);
				// The root layout marks <html data-hydrated> once mounted (src/routes/+layout.svelte).
				if (scripted > 0) await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
			}
			return response;
		};
		await use(page);
	}
});
