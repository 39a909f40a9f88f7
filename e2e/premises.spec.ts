/**
 * Premises offered in a place: proposed from the place's page (with and without JavaScript), published in the
 * workspace, shown on the place's page and in « Locaux disponibles » of /lieux with its filter, and in the API;
 * an offer past its end date is shown nowhere but stays in the workspace's history.
 */
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures';
import { todayIso } from '../src/lib/domain/today';
import { createOffer, decideOffer } from '../src/lib/server/db/premises';
import { ensureAccount, gotoReady, login } from './admin-helpers';
import { e2eStore } from './store';
import { expectNoAxeViolations, expectOneH1 } from './helpers';

const EDITOR = 'sacha-locaux@example.org';
const PLACE = { id: 'la-semencerie-ateliers', slug: 'la-semencerie-ateliers' };
const stamp = () => Date.now().toString(36);

/** A date `days` from today, as the form's hint asks (JJ/MM/AAAA). */
function frDate(days: number): string {
	const d = new Date(Date.now() + days * 86_400_000);
	const [y, m, day] = todayIso(d).split('-');
	return `${day}/${m}/${y}`;
}

test.beforeAll(() => ensureAccount(EDITOR, 'Sacha Locaux', 'editor'));

/**
 * The public forms' hourly limit counts every client of this machine, and the other browser tests post from
 * the same address: this file's posts must neither depend on the order files run in nor use up the others'.
 */
async function freeFormSlots() {
	const db = await e2eStore();
	await db.run("DELETE FROM form_slots WHERE form = 'proposal'");
	await db.close();
}
test.beforeAll(freeFormSlots);
test.afterAll(freeFormSlots);

async function fillOffer(page: Page, description: string, rent: 'gratuit' | 'loyer') {
	await page.getByLabel(/^Surface \(m²\)/).fill('38');
	if (rent === 'gratuit') await page.getByRole('radio', { name: /^Gratuit/ }).check();
	else {
		await page.getByRole('radio', { name: 'Loyer', exact: true }).check();
		await page.getByLabel(/^Loyer mensuel minimum/).fill('250');
		await page.getByLabel(/^Loyer mensuel maximum/).fill('320');
	}
	await page.getByLabel(/^Disponible à partir du/).fill(frDate(0));
	await page.getByLabel(/^Offre valable jusqu’au/).fill(frDate(60));
	await page.getByLabel(/^Contact/).fill('Sacha, 03 88 00 11 22');
	await page.getByLabel(/^Description du local/).fill(description);
}

test.describe('premises offers', () => {
	test('offered on a place’s page, published in the workspace, shown on the place, on /lieux and in the API', async ({
		page
	}) => {
		const description = `Un atelier de 38 m² au rez-de-chaussée, proposé par le parcours ${stamp()}.`;
		await page.goto(`/lieux/${PLACE.slug}`);
		await page.getByRole('link', { name: 'Proposer des locaux dans ce lieu' }).click();
		await expectOneH1(page);
		await expectNoAxeViolations(page);
		// Everything left empty: one message per field, named in the summary.
		await page.getByRole('button', { name: 'Envoyer l’offre' }).click();
		await expect(
			page.getByRole('link', { name: 'Surface (m²) : indiquez la surface en mètres carrés' })
		).toBeVisible();
		await expect(
			page.getByRole('link', { name: 'Loyer : choisissez « Gratuit » ou « Loyer »' })
		).toBeVisible();
		await fillOffer(page, description, 'loyer');
		await page.getByRole('button', { name: 'Envoyer l’offre' }).click();
		await expect(page.getByRole('status')).toContainText('votre offre est bien reçue');
		const reference = ((await page.getByRole('status').locator('strong').textContent()) ?? '').trim();
		expect(reference).toMatch(/^ESS-/);

		await page.goto(`/lieux/${PLACE.slug}`);
		await expect(page.getByText(description)).toHaveCount(0);

		await login(page, EDITOR);
		await gotoReady(page, '/admin/locaux');
		await expectNoAxeViolations(page);
		const card = page.getByRole('article').filter({ hasText: reference });
		await expect(card).toContainText('De 250 à 320 € par mois');
		await card.getByRole('button', { name: /^Publier l’offre/ }).click();
		await expect(page.getByRole('status')).toHaveText('Offre publiée.');

		await page.goto(`/lieux/${PLACE.slug}`);
		await expect(page.getByText(description)).toBeVisible();
		await page.goto('/lieux?locaux=oui');
		const section = page.getByRole('region', { name: 'Locaux disponibles' });
		await expect(section).toContainText(description);
		await expect(
			page.getByRole('heading', { level: 2, name: 'La Semencerie', exact: false }).first()
		).toBeVisible();
		// Free offers only: this one has a rent.
		await page.goto('/lieux?locaux=gratuit');
		await expect(page.getByRole('region', { name: 'Locaux disponibles' })).not.toContainText(description);
		const api = await (await page.request.get('/api/v1/lieux?limit=1000')).json();
		const offers = api.items.find((p: { id: string }) => p.id === PLACE.id).premisesOffers;
		expect(offers).toContainEqual(expect.objectContaining({ id: reference, surface: 38, description }));
	});

	test('an offer past its end date is shown nowhere, and stays in the workspace’s history', async ({
		page
	}) => {
		const description = `Une salle dont l’offre est terminée depuis hier ${stamp()}.`;
		const db = await e2eStore();
		const id = await createOffer(db, PLACE.id, {
			surface: 20,
			rent: { kind: 'gratuit' },
			availableFrom: todayIso(new Date(Date.now() - 30 * 86_400_000)),
			availableUntil: todayIso(new Date(Date.now() - 86_400_000)),
			contact: 'Archives, 03 88 00 00 00',
			description
		});
		await decideOffer(db, id, { status: 'published', by: 'e2e' });
		await db.close();
		await page.goto(`/lieux/${PLACE.slug}`);
		await expect(page.getByText(description)).toHaveCount(0);
		await page.goto('/lieux?locaux=oui');
		await expect(page.getByText(description)).toHaveCount(0);
		await login(page, EDITOR);
		await gotoReady(page, '/admin/locaux');
		await expect(page.getByRole('listitem').filter({ hasText: 'publiée, terminée' }).first()).toBeVisible();
	});

	test.describe('without JavaScript', () => {
		test.use({ javaScriptEnabled: false });
		test('the form keeps what was typed after an error, then gives a reference', async ({ page }) => {
			await page.goto(`/lieux/${PLACE.slug}/locaux`);
			await fillOffer(page, 'court', 'gratuit');
			await page.getByRole('button', { name: 'Envoyer l’offre' }).click();
			await expect(
				page.getByRole('link', { name: 'Description du local : au moins 20 caractères' })
			).toBeVisible();
			await expect(page.getByLabel(/^Surface \(m²\)/)).toHaveValue('38');
			await expect(page.getByRole('radio', { name: /^Gratuit/ })).toBeChecked();
			await page.getByLabel(/^Description du local/).fill('Une petite salle prêtée le mardi, sans script.');
			await page.getByRole('button', { name: 'Envoyer l’offre' }).click();
			await expect(page.getByRole('status')).toContainText('votre offre est bien reçue');
		});
	});
});
