/**
 * The finder and « Créer son activité » keep the visitor's answers while its page data reloads: an answer changed while the results of
 * the previous one are on their way stays as the visitor left it (the page data used to set every radio
 * again when it arrived), and « Recommencer » still clears the form.
 */
import { expect } from '@playwright/test';
import { test } from './fixtures';

test('an answer changed while the results load is kept when they arrive; « Recommencer » clears it', async ({
	page
}) => {
	await page.goto('/financements/trouver?structure=association');
	// The results take a while to come: long enough to change an answer meanwhile.
	let release: () => void = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/__data.json*', async (route) => {
		await held;
		await route.continue();
	});
	await page.getByRole('radio', { name: 'Création' }).check();
	await page.getByRole('button', { name: 'Voir les financements possibles' }).click();
	await page.getByRole('radio', { name: 'Émergence' }).check();
	release();
	await expect(page).toHaveURL(/[?&]stade=creation/);
	await expect(page.getByRole('heading', { name: /financements? possibles?$/ }).first()).toBeVisible();
	await expect(page.getByRole('radio', { name: 'Émergence' })).toBeChecked();
	await expect(page.getByRole('radio', { name: 'Association non fiscalisée' })).toBeChecked();
	await page.unrouteAll();

	await page.getByRole('link', { name: 'Recommencer' }).click();
	await expect(page).toHaveURL(/\/financements\/trouver$/);
	await expect(page.getByRole('radio', { name: 'Je ne sais pas', exact: true })).toBeChecked();
	await expect(page.getByRole('radio', { name: 'Je ne sais pas encore' })).toBeChecked();
});

test('« Créer son activité » keeps a stage and needs changed while the path loads; « Recommencer » clears them', async ({
	page
}) => {
	await page.goto('/creer?projet=association');
	let release: () => void = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/__data.json*', async (route) => {
		await held;
		await route.continue();
	});
	await page.getByRole('radio', { name: 'Création' }).check();
	await page.getByRole('checkbox', { name: 'Me former' }).check();
	await page.getByRole('button', { name: 'Voir mon parcours' }).click();
	await page.getByRole('radio', { name: 'Émergence' }).check();
	await page.getByRole('checkbox', { name: 'Être accompagné' }).check();
	release();
	await expect(page).toHaveURL(/[?&]stade=creation/);
	await expect(page.getByRole('radio', { name: 'Émergence' })).toBeChecked();
	await expect(page.getByRole('checkbox', { name: 'Me former' })).toBeChecked();
	await expect(page.getByRole('checkbox', { name: 'Être accompagné' })).toBeChecked();
	await page.unrouteAll();

	await page.getByRole('link', { name: 'Recommencer' }).click();
	await expect(page).toHaveURL(/\/creer$/);
	await expect(page.getByRole('radio', { name: 'Je ne sais pas' })).toBeChecked();
	await expect(page.getByRole('checkbox', { name: 'Me former' })).not.toBeChecked();
});
