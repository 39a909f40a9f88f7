/**
 * A buyer's need from publication to moderation to a supplier's answer seen through the private link, with
 * and without JavaScript; the link renewed revokes the old one.
 */
import { expect } from '@playwright/test';
import { test } from './fixtures';
import { ensureAccount, login } from './admin-helpers';
import { expectNoAxeViolations, expectOneH1, watchErrors } from './helpers';

const EDITOR = 'dominique-besoins@example.org';

test.beforeAll(() => ensureAccount(EDITOR, 'Dominique Besoins', 'editor'));

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

for (const js of [false, true]) {
	test(`a need goes from publication to moderation to an answer seen through the private link (${js ? 'with' : 'without'} JavaScript)`, async ({
		browser
	}) => {
		const buyer = await browser.newContext({ javaScriptEnabled: js });
		const page = await buyer.newPage();
		const title = `Réemploi de mobilier de bureau ${js ? 'A' : 'B'}${Date.now() % 100000}`;

		await page.goto('/acheter');
		await page.getByRole('link', { name: 'Besoins publiés par des acheteurs' }).click();
		await page.getByRole('link', { name: 'Publier un besoin' }).first().click();
		await expectOneH1(page);
		// Sent empty: every error names its field, in French, and the summary takes the focus.
		await page.getByRole('button', { name: 'Envoyer pour publication' }).click();
		const summary = page.getByRole('alert');
		await expect(summary).toContainText('Titre du besoin : au moins 5 caractères');
		await expect(summary).toContainText('Activité : choisissez une activité de la liste');
		await expect(summary).toContainText('E-mail de l’acheteur : adresse e-mail invalide');
		// From here on, nothing may fail (the refusal above answers 400, which the console reports).
		const errors = watchErrors(page);

		await page.getByLabel('Titre du besoin').fill(title);
		await page.getByLabel('Activité').selectOption({ label: 'Environnement, énergie et réemploi' });
		await page.getByLabel('Lieu d’exécution').selectOption({ label: 'Strasbourg' });
		await page.getByLabel('Base juridique').selectOption({ value: 'L2113-13' });
		await page.getByLabel('Date limite de réponse').fill(inDays(20));
		await page
			.getByLabel('Description du besoin')
			.fill('Collecte et remise en état de 200 postes de travail sur trois sites.');
		await page.getByLabel(/^Acheteur/).fill('Ville de Test');
		await page.getByLabel('E-mail de l’acheteur').fill('achats@ville-test.example');
		await page.getByRole('button', { name: 'Envoyer pour publication' }).click();
		await expect(page.getByRole('heading', { name: 'Suivi de votre besoin', level: 1 })).toBeVisible();
		await expect(page.getByRole('status')).toContainText('il sera publié après relecture');
		const followUrl = page.url();
		expect(followUrl).toMatch(/\/acheter\/besoins\/suivi\/[A-Za-z0-9_-]{43}/);
		await expect(page.getByText('État : En attente de modération')).toBeVisible();
		// Not public before moderation.
		await page.goto('/acheter/besoins');
		await expect(page.getByRole('link', { name: title })).toHaveCount(0);

		const editorContext = await browser.newContext();
		const editor = await editorContext.newPage();
		await login(editor, EDITOR);
		await editor.getByRole('link', { name: 'Besoins', exact: true }).click();
		await editor.getByRole('button', { name: `Publier « ${title} »` }).click();
		await expect(editor.getByRole('status')).toContainText('Décision enregistrée.');
		await editorContext.close();

		// Public now, with the insertion structures that match it; a supplier answers.
		await page.goto('/acheter/besoins');
		await page.getByRole('link', { name: title }).click();
		await expectOneH1(page);
		await expect(page.getByTestId('need-matches')).toContainText('Envie Strasbourg');
		await page.getByLabel('Nom de la structure').fill('Envie Strasbourg');
		await page.getByLabel('E-mail de contact').fill('contact@envie.example');
		await page
			.getByLabel('Message à l’acheteur')
			.fill('Nous pouvons reprendre et remettre en état les postes.');
		await page.getByRole('button', { name: 'Envoyer ma réponse' }).click();
		await expect(page.getByRole('status')).toContainText('l’acheteur voit votre réponse');
		if (js) await expectNoAxeViolations(page);

		// The buyer sees it through the private link and gives it a status.
		await page.goto(followUrl);
		const answers = page.getByTestId('interests');
		await expect(answers).toContainText('Envie Strasbourg');
		await expect(answers).toContainText('Nous pouvons reprendre');
		await page.getByLabel('Statut de la réponse de Envie Strasbourg').selectOption({ label: 'Retenue' });
		await page.getByRole('button', { name: 'Enregistrer' }).click();
		await expect(page.getByLabel('Statut de la réponse de Envie Strasbourg')).toHaveValue('retenue');
		if (js) await expectNoAxeViolations(page);

		// Renewing the link revokes the old one.
		await page.getByLabel('Je veux un nouveau lien').check();
		await page.getByRole('button', { name: 'Renouveler le lien privé' }).click();
		await expect(page.getByRole('status')).toContainText('l’ancien ne fonctionne plus');
		expect(page.url()).not.toBe(followUrl);
		const old = await page.request.get(followUrl);
		expect(old.status()).toBe(404);
		expect(errors).toEqual([]);
		await buyer.close();
	});
}
