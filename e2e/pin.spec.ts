/**
 * Placing a point by dragging a marker: in the public proposal forms and in the workspace's record form,
 * with MapLibre, with the keyboard, with Leaflet where WebGL is missing, and, without JavaScript, the typed
 * longitude and latitude alone. The map loads only when asked for; no request leaves the site (the offline
 * basemap is set by the Playwright web server).
 */
import { expect } from '@playwright/test';
import { test } from './fixtures';
import { getRecordById } from '../src/lib/server/db/records';
import { ensureAccount, gotoReady, login } from './admin-helpers';
import { e2eStore } from './store';
import { expectNoAxeViolations, watchErrors } from './helpers';
import {
	MEINAU,
	drag,
	fillStructure,
	latBox,
	lonBox,
	openMap,
	pinMap,
	storedPayload,
	submitAndGetReference,
	values
} from './pin-helpers';

const EDITOR = 'dominique-repere@example.org';
test.beforeAll(() => ensureAccount(EDITOR, 'Dominique Repère', 'editor'));

test.describe('the pin, with MapLibre', () => {
	test('public form: no map until asked, drag, keyboard, typed coordinates both ways, then the proposal', async ({
		page
	}) => {
		const errors = watchErrors(page);
		const mapRequests: string[] = [];
		page.on('request', (r) => {
			if (/maplibre|leaflet/i.test(r.url())) mapRequests.push(r.url());
		});
		await gotoReady(page, '/proposer/structure');
		await fillStructure(page, `Structure épinglée ${Date.now().toString(36)}`);
		await expect(pinMap(page)).toHaveCount(0);
		expect(mapRequests, 'no map library before the person asks for a map').toEqual([]);

		await openMap(page).click();
		await expect(pinMap(page)).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
		await expect(pinMap(page)).toHaveAttribute('data-engine', 'maplibre');
		expect(mapRequests.length).toBeGreaterThan(0);
		// Nothing typed yet: the map opens on the chosen quartier, and the fields stay empty until a pin is placed.
		await expect(pinMap(page)).toHaveAttribute('data-pin', `${MEINAU.lon},${MEINAU.lat}`);
		await expect(lonBox(page)).toHaveValue('');

		// Dragged to the right and up: east and north of where it was.
		const marker = page.getByRole('button', { name: /Repère du lieu/ });
		await drag(page, marker, 120, -60);
		await expect(lonBox(page)).not.toHaveValue('');
		const dragged = await values(page);
		expect(dragged.lon).toBeGreaterThan(MEINAU.lon);
		expect(dragged.lat).toBeGreaterThan(MEINAU.lat);
		await expect(page.getByText(/Repère placé : longitude/)).toBeAttached();

		// The focused marker moves with the arrows (10 pixels with Shift).
		await marker.focus();
		await page.keyboard.press('Shift+ArrowLeft');
		await expect.poll(async () => (await values(page)).lon).toBeLessThan(dragged.lon);

		// On the map, arrows move the map and Enter places the pin at the crosshair.
		const canvas = page
			.getByRole('region', { name: 'Carte pour placer le lieu' })
			.or(page.getByLabel('Carte pour placer le lieu'));
		await canvas.first().focus();
		const before = await values(page);
		for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
		await page.waitForTimeout(600);
		await page.keyboard.press('Enter');
		await expect.poll(async () => (await values(page)).lat).toBeLessThan(before.lat);

		// Typed coordinates move the pin.
		await lonBox(page).fill('7,7466');
		await latBox(page).fill('48,5613');
		await expect(pinMap(page)).toHaveAttribute('data-pin', '7.7466,48.5613');
		await expectNoAxeViolations(page);

		const reference = await submitAndGetReference(page);
		expect((await storedPayload(reference)).place).toMatchObject({
			locationMode: 'pin',
			lon: 7.7466,
			lat: 48.5613,
			precision: 'address'
		});
		expect(errors).toEqual([]);
	});

	test('record form: the pin sets longitude, latitude and the precision « à l’adresse », then saves', async ({
		page
	}) => {
		const api = await page.request.get('/api/v1/organisations?limit=1&offset=13');
		const org = (await api.json()).items[0] as { id: string; name: string };
		await login(page, EDITOR);
		await gotoReady(page, `/admin/fiches/${org.id}`);
		await openMap(page).click();
		await expect(pinMap(page)).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
		const start = await values(page);
		await drag(page, page.getByRole('button', { name: /Repère du lieu/ }), -100, 40);
		await expect.poll(async () => (await values(page)).lon).toBeLessThan(start.lon);
		await expect(page.getByRole('combobox', { name: 'Précision de la position' })).toHaveValue('address');
		const placed = await values(page);
		await page.getByRole('textbox', { name: 'Adresse', exact: true }).fill('1 rue du Repère');
		await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
		await expect(page.getByRole('status')).toContainText('Modifications enregistrées');
		const db = await e2eStore();
		expect(await getRecordById(db, org.id)).toMatchObject({
			location: { lon: placed.lon, lat: placed.lat, precision: 'address' }
		});
		await db.close();
	});
});

test('the record form hydrates for the map without losing what was typed while its scripts loaded', async ({
	page
}) => {
	const api = await page.request.get('/api/v1/organisations?limit=1&offset=17');
	const org = (await api.json()).items[0] as { id: string };
	await login(page, EDITOR);
	await page.route(/\/_app\/immutable\/.*\.js$/, async (route) => {
		await new Promise((resolve) => setTimeout(resolve, 1500));
		await route.continue();
	});
	await page.goto(`/admin/fiches/${org.id}`, { waitUntil: 'domcontentloaded' });
	await page.getByRole('textbox', { name: 'Description', exact: true }).fill('Tapée avant les scripts.');
	await page.getByRole('textbox', { name: 'Longitude' }).fill('7.7');
	await page.getByRole('checkbox', { name: 'Structure de l’ESS' }).uncheck();
	await page.getByRole('combobox', { name: 'Précision de la position' }).selectOption('street');
	// Hydrated: the map button appears.
	await expect(openMap(page)).toBeVisible({ timeout: 15_000 });
	await expect(page.getByRole('textbox', { name: 'Description', exact: true })).toHaveValue(
		'Tapée avant les scripts.'
	);
	await expect(page.getByRole('textbox', { name: 'Longitude' })).toHaveValue('7.7');
	await expect(page.getByRole('checkbox', { name: 'Structure de l’ESS' })).not.toBeChecked();
	await expect(page.getByRole('combobox', { name: 'Précision de la position' })).toHaveValue('street');
});

test.describe('without JavaScript, the typed coordinates are the form', () => {
	test.use({ javaScriptEnabled: false });

	test('public form and record form: no map, the typed point is stored', async ({ page }) => {
		await page.goto('/proposer/structure');
		await fillStructure(page, `Structure tapée ${Date.now().toString(36)}`);
		await expect(openMap(page)).toHaveCount(0);
		await lonBox(page).fill('7,7512');
		await latBox(page).fill('48,5655');
		const reference = await submitAndGetReference(page);
		expect((await storedPayload(reference)).place).toMatchObject({
			lon: 7.7512,
			lat: 48.5655,
			precision: 'address'
		});

		const api = await page.request.get('/api/v1/organisations?limit=1&offset=15');
		const org = (await api.json()).items[0] as { id: string };
		await login(page, EDITOR);
		await page.goto(`/admin/fiches/${org.id}`);
		await expect(openMap(page)).toHaveCount(0);
		await page.getByRole('textbox', { name: 'Adresse', exact: true }).fill('2 rue Tapée');
		await page.getByRole('textbox', { name: 'Longitude' }).fill('7.7512');
		await page.getByRole('textbox', { name: 'Latitude' }).fill('48.5655');
		await page.getByRole('combobox', { name: 'Précision de la position' }).selectOption('address');
		await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
		await expect(page.getByRole('status')).toContainText('Modifications enregistrées');
		const db = await e2eStore();
		expect(await getRecordById(db, org.id)).toMatchObject({
			location: { lon: 7.7512, lat: 48.5655, precision: 'address' }
		});
		await db.close();
	});
});
