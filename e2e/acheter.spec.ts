import { expect, type Page } from '@playwright/test';
import { test } from './fixtures';
import { expectNoAxeViolations, expectOneH1, watchErrors } from './helpers';
import { pdfPageTexts, squash } from './pdf-helpers';

/** A need for reuse and repair work near Strasbourg, reserved to insertion structures (L2113-13). */
async function describeNeed(page: Page, base: string) {
	await page.goto('/acheter');
	await page
		.getByLabel('Activité', { exact: true })
		.selectOption({ label: 'Environnement, énergie et réemploi' });
	await page.getByLabel('Lieu d’exécution').selectOption({ label: 'Strasbourg' });
	await page.getByLabel('Rayon (km)').fill('20');
	await page.getByLabel('Base juridique').selectOption({ label: base });
	await page.getByRole('button', { name: 'Chercher des fournisseurs' }).click();
	await page.waitForURL(/\/acheter\?.*base=/);
}

const names = (page: Page, testId: string) =>
	page.getByTestId(testId).getByTestId('supplier').getByRole('heading').allTextContents();

/** The CSV the page links to, parsed (semicolons, BOM, quoted cells), header row first. */
async function csvRows(page: Page, href: string): Promise<string[][]> {
	const res = await page.request.get(href);
	expect(res.status()).toBe(200);
	expect(res.headers()['content-type']).toMatch(/text\/csv/);
	const text = (await res.text()).replace(/^\ufeff/, '');
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (c === '"') quoted = false;
			else cell += c;
		} else if (c === '"') quoted = true;
		else if (c === ';') {
			row.push(cell);
			cell = '';
		} else if (c === '\n') {
			row.push(cell.replace(/\r$/, ''));
			rows.push(row);
			row = [];
			cell = '';
		} else cell += c;
	}
	return rows;
}

for (const js of [false, true]) {
	test.describe(js ? 'with JavaScript' : 'without JavaScript', () => {
		test.use({ javaScriptEnabled: js });

		test('a L2113-13 need lists only insertion structures, with the reasons and proofs', async ({ page }) => {
			const errors = watchErrors(page);
			await describeNeed(page, 'Marché réservé aux SIAE et structures équivalentes (article L2113-13)');
			await expectOneH1(page);
			expect(page.url()).toContain('activite=environnement-reemploi&lieu=strasbourg&rayon=20&base=L2113-13');
			const matches = await names(page, 'matches');
			expect(matches).toContain('Envie Strasbourg');
			expect(matches).toContain('Humanis');
			expect(matches).not.toContain('Emmaüs Strasbourg');
			const envie = page.getByTestId('matches').locator('[data-id="envie-strasbourg"]');
			await expect(envie).toContainText('Base juridique : oui.');
			await expect(envie).toContainText("Entreprise d'insertion (EI) — preuve :");
			await expect(envie.getByRole('link', { name: /Récit de baladeur/ })).toHaveAttribute(
				'href',
				/francebleu/
			);
			const apart = page.getByTestId('apart').locator('[data-id="emmaus-strasbourg"]');
			await expect(apart).toContainText('Pas une SIAE');
			await expect(page.getByTestId('potential')).toContainText('Pas un conseil juridique.');
			// axe runs as a script: only where scripts run.
			if (js) await expectNoAxeViolations(page);
			expect(errors).toEqual([]);
		});

		test('a L2113-12 need says when no EA or ESAT is nearby; L2113-15 states its limits', async ({
			page
		}) => {
			await describeNeed(page, 'Marché réservé aux EA, ESAT et structures équivalentes (article L2113-12)');
			await expect(page.getByRole('status').filter({ hasText: 'Aucune structure admise' })).toContainText(
				'article L2113-12'
			);
			expect(await names(page, 'matches')).toEqual([]);
			await describeNeed(
				page,
				'Marché réservé aux entreprises de l’ESS pour certains services (article L2113-15)'
			);
			const limits = page.getByTestId('limits');
			await expect(limits).toContainText('services sociaux et autres services spécifiques');
			await expect(limits).toContainText('au plus 3 ans');
		});

		test('the shortlist stays in the URL, the export’s rows are the page’s, the note prints every supplier', async ({
			page
		}) => {
			await describeNeed(page, 'Marché réservé aux SIAE et structures équivalentes (article L2113-13)');
			const shown = await names(page, 'matches');
			expect(shown.length).toBeGreaterThan(2);
			// Without a shortlist the files hold the results, in the page's order.
			const all = await csvRows(page, (await page.getByRole('link', { name: 'CSV' }).getAttribute('href'))!);
			expect(all[0][0]).toBe('Nom');
			expect(all.slice(1).map((r) => r[0])).toEqual(shown);

			await page.getByRole('link', { name: 'Ajouter à ma sélection : Humanis' }).click();
			await page.waitForURL(/choix=humanis/);
			await page.getByRole('link', { name: 'Ajouter à ma sélection : Envie Strasbourg' }).click();
			await page.waitForURL(/choix=humanis&choix=envie-strasbourg/);
			const chosen = await names(page, 'shortlist');
			expect(chosen).toEqual(['Humanis', 'Envie Strasbourg']);
			const rows = await csvRows(page, (await page.getByRole('link', { name: 'CSV' }).getAttribute('href'))!);
			expect(rows.slice(1).map((r) => r[0])).toEqual(chosen);
			const xlsx = await page.request.get(
				(await page.getByRole('link', { name: 'Excel' }).getAttribute('href'))!
			);
			expect(xlsx.headers()['content-type']).toMatch(/spreadsheetml/);

			await page.getByRole('link', { name: 'Note de sourcing à imprimer' }).click();
			await expectOneH1(page);
			await page.emulateMedia({ media: 'print' });
			const pdf = await page.pdf({ format: 'A4', printBackground: true });
			const text = squash(pdfPageTexts(pdf).join('\n'));
			for (const name of chosen) expect(text, `${name} printed`).toContain(squash(name));
			for (const words of ['Note de sourcing', 'Licence Ouverte', 'article L2113-13', 'preuve'])
				expect(text).toContain(squash(words));
		});

		test('an address of delivery is geocoded (the test double), and a geocoder down falls back to the commune', async ({
			page
		}) => {
			await page.goto('/acheter');
			await page
				.getByLabel('Activité', { exact: true })
				.selectOption({ label: 'Environnement, énergie et réemploi' });
			await page.getByLabel('Ou une adresse de livraison').fill('12 rue du jeu des enfants');
			await page.getByLabel('Rayon (km)').fill('5');
			await page.getByRole('button', { name: 'Chercher des fournisseurs' }).click();
			await page.waitForURL(/adresse=12/);
			await expect(page).toHaveTitle(/12 Rue du Jeu des Enfants 67000 Strasbourg/);
			await expect(page.getByLabel('Ou une adresse de livraison')).toHaveValue('12 rue du jeu des enfants');
			const first = page.getByTestId('matches').getByTestId('supplier').first();
			await expect(first).toContainText('de 12 Rue du Jeu des Enfants 67000 Strasbourg');
			// The files carry the address as `lieu`, and measure from it too.
			const csvHref = (await page.getByRole('link', { name: 'CSV' }).getAttribute('href'))!;
			expect(csvHref).toContain('lieu=12+rue+du+jeu+des+enfants');
			const rows = await csvRows(page, csvHref);
			expect(rows.slice(1).map((r) => r[0])).toEqual(await names(page, 'matches'));

			// The double answers 503 to any address with « panne »: the commune the address names is used.
			await page.goto(`/acheter?lieu=${encodeURIComponent('3 rue de la panne, Schiltigheim')}&rayon=5`);
			await expect(page.getByRole('status').first()).toContainText(
				'Le service d’adresses ne répond pas : les distances sont mesurées depuis le centre de Schiltigheim.'
			);
			await expect(page).toHaveTitle(/: Schiltigheim/);
			await expect(page.getByLabel('Ou une adresse de livraison')).toHaveValue(
				'3 rue de la panne, Schiltigheim'
			);

			// « lenteur » makes the double answer after the page's delay: the page does not wait for it.
			const started = Date.now();
			await page.goto(`/acheter?lieu=${encodeURIComponent('5 rue de la lenteur 67300')}&rayon=5`);
			expect(Date.now() - started).toBeLessThan(7000);
			await expect(page.getByRole('status').first()).toContainText(
				'Le service d’adresses est trop lent à répondre : les distances sont mesurées depuis le centre de Schiltigheim.'
			);
		});

		test('co-contracting groups cover every lot; the guide cites its sources', async ({ page }) => {
			await page.goto(
				'/acheter?lieu=strasbourg&rayon=20&base=L2113-13&lot=environnement-reemploi&lot=alimentation'
			);
			const groups = page.getByTestId('groups').getByRole('listitem');
			await expect(groups.first()).toContainText('Jardins de la Montagne Verte');
			await page.getByRole('link', { name: 'Acheter', exact: true }).click();
			await page.getByRole('link', { name: 'Guide des marchés réservés et des clauses' }).click();
			await expectOneH1(page);
			await expect(page.getByRole('heading', { name: /article L2113-15/ })).toBeVisible();
			await expect(page.getByRole('link', { name: 'Relais Chantiers' })).toBeVisible();
			// axe runs as a script: only where scripts run.
			if (js) await expectNoAxeViolations(page);
		});
	});
}
