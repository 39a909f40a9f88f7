import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures';
import { expectNoAxeViolations, expectOneH1, watchErrors } from './helpers';

/**
 * A partner's site: another origin (another port on this machine: a public test host would be stopped by
 * Chromium's Private Network Access rules before framing is even considered), serving a page that frames `src`.
 */
let partner: Server;
let partnerOrigin = '';
let framed = '';
test.beforeAll(async () => {
	partner = createServer((_req, res) => {
		res.setHeader('content-type', 'text/html; charset=utf-8');
		res.end(
			`<!doctype html><html lang="fr"><title>Partenaire</title><h1>Notre quartier</h1><iframe src="${framed}" title="Carto ESS" width="900" height="600"></iframe></html>`
		);
	});
	await new Promise<void>((resolve) => partner.listen(0, '127.0.0.1', resolve));
	partnerOrigin = `http://127.0.0.1:${(partner.address() as AddressInfo).port}`;
});
test.afterAll(() => new Promise<void>((resolve) => partner.close(() => resolve())));

async function partnerPage(page: Page, src: string) {
	framed = src;
	await page.goto(`${partnerOrigin}/`);
}

test.describe('embeds for partners', () => {
	test('only the embeds may be framed; every other page keeps refusing', async ({ request }) => {
		for (const path of ['/embed/carte?couches=initiatives', '/embed/quartier/meinau']) {
			const res = await request.get(path);
			expect(res.status(), path).toBe(200);
			const h = res.headers();
			expect(h['content-security-policy'], path).toMatch(/frame-ancestors \*(;|$)/);
			expect(h['x-frame-options'], path).toBeUndefined();
			expect(h['set-cookie'], `${path} sets no cookie`).toBeUndefined();
		}
		for (const path of ['/', '/carte', '/integrer', '/quartiers/meinau', '/quartiers/meinau/tract']) {
			const h = (await request.get(path)).headers();
			expect(h['content-security-policy'], path).toContain("frame-ancestors 'self'");
			expect(h['x-frame-options'], path).toBe('SAMEORIGIN');
		}
	});

	test('a partner’s page on another site shows the embedded map, and links open Carto ESS in a new tab', async ({
		page,
		context,
		baseURL
	}) => {
		await partnerPage(page, `${baseURL}/embed/carte?lieu=SQ_07`);
		const frame = page.frameLocator('iframe');
		await expect(frame.getByRole('heading', { level: 1 })).toHaveText(/Carte de l’économie sociale/);
		// No site header nor footer inside the frame; the attribution links to the site.
		await expect(frame.getByRole('navigation', { name: 'Navigation principale' })).toBeHidden();
		const attribution = frame.getByRole('link', { name: 'Carto ESS', exact: true });
		await expect(attribution).toBeVisible();
		// The list of the map, filtered by the partner's quartier: its first record opens in a new tab.
		const first = frame.locator('#lieux-liste li a').first();
		await expect(first).toBeVisible();
		const href = await first.getAttribute('href');
		const [popup] = await Promise.all([context.waitForEvent('page'), first.click()]);
		await popup.waitForLoadState();
		expect(new URL(popup.url()).pathname).toBe(href);
		await expect(popup.getByRole('navigation', { name: 'Navigation principale' })).toBeVisible();
		await popup.close();
		// The frame itself did not move.
		expect(page.frames()[1].url()).toContain('/embed/carte');
		expect(await context.cookies()).toEqual([]);
	});

	test('the full site refuses to be framed by another site', async ({ page, baseURL }) => {
		await partnerPage(page, `${baseURL}/carte`);
		// The partner's page has loaded once its frame has (with our page, or Chromium's error page).
		await page.waitForLoadState('load');
		const frame = page.frames()[1];
		// Chromium replaces a refused frame with its error page: no content of ours in it.
		await expect(page.frameLocator('iframe').getByRole('heading', { level: 1 })).toHaveCount(0);
		expect(frame.url()).not.toBe(`${baseURL}/carte`);
	});

	test('the quartier embed lists its initiatives with links to the full site', async ({ page, baseURL }) => {
		await page.goto('/embed/quartier/cronenbourg-hautepierre');
		await expectOneH1(page);
		await expectNoAxeViolations(page);
		await expect(page.locator('base')).toHaveAttribute('target', '_blank');
		const links = page.getByRole('heading', { level: 2 }).getByRole('link');
		expect(await links.count()).toBeGreaterThan(2);
		await expect(page.getByRole('link', { name: 'Carto ESS', exact: true })).toHaveAttribute('href', '/');
		expect(baseURL).toBeTruthy();
	});

	test('/integrer: picking a quartier, a layer and the list updates the snippet and the preview', async ({
		page,
		baseURL
	}) => {
		const errors = watchErrors(page);
		await page.goto('/integrer');
		await expectOneH1(page);
		await expectNoAxeViolations(page);
		const snippet = page.getByLabel('Code HTML de l’intégration');
		await expect(snippet).toHaveValue(new RegExp(`src="${baseURL}/embed/carte"`));
		await page.getByLabel('Quartier ou commune').selectOption({ label: 'Meinau' });
		await page.getByLabel('Structures de l’ESS').uncheck();
		await page.getByLabel('Financeurs et accompagnateurs').uncheck();
		await page.getByLabel('Lieux pour travailler, se réunir, tester').uncheck();
		await page.getByLabel('Événements à venir').uncheck();
		await page.getByLabel('La liste seule').check();
		await page.getByLabel(/Hauteur en pixels/).fill('450');
		const src = `${baseURL}/embed/carte?couches=initiatives&lieu=SQ_07&affichage=liste`;
		await expect(snippet).toHaveValue(
			`<iframe src="${src.replaceAll('&', '&amp;')}" title="Carto ESS : carte de l’ESS à Meinau" width="100%" height="450" style="border:0" loading="lazy"></iframe>`
		);
		const preview = page.locator('iframe.preview');
		await expect(preview).toHaveAttribute(
			'src',
			'/embed/carte?couches=initiatives&lieu=SQ_07&affichage=liste'
		);
		await expect(page.frameLocator('iframe.preview').locator('#lieux-liste li').first()).toBeVisible();
		expect(errors).toEqual([]);
	});

	test('/integrer: a German embed for a partner across the Rhine, its frame titled in German', async ({
		page,
		baseURL
	}) => {
		await page.goto('/integrer');
		await page.getByLabel('Quartier ou commune').selectOption({ label: 'Meinau' });
		await page.getByLabel('Langue de la carte').selectOption({ label: 'Deutsch' });
		const snippet = page.getByLabel('Code HTML de l’intégration');
		await expect(snippet).toHaveValue(
			new RegExp(
				`^<iframe src="${baseURL}/de/embed/carte\\?lieu=SQ_07" title="Carto ESS: Karte der Sozial- und Solidarwirtschaft in Meinau"`
			)
		);
		const frame = page.frameLocator('iframe.preview');
		await expect(frame.locator('html')).toHaveAttribute('lang', 'de');
		await expect(frame.getByText('die offene Karte der Sozial- und Solidarwirtschaft')).toBeVisible();
		// A translated page: no « not translated yet » notice inside a partner's frame.
		await expect(frame.getByText('Diese Seite ist noch nicht übersetzt')).toHaveCount(0);
		// The quartier's simple list is translated too: embedded in German, its frame titled in German.
		await page.getByLabel(/Les initiatives du quartier/).check();
		await expect(snippet).toHaveValue(
			new RegExp(
				`^<iframe src="${baseURL}/de/embed/quartier/meinau" title="Carto ESS: Initiativen in Meinau"`
			)
		);
		await expect(frame.locator('html')).toHaveAttribute('lang', 'de');
		await expect(frame.getByRole('heading', { level: 1 })).toHaveText('Bewohnerinitiativen in Meinau');
		await expectNoAxeViolations(page);
	});
});

test.describe('/integrer without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the GET form answers with the snippet of the quartier embed', async ({ page, baseURL }) => {
		await page.goto('/integrer');
		await page.getByLabel('Quartier ou commune').selectOption({ label: 'Meinau' });
		await page.getByLabel(/Les initiatives du quartier/).check();
		await page.getByRole('button', { name: 'Afficher le code' }).click();
		await expect(page).toHaveURL(/\/integrer\?zone=SQ_07&.*affichage=quartier/);
		await expect(page.getByLabel('Code HTML de l’intégration')).toHaveValue(
			new RegExp(`^<iframe src="${baseURL}/embed/quartier/meinau" title="Carto ESS : initiatives à Meinau"`)
		);
		await expect(page.locator('iframe.preview')).toHaveAttribute('src', '/embed/quartier/meinau');
	});
});
