/**
 * Places proposed and corrected by visitors: « Proposer un lieu » from /lieux, hours typed in words, the
 * proposal approved in the workspace, then the place on /lieux and in the map's list of the places layer; a
 * correction of a place's hours that leaves the curated text as it was.
 */
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures';
import { getRecordById, insertRecord } from '../src/lib/server/db/records';
import { placeSchema } from '../src/lib/domain/records';
import { ensureAccount, gotoReady, login } from './admin-helpers';
import { e2eStore } from './store';
import { expectNoAxeViolations, expectOneH1 } from './helpers';

const EDITOR = 'dominique-lieux@example.org';
const unique = (what: string) => `${what} ${Date.now().toString(36)}`;
const slugOf = (name: string) =>
	name
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');

test.beforeAll(() => ensureAccount(EDITOR, 'Dominique Lieux', 'editor'));

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

async function fillPlace(page: Page, name: string, hours: string) {
	await page.getByLabel(/^Nom du lieu/).fill(name);
	await page
		.getByLabel(/^Quel est ce lieu/)
		.fill('Une cuisine équipée que les associations réservent à la demi-journée.');
	await page.getByRole('checkbox', { name: 'Cuisine partagée' }).check();
	await page.getByLabel(/^Ce qu’on y trouve/).fill('Cuisine équipée\nChambre froide');
	await page.getByLabel(/^Horaires d’ouverture/).fill(hours);
	await page.getByLabel(/^Quartier ou commune/).selectOption('67482:SQ_08');
	await page.getByRole('radio', { name: 'Seulement le quartier ou la commune' }).check();
}

async function referenceOf(page: Page): Promise<string> {
	await expect(page).toHaveURL(/\/proposer\/merci\/ESS-/);
	return ((await page.locator('.ref').textContent()) ?? '').trim();
}

test.describe('places proposed by visitors', () => {
	test('proposed from /lieux, approved in the workspace, shown on /lieux and in the map’s places list', async ({
		page
	}) => {
		const name = unique('Cuisine partagée du parcours');
		await page.goto('/lieux');
		await page.getByRole('link', { name: 'Proposer un lieu' }).click();
		await expect(page).toHaveURL(/\/proposer\/lieu$/);
		await expectOneH1(page);
		await expectNoAxeViolations(page);
		await fillPlace(page, name, 'du lundi au vendredi de 9h à 18h\nle mardi soir');
		await page.getByRole('button', { name: /^Envoyer/ }).click();
		// The summary names the field, the message names the line.
		await expect(
			page.getByRole('link', { name: /^Horaires d’ouverture : ligne 2, « le mardi soir » illisible/ })
		).toBeVisible();
		await expect(page.getByLabel(/^Nom du lieu/)).toHaveValue(name);
		await page.getByLabel(/^Horaires d’ouverture/).fill('du lundi au vendredi de 9h à 18h\nsamedi 10h-12h');
		await page.getByRole('button', { name: /^Envoyer/ }).click();
		const reference = await referenceOf(page);

		await page.goto('/lieux');
		await expect(page.getByRole('link', { name })).toHaveCount(0);

		await login(page, EDITOR);
		await gotoReady(page, `/admin/moderation/${reference}`);
		await expect(page.getByRole('heading', { level: 1 })).toContainText('Nouveau lieu');
		await expect(page.getByRole('table')).toContainText('lu-ve 09:00-18:00; sa 10:00-12:00');
		await page.getByRole('button', { name: 'Approuver' }).click();
		await expect(page.getByRole('status')).toContainText('Proposition approuvée');

		await page.goto('/lieux?type-lieu=cuisine-partagee');
		await page.getByRole('link', { name }).click();
		await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
		await expect(page.getByText(/^Samedi : 10/)).toBeVisible();
		await page.goto('/carte?couches=lieux');
		await expect(page.locator('#lieux-liste')).toContainText(name);
		await page.goto(`/proposer/suivi/${reference}`);
		await expect(page.getByText(`Votre proposition de lieu « ${name} »`)).toBeVisible();
	});

	test.describe('without JavaScript', () => {
		test.use({ javaScriptEnabled: false });
		test('the form validates the hours, keeps what was typed and gives a reference', async ({ page }) => {
			const name = unique('Atelier partagé sans script');
			await page.goto('/proposer/lieu');
			await fillPlace(page, name, 'lundi 9h-12h\nmarbre 9h-12h');
			await page.getByRole('button', { name: /^Envoyer/ }).click();
			await expect(
				page.getByRole('link', {
					name: /^Horaires d’ouverture : ligne 2, « marbre 9h-12h » illisible : jour « marbre » inconnu/
				})
			).toBeVisible();
			await expect(page.getByLabel(/^Horaires d’ouverture/)).toHaveAttribute('aria-invalid', 'true');
			await expect(page.getByLabel(/^Horaires d’ouverture/)).toHaveValue('lundi 9h-12h\nmarbre 9h-12h');
			await page.getByLabel(/^Horaires d’ouverture/).fill('lundi 9h-12h\nmardi 9h-12h');
			await page.getByRole('button', { name: /^Envoyer/ }).click();
			expect(await referenceOf(page)).toMatch(/^ESS-/);
		});
	});

	test('a correction of a place’s hours, approved, leaves the curated text as it was', async ({ page }) => {
		const id = slugOf(unique('Atelier a corriger'));
		const db = await e2eStore();
		await insertRecord(
			db,
			placeSchema.parse({
				kind: 'place',
				id,
				slug: id,
				name: `Atelier à corriger ${id.slice(-6)}`,
				description: 'Un atelier décrit avec soin par l’équipe, d’après sa visite.',
				status: 'published',
				sources: [{ reference: 'Visite de l’équipe', seen: '2026-11-01' }],
				lastVerified: '2026-11-01',
				confidence: 'medium',
				caveats: [],
				placeTypes: ['atelier-partage'],
				services: ['Établis', 'Outils partagés'],
				audience: 'Habitants et associations',
				terms: 'adhesion',
				openingHours: 'lu-ve 09:00-18:00',
				communeCode: '67482',
				quartierCode: 'SQ_08'
			}),
			{ by: 'e2e', action: 'create' }
		);
		await db.close();

		await page.goto(`/lieux/${id}`);
		await page.getByRole('link', { name: 'Signaler une erreur' }).click();
		await expect(page.getByLabel(/^Ce qu’on y trouve/)).toHaveValue('Établis\nOutils partagés');
		await expect(page.getByLabel(/^Horaires d’ouverture/)).toHaveValue('lu-ve 09:00-18:00');
		await page.getByLabel(/^Horaires d’ouverture/).fill('mardi et jeudi de 14h à 19h');
		await page.getByLabel(/^Qu’est-ce qui est faux/).fill('Les horaires affichés sur la porte ont changé.');
		await page.getByRole('button', { name: /^Envoyer/ }).click();
		const reference = await referenceOf(page);

		await login(page, EDITOR);
		await gotoReady(page, `/admin/moderation/${reference}`);
		await expect(page.getByRole('table')).toContainText('ma,je 14:00-19:00');
		await expect(page.getByRole('table')).not.toContainText('Outils partagés');
		await page.getByRole('button', { name: 'Approuver' }).click();
		await expect(page.getByRole('status')).toContainText('Proposition approuvée');

		const check = await e2eStore();
		expect(await getRecordById(check, id)).toMatchObject({
			openingHours: 'ma,je 14:00-19:00',
			description: 'Un atelier décrit avec soin par l’équipe, d’après sa visite.',
			services: ['Établis', 'Outils partagés'],
			audience: 'Habitants et associations',
			confidence: 'medium'
		});
		await check.close();
		await page.goto(`/lieux/${id}`);
		await expect(page.getByText('Outils partagés')).toBeVisible();
	});
});
