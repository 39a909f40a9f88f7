import { expect } from '@playwright/test';
import { test } from './fixtures';
import { existsSync } from 'node:fs';
import { CHROMIUM_ARGS } from '../playwright.config';
import { placeBox } from '../src/lib/geo/place-box';
import { expectNoAxeViolations, watchErrors } from './helpers';
import {
	DESKTOP,
	PHONE,
	PLACE_FILTER,
	atParam,
	expectFitted,
	quartierOf,
	expectListMatchesMap,
	listTotal,
	loadPoints,
	mapFocus,
	screenshot,
	isolatedSpots,
	spots,
	stableAt,
	waitForMap
} from './map-helpers';

// Without a software rasterizer chromium has no WebGL (like remote desktops and old office machines):
// the page must draw the same map with Leaflet.
test.use({
	viewport: DESKTOP,
	launchOptions: {
		executablePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
		args: [...CHROMIUM_ARGS, '--disable-software-rasterizer']
	}
});

test.describe('map without WebGL (Leaflet fallback)', () => {
	test('clustered markers with counts, the same list, filters and axe', async ({ page }) => {
		const errors = watchErrors(page);
		await page.goto('/');
		await waitForMap(page, 'leaflet');
		expect(await page.evaluate(() => !!document.createElement('canvas').getContext('webgl'))).toBe(false);
		const clusters = page.locator('.carto-cluster');
		await expect(clusters.first()).toBeVisible();
		expect(Number(await clusters.first().locator('span').first().textContent())).toBeGreaterThan(1);
		await expectListMatchesMap(page);
		await page.getByRole('checkbox', { name: /Structures de l’ESS/ }).uncheck();
		await expectListMatchesMap(page);
		await page.getByRole('checkbox', { name: /Structures de l’ESS/ }).check();
		await expect(page.locator('.leaflet-control-attribution')).toContainText('Fond simplifié');
		await screenshot(page, 'map-leaflet-desktop');
		await expectNoAxeViolations(page);
		expect(errors).toEqual([]);
	});

	test('same selection, summary and URL state as with WebGL', async ({ page, request }) => {
		const payload = await loadPoints(request);
		const { alone } = spots(payload);
		const shared = isolatedSpots(payload);
		// A single point, opened from the keyboard.
		if (alone.length) {
			const [id, , name, lon, lat] = alone[0];
			await page.goto(`/?at=17/${lat}/${lon}`);
			await waitForMap(page, 'leaflet');
			await mapFocus(page).focus();
			await page.keyboard.press('Enter');
			await expect(page.getByTestId('selection').getByRole('heading', { level: 2 })).toHaveText(name);
			await expect(page.locator(`#lieux-liste li[data-id="${id}"]`)).toHaveAttribute('aria-current', 'true');
		}
		// Several records at one spot: the same list as with MapLibre.
		const group = shared[0];
		const [, , , lon, lat] = group[0];
		await page.goto(`/?at=15/${lat}/${lon}`);
		await waitForMap(page, 'leaflet');
		await mapFocus(page).focus();
		await page.keyboard.press('Enter');
		const list = page.getByTestId('same-spot');
		await expect(list.getByRole('listitem')).toHaveCount(group.length);
		await list.getByRole('button', { name: group[0][2] }).click();
		await expect(page).toHaveURL(new RegExp(`sel=${group[0][0]}`));
		const before = atParam(page)!;

		await page.reload();
		await waitForMap(page, 'leaflet');
		await expect(page.getByTestId('selection').getByRole('heading', { level: 2 })).toHaveText(group[0][2]);
		expect(atParam(page)!.zoom).toBe(before.zoom);
		expect(atParam(page)!.lat).toBeCloseTo(before.lat, 4);
	});

	test('a click on a cluster zooms in; the keyboard pans and zooms', async ({ page }) => {
		await page.goto('/');
		await waitForMap(page, 'leaflet');
		const z = atParam(page)?.zoom ?? 0;
		const clusters = page.locator('.carto-cluster');
		const counts = await clusters.locator('span:first-child').allTextContents();
		const biggest = counts.map(Number).indexOf(Math.max(...counts.map(Number)));
		await clusters.nth(biggest).click();
		await expect.poll(() => atParam(page)?.zoom ?? 0).toBeGreaterThan(z);
		await mapFocus(page).focus();
		const z2 = (await stableAt(page)).zoom;
		await page.keyboard.press('-');
		await expect.poll(() => atParam(page)!.zoom).toBeLessThan(z2);
		const lon = (await stableAt(page)).lon;
		await page.keyboard.press('ArrowRight');
		await expect.poll(() => atParam(page)!.lon).toBeGreaterThan(lon);
	});

	test('the raster basemap failing falls back to the offline style, credited as such', async ({ page }) => {
		await page.route(/^https:\/\//, (route) => route.abort());
		await page.goto('/?fond=ign');
		await waitForMap(page, 'leaflet');
		await expect(page.getByText(/Le fond « Plan IGN » est indisponible/)).toBeVisible();
		const attribution = page.locator('.leaflet-control-attribution');
		await expect(attribution).toContainText('Fond simplifié Carto ESS');
		// The basemap's credit goes; outlines imported by another journey may still credit IGN's Admin Express.
		await expect(attribution).not.toContainText('Plan IGN');
	});

	test('a quartier chosen in the filters is shown, as with WebGL', async ({ page }) => {
		await page.goto('/');
		await waitForMap(page, 'leaflet');
		const neudorf = await quartierOf(page, 'SQ_08');
		await page.getByLabel(PLACE_FILTER).selectOption(neudorf.code);
		await expectFitted(page, placeBox({ kind: 'quartier', point: neudorf.point }));
	});

	test('on a phone', async ({ page }) => {
		await page.setViewportSize(PHONE);
		await page.goto('/?vue=carte');
		await waitForMap(page, 'leaflet');
		// The map view hides the list on a phone; the map has every point.
		expect(Number(await page.getByTestId('map').getAttribute('data-points'))).toBeGreaterThan(0);
		await screenshot(page, 'map-leaflet-phone');
		await page.getByRole('button', { name: 'Liste', exact: true }).click();
		expect(await listTotal(page)).toBeGreaterThan(0);
	});
});
