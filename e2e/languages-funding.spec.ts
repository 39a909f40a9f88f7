import { expect, type Page } from '@playwright/test';
import { test } from './fixtures';
import { expectNoAxeViolations, expectOneH1, watchErrors } from './helpers';
import { expectNoRawKey, NOT_TRANSLATED_NOTICE } from './i18n-helpers';
import { expectNoSidewaysScroll } from './layout-helpers';

/** The adviser's example link of the README: an association in creation in Strasbourg needing 20 000 €. */
const PROFILE = 'structure=association&stade=creation&montant=20000&territoire=67482';

/** What the funding pages say in each language. */
const SAYS = {
	de: {
		finderH1: 'Eine Finanzierung für Ihr Projekt finden',
		association: 'Nicht steuerpflichtiger Verein',
		creation: 'Gründung',
		amount: 'Der gesuchte Betrag in Euro',
		where: 'Wo Ihr Projekt liegt',
		submit: 'Mögliche Finanzierungen anzeigen',
		results: /^\d+ mögliche Finanzierungen?$/,
		fits: /^Was passt \(\d+\)$/,
		reason: 'Zielgruppe: offen für nicht steuerpflichtige Vereine',
		need: /Ihr Bedarf von 20\.000\s€/,
		estimate: 'Schätzung des erreichbaren Gesamtbetrags',
		badAmount: 'Ungültiger Betrag: Geben Sie eine ganze Zahl in Euro an, zum Beispiel 20000',
		errorField: 'Der gesuchte Betrag in Euro',
		toolDetails: 'Ausführlicher Eintrag',
		apply: 'Wie man sich bewirbt',
		memoH1: 'Merkblatt: mögliche Finanzierungen für Ihr Projekt',
		memoWhy: 'Warum es zu Ihnen passt',
		memoPrint: 'Drucken oder als PDF speichern',
		generalMemoH1: 'Merkblatt der Finanzierungsinstrumente für steuerpflichtige Organisationen',
		compareH1: 'Finanzierungsinstrumente vergleichen',
		compareCaption: 'Vergleich von 2 Finanzierungsinstrumenten',
		listH1: 'Ein Projekt der Sozial- und Solidarwirtschaft finanzieren',
		staleH1: 'Zu prüfende Finanzierungseinträge',
		createH1: 'Eine Tätigkeit gründen: wer Ihnen hilft, in welcher Phase',
		createStage: 'Ich habe eine Idee',
		createNeed: 'Begleitet werden',
		createSubmit: 'Meinen Weg anzeigen',
		createPath: /^Ihr Weg in \d+ Schritten?$/,
		createStep: /^Schritt 1: /
	},
	en: {
		finderH1: 'Find funding for your project',
		association: 'Tax-exempt association',
		creation: 'Start-up',
		amount: 'The amount you are looking for, in euros',
		where: 'Where your project is',
		submit: 'See possible funding',
		results: /^\d+ possible sources? of funding$/,
		fits: /^What fits \(\d+\)$/,
		reason: 'Who: open to tax-exempt associations',
		need: /the €20,000 you need/,
		estimate: 'Estimate of the total that could be raised',
		badAmount: 'Invalid amount: enter a whole number of euros, for example 20000',
		errorField: 'The amount you are looking for, in euros',
		toolDetails: 'Full details',
		apply: 'How to apply',
		memoH1: 'Memo: possible funding for your project',
		memoWhy: 'Why it fits you',
		memoPrint: 'Print or save as PDF',
		generalMemoH1: 'Memo of funding tools for taxable organisations',
		compareH1: 'Compare funding tools',
		compareCaption: 'Comparison of 2 funding tools',
		listH1: 'Funding a social and solidarity economy project',
		staleH1: 'Funding entries to check',
		createH1: 'Starting an activity: who helps you, at which step',
		createStage: 'I have an idea',
		createNeed: 'Get support',
		createSubmit: 'See my path',
		createPath: /^Your path in \d+ steps?$/,
		createStep: /^Step 1: /
	}
} as const;

/** A translated page: its language, one h1, no notice, no raw key, axe. */
async function expectTranslated(page: Page, locale: string) {
	await expect(page.locator('html')).toHaveAttribute('lang', locale);
	await expectOneH1(page);
	await expect(page.getByText(NOT_TRANSLATED_NOTICE)).toHaveCount(0);
	await expectNoRawKey(page);
	await expectNoAxeViolations(page);
}

for (const [locale, says] of Object.entries(SAYS)) {
	test.describe(`funding in ${locale}`, () => {
		test('the finder answered with its radios: translated reasons, results and estimate', async ({
			page
		}) => {
			const errors = watchErrors(page);
			await expect(async () => {
				await page.goto(`/${locale}/financements/trouver`);
				await expect(page.getByRole('heading', { level: 1 })).toHaveText(says.finderH1);
				await page.getByRole('radio', { name: says.association, exact: true }).check();
				await page.getByRole('radio', { name: says.creation, exact: true }).check();
				await page.getByLabel(says.amount).fill('20000');
				await page.getByLabel(says.where).selectOption('67482');
				await expect(page.getByRole('radio', { name: says.association, exact: true })).toBeChecked();
				await page.getByRole('button', { name: says.submit }).click();
				await expect(page).toHaveURL(
					new RegExp(`^[^?]*/${locale}/financements/trouver\\?structure=association`),
					{
						timeout: 3_000
					}
				);
			}).toPass({ timeout: 30_000 });
			const results = page.getByRole('region', { name: says.results });
			await expect(results).toBeVisible();
			const first = results.getByRole('article').first();
			await expect(first.getByRole('heading', { name: says.fits })).toBeVisible();
			await expect(results).toContainText(says.reason);
			await expect(page.locator('#resultats')).toContainText(says.need);
			await expect(page.getByRole('heading', { name: says.estimate })).toBeVisible();
			// Tool names are record content: French, said so; their links stay in the reader's language.
			const link = first.getByRole('heading', { level: 3 }).getByRole('link');
			await expect(link).toHaveAttribute('lang', 'fr');
			await expect(link).toHaveAttribute('href', new RegExp(`^/${locale}/financements/`));
			await expect(page.locator('#resultats a[href^="/financements/"]')).toHaveCount(0);
			// No French sentence of the finder is left among the reasons.
			await expect(results).not.toContainText('Public : ');
			await expect(results).not.toContainText('Ce qui correspond');
			await expectTranslated(page, locale);
			expect(errors).toEqual([]);
		});

		test('the finder’s errors are in the reader’s language', async ({ page }) => {
			await page.goto(`/${locale}/financements/trouver?montant=abc`);
			await expect(page.locator('#q-montant-erreur')).toHaveText(says.badAmount);
			await expect(page.getByRole('alert')).toContainText(says.errorField);
			await expect(page.getByRole('alert')).not.toContainText('montant invalide');
		});

		test('a tool page: facts translated, content French, alternates', async ({ page }) => {
			await page.goto(`/${locale}/financements/contrat-apport-associatif`);
			await expect(page.getByRole('heading', { level: 1 })).toHaveAttribute('lang', 'fr');
			await expect(page.getByRole('heading', { level: 2, name: says.toolDetails })).toBeVisible();
			await expect(page.getByRole('heading', { level: 2, name: says.apply })).toBeVisible();
			await expect(page.locator('p.lead')).toHaveAttribute('lang', 'fr');
			const alternates = await page
				.locator('link[rel="alternate"][hreflang]')
				.evaluateAll((links) =>
					links.map((l) => `${l.getAttribute('hreflang')} ${new URL(l.getAttribute('href')!).pathname}`)
				);
			expect(alternates.sort()).toEqual([
				`de /de/financements/contrat-apport-associatif`,
				`en /en/financements/contrat-apport-associatif`,
				'fr /financements/contrat-apport-associatif',
				'x-default /financements/contrat-apport-associatif'
			]);
			await expectTranslated(page, locale);
		});

		test('the finder’s memo, printed: translated, amounts in the locale’s format', async ({ page }) => {
			await page.goto(`/${locale}/financements/trouver/memo?${PROFILE}`);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(says.memoH1);
			await expect(page.getByRole('button', { name: says.memoPrint })).toBeVisible();
			await expect(page.getByRole('columnheader', { name: says.memoWhy })).toBeVisible();
			await expect(page.locator('.memo-tool h2').first()).toHaveAttribute('lang', 'fr');
			await expect(page.locator('.memo')).toContainText(locale === 'de' ? /20\.000\s€/ : /€20,000/);
			await expectTranslated(page, locale);
			await page.emulateMedia({ media: 'print' });
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(says.memoH1);
			await expect(page.getByRole('button', { name: says.memoPrint })).toBeHidden();
		});

		test('a general memo', async ({ page }) => {
			test.setTimeout(90_000);
			await page.goto(`/${locale}/financements/memo/fiscalisees`);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(says.generalMemoH1);
			await expect(page.locator('.memo-tool .description').first()).toHaveAttribute('lang', 'fr');
			await expectTranslated(page, locale);
		});

		test('the comparison', async ({ page }) => {
			await page.goto(
				`/${locale}/financements/comparer?outils=contrat-apport-associatif,garantie-france-active`
			);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(says.compareH1);
			await expect(page.locator('caption')).toHaveText(says.compareCaption);
			await expect(page.locator('thead a[lang="fr"]').first()).toHaveText(
				"Contrat d'apport associatif (France Active)"
			);
			await expectTranslated(page, locale);
		});

		test('the list and the entries to check', async ({ page }) => {
			test.setTimeout(90_000);
			await page.goto(`/${locale}/financements?${PROFILE}`);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(says.listH1);
			await expect(page.locator('article.tool h3 a').first()).toHaveAttribute('lang', 'fr');
			await expectTranslated(page, locale);
			await page.goto(`/${locale}/financements/a-verifier`);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(says.staleH1);
			await expectTranslated(page, locale);
		});

		test('« Créer son activité »: the path answered, its steps and offers translated', async ({ page }) => {
			test.setTimeout(60_000);
			await expect(async () => {
				await page.goto(`/${locale}/creer`);
				await expect(page.getByRole('heading', { level: 1 })).toHaveText(says.createH1);
				await page.getByRole('radio', { name: says.createStage, exact: true }).check();
				await page.getByRole('checkbox', { name: says.createNeed }).check();
				await expect(page.getByRole('radio', { name: says.createStage, exact: true })).toBeChecked();
				await page.getByRole('button', { name: says.createSubmit }).click();
				await expect(page).toHaveURL(new RegExp(`/${locale}/creer\\?`), { timeout: 3_000 });
			}).toPass({ timeout: 30_000 });
			const path = page.locator('#parcours');
			await expect(path.getByRole('heading', { level: 2 })).toHaveText(says.createPath);
			await expect(path.getByRole('heading', { level: 3 }).first()).toHaveText(says.createStep);
			await expect(path.locator('article.offer h4 a').first()).toHaveAttribute('lang', 'fr');
			await expect(path).not.toContainText('Pourquoi cette étape');
			await expectTranslated(page, locale);
		});
	});
}

test('the finder’s results at 320 px in German: no sideways scroll', async ({ page }) => {
	await page.setViewportSize({ width: 320, height: 800 });
	await page.goto(`/de/financements/trouver?${PROFILE}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(SAYS.de.finderH1);
	await expectNoSidewaysScroll(page, '/de/financements/trouver');
});
