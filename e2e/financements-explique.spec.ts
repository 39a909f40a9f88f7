import { expect, type Page } from '@playwright/test';
import { test } from './fixtures';
import { expectNoAxeViolations, expectOneH1, watchErrors } from './helpers';
import { pdfPageTexts, squash } from './pdf-helpers';

/**
 * The funding finder explains itself: what each stage means and the tools one stage away, why a profile
 * gets no grant, what a QPV answer changes, approvals as steps « à obtenir », availability « à vérifier »
 * counted but flagged in the estimate, results to compare and to print. Each journey through the form runs
 * with and without JavaScript.
 */

interface Answers {
	structure: string;
	stade: string;
	montant?: string;
	territoire: string;
	forme?: string;
}

async function answer(page: Page, a: Answers) {
	await page.goto('/financements/trouver');
	await page.getByRole('radio', { name: a.structure }).check();
	if (a.forme) await page.getByLabel('Sa forme juridique').selectOption({ label: a.forme });
	await page.getByRole('radio', { name: a.stade, exact: true }).check();
	if (a.montant) await page.getByLabel('Le montant recherché, en euros').fill(a.montant);
	await page.getByLabel('Où se situe votre projet').selectOption({ label: a.territoire });
	await page.getByRole('button', { name: 'Voir les financements possibles' }).click();
	await expect(page).toHaveURL(/[?&]stade=/);
}

const results = (page: Page) => page.getByRole('region', { name: /financements? possibles?$/ });
const resultNames = (page: Page) => results(page).getByRole('heading', { level: 3 }).allInnerTexts();

const CREATION: Answers = {
	structure: 'Association non fiscalisée',
	stade: 'Création',
	montant: '20000',
	territoire: 'Strasbourg'
};

for (const js of [false, true]) {
	test.describe(js ? 'with JavaScript' : 'without JavaScript', () => {
		test.use({ javaScriptEnabled: js });

		test('stages: each is explained, the neighbouring stage is shown apart, no grant is explained', async ({
			page
		}) => {
			await page.goto('/financements/trouver');
			await expect(page.getByRole('radio', { name: 'Création', exact: true })).toHaveAccessibleDescription(
				/La structure se crée ou vient d’être créée et l’activité démarre/
			);
			await expect(page.getByRole('radio', { name: 'Émergence', exact: true })).toHaveAccessibleDescription(
				/l’activité n’a pas encore démarré/
			);
			await answer(page, CREATION);
			const names = await resultNames(page);
			// At création the data holds no grant: loans, guarantees and quasi-equity only.
			expect(names).not.toContain('Pacte Émergence / Fonds de confiance (France Active)');
			const next = page.getByRole('region', { name: /Prévus pour une étape voisine/ });
			await expect(next.getByRole('listitem').filter({ hasText: 'Pacte Émergence' })).toBeVisible();
			await expect(next).toContainText(
				'Prévu pour l’étape d’émergence : peut encore convenir si votre activité n’a pas encore vraiment démarré'
			);
			await expect(next).toContainText('Prévu pour l’étape de développement : peut déjà convenir si');
			await expect(results(page)).toContainText('Aucune subvention ni autre aide non remboursable');
			const why = page.getByRole('region', { name: 'Aucune subvention pour ce profil : pourquoi' });
			await expect(why).toContainText('Prévues pour une autre étape : émergence');
			await expect(why).toContainText('Fermées : Bourse nationale');
			await expect(why).toContainText('À regarder plutôt');
			await expect(why).toContainText("Contrat d'apport associatif (France Active)");
			// Not listed twice: a tool of the neighbouring stage is not among the non-eligible ones.
			await expect(
				page
					.getByRole('region', { name: /Non éligibles/ })
					.getByRole('listitem')
					.filter({ hasText: 'Pacte Émergence' })
			).toHaveCount(0);
		});

		test('QPV: the answer says what it changes, and why', async ({ page }) => {
			await answer(page, {
				...CREATION,
				stade: 'Émergence',
				montant: undefined,
				territoire: 'QPV Hautepierre'
			});
			await expect(page).toHaveURL(/territoire=qpv-hautepierre/);
			const qpvNames = await resultNames(page);
			// CitésLab is reserved to residents of the QPV: it is the difference, and the answer names it.
			const citeslab = 'CitésLab Strasbourg : créer son entreprise depuis un quartier prioritaire';
			expect(qpvNames).toContain(citeslab);
			await expect(results(page)).toContainText(
				`Votre réponse « QPV Hautepierre » change vos résultats : ${citeslab} est réservé aux quartiers prioritaires`
			);
			await expect(results(page)).toContainText(
				"Un autre outil recensé réservé aux QPV, Bourse nationale d'expérimentation en faveur de la participation des habitants, est fermé."
			);
			// The same profile in Strasbourg: the same results without CitésLab, and no word about QPV.
			await page.goto('/financements/trouver?structure=association&stade=emergence&territoire=67482');
			expect(await resultNames(page)).toEqual(qpvNames.filter((n) => n !== citeslab));
			await expect(results(page)).not.toContainText('Quartier prioritaire :');
		});

		test('approvals: ESUS is a step « à obtenir », not among the money nor in the estimate', async ({
			page
		}) => {
			await answer(page, {
				structure: 'Structure fiscalisée',
				forme: "Société commerciale de l'ESS (SAS, SARL...)",
				stade: "Changement d'échelle",
				montant: '300000',
				territoire: 'Strasbourg'
			});
			const esus = "Agrément ESUS (entreprise solidaire d'utilité sociale)";
			expect(await resultNames(page)).not.toContain(esus);
			const steps = page.getByRole('region', { name: 'À obtenir : agréments et labels' });
			const card = steps.getByRole('article', { name: esus });
			await expect(card).toContainText('À obtenir · n’apporte pas d’argent');
			await expect(card.getByRole('term').filter({ hasText: 'Ce qu’il ouvre' })).toBeVisible();
			await expect(card).toContainText("qui ouvre l'accès à l'épargne solidaire");
			await expect(card.getByRole('term').filter({ hasText: 'Comment l’obtenir' })).toBeVisible();
			await expect(card).toContainText("Demande auprès de l'État (DDETS).");
			await expect(card).toContainText('Aucun outil de vos résultats ne l’exige');
			await expect(page.getByRole('region', { name: 'Estimation du total mobilisable' })).not.toContainText(
				'Agrément ESUS'
			);
		});

		test('availability: uncertain tools counted in the estimate, flagged « disponibilité à vérifier »', async ({
			page
		}) => {
			await answer(page, CREATION);
			const estimate = page.getByRole('region', { name: 'Estimation du total mobilisable' });
			// Apport associatif and prêt participatif capped at 20 000 €, Clubs Cigales 10 000 €.
			await expect(estimate).toContainText(/Estimation : jusqu’à environ 50\s000\s€/);
			await expect(estimate).not.toContainText(/environ 0\s€/);
			await expect(estimate).toContainText(/Dont 50\s000\s€ d’outils à la disponibilité à vérifier/);
			await expect(estimate).toContainText('Aucun des outils comptés n’a de disponibilité confirmée');
			const table = estimate.getByRole('table', { name: 'Détail de l’estimation' });
			await expect(table.getByRole('row').filter({ hasText: 'Clubs Cigales' })).toContainText('À vérifier');
			await expect(
				results(page)
					.getByRole('article')
					.filter({ hasText: 'Clubs Cigales' })
					.getByText('Disponibilité à vérifier', { exact: true })
			).toBeVisible();
			await expect(page.locator('main')).not.toContainText('non confirmée');
		});

		test('results: « Comparer » boxes on the results, three at most', async ({ page }) => {
			await answer(page, { ...CREATION, structure: 'Structure fiscalisée' });
			const boxes = results(page).getByRole('checkbox', { name: /^Comparer / });
			expect(await boxes.count()).toBeGreaterThan(3);
			const names = (await resultNames(page)).slice(0, 3);
			for (const name of names)
				await results(page)
					.getByRole('checkbox', { name: `Comparer ${name}` })
					.check();
			if (js) {
				await expect(boxes.nth(3)).toBeDisabled();
				await boxes.nth(0).uncheck();
				await expect(boxes.nth(3)).toBeEnabled();
				await boxes.nth(0).check();
			}
			await results(page).getByRole('button', { name: 'Comparer la sélection' }).first().click();
			await expect(page).toHaveURL(/\/financements\/comparer\?outils=/);
			const table = page.getByRole('table', { name: 'Comparaison de 3 outils de financement' });
			for (const name of names) await expect(table.getByRole('columnheader', { name })).toBeVisible();
		});
	});
}

test('« Imprimer mes résultats »: an A4 memo of the profile, every result in its PDF, two a page', async ({
	page
}) => {
	const errors = watchErrors(page);
	await answer(page, { ...CREATION, structure: 'Structure fiscalisée' });
	const names = await resultNames(page);
	expect(names.length).toBeGreaterThan(4);
	const share = await results(page)
		.getByRole('link', { name: /financements\/trouver\?/ })
		.getAttribute('href');
	await results(page).getByRole('link', { name: 'Imprimer mes résultats' }).click();
	await expect(page).toHaveURL(/\/financements\/trouver\/memo\?structure=fiscalisee&stade=creation/);
	await expectOneH1(page);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Mémo : financements possibles pour votre projet'
	);
	const profile = page.getByRole('definition');
	await expect(profile.filter({ hasText: /^Structure fiscalisée$/ })).toBeVisible();
	await expect(profile.filter({ hasText: /^Création : la structure se crée/ })).toBeVisible();
	await expect(page.getByRole('link', { name: share! })).toBeVisible();
	const summary = page.getByRole('table', { name: /En un coup d’œil : vos \d+ résultats/ });
	await expect(summary.getByRole('row')).toHaveCount(names.length + 1);
	for (const column of [
		'Outil',
		'Financeur',
		'Nature',
		'Montant',
		'Disponibilité',
		'Pourquoi il vous correspond'
	])
		await expect(summary.getByRole('columnheader', { name: column })).toBeVisible();
	await expect(page.getByRole('article').filter({ hasText: /Résultat \d+ sur \d+/ })).toHaveCount(
		names.length
	);
	await expectNoAxeViolations(page);

	await page.emulateMedia({ media: 'print' });
	const pdf = await page.pdf({ format: 'A4', printBackground: true });
	const pages = pdfPageTexts(pdf);
	const all = squash(pages.join('\n'));
	for (const [i, name] of names.entries()) {
		expect(all, `${name} printed`).toContain(squash(name));
		const marker = squash(`Résultat ${i + 1} sur ${names.length}`);
		const where = pages.filter((p) => squash(p).includes(marker));
		expect(where, `${name} printed once, on one page`).toHaveLength(1);
		expect(squash(where[0])).toContain(squash(name));
	}
	// At most two tools a page, and packed: the front pages, then two tools on every page but the last.
	for (const p of pages) expect((squash(p).match(/Résultat\d+sur\d+/g) ?? []).length).toBeLessThanOrEqual(2);
	expect(pages.length).toBeLessThanOrEqual(3 + Math.ceil(names.length / 2));
	for (const text of [
		'Structure fiscalisée',
		'Données vérifiées',
		'Licence Ouverte',
		share!,
		'Pourquoi il vous correspond',
		'Disponibilité à vérifier'
	])
		expect(all, text).toContain(squash(text));
	for (const chrome of ['Navigation principale', 'Imprimer ou enregistrer', 'Retour à vos résultats'])
		expect(all).not.toContain(squash(chrome));
	expect(errors).toEqual([]);
});

test('« disponibilité à vérifier » on the list, the tool page, the comparison and the memos', async ({
	page
}) => {
	await page.goto('/financements');
	const cards = page.getByRole('form', { name: 'Comparer des outils' });
	await expect(
		cards.getByRole('article', { name: 'Garantie France Active' }).getByText('Disponibilité à vérifier')
	).toBeVisible();
	// The ESUS approval is a step on the list too, not a card among the money.
	await expect(cards.getByRole('article', { name: /Agrément ESUS/ })).toHaveCount(0);
	await expect(
		page.getByRole('region', { name: /À obtenir : agréments et labels/ }).getByRole('article', {
			name: /Agrément ESUS/
		})
	).toBeVisible();
	await page.goto('/financements/garantie-france-active');
	await expect(page.getByText('Disponibilité à vérifier').first()).toBeVisible();
	await page.goto('/financements/comparer?outils=garantie-france-active,okote');
	await expect(
		page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Disponibilité', exact: true }) })
	).toContainText('Disponibilité à vérifier');
	await page.goto('/financements/memo/non-fiscalisees');
	await expect(page.getByText('Disponibilité à vérifier').first()).toBeVisible();
	for (const path of [
		'/financements',
		'/financements/garantie-france-active',
		'/financements/memo/fiscalisees'
	]) {
		await page.goto(path);
		await expect(page.locator('main')).not.toContainText('non confirmée');
	}
});

test('a tool page names its sources by title and site, not by raw address', async ({ page }) => {
	await page.goto('/financements/garantie-france-active');
	const sources = page.getByRole('definition').filter({ has: page.locator('ul.sources') });
	await expect(
		sources.getByRole('link', { name: 'Favoriser l’émergence d’entreprises engagées pour leur territoire' })
	).toBeVisible();
	await expect(sources).toContainText('strasbourg-place-financiere-tertiaire.alsace');
	await expect(sources.getByRole('link', { name: 'fonds-publics.fr', exact: true })).toBeVisible();
	for (const name of await sources.getByRole('link').allInnerTexts())
		expect(name).not.toMatch(/^https?:\/\//);
});
