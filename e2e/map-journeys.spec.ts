/**
 * The map as people expect it (MapLibre; e2e/map-fallback.spec.ts checks Leaflet where it differs): a place
 * chosen in the filters is shown, the legend folds on a phone, and skip links reach the map and the list.
 */
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures';
import { placeBox } from '../src/lib/geo/place-box';
import {
	DESKTOP,
	PHONE,
	PLACE_FILTER,
	atParam,
	communeOf,
	expectFitted,
	mapFocus,
	quartierOf,
	stableAt,
	waitForMap
} from './map-helpers';

test.describe('a commune or quartier chosen in the filters', () => {
	test('zooms to it; clearing it keeps the view', async ({ page }) => {
		await page.setViewportSize(DESKTOP);
		await page.goto('/');
		await waitForMap(page, 'maplibre');
		const start = await stableAt(page);
		const neudorf = await quartierOf(page, 'SQ_08');
		await page.getByLabel(PLACE_FILTER).selectOption(neudorf.code);
		await expect(page).toHaveURL(/lieu=SQ_08/);
		// No outline is imported in this database: a box around the quartier's reference point.
		await expectFitted(page, placeBox({ kind: 'quartier', point: neudorf.point }));
		const onQuartier = await stableAt(page);
		expect(onQuartier.zoom).toBeGreaterThan(start.zoom + 1);

		const schiltigheim = await communeOf(page, 'Schiltigheim');
		await page.getByLabel(PLACE_FILTER).selectOption(schiltigheim.code);
		await expectFitted(page, placeBox({ kind: 'commune', point: schiltigheim.point }));
		const onCommune = await stableAt(page);

		// Clearing the place: the list shows everything again, the map does not jump.
		await page.getByLabel(PLACE_FILTER).selectOption('');
		await expect(page).not.toHaveURL(/lieu=/);
		await page.waitForTimeout(800);
		expect(await stableAt(page)).toEqual(onCommune);
	});

	test('on a phone showing the list, the map opens on the place chosen meanwhile', async ({ page }) => {
		await page.setViewportSize(PHONE);
		await page.goto('/carte');
		await expect(page.getByTestId('result-list')).toHaveAttribute('data-ready', 'true');
		await page.getByRole('button', { name: /^Filtres/ }).click();
		const neudorf = await quartierOf(page, 'SQ_08');
		await page.getByLabel(PLACE_FILTER).selectOption(neudorf.code);
		await expect(page.getByTestId('map')).toHaveAttribute('data-state', 'waiting');
		await page.getByRole('button', { name: 'Carte', exact: true }).click();
		await waitForMap(page, 'maplibre');
		await expectFitted(page, placeBox({ kind: 'quartier', point: neudorf.point }));
	});

	test('a link naming a place but no view opens on it', async ({ page }) => {
		await page.setViewportSize(DESKTOP);
		const neudorf = await quartierOf(page, 'SQ_08');
		await page.goto('/carte?lieu=SQ_08');
		await waitForMap(page, 'maplibre');
		await expectFitted(page, placeBox({ kind: 'quartier', point: neudorf.point }));
		// A link with its own view keeps it.
		await page.goto('/carte?lieu=SQ_08&at=12/48.6/7.7');
		await waitForMap(page, 'maplibre');
		expect(atParam(page)).toEqual({ zoom: 12, lat: 48.6, lon: 7.7 });
	});
});

test.describe('the legend', () => {
	const legend = (page: Page) => page.getByRole('button', { name: 'Légende' });

	test('is folded on a phone, opens on demand and stays as the visitor left it', async ({ page }) => {
		await page.setViewportSize(PHONE);
		await page.goto('/carte?vue=carte');
		await waitForMap(page, 'maplibre');
		await expect(legend(page)).toHaveAttribute('aria-expanded', 'false');
		await expect(page.getByText('Position à l’adresse')).toBeHidden();
		await legend(page).click();
		await expect(legend(page)).toHaveAttribute('aria-expanded', 'true');
		await expect(page.getByText('Position à l’adresse')).toBeVisible();
		// To the list and back, then a rotation: still open.
		await page.getByRole('button', { name: 'Liste', exact: true }).click();
		await page.getByRole('button', { name: 'Carte', exact: true }).click();
		await expect(legend(page)).toHaveAttribute('aria-expanded', 'true');
		await page.setViewportSize({ width: PHONE.height, height: PHONE.width });
		await expect(legend(page)).toHaveAttribute('aria-expanded', 'true');
		await legend(page).click();
		await expect(page.getByText('Position à l’adresse')).toBeHidden();
	});

	test('is open on a wide screen', async ({ page }) => {
		await page.setViewportSize(DESKTOP);
		await page.goto('/');
		await waitForMap(page, 'maplibre');
		await expect(legend(page)).toHaveAttribute('aria-expanded', 'true');
		await expect(page.getByText('Position à l’adresse')).toBeVisible();
	});
});

test.describe('skip links', () => {
	/** Tabs from the top of the page to the link, counting the key presses. */
	async function tabTo(page: Page, name: string): Promise<number> {
		for (let presses = 1; presses <= 20; presses++) {
			await page.keyboard.press('Tab');
			const focused = await page.evaluate(() => document.activeElement?.textContent?.trim());
			if (focused === name) return presses;
		}
		throw new Error(`« ${name} » not reached in 20 Tab presses`);
	}

	test('« Aller à la carte » reaches the map in a few key presses, shown when focused', async ({ page }) => {
		await page.setViewportSize(DESKTOP);
		await page.goto('/');
		await waitForMap(page, 'maplibre');
		// Their box is clipped to a pixel until one of them has the focus.
		const skips = page.getByRole('link', { name: 'Aller à la carte' }).locator('..');
		expect((await skips.boundingBox())!.width).toBeLessThanOrEqual(1);
		// After « Aller au contenu », the brand, the main navigation's entries and the language switcher's: a
		// few presses, not 121.
		const navLinks =
			(await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link').count()) +
			(await page.getByRole('navigation', { name: 'Langue' }).getByRole('link').count());
		expect(await tabTo(page, 'Aller à la carte')).toBeLessThanOrEqual(navLinks + 4);
		expect((await skips.boundingBox())!.width).toBeGreaterThan(200);
		await page.keyboard.press('Enter');
		await expect(mapFocus(page)).toBeFocused();
		// The map takes the keys at once.
		const lon = (await stableAt(page)).lon;
		await page.keyboard.press('ArrowRight');
		await expect.poll(() => atParam(page)!.lon).toBeGreaterThan(lon);
	});

	test('« Aller à la liste » lands on the list', async ({ page }) => {
		await page.setViewportSize(DESKTOP);
		await page.goto('/carte');
		await tabTo(page, 'Aller à la liste');
		await page.keyboard.press('Enter');
		await expect(page.getByRole('heading', { name: 'Liste des lieux' })).toBeFocused();
		await page.keyboard.press('Tab');
		await expect(page.locator('#lieux-liste a').first()).toBeFocused();
	});

	test('on a phone showing the list, « Aller à la carte » shows the map and focuses it', async ({ page }) => {
		await page.setViewportSize(PHONE);
		await page.goto('/carte');
		await expect(page.getByTestId('result-list')).toHaveAttribute('data-ready', 'true');
		await tabTo(page, 'Aller à la carte');
		await page.keyboard.press('Enter');
		await waitForMap(page, 'maplibre');
		await expect(page).toHaveURL(/vue=carte/);
		await expect(mapFocus(page)).toBeFocused();

		// And back: the map view hides the list; « Aller à la liste » shows it.
		await page.goto('/carte?vue=carte');
		await tabTo(page, 'Aller à la liste');
		await page.keyboard.press('Enter');
		await expect(page.getByRole('heading', { name: 'Liste des lieux' })).toBeFocused();
		await expect(page).not.toHaveURL(/vue=carte/);
	});
});
