import { expect, type Page } from '@playwright/test';
import { test } from './fixtures';
import { expectNoAxeViolations, expectOneH1, watchErrors } from './helpers';
import { expectNoRawKey, NOT_TRANSLATED_NOTICE } from './i18n-helpers';
import { expectNoSidewaysScroll } from './layout-helpers';
import { pdfPageTexts, squash } from './pdf-helpers';
import { decodeQr } from './qr-helpers';

/**
 * The quartier pages, their flyer, the quartier embed, the agenda, an event and /integrer in German and
 * English: the site's words in the reader's language, the records' in French (marked so), links kept
 * under /<locale>/, and what each page does still working.
 */
const QUARTIER = 'cronenbourg-hautepierre';

const SAYS = {
	de: {
		events: 'Kommende Veranstaltungen in Cronenbourg – Hautepierre – Poteries – Hohberg',
		flyerLink: 'Ein Flugblatt drucken',
		onThisPage: 'Auf dieser Seite',
		offline: 'Ohne Verbindung',
		flyerH1: 'Mitmachen in',
		qrLabel: 'QR-Code zur Seite des Viertels:',
		checked: 'Daten geprüft am',
		embedH1: 'Bewohnerinitiativen in',
		agendaH1: 'Veranstaltungskalender der ESS',
		commune: 'Gemeinde',
		theme: 'Themenfeld',
		show: 'Veranstaltungen anzeigen',
		past: 'Vergangene Veranstaltungen',
		pastTab: /^Vergangene \(\d+\)$/,
		month: 'Januar 2014',
		when: 'Wann',
		dates: /^16\.\s?–\s?17\. Januar 2014$/,
		integrateH1: 'Die Karte in Ihre Website einbinden',
		zone: 'Stadtviertel oder Gemeinde',
		display: 'Die Initiativen des Viertels oder der Gemeinde (einfache Liste)',
		code: 'HTML-Code der Einbindung',
		language: 'Sprache der Karte'
	},
	en: {
		events: 'Upcoming events in Cronenbourg – Hautepierre – Poteries – Hohberg',
		flyerLink: 'Print a flyer',
		onThisPage: 'On this page',
		offline: 'Offline',
		flyerH1: 'Take part in',
		qrLabel: 'QR code to the area’s page:',
		checked: 'Data checked on',
		embedH1: 'Residents’ initiatives in',
		agendaH1: 'Social economy events',
		commune: 'Commune',
		theme: 'Theme',
		show: 'Show events',
		past: 'Past events',
		pastTab: /^Past \(\d+\)$/,
		month: 'January 2014',
		when: 'When',
		dates: /^16\s?–\s?17 January 2014$/,
		integrateH1: 'Embed the map on your website',
		zone: 'Neighbourhood or commune',
		display: 'The initiatives of the neighbourhood or commune (simple list)',
		code: 'HTML code of the embed',
		language: 'Language of the map'
	}
} as const;

/** What every translated page must hold: its language, no raw key, no « not translated » notice, axe. */
async function translated(page: Page, locale: string) {
	await expect(page.locator('html')).toHaveAttribute('lang', locale);
	await expectOneH1(page);
	await expect(page.getByText(NOT_TRANSLATED_NOTICE)).toHaveCount(0);
	await expectNoRawKey(page);
	await expectNoAxeViolations(page);
}

/**
 * The page's own links stay in the reader's language (files, feeds and the API keep one address); the
 * language switcher, outside `main`, is the one way back to French.
 */
async function linksStayIn(page: Page, locale: string, bases: string[]) {
	for (const base of bases) await expect(page.locator(`main a[href^="/${base}/"]`)).toHaveCount(0);
	expect(await page.locator(`main a[href^="/${locale}/"]`).count()).toBeGreaterThan(3);
}

test.describe('quartier pages, flyer, agenda and embeds in German and English', () => {
	for (const [locale, says] of Object.entries(SAYS)) {
		test(`${locale}: a quartier page and its printed flyer, its QR code back to the page in ${locale}`, async ({
			page,
			request,
			baseURL
		}) => {
			test.slow();
			const errors = watchErrors(page);
			const api = await (await request.get('/api/v1/initiatives?quartier=SQ_06&limit=100')).json();
			const names = (api.items as { name: string }[]).map((i) => i.name);
			expect(names.length).toBeGreaterThan(2);

			await page.goto(`/${locale}/quartiers/${QUARTIER}`);
			await translated(page, locale);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(
				'Cronenbourg – Hautepierre – Poteries – Hohberg'
			);
			await expect(page.getByRole('heading', { level: 1 })).toHaveAttribute('lang', 'fr');
			await expect(page.getByRole('heading', { level: 2, name: says.events })).toBeVisible();
			await expect(page.getByRole('region', { name: says.offline })).toBeVisible();
			await linksStayIn(page, locale, ['quartiers', 'initiatives', 'structures', 'carte', 'agenda']);
			// Records are content: their names and descriptions stay French, said so to screen readers.
			const first = page.getByRole('link', { name: names[0], exact: true }).first();
			await expect(first).toHaveAttribute('lang', 'fr');
			await expect(first).toHaveAttribute('href', new RegExp(`^/${locale}/initiatives/`));
			const alternates = await page
				.locator('link[rel="alternate"][hreflang]')
				.evaluateAll((links) =>
					links.map((l) => `${l.getAttribute('hreflang')} ${new URL(l.getAttribute('href')!).pathname}`)
				);
			expect(alternates.sort()).toEqual([
				`de /de/quartiers/${QUARTIER}`,
				`en /en/quartiers/${QUARTIER}`,
				`fr /quartiers/${QUARTIER}`,
				`x-default /quartiers/${QUARTIER}`
			]);

			await page
				.getByRole('navigation', { name: says.onThisPage })
				.getByRole('link', { name: says.flyerLink })
				.click();
			await expect(page).toHaveURL(new RegExp(`/${locale}/quartiers/${QUARTIER}/tract$`));
			await translated(page, locale);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(
				`${says.flyerH1} Cronenbourg – Hautepierre – Poteries – Hohberg`
			);
			const url = `${baseURL}/${locale}/quartiers/${QUARTIER}`;
			const qr = page.getByRole('img', { name: `${says.qrLabel} ${url}` });
			await expect(qr).toBeVisible();
			await page.emulateMedia({ media: 'print' });
			expect(await decodeQr(page, qr)).toBe(url);
			const text = squash(pdfPageTexts(await page.pdf({ preferCSSPageSize: true })).join('\n'));
			for (const name of names) expect(text, `${name} printed`).toContain(squash(name));
			expect(text).toContain(squash(says.checked));
			// (The address under the code is checked on screen above: the PDF's text reader misses a caption's words.)
			expect(text).not.toContain(squash('Données vérifiées au'));

			// The A5 sheet: both copies' codes lead to the page in the same language.
			await page.emulateMedia({ media: 'screen' });
			await page.goto(`/${locale}/quartiers/${QUARTIER}/tract?format=a5`);
			await page.emulateMedia({ media: 'print' });
			const codes = page.locator('svg[data-qr]');
			await expect(codes).toHaveCount(2);
			for (const code of await codes.all()) expect(await decodeQr(page, code)).toBe(url);
			expect(errors).toEqual([]);
		});

		test(`${locale}: the embedded quartier list, and /integrer writing its snippet`, async ({
			page,
			baseURL
		}) => {
			await page.goto(`/${locale}/embed/quartier/meinau`);
			await translated(page, locale);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${says.embedH1} Meinau`);
			const links = page.getByRole('heading', { level: 2 }).getByRole('link');
			expect(await links.count()).toBeGreaterThan(0);
			for (const link of await links.all()) {
				await expect(link).toHaveAttribute('href', new RegExp(`^/${locale}/initiatives/`));
				await expect(link).toHaveAttribute('lang', 'fr');
			}

			// /integrer in the reader's language: the quartier's list, embedded in German.
			const errors = watchErrors(page);
			await page.goto(`/${locale}/integrer`);
			await translated(page, locale);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(says.integrateH1);
			await page.getByLabel(says.zone, { exact: true }).selectOption({ label: 'Meinau' });
			await page.getByLabel(says.display).check();
			await page.getByLabel(says.language).selectOption({ label: 'Deutsch' });
			await expect(page.getByLabel(says.code)).toHaveValue(
				new RegExp(
					`^<iframe src="${baseURL}/de/embed/quartier/meinau" title="Carto ESS: Initiativen in Meinau"`
				)
			);
			const frame = page.frameLocator('iframe.preview');
			await expect(frame.locator('html')).toHaveAttribute('lang', 'de');
			await expect(frame.getByRole('heading', { level: 1 })).toHaveText('Bewohnerinitiativen in Meinau');
			await expect(frame.getByText(NOT_TRANSLATED_NOTICE)).toHaveCount(0);
			expect(errors).toEqual([]);
		});

		test(`${locale}: the agenda filtered, then an event’s page`, async ({ page }) => {
			await page.goto(`/${locale}/agenda`);
			await translated(page, locale);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(says.agendaH1);
			await page.getByRole('link', { name: says.pastTab }).click();
			await expect(page).toHaveURL(new RegExp(`/${locale}/agenda\\?passes=1$`));
			await page.getByLabel(new RegExp(`^${says.commune}`)).selectOption('strasbourg');
			await page.getByLabel(new RegExp(`^${says.theme}`)).selectOption('innovation-sociale');
			await page.getByRole('button', { name: says.show }).click();
			await expect(page).toHaveURL(new RegExp(`^[^?]*/${locale}/agenda\\?.*thematique=innovation-sociale`));
			await expect(page).toHaveURL(/passes=1/);
			await expect(
				page.getByRole('heading', { level: 2, name: new RegExp(`^${says.past}\\s·\\s*Strasbourg`) })
			).toBeVisible();
			await expect(page.getByRole('heading', { level: 3, name: says.month })).toBeVisible();
			await translated(page, locale);
			const event = page.getByRole('link', {
				name: 'Entrepreneurs sociaux, prenez la parole !',
				exact: true
			});
			await expect(event).toHaveAttribute('lang', 'fr');
			await expect(event).toHaveAttribute('href', new RegExp(`^/${locale}/agenda/`));
			await event.click();

			await translated(page, locale);
			await expect(page.getByRole('heading', { level: 1 })).toHaveAttribute('lang', 'fr');
			const when = page
				.locator('.facts div')
				.filter({ has: page.getByRole('term').getByText(says.when, { exact: true }) });
			await expect(when.getByRole('definition')).toHaveText(says.dates);
			await expect(page.getByText('du 16 au 17 janvier 2014')).toHaveCount(0);
			// The site's links keep the language.
			await linksStayIn(page, locale, ['agenda', 'annuaire', 'carte']);
		});
	}

	test('de: /quartiers/<slug> at 320 px does not scroll sideways', async ({ page }) => {
		await page.setViewportSize({ width: 320, height: 700 });
		await page.goto(`/de/quartiers/${QUARTIER}`);
		await expectNoSidewaysScroll(page, `/de/quartiers/${QUARTIER}`);
	});
});

test.describe('the offline pack in German', () => {
	// The other journeys block the service worker (playwright.config.ts); this one is about it.
	test.use({ serviceWorkers: 'allow' });

	test('« Dieses Viertel mitnehmen » saves the German pages, which open without a connection', async ({
		page,
		context,
		request
	}) => {
		test.slow();
		const pack = await (await request.get('/de/quartiers/meinau/hors-ligne.json')).json();
		expect(pack.pages[0]).toBe('/de/quartiers/meinau');
		for (const path of pack.pages as string[]) expect(path).toMatch(/^\/de\//);
		const initiatives = (await (await request.get('/api/v1/initiatives?quartier=SQ_07')).json()).items as {
			slug: string;
			name: string;
		}[];

		await page.goto('/de/quartiers/meinau');
		await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
		await page.waitForFunction(() => !!navigator.serviceWorker.controller);
		const region = page.getByRole('region', { name: 'Ohne Verbindung' });
		await region.getByRole('button', { name: 'Dieses Viertel mitnehmen' }).click();
		await expect(region.getByRole('status')).toHaveText(/ist auf diesem Gerät gespeichert/, {
			timeout: 20_000
		});
		// Its date in German (« 5. Dezember 2026 um 08:30 »).
		await expect(region).toContainText(/Gespeichert am \d+\. \S+ \d{4}/);
		await expectNoAxeViolations(page);

		await context.setOffline(true);
		await page.goto('/de/quartiers/meinau');
		await expect(page.locator('html')).toHaveAttribute('lang', 'de');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Meinau');
		await expect(page.getByRole('region', { name: 'Ohne Verbindung' })).toContainText(/Gespeichert am/);
		const first = initiatives[0];
		await page.getByRole('link', { name: first.name, exact: true }).first().click();
		await expect(page).toHaveURL(new RegExp(`/de/initiatives/${first.slug}$`));
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(first.name);
		await page.goto('/de/quartiers/meinau/tract');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mitmachen in Meinau');
		await context.setOffline(false);
		// The French pack is another one: saving German did not fill it.
		expect(await page.evaluate(() => caches.has('pack-meinau'))).toBe(false);
	});
});
