/**
 * The buyers' pages in German and English: a search with criteria gives its reasons in the reader's
 * language, the shortlist's files and the printable note follow, the guide and the needs list too; the
 * suppliers' names and places stay French, marked so.
 */
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures';
import { e2eStore } from './store';
import { expectNoAxeViolations, expectOneH1, watchErrors } from './helpers';
import { expectNoRawKey, NOT_TRANSLATED_NOTICE } from './i18n-helpers';
import { expectNoSidewaysScroll } from './layout-helpers';
import { createNeed, moderateNeed } from '../src/lib/server/db/needs';

const SAYS = {
	de: {
		h1: 'Bei der ESS einkaufen',
		activity: 'Tätigkeit',
		reuse: 'Umwelt, Energie und Wiederverwendung',
		place: 'Ausführungsort',
		radius: 'Umkreis (km)',
		basis: 'Rechtsgrundlage',
		siae: 'Auftrag vorbehalten für SIAE und gleichwertige Strukturen (Artikel L2113-13)',
		submit: 'Lieferanten suchen',
		check: 'Rechtsgrundlage: ja.',
		reason: 'Struktur der Eingliederung durch wirtschaftliche Tätigkeit (SIAE).',
		near: /Ort: ja\. Ansässig (etwa )?\d+,\d km von Strasbourg entfernt\./,
		potential: /^Potenzial: /,
		apart: 'Können auf diesen vorbehaltenen Auftrag nicht antworten',
		notSiae: 'Keine SIAE (EI, ETTI, AI, ACI, EITI): nicht zugelassen',
		add: /^Zu meiner Auswahl hinzufügen ?: Humanis$/,
		shortlist: 'Dateien (Ihre Auswahl):',
		admitted: 'Nach dieser Grundlage zugelassen',
		admittedCell: 'ja: Struktur der Eingliederung durch wirtschaftliche Tätigkeit (SIAE).',
		note: 'Druckbare Sourcing-Notiz',
		noteH1: 'Sourcing-Notiz',
		noteCount: '1 Struktur vom Einkäufer ausgewählt.',
		guide: 'Leitfaden zu vorbehaltenen Aufträgen und Klauseln',
		guideH1: 'Vorbehaltene Aufträge und Eingliederungsklauseln',
		limit: 'Der Auftrag dauert höchstens 3 Jahre (Artikel L2113-16).',
		needs: 'Von Einkäufern veröffentlichte Bedarfe',
		publish: 'Einen Bedarf veröffentlichen',
		deadline: /Antwort bis \d{1,2}\. \S+ \d{4}/,
		lots: 'Bietergemeinschaft: Lose und mögliche Zusammenschlüsse',
		badRadius: 'Umkreis „0“: Erwartet wird eine Zahl von Kilometern von 1 bis 100; 15 km verwendet.'
	},
	en: {
		h1: 'Buying from the ESS',
		activity: 'Activity',
		reuse: 'Environment, energy and reuse',
		place: 'Place of performance',
		radius: 'Radius (km)',
		basis: 'Legal basis',
		siae: 'Contract reserved for SIAE and equivalent organisations (article L2113-13)',
		submit: 'Find suppliers',
		check: 'Legal basis: yes.',
		reason: 'Work integration organisation (SIAE).',
		near: /Place: yes\. Located (about )?\d+\.\d km from Strasbourg\./,
		potential: /^Potential: /,
		apart: 'Cannot bid for this reserved contract',
		notSiae: 'Not an SIAE (EI, ETTI, AI, ACI, EITI): not admitted',
		add: /^Add to my shortlist ?: Humanis$/,
		shortlist: 'Files (your shortlist):',
		admitted: 'Admitted under the basis',
		admittedCell: 'yes: Work integration organisation (SIAE).',
		note: 'Printable sourcing note',
		noteH1: 'Sourcing note',
		noteCount: '1 organisation shortlisted by the buyer.',
		guide: 'Guide to reserved contracts and clauses',
		guideH1: 'Reserved contracts and integration clauses',
		limit: 'The contract lasts at most 3 years (article L2113-16).',
		needs: 'Needs published by buyers',
		publish: 'Publish a need',
		deadline: /reply by \d{1,2} \S+ \d{4}/,
		lots: 'Joint bidding: lots and possible groupings',
		badRadius: 'Radius “0”: a number of kilometres from 1 to 100 is expected; 15 km used.'
	}
} as const;

/** Words the French pages write that no German or English text of the site may keep. */
const FRENCH_WORDS =
	/\b(Activité|Base juridique|Résultats|Implantée|structures?|sélection|répond|Lieu|vérifier|preuve|Fichiers|Marché réservé|Sources :|Aucun|besoin)\b/;

/** The main content's text outside what is marked French (records' names, places, publications' titles). */
async function ownText(page: Page): Promise<string> {
	return page.locator('main').evaluate((main) => {
		const copy = main.cloneNode(true) as HTMLElement;
		for (const el of copy.querySelectorAll('[lang="fr"]')) el.remove();
		return copy.innerText ?? copy.textContent ?? '';
	});
}

/** What every translated page must hold: its language, one h1, no French leftovers, no notice, axe. */
async function expectTranslated(page: Page, locale: string) {
	await expect(page.locator('html')).toHaveAttribute('lang', locale);
	await expectOneH1(page);
	expect((await ownText(page)).match(FRENCH_WORDS)?.[0]).toBeUndefined();
	await expect(page.getByText(NOT_TRANSLATED_NOTICE)).toHaveCount(0);
	await expectNoRawKey(page);
	await expectNoAxeViolations(page);
}

/** The CSV the page links to, parsed (semicolons, BOM, quoted cells), header row first. */
async function csv(page: Page, href: string): Promise<string[][]> {
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

for (const [locale, says] of Object.entries(SAYS)) {
	test(`/${locale}/acheter: a search gives its reasons, files and note in ${locale}`, async ({ page }) => {
		const errors = watchErrors(page);
		await page.goto(`/${locale}/acheter`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(says.h1);
		await page.getByLabel(says.activity, { exact: true }).selectOption({ label: says.reuse });
		await page.getByLabel(says.place).selectOption({ label: 'Strasbourg' });
		await page.getByLabel(says.radius).fill('20');
		await page.getByLabel(says.basis).selectOption({ label: says.siae });
		await page.getByRole('button', { name: says.submit }).click();
		await page.waitForURL(new RegExp(`/${locale}/acheter\\?.*base=L2113-13`));

		// The reasons, criterion by criterion, in the reader's language; the supplier's name stays French.
		const first = page.getByTestId('matches').getByTestId('supplier').first();
		await expect(first.locator('.checks li').first()).toHaveText(`${says.check} ${says.reason}`);
		await expect(first.locator('.checks')).toContainText(says.near);
		await expect(first.getByRole('heading').getByRole('link')).toHaveAttribute('lang', 'fr');
		await expect(page.getByTestId('potential').getByRole('heading')).toHaveText(says.potential);
		await expect(page.getByRole('heading', { name: says.apart })).toBeVisible();
		await expect(page.getByTestId('apart')).toContainText(says.notSiae);
		// Links stay in the reader's language, the records' too.
		await expect(page.locator('main a[href^="/structures/"], main a[href^="/acheter"]')).toHaveCount(0);
		expect(await page.locator(`a[href^="/${locale}/structures/"]`).count()).toBeGreaterThan(2);
		await expectTranslated(page, locale);

		// The shortlist, its file (headers in the page's language) and the printable note.
		await page.getByRole('link', { name: says.add }).first().click();
		await page.waitForURL(/choix=humanis/);
		await expect(page.locator('p.files')).toContainText(says.shortlist);
		const href = (await page.getByRole('link', { name: 'CSV' }).getAttribute('href'))!;
		expect(href).toMatch(new RegExp(`^/${locale}/acheter/export\\.csv\\?`));
		const rows = await csv(page, href);
		expect(rows[0][0]).toBe('Name');
		expect(rows[0][10]).toBe(says.admitted);
		expect(rows.slice(1).map((r) => r[0])).toEqual(['Humanis']);
		expect(rows[1][6]).toBe(says.reuse);
		expect(rows[1][10]).toBe(says.admittedCell);

		await page.getByRole('link', { name: says.note }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(says.noteH1);
		await expect(page.getByText(says.noteCount)).toBeVisible();
		await expect(page.getByTestId('note-suppliers')).toContainText(says.reason);
		await expect(page.getByRole('heading', { name: says.siae })).toBeVisible();
		await expectTranslated(page, locale);
		expect(errors).toEqual([]);
	});

	test(`/${locale}/acheter: a bad value of the URL and co-contracting lots are said in ${locale}`, async ({
		page
	}) => {
		await page.goto(
			`/${locale}/acheter?lieu=strasbourg&rayon=0&base=clause&lot=environnement-reemploi&lot=alimentation`
		);
		await expect(page.getByRole('status').first()).toContainText(says.badRadius);
		await expect(page.getByRole('heading', { name: says.lots })).toBeVisible();
		await expect(page.getByTestId('groups').getByRole('listitem').first()).toContainText(says.reuse);
		await expectTranslated(page, locale);
	});

	test(`/${locale}/acheter/guide and the needs list read in ${locale}`, async ({ page }) => {
		const errors = watchErrors(page);
		await page.goto(`/${locale}/acheter`);
		await page.getByRole('link', { name: says.guide }).click();
		await expect(page).toHaveURL(new RegExp(`/${locale}/acheter/guide$`));
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(says.guideH1);
		await expect(page.getByText(says.limit)).toBeVisible();
		// Sources are publications: their titles keep their own language.
		await expect(page.locator('.sources a[lang="fr"]').first()).toBeVisible();
		await expect(page.locator('.sources a[lang="en"]').first()).toBeVisible();
		await expectTranslated(page, locale);

		// A published need, written in the store as the form and the moderation would.
		const db = await e2eStore();
		const title = `Entretien des espaces verts ${locale} ${Date.now() % 100000}`;
		const { id } = await createNeed(db, {
			titre: title,
			activite: 'environnement-reemploi',
			lieu: 'strasbourg',
			base: 'L2113-13',
			echeance: new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10),
			description: 'Tonte et taille sur trois sites, d’avril à octobre.',
			acheteur: 'Ville de Test',
			email: 'achats@ville-test.example'
		});
		await moderateNeed(db, id, 'approve', 'e2e');
		await db.close();

		await page.goto(`/${locale}/acheter`);
		await page.getByRole('link', { name: says.needs }).click();
		await expect(page).toHaveURL(new RegExp(`/${locale}/acheter/besoins$`));
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(says.needs);
		await expect(page.getByRole('link', { name: says.publish })).toHaveAttribute(
			'href',
			`/${locale}/acheter/besoins/publier`
		);
		const need = page.getByTestId('need').filter({ hasText: title });
		await expect(need.getByRole('link', { name: title })).toHaveAttribute('lang', 'fr');
		await expect(need).toContainText(says.deadline);
		await expect(need).toContainText(says.siae);
		await expect(page.getByRole('heading', { level: 2, name: says.reuse })).toBeVisible();
		await expectTranslated(page, locale);
		expect(errors).toEqual([]);
	});
}

test('/de/acheter on a 320 px phone: no sideways scroll, alternates in every language', async ({ page }) => {
	await page.setViewportSize({ width: 320, height: 700 });
	await page.goto('/de/acheter?activite=environnement-reemploi&lieu=strasbourg&rayon=20&base=L2113-15');
	await expect(page.getByTestId('supplier').first()).toBeVisible();
	await expectNoSidewaysScroll(page, '/de/acheter');
	await page.goto('/de/acheter/guide');
	await expectNoSidewaysScroll(page, '/de/acheter/guide');
	const alternates = await page
		.locator('link[rel="alternate"][hreflang]')
		.evaluateAll((links) =>
			links.map((l) => `${l.getAttribute('hreflang')} ${new URL(l.getAttribute('href')!).pathname}`)
		);
	expect(alternates.sort()).toEqual([
		'de /de/acheter/guide',
		'en /en/acheter/guide',
		'fr /acheter/guide',
		'x-default /acheter/guide'
	]);
});

test('the probe for French leftovers reads the page: it finds them on the French page', async ({ page }) => {
	await page.goto('/acheter?activite=environnement-reemploi&lieu=strasbourg&base=L2113-13');
	expect((await ownText(page)).match(FRENCH_WORDS)?.[0]).toBeDefined();
});
