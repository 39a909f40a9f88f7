import { expect } from '@playwright/test';
import { test } from './fixtures';
import { expectNoAxeViolations, expectOneH1, watchErrors } from './helpers';
import { expectNoRawKey, NOT_TRANSLATED_NOTICE } from './i18n-helpers';
import { expectNoSidewaysScroll, PHONE_WIDTHS } from './layout-helpers';
import { waitForMap } from './map-helpers';

/** What a translated page says in each language: its heading and the navigation's first entry. */
const QUARTIERS = {
	de: { h1: 'In Ihrer Nähe: die Stadtviertel und Gemeinden', nav: 'Karte', main: 'Hauptnavigation' },
	en: { h1: 'Near you: neighbourhoods and communes', nav: 'Map', main: 'Main navigation' }
} as const;

test.describe('languages', () => {
	for (const [locale, says] of Object.entries(QUARTIERS)) {
		test(`a translated page in ${locale}: its text, its links and its alternates`, async ({ page }) => {
			const errors = watchErrors(page);
			await page.goto(`/${locale}/quartiers`);
			await expect(page.locator('html')).toHaveAttribute('lang', locale);
			await expectOneH1(page);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(says.h1);
			const nav = page.getByRole('navigation', { name: says.main });
			await expect(nav.getByRole('link', { name: says.nav, exact: true })).toHaveAttribute(
				'href',
				`/${locale}/carte`
			);
			// The site's links stay in the reader's language; files and feeds keep one address.
			await expect(page.locator(`a[href^="/quartiers/"]`)).toHaveCount(0);
			expect(await page.locator(`a[href^="/${locale}/quartiers/"]`).count()).toBeGreaterThan(5);
			await expect(page.locator('a[href^="/flux/initiatives.atom"]').first()).toBeVisible();
			// Place names are content: French, said so to screen readers.
			await expect(page.locator('.communes [lang="fr"]').first()).toBeVisible();
			// Alternates for search engines: each language and a default.
			const alternates = await page
				.locator('link[rel="alternate"][hreflang]')
				.evaluateAll((links) =>
					links.map((l) => `${l.getAttribute('hreflang')} ${new URL(l.getAttribute('href')!).pathname}`)
				);
			expect(alternates.sort()).toEqual([
				'de /de/quartiers',
				'en /en/quartiers',
				'fr /quartiers',
				'x-default /quartiers'
			]);
			await expect(page.getByText(NOT_TRANSLATED_NOTICE)).toHaveCount(0);
			await expectNoRawKey(page);
			await expectNoAxeViolations(page);
			expect(errors).toEqual([]);
		});
	}

	for (const path of ['/quartiers', '/accessibilite', '/confidentialite'])
		test(`${path} in German and English: no French heading, no raw key, axe`, async ({ page }) => {
			await page.goto(path);
			const french = await page.getByRole('heading', { level: 1 }).innerText();
			for (const locale of ['de', 'en']) {
				await page.goto(`/${locale}${path}`);
				await expect(page.locator('html')).toHaveAttribute('lang', locale);
				await expectOneH1(page);
				await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(french);
				await expect(page.getByText(NOT_TRANSLATED_NOTICE)).toHaveCount(0);
				await expectNoRawKey(page);
				await expectNoAxeViolations(page);
			}
		});

	/** The explorer (home and map) in each language: what a German or English reader finds on it. */
	const EXPLORER = {
		de: {
			home: 'Die Sozial- und Solidarwirtschaft in Straßburg und der Eurometropole',
			map: 'Karte der Sozial- und Solidarwirtschaft',
			count: /^[\d.]+ Orte\.$/,
			zone: 'In diesem Bereich suchen',
			theme: 'Themenfeld',
			sector: 'Mobilität und Fahrrad',
			layer: 'Bewohnerinitiativen',
			legend: 'Legende',
			around: 'In meiner Nähe',
			locate: 'Meinen Standort verwenden',
			near: 'Rund um Ihren Standort',
			zoomIn: 'Vergrößern'
		},
		en: {
			home: 'The social and solidarity economy of Strasbourg and its Eurométropole',
			map: 'Map of the social and solidarity economy',
			count: /^[\d,]+ places\.$/,
			zone: 'Search this area',
			theme: 'Theme',
			sector: 'Mobility and cycling',
			layer: 'Residents’ initiatives',
			legend: 'Legend',
			around: 'Near me',
			locate: 'Use my location',
			near: 'Around your position',
			zoomIn: 'Zoom in'
		}
	} as const;

	for (const [locale, says] of Object.entries(EXPLORER)) {
		test.describe(`the explorer in ${locale}`, () => {
			test.use({ geolocation: { latitude: 48.5818, longitude: 7.7507 }, permissions: ['geolocation'] });

			test(`/${locale}/carte: filters, layers, list, map controls and « Autour de moi »`, async ({
				page
			}) => {
				const errors = watchErrors(page);
				await page.goto(`/${locale}/carte`);
				await expect(page.locator('html')).toHaveAttribute('lang', locale);
				await expectOneH1(page);
				await expect(page.getByRole('heading', { level: 1 })).toHaveText(says.map);
				await waitForMap(page, 'maplibre');
				const list = page.getByTestId('result-list');
				await expect(list.getByRole('status')).toHaveText(says.count);
				// Filters and their options, layers, the map's own controls.
				await expect(page.getByLabel(says.theme, { exact: true })).toBeVisible();
				expect(await page.locator('select option').allTextContents()).toContain(says.sector);
				await expect(page.getByRole('checkbox', { name: says.layer })).toBeChecked();
				await expect(page.getByRole('button', { name: says.legend })).toBeVisible();
				await expect(page.getByRole('button', { name: says.zoomIn })).toBeVisible();
				await page.getByRole('button', { name: says.zone }).click();
				await expect(list.getByRole('status')).not.toHaveText(says.count);
				// Record names are content: French, marked so.
				await expect(list.locator('li a[lang="fr"]').first()).toBeVisible();
				// « Autour de moi » and its live region.
				await page.getByRole('button', { name: says.locate }).click();
				await expect(page.getByRole('region', { name: says.around }).getByRole('status')).toContainText(
					says.near
				);
				await expect(page.getByText(NOT_TRANSLATED_NOTICE)).toHaveCount(0);
				await expectNoRawKey(page);
				await expectNoAxeViolations(page);
				expect(errors).toEqual([]);
			});

			test(`/${locale}: the home page's heading and numbers`, async ({ page }) => {
				await page.goto(`/${locale}`);
				await expect(page.locator('html')).toHaveAttribute('lang', locale);
				await expect(page.getByRole('heading', { level: 1 })).toHaveText(says.home);
				await expect(page.locator('.lead')).toContainText(
					locale === 'de' ? / Orte auf der Karte/ : / places on the map/
				);
				await expectNoRawKey(page);
				await expectNoAxeViolations(page);
			});
		});
	}

	/** The annuaire in each language: tabs, facets, results, chips, dates and numbers. */
	const DIRECTORY = {
		de: {
			h1: 'Verzeichnis der Sozial- und Solidarwirtschaft',
			results: /^[\d.]+ Ergebnisse$/,
			kinds: 'Art des Eintrags',
			organisations: /^Akteure \(\d+\)$/,
			filter: 'Filtern',
			sector: 'Bereich',
			mobility: 'Mobilität und Fahrrad',
			chip: 'Bereich: Mobilität und Fahrrad',
			checked: /Überprüft am \d{1,2}\. [A-Za-zä]+ \d{4}/,
			search: 'Einen Akteur, eine Initiative oder eine Finanzierung suchen'
		},
		en: {
			h1: 'Directory of the social and solidarity economy',
			results: /^[\d,]+ results$/,
			kinds: 'Type of record',
			organisations: /^Organisations \(\d+\)$/,
			filter: 'Filter',
			sector: 'Sector',
			mobility: 'Mobility and cycling',
			chip: 'Sector: Mobility and cycling',
			checked: /Checked on \d{1,2} [A-Z][a-z]+ \d{4}/,
			search: 'Search for an organisation, an initiative or funding'
		}
	} as const;

	for (const [locale, says] of Object.entries(DIRECTORY))
		test(`/${locale}/annuaire: tabs, facets, results, chips and dates`, async ({ page }) => {
			const errors = watchErrors(page);
			await page.goto(`/${locale}/annuaire`);
			await expect(page.locator('html')).toHaveAttribute('lang', locale);
			await expectOneH1(page);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(says.h1);
			await expect(page.getByRole('heading', { level: 2, name: says.results })).toBeVisible();
			await expect(page.getByRole('combobox', { name: says.search })).toBeVisible();
			await expect(
				page.getByRole('navigation', { name: says.kinds }).getByRole('link', { name: says.organisations })
			).toBeVisible();
			await expect(page.getByRole('heading', { level: 2, name: says.filter })).toBeVisible();
			await expect(page.locator('.results .meta').first()).toHaveText(says.checked);
			await expect(page.locator('ol.list h3 a[lang="fr"]').first()).toBeVisible();
			await page
				.getByRole('group', { name: says.sector })
				.getByRole('checkbox', { name: new RegExp(`^${says.mobility}`) })
				.check();
			await expect(page).toHaveURL(new RegExp(`^[^?]*/${locale}/annuaire\\?secteur=mobilite`));
			await expect(page.getByRole('link', { name: new RegExp(`^${says.chip}`) })).toBeVisible();
			await expect(page.getByText(NOT_TRANSLATED_NOTICE)).toHaveCount(0);
			await expectNoRawKey(page);
			await expectNoAxeViolations(page);
			expect(errors).toEqual([]);
		});

	/** A structure's and an initiative's page: the site's words translated, the record's own kept French. */
	const RECORDS = {
		de: {
			sources: 'Quellen und Überprüfung',
			checked: 'Zuletzt überprüft',
			seen: /abgerufen am \d{1,2}\. [A-Za-zä]+ \d{4}/,
			legalForm: 'Rechtsform',
			seeOnMap: 'Auf der Karte ansehen',
			carried: 'Getragene Initiativen',
			funding: 'Passende Finanzierungsmöglichkeiten',
			section: 'Akteure',
			participate: 'Mitmachen',
			initiatives: 'Initiativen'
		},
		en: {
			sources: 'Sources and checking',
			checked: 'Last checked',
			seen: /read on \d{1,2} [A-Z][a-z]+ \d{4}/,
			legalForm: 'Legal form',
			seeOnMap: 'See on the map',
			carried: 'Initiatives it runs',
			funding: 'Funding that might fit',
			section: 'Organisations',
			participate: 'Take part',
			initiatives: 'Initiatives'
		}
	} as const;

	for (const [locale, says] of Object.entries(RECORDS))
		test(`record pages in ${locale}: headings, facts, sources, dates, content marked French`, async ({
			page
		}) => {
			const errors = watchErrors(page);
			await page.goto(`/${locale}/structures/bretzselle`);
			await expect(page.locator('html')).toHaveAttribute('lang', locale);
			await expectOneH1(page);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText("Bretz'selle");
			await expect(page.getByRole('heading', { level: 1 })).toHaveAttribute('lang', 'fr');
			await expect(page).toHaveTitle(`Bretz'selle · ${says.section} · Carto ESS`);
			await expect(page.getByRole('heading', { name: says.sources })).toBeVisible();
			await expect(page.getByText(says.checked, { exact: true })).toBeVisible();
			await expect(page.getByText(says.seen).first()).toBeVisible();
			await expect(page.getByText(says.legalForm, { exact: true })).toBeVisible();
			await expect(page.getByTestId('map-slot').getByRole('link', { name: says.seeOnMap })).toHaveAttribute(
				'href',
				`/${locale}/carte?sel=bretzselle`
			);
			await expect(page.getByRole('region', { name: says.carried })).toBeVisible();
			await expect(page.getByRole('region', { name: says.funding })).toBeVisible();
			await expect(page.locator('#presentation + p.text')).toHaveAttribute('lang', 'fr');
			await expect(page.getByText(NOT_TRANSLATED_NOTICE)).toHaveCount(0);
			await expectNoRawKey(page);
			await expectNoAxeViolations(page);

			await page.goto(`/${locale}/initiatives/atelier-mobile-bretzselle-meinau`);
			await expect(page.locator('html')).toHaveAttribute('lang', locale);
			await expect(page).toHaveTitle(new RegExp(` · ${says.initiatives} · Carto ESS$`));
			await expect(page.getByRole('heading', { name: says.participate, exact: true })).toBeVisible();
			await expect(page.getByRole('link', { name: "Bretz'selle" }).first()).toHaveAttribute(
				'href',
				`/${locale}/structures/bretzselle`
			);
			await expectNoRawKey(page);
			await expectNoAxeViolations(page);
			expect(errors).toEqual([]);
		});

	for (const [locale, says] of Object.entries({
		de: { hours: 'Öffnungszeiten', premises: 'Verfügbare Räume', sources: 'Quellen und Überprüfung' },
		en: { hours: 'Opening hours', premises: 'Premises available', sources: 'Sources and checking' }
	}))
		test(`a place's page in ${locale}`, async ({ page }) => {
			await page.goto(`/${locale}/lieux/kaleidoscoop-tiers-lieu`);
			await expect(page.locator('html')).toHaveAttribute('lang', locale);
			await expectOneH1(page);
			await expect(page.getByRole('heading', { level: 1 })).toHaveAttribute('lang', 'fr');
			for (const heading of [says.hours, says.premises, says.sources])
				await expect(page.getByRole('heading', { level: 2, name: heading })).toBeVisible();
			await expect(page.getByText(NOT_TRANSLATED_NOTICE)).toHaveCount(0);
			await expectNoRawKey(page);
			await expectNoAxeViolations(page);
		});

	test('the switcher opens the same page in another language, and back', async ({ page }) => {
		await page.goto('/quartiers?x=1');
		const languages = page.getByRole('navigation', { name: 'Langue' });
		await expect(languages.getByRole('link', { name: 'Français' })).toHaveAttribute('aria-current', 'true');
		await languages.getByRole('link', { name: 'Deutsch' }).click();
		await expect(page).toHaveURL(/\/de\/quartiers\?x=1$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(QUARTIERS.de.h1);
		await page.getByRole('navigation', { name: 'Sprache' }).getByRole('link', { name: 'English' }).click();
		await expect(page).toHaveURL(/\/en\/quartiers\?x=1$/);
		await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Français' }).click();
		await expect(page).toHaveURL(/\/quartiers\?x=1$/);
		await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
	});

	// Every public page is translated; the workspace stays French (it is the CRESS's), and its login page,
	// open to anyone, is where the frame meets a page kept in French.
	test('a page kept in French says so, keeps its French marked, and claims no alternates', async ({
		page
	}) => {
		await page.goto('/de/admin/connexion');
		await expect(page.locator('html')).toHaveAttribute('lang', 'de');
		await expect(
			page.getByText('Diese Seite ist noch nicht übersetzt: Sie wird auf Französisch angezeigt.')
		).toBeVisible();
		await expect(page.locator('main')).toHaveAttribute('lang', 'fr');
		await expect(page.locator('main .untranslated')).toHaveAttribute('lang', 'de');
		await expect(page.locator('link[rel="alternate"][hreflang]')).toHaveCount(0);
		// The frame is German, and its links keep the reader in German.
		await expect(
			page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Finanzierung' })
		).toHaveAttribute('href', '/de/financements');
		await expectNoAxeViolations(page);
	});

	test('the accessibility statement and the error page are translated', async ({ page }) => {
		await page.goto('/en/accessibilite');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accessibility statement');
		await expect(
			page.getByText('A “Skip to content” link at the top of every page', { exact: false })
		).toBeVisible();
		await expectNoRawKey(page);
		await expectNoAxeViolations(page);
		const missing = await page.goto('/de/gibt-es-nicht');
		expect(missing?.status()).toBe(404);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Seite nicht gefunden');
		await expect(page.getByText('Die Adresse /de/gibt-es-nicht entspricht keiner Seite')).toBeVisible();
		await expect(page.locator('main')).not.toHaveAttribute('lang', 'fr');
		await expect(page.getByRole('link', { name: 'Zur Startseite' })).toHaveAttribute('href', '/de');
		await expect(page.locator('link[rel="alternate"][hreflang]')).toHaveCount(0);
	});

	test('without JavaScript, a German page is German', async ({ browser }) => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto('/de/quartiers');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(QUARTIERS.de.h1);
		await expect(
			page
				.getByText('Keine Initiative erfasst', { exact: false })
				.or(page.getByText(/\d+ Initiative/))
				.first()
		).toBeVisible();
		await context.close();
	});

	test('the browser’s language suggests, never redirects', async ({ browser }) => {
		const context = await browser.newContext({ locale: 'de-DE' });
		const page = await context.newPage();
		const response = await page.goto('/quartiers');
		expect(response?.status()).toBe(200);
		await expect(page).toHaveURL(/\/quartiers$/);
		await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
		const suggestion = page.getByRole('complementary', { name: 'Diese Website gibt es auch auf Deutsch.' });
		await expect(suggestion.getByRole('link', { name: 'Diese Seite auf Deutsch ansehen' })).toHaveAttribute(
			'href',
			'/de/quartiers'
		);
		await suggestion.getByRole('button', { name: 'Schließen' }).click();
		await expect(suggestion).toHaveCount(0);
		// Dismissed for the visit.
		await page.reload();
		await expect(page.locator('html[data-hydrated]')).toBeAttached();
		await expect(suggestion).toHaveCount(0);
		await context.close();
	});

	test('guards and framing hold in every language', async ({ request }) => {
		const admin = await request.get('/de/admin', { maxRedirects: 0 });
		expect(admin.status()).toBe(303);
		expect(admin.headers()['location']).toContain('/admin/connexion');
		const embed = await request.get('/en/embed/carte');
		expect(embed.headers()['content-security-policy']).toContain('frame-ancestors *');
		const page = await request.get('/en/carte');
		expect(page.headers()['content-security-policy']).toContain("frame-ancestors 'self'");
		// A form page is never answered from the page cache, whatever its language.
		for (let i = 0; i < 2; i++) {
			const proposer = await request.get('/de/proposer', { headers: { accept: 'text/html' } });
			expect(proposer.headers()['x-page-cache']).toBeUndefined();
		}
		const quartiers = [0, 1].map(() => request.get('/de/quartiers', { headers: { accept: 'text/html' } }));
		const second = await (await quartiers[0], quartiers[1]);
		expect(['hit', 'miss']).toContain(second.headers()['x-page-cache']);
	});

	for (const width of PHONE_WIDTHS)
		test(`a German page fits a ${width} px phone with its switcher`, async ({ page }) => {
			await page.setViewportSize({ width, height: 800 });
			await page.goto('/de/quartiers');
			await expect(page.getByRole('navigation', { name: 'Sprache' })).toBeVisible();
			await expectNoSidewaysScroll(page, `/de/quartiers at ${width} px`);
		});

	// German words run long: every translated page at the narrowest phone, in both languages.
	for (const path of [
		'/',
		'/carte',
		'/annuaire',
		'/structures/bretzselle',
		'/initiatives/atelier-mobile-bretzselle-meinau',
		'/lieux/kaleidoscoop-tiers-lieu'
	])
		test(`${path} in German and English fits a 320 px phone`, async ({ page }) => {
			await page.setViewportSize({ width: 320, height: 800 });
			for (const locale of ['de', 'en']) {
				const localized = path === '/' ? `/${locale}` : `/${locale}${path}`;
				await page.goto(localized);
				await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
				await expectNoSidewaysScroll(page, `${localized} at 320 px`);
			}
		});
});
