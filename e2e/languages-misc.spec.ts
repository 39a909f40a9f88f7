/**
 * The observatory, the open-data page, the places and their opening hours, and the map's basemap notice in
 * German and English: each page's heading, a feature still working in that language (the observatory's
 * filters and its CSV, the places' filter, the hours), links staying under /<locale>/, content marked
 * lang="fr", no raw key, axe clean.
 */
import { readFileSync } from 'node:fs';
import { expect } from '@playwright/test';
import { placeSchema } from '../src/lib/domain/records';
import { getRecordById, insertRecord } from '../src/lib/server/db/records';
import { e2eStore } from './store';
import { test } from './fixtures';
import { expectNoAxeViolations, expectOneH1, watchErrors } from './helpers';
import { expectNoRawKey, NOT_TRANSLATED_NOTICE } from './i18n-helpers';
import { waitForMap } from './map-helpers';

const SAYS = {
	de: {
		observatory: 'ESS-Observatorium',
		communes: 'ESS-Organisationen und Initiativen nach Gemeinde',
		table: 'ESS-Organisationen und Initiativen nach Gemeinde: Tabelle',
		commune: 'Gemeinde',
		show: 'Anzeigen',
		csvHeader: 'Gemeinde;ESS-Organisationen;Initiativen;Gesamt',
		reading: /^Einträge in Schiltigheim: \d+ \(ESS-Organisationen: \d+, Initiativen: \d+\)\.$/,
		data: 'Offene Daten, Quellen und Lizenzen',
		places: 'Orte zum Arbeiten, Zusammenkommen und Ausprobieren einer Tätigkeit',
		openOnly: 'Nur jetzt geöffnete',
		submit: 'Orte anzeigen',
		hours: ['Montag: 09:00–18:00', 'Samstag: 10:00–12:00', 'Sonntag: geschlossen', 'Feiertage: geschlossen'],
		notice: /Die Hintergrundkarte „Plan IGN“ ist nicht verfügbar/
	},
	en: {
		observatory: 'ESS observatory',
		communes: 'ESS organisations and initiatives by commune',
		table: 'ESS organisations and initiatives by commune: table',
		commune: 'Commune',
		show: 'Show',
		csvHeader: 'Commune;ESS organisations;Initiatives;Total',
		reading: /^Records in Schiltigheim: \d+ \(ESS organisations: \d+, initiatives: \d+\)\.$/,
		data: 'Open data, sources and licences',
		places: 'Places to work, meet and try out an activity',
		openOnly: 'Open now only',
		submit: 'Show the places',
		hours: ['Monday: 09:00–18:00', 'Saturday: 10:00–12:00', 'Sunday: closed', 'Public holidays: closed'],
		notice: /The “Plan IGN” basemap is unavailable/
	}
} as const;

/** A published place with opening hours (the seed's places have none), built from the seed's first. */
const HOURS_PLACE = 'lieu-horaires-langues';
async function ensurePlaceWithHours() {
	const db = await e2eStore();
	if (!(await getRecordById(db, HOURS_PLACE))) {
		const [first] = JSON.parse(readFileSync('data/places/tiers-lieux.json', 'utf8'));
		await insertRecord(
			db,
			placeSchema.parse({
				...first,
				id: HOURS_PLACE,
				slug: HOURS_PLACE,
				name: 'Lieu du parcours des langues (synthétique)',
				synthetic: true,
				openingHours: 'lu-ve 09:00-18:00; sa 10:00-12:00; fériés fermé'
			})
		);
	}
	await db.close();
}

for (const [locale, says] of Object.entries(SAYS)) {
	test.describe(`misc pages in ${locale}`, () => {
		test('the observatory: figures, filters and the CSV in the reader’s language', async ({
			page,
			request
		}) => {
			const errors = watchErrors(page);
			await page.goto(`/${locale}/observatoire`);
			await expect(page.locator('html')).toHaveAttribute('lang', locale);
			await expectOneH1(page);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(says.observatory);
			await expect(page.getByText(NOT_TRANSLATED_NOTICE)).toHaveCount(0);
			const communes = page.locator('section#communes');
			await expect(communes.getByRole('heading', { level: 2 })).toHaveText(says.communes);
			await expect(communes.getByRole('table', { name: says.table })).toBeVisible();
			// Place names are content.
			await expect(communes.locator('tbody th[lang="fr"]').first()).toBeVisible();
			await expect(communes.locator('svg[role="img"]')).toHaveAttribute(
				'aria-label',
				new RegExp(`^${says.communes}\\.`)
			);

			await page.getByLabel(says.commune, { exact: true }).selectOption('schiltigheim');
			await page.getByRole('button', { name: says.show }).click();
			await expect(page).toHaveURL(new RegExp(`/${locale}/observatoire\\?commune=schiltigheim`));
			await expect(page.locator('section#communes .reading')).toHaveText(says.reading);
			const csv = page.locator('section#communes a[download]');
			const href = await csv.getAttribute('href');
			expect(href).toBe(`/${locale}/observatoire/communes.csv?commune=schiltigheim`);
			const file = await (await request.get(href!)).text();
			expect(file.split('\r\n')[0]).toBe(`\uFEFF${says.csvHeader}`);
			expect(file.split('\r\n')[1]).toMatch(/^Schiltigheim;\d+;\d+;\d+$/);
			// The French file keeps its French headers.
			const french = await (await request.get('/observatoire/communes.csv?commune=schiltigheim')).text();
			expect(french.split('\r\n')[0]).toBe('\uFEFFCommune;Structures de l’ESS;Initiatives;Total');
			// The page's own links stay in the reader's language (the switcher alone points to the French page).
			await expect(page.locator('a[href^="/observatoire"]:not([hreflang])')).toHaveCount(0);
			await expectNoRawKey(page);
			await expectNoAxeViolations(page);
			expect(errors).toEqual([]);
		});

		test('the open-data page: its text translated, the files’ addresses and headers unchanged', async ({
			page,
			request
		}) => {
			await page.goto(`/${locale}/donnees`);
			await expect(page.locator('html')).toHaveAttribute('lang', locale);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(says.data);
			await expect(page.getByText(NOT_TRANSLATED_NOTICE)).toHaveCount(0);
			const csv = page.locator('a[href="/api/v1/export/organisations.csv"]');
			await expect(csv).toBeVisible();
			const file = await (await request.get('/api/v1/export/organisations.csv')).text();
			// One contract for reusers whatever the page's language: the import's columns.
			expect(file.split('\n')[0]).toMatch(/^\uFEFF?id,slug,name,status,/);
			const alternates = await page
				.locator('link[rel="alternate"][hreflang]')
				.evaluateAll((links) =>
					links.map((l) => `${l.getAttribute('hreflang')} ${new URL(l.getAttribute('href')!).pathname}`)
				);
			expect(alternates.sort()).toEqual([
				'de /de/donnees',
				'en /en/donnees',
				'fr /donnees',
				'x-default /donnees'
			]);
			await expectNoRawKey(page);
			await expectNoAxeViolations(page);
		});

		test('the places: filter in the reader’s language, hours with its weekday names', async ({ page }) => {
			await ensurePlaceWithHours();
			await page.goto(`/${locale}/lieux`);
			await expect(page.locator('html')).toHaveAttribute('lang', locale);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(says.places);
			await expect(page.getByText(NOT_TRANSLATED_NOTICE)).toHaveCount(0);
			await page.getByLabel(says.openOnly).check();
			await page.getByRole('button', { name: says.submit }).click();
			await expect(page).toHaveURL(new RegExp(`/${locale}/lieux\\?.*ouvert=oui`));
			await page.goto(`/${locale}/lieux`);
			await expect(page.locator('.cards h2 a[lang="fr"]').first()).toBeVisible();
			expect(await page.locator(`.cards h2 a[href^="/${locale}/lieux/"]`).count()).toBeGreaterThan(0);
			await expectNoRawKey(page);
			await expectNoAxeViolations(page);

			// The read model rebuilds after the write: the place appears shortly.
			await expect(async () => {
				const response = await page.goto(`/${locale}/lieux/${HOURS_PLACE}`);
				expect(response?.status()).toBe(200);
			}).toPass({ timeout: 15_000 });
			const hours = page.locator('h2#horaires + ul li');
			for (const line of says.hours) await expect(hours.filter({ hasText: line })).toHaveCount(1);
			await expect(page.locator('h2#horaires + ul[lang="fr"]')).toHaveCount(0);
			await expectNoRawKey(page);
		});

		test('the map says in the reader’s language that its basemap failed', async ({ page }) => {
			await page.route(/^https:\/\//, (route) => route.abort());
			await page.goto(`/${locale}?fond=ign`);
			await waitForMap(page, 'maplibre');
			await expect(page.getByText(says.notice)).toBeVisible();
		});
	});
}
