import { expect } from '@playwright/test';
import { test } from './fixtures';
import { watchErrors } from './helpers';
import { DESKTOP, atParam, expectListMatchesMap, listTotal, stableAt, waitForMap } from './map-helpers';
import { SCALE_URL, firstPlace, watchMapRequests } from './map-scale-helpers';

// A synthetic store above the map's threshold (5,000 records, threshold lowered to 2,000): the browser
// loads no points; the server clusters them as vector tiles and answers the list page by page.
test.use({ viewport: DESKTOP, baseURL: SCALE_URL });

test.describe('map at national scale (synthetic store, server clusters)', () => {
	test('first view: tiles, no points file, a synthetic list that matches the map', async ({ page }) => {
		const errors = watchErrors(page);
		const seen = watchMapRequests(page);
		await page.goto('/');
		await waitForMap(page, 'maplibre');
		await expectListMatchesMap(page);
		expect(await listTotal(page)).toBeGreaterThan(2000);
		await expect.poll(() => seen.tiles).toBeGreaterThan(0);
		expect(seen.points).toBe(0);
		await expect(page.getByTestId('result-list').getByText('Donnée synthétique').first()).toBeVisible();
		const tile = await page.request.get(`${SCALE_URL}/carte/tuiles/0/0/0/0.pbf`);
		expect([200, 204]).toContain(tile.status());
		expect(errors).toEqual([]);
	});

	test('filters: fewer places, the tiles and the list follow', async ({ page }) => {
		await page.goto('/');
		await waitForMap(page, 'maplibre');
		const all = await listTotal(page);
		const seen = watchMapRequests(page);
		await page.goto('/carte?couches=initiatives');
		await waitForMap(page, 'maplibre');
		await expectListMatchesMap(page);
		const some = await listTotal(page);
		expect(some).toBeGreaterThan(0);
		expect(some).toBeLessThan(all);
		expect(seen.list.some((q) => q.includes('couches=initiatives'))).toBe(true);
	});

	test('a combination not built ahead: drawn at once, then exact, never a provisional tile left', async ({
		page
	}) => {
		await page.goto('/');
		await waitForMap(page, 'maplibre');
		// Three sectors together: no index is built ahead for it, and it is large enough for the worker.
		const tiles: { url: string; provisional: boolean; at: number }[] = [];
		const states: boolean[] = [];
		page.on('response', async (r) => {
			const u = new URL(r.url());
			if (/\.pbf$/.test(u.pathname) && u.search.includes('secteur='))
				tiles.push({
					url: r.url(),
					provisional: r.headers()['x-carte-precision'] === 'provisoire',
					at: Date.now()
				});
			if (u.pathname.endsWith('/etat.json') && !u.search.includes('attendre'))
				states.push(((await r.json()) as { precise: boolean }).precise);
		});
		await page.goto('/carte?secteur=emploi,accompagnement,mobilite');
		await waitForMap(page, 'maplibre');
		await expect.poll(() => states.length).toBeGreaterThan(0);
		await expect(page.getByTestId('map-refining')).toBeHidden({ timeout: 15_000 });
		await expectListMatchesMap(page);
		// Every tile first answered by a stand-in was asked again and answered exactly.
		await expect
			.poll(() =>
				tiles
					.filter((t) => t.provisional)
					.every((p) => tiles.some((t) => t.url === p.url && !t.provisional && t.at >= p.at))
			)
			.toBe(true);
		// A stand-in's tile is only ever served after the page was told so (its first state check).
		if (tiles.some((t) => t.provisional)) expect(states[0]).toBe(false);
	});

	test('cluster to leaf: clicks on clusters zoom in until a place opens', async ({ page }) => {
		await page.goto('/carte?bench=1');
		await waitForMap(page, 'maplibre');
		const canvas = page.locator('canvas.maplibregl-canvas');
		type Feature = { type: string; count: number; id?: string; x: number; y: number };
		const features = () =>
			page.evaluate(() =>
				(window as unknown as { __cartoBench: { features(): Feature[] } }).__cartoBench.features()
			);
		const inside = (f: Feature) => f.x > 40 && f.y > 40 && f.x < DESKTOP.width - 600 && f.y < 600;
		let zoom = (await stableAt(page)).zoom;
		for (let i = 0; i < 8; i++) {
			const shown = (await features()).filter(inside);
			const point = shown.find((f) => f.type === 'point');
			if (point) {
				await canvas.click({ position: { x: point.x, y: point.y } });
				// One place opens its summary; several at one spot are listed to choose from.
				await expect(page.getByTestId('selection').or(page.getByTestId('same-spot')).first()).toBeVisible();
				return;
			}
			const cluster = shown.filter((f) => f.type === 'cluster').sort((a, b) => b.count - a.count)[0];
			expect(cluster).toBeTruthy();
			await canvas.click({ position: { x: cluster.x, y: cluster.y } });
			if (await page.getByTestId('same-spot').isVisible()) return;
			await expect.poll(async () => (await stableAt(page)).zoom).toBeGreaterThan(zoom);
			zoom = (await stableAt(page)).zoom;
		}
		throw new Error('aucun lieu atteint après 8 grappes');
	});

	test('a shared link with sel: the place is fetched by id, shown and centred', async ({ page }) => {
		const place = await firstPlace(page);
		await page.goto(`/carte?sel=${encodeURIComponent(place.id)}`);
		await waitForMap(page, 'maplibre');
		await expect(page.getByTestId('selection').getByRole('heading', { name: place.name })).toBeVisible();
		await expect.poll(() => atParam(page)?.zoom ?? 0, { timeout: 15_000 }).toBeGreaterThanOrEqual(15.5);
		const at = atParam(page)!;
		expect(Math.abs(at.lon - place.lon)).toBeLessThan(0.01);
		expect(Math.abs(at.lat - place.lat)).toBeLessThan(0.01);
	});

	test('« Rechercher dans cette zone »: the list of the visible area from the server', async ({ page }) => {
		await page.goto('/carte?at=15/48.58300/7.74500');
		await waitForMap(page, 'maplibre');
		const all = await listTotal(page);
		const seen = watchMapRequests(page);
		await page.getByRole('button', { name: 'Rechercher dans cette zone' }).click();
		await expect(page.getByTestId('result-list').getByRole('status')).toContainText('dans la zone visible');
		await expect.poll(() => listTotal(page)).toBeLessThan(all);
		expect(seen.list.some((q) => q.includes('bbox='))).toBe(true);
	});
});
