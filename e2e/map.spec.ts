import { expect, type Page } from '@playwright/test';
import { test } from './fixtures';
import type { Polygon } from 'geojson';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { organisationSchema } from '../src/lib/domain/records';
import { placeBox } from '../src/lib/geo/place-box';
import { organisationFixture } from '../src/lib/domain/test-fixtures';
import { countBoundaries, replaceBoundaries } from '../src/lib/server/db/boundaries';
import { getRecordById, insertRecord, listHistory, listQuartiers } from '../src/lib/server/db/records';
import { distanceMeters } from '../src/lib/geo/distance';
import { expectNoAxeViolations, expectOneH1, watchErrors } from './helpers';
import { e2eStore, sideStore, storeEnv, withStore } from './store';
import {
	DESKTOP,
	PHONE,
	PLACE_FILTER,
	atParam,
	expectFitted,
	isolatedSpots,
	expectListMatchesMap,
	listTotal,
	loadPoints,
	mapFocus,
	screenshot,
	spots,
	stableAt,
	waitForMap
} from './map-helpers';

const SHARED_COMMUNES = join(process.cwd(), '..', 'shared', 'geo', 'communes-eurometropole.geojson');
function geoImport(args: string[], env = storeEnv()) {
	return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/geo-import.ts', ...args], {
		env,
		encoding: 'utf8'
	});
}

async function features(page: Page) {
	return page.evaluate(() =>
		(
			window as unknown as {
				__cartoBench: {
					features(): { type: string; count: number; lon: number; lat: number; x: number; y: number }[];
				};
			}
		).__cartoBench.features()
	);
}

/** The clusters drawn, largest first, once MapLibre has drawn some (it draws after « ready » under load). */
async function renderedClusters(page: Page) {
	let clusters: Awaited<ReturnType<typeof features>> = [];
	await expect
		.poll(async () => (clusters = (await features(page)).filter((f) => f.type === 'cluster')).length)
		.toBeGreaterThan(0);
	return clusters.sort((a, b) => b.count - a.count);
}

test.describe('map and list (MapLibre, offline basemap)', () => {
	test.use({ viewport: DESKTOP });

	test('the home page shows the list and the clustered map side by side, counts drawn with our glyphs', async ({
		page
	}) => {
		const errors = watchErrors(page);
		const glyphs: number[] = [];
		const outside: string[] = [];
		page.on('request', (r) => {
			if (!r.url().startsWith('http://127.0.0.1')) outside.push(r.url());
		});
		page.on('response', (r) => {
			if (r.url().includes('/glyphs/')) glyphs.push(r.status());
		});
		await page.goto('/');
		await expectOneH1(page);
		await expect(page.getByRole('heading', { level: 1 })).toContainText('économie sociale et solidaire');
		await waitForMap(page, 'maplibre');
		expect(await listTotal(page)).toBeGreaterThan(20);
		await expectListMatchesMap(page);
		// Cluster counts are text: they need the self-hosted glyph PBFs, and got them.
		expect(glyphs.length).toBeGreaterThan(0);
		expect(glyphs.every((s) => s === 200)).toBe(true);
		// The attribution is written out, not folded into a button.
		await expect(page.locator('.maplibregl-ctrl-attrib')).toBeVisible();
		await expect(page.locator('.maplibregl-ctrl-attrib')).toContainText('Fond simplifié');
		await screenshot(page, 'map-desktop');
		await expectNoAxeViolations(page);
		expect(outside).toEqual([]);
		expect(errors).toEqual([]);
	});

	test('on a phone the list comes first and the map is one tap away', async ({ page }) => {
		await page.setViewportSize(PHONE);
		await page.goto('/carte?at=14/48.58000/7.75000');
		await expect(page.getByTestId('result-list')).toHaveAttribute('data-ready', 'true');
		await expect(page.getByTestId('map')).toBeHidden();
		// A shared view survives while the map is not even shown.
		await page.waitForTimeout(600);
		expect(atParam(page)).toEqual({ zoom: 14, lat: 48.58, lon: 7.75 });
		// The map chunk is not even loaded while the list is shown.
		await expect(page.getByTestId('map')).toHaveAttribute('data-state', 'waiting');
		await screenshot(page, 'map-phone-list');
		await page.getByRole('button', { name: 'Carte', exact: true }).click();
		await waitForMap(page, 'maplibre');
		await expect(page).toHaveURL(/vue=carte/);
		await screenshot(page, 'map-phone-map');
		await page.getByRole('button', { name: 'Liste', exact: true }).click();
		await expect(page.getByTestId('result-list')).toBeVisible();
	});

	test('layer toggles, filters and text drive the map and the list together, and live in the URL', async ({
		page
	}) => {
		await page.goto('/');
		await waitForMap(page, 'maplibre');
		const all = await listTotal(page);

		await page.getByRole('checkbox', { name: /Initiatives d’habitants/ }).uncheck();
		await expectListMatchesMap(page);
		const withoutInitiatives = await listTotal(page);
		expect(withoutInitiatives).toBeLessThan(all);
		await expect(page.locator('#lieux-liste')).not.toContainText('Initiative d’habitants ·');
		await expect(page).toHaveURL(/couches=structures,financeurs/);

		await page.getByLabel('Secteur').selectOption('reemploi');
		await expectListMatchesMap(page);
		const filtered = await listTotal(page);
		expect(filtered).toBeLessThan(withoutInitiatives);
		await expect(page).toHaveURL(/secteur=reemploi/);

		// A link reopens the same filters.
		await page.reload();
		await waitForMap(page, 'maplibre');
		await expect(page.getByLabel('Secteur')).toHaveValue('reemploi');
		await expect(page.getByRole('checkbox', { name: /Initiatives d’habitants/ })).not.toBeChecked();
		expect(await listTotal(page)).toBe(filtered);

		await page.getByRole('button', { name: 'Effacer les filtres' }).click();
		// Everything is back, on the list and the map alike. At least as many as at first: journeys running
		// alongside publish records meanwhile, and the list counts them.
		await expect.poll(() => listTotal(page)).toBeGreaterThanOrEqual(all);
		await expectListMatchesMap(page);

		await page.getByLabel('Rechercher un lieu').fill('jardin');
		await expectListMatchesMap(page);
		const found = await listTotal(page);
		expect(found).toBeGreaterThan(0);
		expect(found).toBeLessThan(all);
		await expect(page.locator('#lieux-liste li').first()).toContainText(/jardin/i);
		await expect(page).toHaveURL(/q=jardin/);
	});

	test('a point chosen on the map opens its summary and highlights it in the list; the summary leads to the record', async ({
		page,
		request
	}) => {
		const { alone } = spots(await loadPoints(request));
		test.skip(alone.length === 0, 'no record alone at its position in the seed data');
		const [id, , name, lon, lat] = alone[0];
		await page.goto(`/?at=17/${lat}/${lon}`);
		await waitForMap(page, 'maplibre');
		// Keyboard: the map takes the focus, the crosshair reads what is under it, Enter opens it.
		await mapFocus(page).focus();
		await expect(page.getByText(`Au centre : ${name}.`)).toBeAttached();
		await page.keyboard.press('Enter');
		const panel = page.getByTestId('selection');
		await expect(panel.getByRole('heading', { level: 2 })).toHaveText(name);
		await expect(page.locator(`#lieux-liste li[data-id="${id}"]`)).toHaveAttribute('aria-current', 'true');
		await expect(page).toHaveURL(new RegExp(`sel=${id}`));
		await expect(panel).toContainText('Adresse');
		await panel.getByRole('link', { name: /Voir la fiche/ }).click();
		await expect(page).toHaveURL(/\/(structures|initiatives)\/[a-z0-9-]+$/);
		await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
	});

	test('from the list, "Voir sur la carte" selects the point on the map; the view and selection survive a reload', async ({
		page
	}) => {
		await page.goto('/');
		await waitForMap(page, 'maplibre');
		const item = page.locator('#lieux-liste li').nth(2);
		const name = (await item.getByRole('link').first().textContent())!.trim();
		await item.getByRole('button', { name: /Voir .* sur la carte/ }).click();
		await expect(item).toHaveAttribute('aria-current', 'true');
		await expect(page.getByTestId('selection').getByRole('heading', { level: 2 })).toHaveText(name);
		await expect.poll(() => atParam(page)?.zoom ?? 0).toBeGreaterThanOrEqual(15);
		const before = atParam(page)!;
		const sel = new URL(page.url()).searchParams.get('sel');
		expect(sel).toBeTruthy();

		await page.reload();
		await waitForMap(page, 'maplibre');
		await expect(page.getByTestId('selection').getByRole('heading', { level: 2 })).toHaveText(name);
		const after = atParam(page)!;
		expect(after.zoom).toBeCloseTo(before.zoom, 1);
		expect(after.lat).toBeCloseTo(before.lat, 4);
		expect(after.lon).toBeCloseTo(before.lon, 4);
		expect(new URL(page.url()).searchParams.get('sel')).toBe(sel);
	});

	test('records at the same spot are listed, and each can be chosen', async ({ page, request }) => {
		const shared = isolatedSpots(await loadPoints(request));
		test.skip(shared.length === 0, 'no two records share a position');
		const group = shared[0];
		const [, , , lon, lat] = group[0];
		await page.goto(`/?at=16/${lat}/${lon}`);
		await waitForMap(page, 'maplibre');
		await mapFocus(page).focus();
		await expect(page.getByText(`Au centre : groupe de ${group.length} lieux.`)).toBeAttached();
		await page.keyboard.press('Enter');
		const list = page.getByTestId('same-spot');
		await expect(list.getByRole('heading', { level: 2 })).toHaveText(`${group.length} lieux à cet endroit`);
		await expect(list.getByRole('heading', { level: 2 })).toBeFocused();
		await expect(list.getByRole('listitem')).toHaveCount(group.length);
		await list.getByRole('button', { name: group[1][2] }).click();
		await expect(page.getByTestId('selection').getByRole('heading', { level: 2 })).toHaveText(group[1][2]);
		// Approximate positions say so.
		if (group[0][5] >= 2) await expect(page.getByTestId('selection')).toContainText('Position approximative');
	});

	test('Enter or a click on a cluster zooms in; arrows pan and +/- zoom', async ({ page, request }) => {
		// A cluster larger than any group of records at one spot is made of several spots: it zooms in (a
		// single spot opens the « same spot » list instead).
		const sameSpotMax = Math.max(0, ...spots(await loadPoints(request)).shared.map((g) => g.length));
		const zoomable = async () => {
			const box = (await page.getByTestId('map').boundingBox())!;
			const clusters = await renderedClusters(page);
			// Only a cluster the canvas shows at that point: the legend or a control may cover another.
			const onCanvas = await page.evaluate(
				(points) =>
					points.map((p) => document.elementFromPoint(p.x, p.y)?.tagName.toLowerCase() === 'canvas'),
				clusters.map((c) => ({ x: box.x + c.x, y: box.y + c.y }))
			);
			const free = clusters.filter((_, i) => onCanvas[i]);
			return free.find((c) => c.count > sameSpotMax) ?? free[0] ?? clusters[0];
		};
		await page.goto('/?bench=1');
		await waitForMap(page, 'maplibre');
		const start = atParam(page) ?? { zoom: 0, lat: 0, lon: 0 };
		// On the home page the map starts below the search and the filters: a person scrolls to it first, and
		// a click below the fold reaches nothing.
		await page.getByTestId('map').scrollIntoViewIfNeeded();
		// The clusters and the map's place are read again before each try: the first view may still be
		// settling under load.
		await expect(async () => {
			const box = (await page.getByTestId('map').boundingBox())!;
			const cluster = await zoomable();
			await page.mouse.click(box.x + cluster.x, box.y + cluster.y);
			await expect.poll(() => atParam(page)?.zoom ?? 0, { timeout: 3_000 }).toBeGreaterThan(start.zoom || 9);
		}).toPass({ timeout: 20_000 });

		// The same cluster, centred, opened from the keyboard.
		const zoomBefore = Math.round((atParam(page)?.zoom ?? 11) * 100) / 100;
		await page.goto(`/?bench=1`);
		await waitForMap(page, 'maplibre');
		const biggest = await zoomable();
		const z = atParam(page)?.zoom ?? 10;
		await page.goto(`/?at=${z}/${biggest.lat}/${biggest.lon}`);
		await waitForMap(page, 'maplibre');
		await mapFocus(page).focus();
		await expect(page.getByText(/Au centre : groupe de \d+ lieux\./)).toBeAttached();
		await page.keyboard.press('Enter');
		await expect.poll(() => atParam(page)?.zoom ?? 0).toBeGreaterThan(z);
		expect(zoomBefore).toBeGreaterThan(0);

		const z2 = (await stableAt(page)).zoom;
		await page.keyboard.press('-');
		await expect.poll(() => atParam(page)!.zoom).toBeLessThan(z2);
		const lon = (await stableAt(page)).lon;
		await page.keyboard.press('ArrowRight');
		await expect.poll(() => atParam(page)!.lon).toBeGreaterThan(lon);
	});

	test('"Rechercher dans cette zone" limits the list to the visible area', async ({ page, request }) => {
		const { shared } = spots(await loadPoints(request));
		const [, , , lon, lat] = shared[0][0];
		await page.goto(`/?at=15/${lat}/${lon}`);
		await waitForMap(page, 'maplibre');
		const onMap = Number(await page.getByTestId('map').getAttribute('data-points'));
		await page.getByRole('button', { name: 'Rechercher dans cette zone' }).click();
		await expect(page.getByTestId('result-list').getByRole('status')).toContainText('dans la zone visible');
		const inZone = await listTotal(page);
		expect(inZone).toBeGreaterThanOrEqual(shared[0].length);
		expect(inZone).toBeLessThan(onMap);
		await expect(page).toHaveURL(/zone=/);
		await page.getByRole('button', { name: 'Toute la carte' }).click();
		await expect.poll(() => listTotal(page)).toBe(onMap);
	});

	test('the configured basemap failing falls back to the offline style, and says so', async ({ page }) => {
		// Nothing may leave the machine: every outside request fails, as on a network without the tile server.
		await page.route(/^https:\/\//, (route) => route.abort());
		await page.goto('/?fond=ign');
		await waitForMap(page, 'maplibre');
		await expect(page.getByText(/Le fond « Plan IGN » est indisponible/)).toBeVisible();
		// What is drawn is credited, not the basemap that failed.
		const attribution = page.locator('.maplibregl-ctrl-attrib');
		await expect(attribution).toContainText('Fond simplifié Carto ESS');
		// The outlines' own credit (IGN Admin Express) may be there once outlines are imported; the failed
		// basemap's may not.
		await expect(attribution).not.toContainText('Plan IGN');
		await expectListMatchesMap(page);
	});
});

test.describe('autour de moi', () => {
	test.use({
		viewport: DESKTOP,
		geolocation: { latitude: 48.5818, longitude: 7.7507 },
		permissions: ['geolocation']
	});

	test('with the browser position: circle, list sorted by distance and limited to the radius', async ({
		page,
		request
	}) => {
		const points = new Map((await loadPoints(request)).points.map((p) => [p[0], p]));
		await page.goto('/');
		await waitForMap(page, 'maplibre');
		const all = await listTotal(page);
		await page.getByLabel('Rayon').selectOption('1000');
		await page.getByRole('button', { name: 'Me localiser' }).click();
		const status = page.getByRole('region', { name: 'Autour de moi' }).getByRole('status');
		await expect(status).toContainText('Autour de votre position');
		await expectListMatchesMap(page);
		const near = await listTotal(page);
		expect(near).toBeLessThan(all);
		// Nearest first and within the radius, measured from the points' own positions.
		const ids = await page.locator('#lieux-liste li').evaluateAll((lis) => lis.map((li) => li.dataset.id!));
		const metres = ids.map((id) => {
			const [, , , lon, lat] = points.get(id)!;
			return distanceMeters({ lon: 7.7507, lat: 48.5818 }, { lon, lat });
		});
		expect(metres.every((m) => m <= 1000)).toBe(true);
		expect(metres).toEqual([...metres].sort((a, b) => a - b));
		// A place at its quartier's or commune's reference point has no true distance: it says so, not « à 10 m ».
		const metas = await page.locator('#lieux-liste li .meta').allTextContents();
		ids.forEach((id, i) => {
			const precision = points.get(id)![5];
			if (precision >= 2) {
				expect(metas[i]).toContain('position approximative');
				expect(metas[i]).not.toMatch(/à [\d,]+ k?m/);
			} else expect(metas[i]).toMatch(/à [\d,]+ k?m/);
		});
		const approximate = ids.filter((id) => points.get(id)![5] >= 2).length;
		if (approximate) await expect(status).toContainText('en position approximative');
		await page.getByLabel('Rayon').selectOption('5000');
		await expect.poll(() => listTotal(page)).toBeGreaterThan(near);
		await page.getByRole('button', { name: /Arrêter/ }).click();
		await expect.poll(() => listTotal(page)).toBe(all);
	});

	test('when the position is refused, a typed place is used instead', async ({ page }) => {
		await page.addInitScript(() => {
			navigator.geolocation.getCurrentPosition = (_ok, fail) =>
				fail?.({
					code: 1,
					PERMISSION_DENIED: 1,
					POSITION_UNAVAILABLE: 2,
					TIMEOUT: 3,
					message: 'denied'
				} as GeolocationPositionError);
		});
		await page.goto('/');
		await waitForMap(page, 'maplibre');
		await page.getByRole('button', { name: 'Me localiser' }).click();
		await expect(page.getByText('Position refusée')).toBeVisible();
		await page.getByLabel('Adresse, commune ou quartier').fill('Neudorf');
		await page.getByRole('button', { name: 'Chercher autour' }).click();
		const status = page.getByRole('region', { name: 'Autour de moi' }).getByRole('status');
		await expect(status).toContainText('Autour de Neudorf');
		await expectListMatchesMap(page);
		// An address goes through the geocoder (a local double in tests).
		await page.getByLabel('Adresse, commune ou quartier').fill('67 avenue Racine');
		await page.getByRole('button', { name: 'Chercher autour' }).click();
		await expect(status).toContainText('Autour de 67 Avenue Racine 67200 Strasbourg');
	});
});

test.describe('boundaries', () => {
	test.skip(
		!existsSync(SHARED_COMMUNES),
		`${SHARED_COMMUNES} absent: boundary journeys need the shared reference outlines`
	);

	test('geo:import loads commune outlines, moves a misplaced record by point-in-polygon, and refuses a bad file whole', async () => {
		// On a store of its own, seeded as the test store is: the record placed here must not show up in other
		// journeys.
		const dir = mkdtempSync(join(tmpdir(), 'carto-geo-'));
		const side = await sideStore('geo');
		try {
			const db = await side.open();
			// At an address in Schiltigheim (its town hall) but filed under Strasbourg.
			await insertRecord(
				db,
				organisationSchema.parse(
					organisationFixture({
						id: 'test-mal-placee',
						slug: 'test-mal-placee',
						communeCode: '67482',
						location: { lon: 7.7463, lat: 48.6119, precision: 'address' }
					})
				)
			);
			await db.close();
			const ok = geoImport(
				[SHARED_COMMUNES, '--kind', 'commune', '--source', 'IGN Admin Express 2018 (Licence Ouverte)'],
				side.env
			);
			expect(ok.stderr).toBe('');
			expect(ok.status).toBe(0);
			expect(ok.stdout).toContain('33 contour(s) de type commune importé(s)');
			expect(ok.stdout).toContain(
				'test-mal-placee (Structure de test (synthétique)) : 67482 / — / — -> 67447 / — / —'
			);
			const after = await side.open();
			expect(await getRecordById(after, 'test-mal-placee')).toMatchObject({
				communeCode: '67447',
				version: 2
			});
			expect((await listHistory(after, 'test-mal-placee'))[0].action).toBe('geo-assign');
			await after.close();

			const bad = join(dir, 'bad.geojson');
			writeFileSync(
				bad,
				JSON.stringify({
					type: 'FeatureCollection',
					features: [
						{
							type: 'Feature',
							properties: { code: '67482' },
							geometry: {
								type: 'Polygon',
								coordinates: [
									[
										[7.7, 48.5],
										[7.8, 48.6],
										[7.8, 48.5],
										[7.7, 48.6],
										[7.7, 48.5]
									]
								]
							}
						},
						{
							type: 'Feature',
							properties: { code: '75056' },
							geometry: {
								type: 'Polygon',
								coordinates: [
									[
										[7.7, 48.5],
										[7.8, 48.5],
										[7.8, 48.6],
										[7.7, 48.5]
									]
								]
							}
						}
					]
				})
			);
			const refused = geoImport([bad, '--kind', 'commune'], side.env);
			expect(refused.status).toBe(1);
			expect(refused.stderr).toContain("refusé, rien n'a été écrit");
			expect(refused.stderr).toContain('géométrie invalide');
			expect(refused.stderr).toContain('75056');
			const still = await side.open();
			expect((await countBoundaries(still)).commune).toBe(33);
			await still.close();
		} finally {
			await side.drop();
			rmSync(dir, { recursive: true, force: true });
		}
	});

	test('imported outlines are drawn, and quartiers can be coloured by number of initiatives', async ({
		page,
		request
	}) => {
		const dir = mkdtempSync(join(tmpdir(), 'carto-geo-'));
		// Synthetic test squares around each quartier's reference point: not the real outlines.
		const db = await e2eStore();
		const squares = {
			type: 'FeatureCollection',
			features: (await listQuartiers(db)).map((q) => {
				const d = 0.004;
				const [x, y] = [q.point.lon, q.point.lat];
				return {
					type: 'Feature',
					properties: { code: q.code, nom: q.name },
					geometry: {
						type: 'Polygon',
						coordinates: [
							[
								[x - d, y - d],
								[x + d, y - d],
								[x + d, y + d],
								[x - d, y + d],
								[x - d, y - d]
							]
						]
					}
				};
			})
		};
		await db.close();
		const file = join(dir, 'quartiers-test.geojson');
		writeFileSync(file, JSON.stringify(squares));
		try {
			expect(
				geoImport([
					SHARED_COMMUNES,
					'--kind',
					'commune',
					'--source',
					'IGN Admin Express 2018 (Licence Ouverte)'
				]).status
			).toBe(0);
			expect(geoImport([file, '--kind', 'quartier', '--source', 'carrés de test synthétiques']).status).toBe(
				0
			);
			const outlines = await (await request.get('/carte/contours.json')).json();
			expect(
				outlines.features.filter((f: { properties: { kind: string } }) => f.properties.kind === 'commune')
			).toHaveLength(33);

			await page.goto('/');
			await waitForMap(page, 'maplibre');
			await expect(page.locator('.maplibregl-ctrl-attrib')).toContainText('Contours : ');
			const stats = page.getByRole('region', { name: /Initiatives d’habitants par quartier/ });
			const table = stats.getByRole('table');
			await expect(table.getByRole('row')).toHaveCount(12); // header, 10 quartiers, total
			const toggle = stats.getByRole('checkbox', { name: /Colorer les quartiers/ });
			await expect(toggle).toBeEnabled();
			await toggle.check();
			await expect(page.getByText('Initiatives par quartier', { exact: true })).toBeVisible();
			await expect(page).toHaveURL(/quartiers=1/);
			await screenshot(page, 'map-choropleth');

			// With its outline imported, a quartier chosen in the filters fills the map with that outline.
			const square = squares.features.find((f) => f.properties.code === 'SQ_08')!;
			await page.getByLabel(PLACE_FILTER).selectOption('SQ_08');
			await expectFitted(
				page,
				placeBox({ kind: 'quartier', point: { lon: 0, lat: 0 }, outline: square.geometry as Polygon })
			);
		} finally {
			// Leave no synthetic outline behind for other journeys.
			await withStore((cleanup) => replaceBoundaries(cleanup, 'quartier', [], 'nettoyage des tests'));
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
