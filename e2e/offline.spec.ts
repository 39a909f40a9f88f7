import { expect, type Page } from '@playwright/test';
import { getRecordById, insertRecord } from '../src/lib/server/db/records';
import { e2eStore } from './store';
import { test } from './fixtures';
import { expectNoAxeViolations } from './helpers';

// The other journeys block the service worker (playwright.config.ts); these are about it.
test.use({ serviceWorkers: 'allow' });

const QUARTIER = 'meinau';

/** Waits until the service worker is installed and controls the page (it claims clients on activation). */
async function controlled(page: Page) {
	await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
	await page.waitForFunction(() => !!navigator.serviceWorker.controller);
}

test.describe('offline', () => {
	test('the site is installable: a manifest on every page, its icons, a service worker', async ({
		page,
		request
	}) => {
		for (const path of ['/', '/annuaire', `/quartiers/${QUARTIER}`, '/financements']) {
			await page.goto(path);
			await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', /\/manifest\.webmanifest$/);
		}
		const res = await request.get('/manifest.webmanifest');
		expect(res.ok()).toBe(true);
		const manifest = await res.json();
		expect(manifest).toMatchObject({
			short_name: 'Carto ESS',
			start_url: '/',
			display: 'standalone',
			lang: 'fr'
		});
		const sizes = (manifest.icons as { sizes: string; src: string }[]).map((i) => i.sizes);
		expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
		for (const icon of manifest.icons as { src: string }[])
			expect((await request.get(icon.src)).ok(), icon.src).toBe(true);
		const worker = await request.get('/service-worker.js');
		expect(worker.ok()).toBe(true);
		expect(worker.headers()['content-type']).toMatch(/javascript/);
		await controlled(page);
	});

	test('recently visited pages open offline; others say they were not saved', async ({ page, context }) => {
		await page.goto('/');
		await controlled(page);
		await page.goto('/annuaire?q=jardin');
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		const title = await page.title();
		await context.setOffline(true);
		await page.goto('/annuaire?q=jardin');
		expect(await page.title()).toBe(title);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await page.goto('/financements/a-verifier');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vous êtes hors ligne');
		await context.setOffline(false);
		// Back online, pages come from the network again (the network goes first).
		await page.goto('/financements/a-verifier');
		await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Vous êtes hors ligne');
	});

	test('« Emporter ce quartier » saves its page, its records and the map of the area; it refreshes when the data change', async ({
		page,
		context,
		request
	}) => {
		// Many pages saved, then read offline, then saved again: longer than one journey on a loaded machine.
		test.slow();
		const pack = await (await request.get(`/quartiers/${QUARTIER}/hors-ligne.json`)).json();
		const initiatives = (await (await request.get('/api/v1/initiatives?quartier=SQ_07')).json()).items as {
			slug: string;
			name: string;
		}[];
		expect(initiatives.length).toBeGreaterThan(0);

		await page.goto(`/quartiers/${QUARTIER}`);
		await controlled(page);
		const region = page.getByRole('region', { name: 'Sans connexion' });
		await expectNoAxeViolations(page);
		await region.getByRole('button', { name: 'Emporter ce quartier' }).click();
		await expect(region.getByRole('status')).toHaveText(/est enregistré sur cet appareil/, {
			timeout: 20_000
		});
		await expect(region).toContainText(/Enregistré le \d+ \S+ \d{4}/);

		await context.setOffline(true);
		// The quartier's page, never visited offline-ready by browsing alone: from the pack.
		await page.goto(`/quartiers/${QUARTIER}`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Meinau');
		await expect(page.getByRole('region', { name: 'Sans connexion' })).toContainText(/Enregistré le/);
		// A record of the quartier, reached by its link (a client-side navigation: SvelteKit's data from the pack).
		const first = initiatives[0];
		await page.getByRole('link', { name: first.name, exact: true }).first().click();
		await expect(page).toHaveURL(new RegExp(`/initiatives/${first.slug}$`));
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(first.name);
		// Another one opened directly.
		const last = initiatives.at(-1)!;
		await page.goto(`/initiatives/${last.slug}`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(last.name);
		// The map of the area on the built-in basemap: its list and its map load with no network.
		const map = (pack.pages as string[]).find((p) => p.startsWith('/carte'))!;
		expect(map).toContain('fond=offline');
		await page.goto(map);
		await expect(page.locator('#lieux-liste li').first()).toBeVisible();
		await expect(page.locator('#lieux-liste')).toContainText(first.name);
		await expect(page.locator('.maplibregl-canvas, .leaflet-container').first()).toBeVisible({
			timeout: 20_000
		});
		await context.setOffline(false);

		// The data change (any write bumps the version): the saved quartier is saved again on the next visit.
		const db = await e2eStore();
		if (!(await getRecordById(db, 'hors-ligne-brouillon')))
			await insertRecord(db, {
				id: 'hors-ligne-brouillon',
				slug: 'hors-ligne-brouillon',
				name: 'Brouillon du parcours hors ligne (synthétique)',
				kind: 'organisation',
				description: 'Brouillon créé pour changer la version des données.',
				status: 'draft',
				sources: [{ reference: 'Test (synthétique)', seen: '2026-11-01' }],
				lastVerified: '2026-11-01',
				confidence: 'low',
				caveats: [],
				synthetic: true,
				roles: ['acteur'],
				legalForm: 'association-declaree',
				isEss: true,
				approvals: [],
				fiscalStatus: 'inconnu',
				thematiques: [],
				sectors: [],
				tags: [],
				contact: {},
				communeCode: '67482'
			});
		await db.close();
		const next = await (await request.get(`/quartiers/${QUARTIER}/hors-ligne.json`)).json();
		expect(next.version).toBeGreaterThan(pack.version);
		await page.goto(`/quartiers/${QUARTIER}`);
		await expect(page.getByRole('region', { name: 'Sans connexion' }).getByRole('status')).toHaveText(
			'Quartier enregistré mis à jour avec les dernières données.',
			{ timeout: 20_000 }
		);
		const meta = await page.evaluate(async (slug) => {
			const hit = await (await caches.open(`pack-${slug}`)).match('/__pack__');
			return hit?.json() as Promise<{ version: number }>;
		}, QUARTIER);
		expect(meta.version).toBe(next.version);
	});
});
