/**
 * Every page of e2e/routes.ts at 320 and 390 px: none scrolls sideways (a failure names the widest
 * element), axe finds nothing at either width, and the text has no glued words, doubled labels or
 * « inconnu(e) » (layout-helpers.ts). Workspace pages are seen logged in.
 */
import { type Browser, type BrowserContextOptions } from '@playwright/test';
import { test } from './fixtures';
import { expectNoAxeViolations } from './helpers';
import { ensureAccount, login } from './admin-helpers';
import { expectCleanWording, expectNoSidewaysScroll, PHONE_WIDTHS } from './layout-helpers';
import { prepareFixtures, STOPS, stopPath, type Fixtures } from './routes';

const EDITOR = 'dominique-telephone@example.org';
const ADMIN = 'sacha-telephone@example.org';

let fixtures: Fixtures;
const sessions: Partial<Record<'editor' | 'admin', BrowserContextOptions['storageState']>> = {};

async function session(browser: Browser, email: string) {
	const context = await browser.newContext();
	const page = await context.newPage();
	await login(page, email);
	return { context, page };
}

test.beforeAll(async ({ browser, request }) => {
	test.setTimeout(90_000);
	await ensureAccount(EDITOR, 'Dominique Téléphone', 'editor');
	await ensureAccount(ADMIN, 'Sacha Téléphone', 'admin');
	const editor = await session(browser, EDITOR);
	fixtures = await prepareFixtures(request, editor.page);
	sessions.editor = await editor.context.storageState();
	await editor.context.close();
	const admin = await session(browser, ADMIN);
	sessions.admin = await admin.context.storageState();
	await admin.context.close();
});

for (const stop of STOPS) {
	test(`${stop.name}: fits 320 and 390 px, axe clean, wording`, async ({ browser }) => {
		// Two widths, each loaded to network idle and scanned by axe: long pages (the memos) need the time.
		test.slow();
		const context = await browser.newContext({ storageState: stop.as ? sessions[stop.as] : undefined });
		const page = await context.newPage();
		const path = stopPath(stop, fixtures);
		for (const width of PHONE_WIDTHS) {
			await page.setViewportSize({ width, height: 800 });
			await page.goto(path);
			// Hydrated, lazily loaded parts (the map, the search index) in place.
			await page.waitForLoadState('networkidle');
			await expectNoSidewaysScroll(page, `${path} at ${width} px`);
			await expectNoAxeViolations(page);
		}
		await expectCleanWording(page, path);
		await context.close();
	});
}
