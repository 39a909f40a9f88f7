import { expect, type Page } from '@playwright/test';
import { test } from './fixtures';
import { expectNoAxeViolations, expectOneH1, watchErrors } from './helpers';
import { pdfPageTexts, squash } from './pdf-helpers';

/** The adviser's example link of the README: an association in creation in Strasbourg needing 20 000 €. */
const PROFILE = 'structure=association&stade=creation&montant=20000&territoire=67482';

async function answerFinder(page: Page) {
	// Under heavy load a first answer was seen lost once in CI (the radio unchecked at submit): the journey
	// starts again from a fresh page rather than fail on it; see the closing note of this change.
	await expect(async () => {
		await page.goto('/financements/trouver');
		await page.getByRole('radio', { name: 'Association non fiscalisée' }).check();
		await page.getByRole('radio', { name: 'Création' }).check();
		await page.getByLabel('Le montant recherché, en euros').fill('20000');
		await page.getByLabel('Où se situe votre projet').selectOption('67482');
		await expect(page.getByRole('radio', { name: 'Association non fiscalisée' })).toBeChecked();
		await page.getByRole('button', { name: 'Voir les financements possibles' }).click();
		await expect(page).toHaveURL(/[?&]structure=association/, { timeout: 3_000 });
	}).toPass({ timeout: 30_000 });
}

function results(page: Page) {
	return page.getByRole('region', { name: /financements? possibles?$/ });
}

async function resultNames(page: Page): Promise<string[]> {
	return results(page).getByRole('heading', { level: 3 }).allInnerTexts();
}

test.describe('finder without JavaScript', () => {
	// axe needs scripts in the page: these pages are checked with JavaScript in the last test of this file.
	test.use({ javaScriptEnabled: false });

	test('the plain GET form answers with ranked results, reasons, hints and an estimate', async ({ page }) => {
		await answerFinder(page);
		await expectOneH1(page);
		const names = await resultNames(page);
		expect(names).toContain("Contrat d'apport associatif (France Active)");
		expect(names).toContain('Garantie France Active');
		// Initiative France excludes associations: not a match, but listed as non éligible with the reason.
		expect(names).not.toContain("Prêt d'honneur Initiative France");
		const first = results(page).getByRole('article').first();
		await expect(first.getByRole('heading', { name: /Ce qui correspond/ })).toBeVisible();
		const excluded = page.getByRole('region', { name: /Non éligibles/ });
		await excluded.getByText('Voir les outils non éligibles et pourquoi').click();
		await expect(
			excluded.getByRole('listitem').filter({ hasText: "Prêt d'honneur Initiative France" })
		).toContainText('Public : réservé aux structures fiscalisées et porteurs de projet sans structure');
		await expect(page.getByRole('region', { name: 'Combinaisons habituelles' })).toContainText(
			'garantit un prêt'
		);
		await expect(page.getByRole('region', { name: 'Estimation du total mobilisable' })).toContainText(
			/Estimation : jusqu’à environ/
		);
	});

	test('bad values are explained in French in the form, never as an error page', async ({ page }) => {
		const res = await page.goto('/financements/trouver?structure=entreprise&montant=beaucoup');
		expect(res?.status()).toBe(200);
		const summary = page.getByRole('alert');
		await expect(summary).toContainText('2 réponses sont à corriger');
		await expect(summary).toContainText('structure inconnue : « entreprise »');
		await expect(page.getByLabel('Le montant recherché, en euros')).toHaveValue('beaucoup');
		await expect(page.getByLabel('Le montant recherché, en euros')).toHaveAttribute('aria-invalid', 'true');
		await expect(results(page)).toHaveCount(0);
	});

	test('compare: tick three tools on the list, submit, read them side by side', async ({ page }) => {
		await page.goto('/financements');
		for (const name of ['Garantie France Active', 'Okoté (France Active Alsace)', 'Poste FONJEP'])
			await page.getByRole('checkbox', { name: `Comparer ${name}` }).check();
		await page.getByRole('button', { name: 'Comparer la sélection' }).first().click();
		await expect(page).toHaveURL(/\/financements\/comparer\?outils=/);
		const table = page.getByRole('table', { name: 'Comparaison de 3 outils de financement' });
		await expect(table.getByRole('columnheader')).toHaveCount(3);
		for (const row of [
			'Type',
			'Montant',
			'Taux',
			'Durée',
			'Structures éligibles',
			'Stades',
			'Financeurs',
			'Comment candidater'
		])
			await expect(table.getByRole('rowheader', { name: row, exact: true })).toBeVisible();
		await expect(table).toContainText('Jusqu’à 200 000 €');
		// Removing one is a plain link.
		await table.getByRole('link', { name: 'Retirer Okoté (France Active Alsace) de la comparaison' }).click();
		await expect(page.getByRole('table', { name: 'Comparaison de 2 outils de financement' })).toBeVisible();
	});

	test('list filters live in the URL and hide what the profile cannot get', async ({ page }) => {
		await page.goto('/financements');
		await page.getByLabel('Ma structure').selectOption('porteur');
		await page.getByLabel('Stade').selectOption('creation');
		await page.getByRole('button', { name: 'Filtrer' }).click();
		await expect(page).toHaveURL(/structure=porteur/);
		await expect(page).toHaveURL(/stade=creation/);
		const list = page.getByRole('region', { name: /outils? pour ces critères/ });
		await expect(
			list.getByRole('heading', { level: 3, name: "Prêt d'honneur Initiative France" })
		).toBeVisible();
		await expect(list.getByRole('heading', { level: 3, name: 'Garantie France Active' })).toHaveCount(0);
		await expect(list.getByText(/masqués : votre profil n’y est pas éligible/)).toBeVisible();
	});
});

test.describe('finder with JavaScript', () => {
	test('same answers give the same results, and the shared link reopens them', async ({ page, browser }) => {
		const errors = watchErrors(page);
		await answerFinder(page);
		const names = await resultNames(page);
		expect(names.length).toBeGreaterThan(2);
		const share = await results(page)
			.getByRole('link', { name: /financements\/trouver\?/ })
			.getAttribute('href');
		expect(share).toBe(`${new URL(page.url()).origin}/financements/trouver?${PROFILE}`);

		// An adviser's link opened elsewhere, without the form ever being filled.
		const other = await browser.newContext({ javaScriptEnabled: false });
		const fresh = await other.newPage();
		await fresh.goto(share!);
		expect(await resultNames(fresh)).toEqual(names);
		await other.close();
		// And the link as written in the README, with JavaScript.
		await page.goto(`/financements/trouver?${PROFILE}`);
		expect(await resultNames(page)).toEqual(names);
		expect(errors).toEqual([]);
	});

	test('the list allows three tools to be compared at most', async ({ page }) => {
		await page.goto('/financements');
		const boxes = page.getByRole('checkbox', { name: /^Comparer / });
		for (let i = 0; i < 3; i++) await boxes.nth(i).check();
		await expect(boxes.nth(3)).toBeDisabled();
		await boxes.nth(0).uncheck();
		await expect(boxes.nth(3)).toBeEnabled();
	});

	test('a tool page has its facts, canonical URL, OpenGraph and JSON-LD', async ({ page }) => {
		const errors = watchErrors(page);
		await page.goto('/financements/garantie-france-active');
		await expectOneH1(page);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Garantie France Active');
		await expect(page).toHaveTitle('Garantie France Active · Financements · Carto ESS');
		const origin = new URL(page.url()).origin;
		await expect(page.locator('link[rel="canonical"]')).toHaveAttribute(
			'href',
			`${origin}/financements/garantie-france-active`
		);
		await expect(page.locator('meta[property="og:title"]')).toHaveAttribute(
			'content',
			'Garantie France Active'
		);
		const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}');
		expect(ld).toMatchObject({
			'@context': 'https://schema.org',
			'@type': 'FinancialProduct',
			name: 'Garantie France Active'
		});
		await expect(page.getByText('Dernière vérification')).toBeVisible();
		await expect(page.getByRole('term').filter({ hasText: 'Sources' })).toBeVisible();
		await expectNoAxeViolations(page);
		expect(errors).toEqual([]);
	});
});

// -------------------------------------------------------------------------------------------------------
// Memos printed to PDF

for (const memo of [
	{ slug: 'fiscalisees', audiences: 'fiscalisee,porteur', title: 'structures fiscalisées' },
	{ slug: 'non-fiscalisees', audiences: 'association', title: 'structures non fiscalisées' }
]) {
	test(`memo ${memo.slug}: every tool of the memo is printed on A4, without navigation`, async ({
		page,
		request
	}) => {
		// The memo's tools, computed independently through the public API: its audiences, not closed.
		const api = await request.get(
			`/api/v1/funding-tools?audience=${memo.audiences}&availability=ouvert,appel-a-projets,incertain&limit=1000`
		);
		expect(api.ok()).toBe(true);
		const expected: string[] = (await api.json()).items.map((t: { name: string }) => t.name);
		expect(expected.length).toBeGreaterThan(5);

		await page.goto(`/financements/memo/${memo.slug}`);
		await expectOneH1(page);
		await expect(page.getByRole('heading', { level: 1 })).toContainText(memo.title);
		await expectNoAxeViolations(page);
		await page.emulateMedia({ media: 'print' });
		await expect(page.getByRole('navigation', { name: 'Navigation principale' })).toBeHidden();
		await expect(page.getByRole('contentinfo')).toBeHidden();
		const blocks = page.getByRole('article');
		await expect(blocks).toHaveCount(expected.length);
		for (const name of expected)
			await expect(page.getByRole('heading', { level: 2, name, exact: true })).toBeVisible();

		// No format given: the page size must come from the memo's own @page { size: A4 }.
		const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
		expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(pdf.length).toBeGreaterThan(10_000);
		const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)];
		expect(boxes.length).toBeGreaterThan(0);
		for (const [, w, h] of boxes) {
			// A4 is 595.28 x 841.89 points; Chromium rounds to whole CSS pixels.
			expect(Math.abs(Number(w) - 595.28)).toBeLessThan(2);
			expect(Math.abs(Number(h) - 841.89)).toBeLessThan(2);
		}
		const pages = pdfPageTexts(pdf);
		expect(pages.length).toBe(boxes.length);
		// Packed: a one-page summary table, then at least two tools a page on average (the memos printed on 26
		// and 21 pages before, one half-empty page per tool).
		expect(pages.length).toBeLessThanOrEqual(Math.ceil(expected.length / 2) + 1);
		await expect(page.getByRole('table', { name: /En un coup d’œil/ }).getByRole('row')).toHaveCount(
			expected.length + 1
		);
		const all = squash(pages.join('\n'));
		for (const name of expected) {
			expect(all, `${name} printed`).toContain(squash(name));
			expect(squash(pages[0]), `${name} in the summary table, on the first page`).toContain(squash(name));
			// One block per tool: its name is never cut by a page break (the blocks start after the summary page).
			expect(
				pages.slice(1).some((p) => squash(p).includes(squash(name))),
				`${name} on one page`
			).toBe(true);
		}
		expect(all).toContain(squash('Données vérifiées'));
		expect(all).toContain(squash('Sources'));
		for (const chrome of [
			'Aller au contenu',
			'Navigation principale',
			'Accessibilité : partiellement conforme',
			'Imprimer ou enregistrer'
		])
			expect(all).not.toContain(squash(chrome));
	});
}

test('funding pages pass axe and have unique titles', async ({ page }) => {
	// About ten pages, each analysed by axe: several times one page's budget.
	test.slow();
	// Pages the no-JavaScript journeys visit, checked here because axe runs as a script in the page.
	const paths = [
		'/financements',
		'/financements?structure=porteur&stade=creation',
		'/financements/trouver',
		`/financements/trouver?${PROFILE}`,
		'/financements/trouver?structure=entreprise&montant=beaucoup',
		'/financements/comparer?outils=garantie-france-active,okote,poste-fonjep',
		'/financements/a-verifier'
	];
	const titles = new Map<string, string>();
	for (const path of paths) {
		await page.goto(path);
		await expectOneH1(page);
		await expectNoAxeViolations(page);
		titles.set(path, await page.title());
	}
	// One title per page (a query string alone does not make a new page, except the finder's results).
	const pages = [
		'/financements',
		'/financements/trouver',
		`/financements/trouver?${PROFILE}`,
		'/financements/a-verifier'
	];
	const distinct = new Set(pages.map((p) => titles.get(p)));
	distinct.add(titles.get('/financements/comparer?outils=garantie-france-active,okote,poste-fonjep'));
	expect(distinct.size).toBe(pages.length + 1);
	expect((await page.goto('/financements/memo/tout'))?.status()).toBe(404);
	expect((await page.goto('/financements/outil-inconnu'))?.status()).toBe(404);
});
