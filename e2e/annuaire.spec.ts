import { expect, type Page } from '@playwright/test';
import { test } from './fixtures';
import { expectNoAxeViolations, expectOneH1, watchErrors } from './helpers';
import { listTotal, loadPoints } from './map-helpers';

/** The annuaire's search field (a combobox once JavaScript runs). */
const searchBox = (page: Page) => page.getByRole('combobox', { name: /Rechercher une structure/ });
const results = (page: Page) => page.locator('ol.list > li');
const resultLink = (page: Page, name: string | RegExp) =>
	page.locator('ol.list').getByRole('link', { name, exact: typeof name === 'string' });

test.describe('annuaire: search as you type', () => {
	test('suggestions come from the worker while typing, with typos, and the keyboard opens one', async ({
		page
	}) => {
		const errors = watchErrors(page);
		const indexRequests: string[] = [];
		page.on('request', (r) => {
			if (r.url().includes('/search-index/')) indexRequests.push(new URL(r.url()).pathname);
		});
		await page.goto('/annuaire');
		await expectOneH1(page);
		const box = searchBox(page);
		await box.click();
		await box.pressSequentially('cooperatve', { delay: 40 });
		const listbox = page.getByRole('listbox', { name: 'Suggestions' });
		await expect(listbox).toBeVisible();
		await expect(listbox.getByRole('option').first()).toContainText(/Coopérati/);
		await expect(box).toHaveAttribute('aria-expanded', 'true');
		// The quick index was fetched once at its hashed URL; typing did not navigate or ask the server.
		expect(indexRequests.filter((p) => /^\/search-index\/quick-[0-9a-f]{16}\.json$/.test(p))).toHaveLength(1);
		expect(indexRequests.filter((p) => p.includes('/query'))).toHaveLength(0);
		await expect(page).toHaveURL(/\/annuaire$/);

		// Keep typing: the suggestions follow.
		await box.fill('');
		await box.pressSequentially('vélost', { delay: 40 });
		await expect(listbox.getByRole('option').first()).toContainText('Vélostation');
		await page.keyboard.press('ArrowDown');
		await expect(box).toHaveAttribute('aria-activedescendant', /option-0$/);
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(/\/structures\/velostation$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vélostation');
		expect(errors).toEqual([]);
	});

	test('Escape closes the suggestions and Enter submits the full-text search', async ({ page }) => {
		await page.goto('/annuaire');
		const box = searchBox(page);
		await box.click();
		await box.pressSequentially('honneur', { delay: 30 });
		await expect(page.getByRole('listbox', { name: 'Suggestions' })).toBeVisible();
		await page.keyboard.press('Escape');
		await expect(page.getByRole('listbox', { name: 'Suggestions' })).toBeHidden();
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(/\/annuaire\?q=honneur$/);
		await expect(resultLink(page, "Prêt d'honneur Initiative France")).toBeVisible();
		await expect(page.getByRole('heading', { level: 2, name: /résultats? pour « honneur »/ })).toBeVisible();
	});

	test('submitting the search (Enter or the button) closes the suggestions until typing resumes', async ({
		page
	}) => {
		await page.goto('/annuaire');
		const box = searchBox(page);
		const listbox = page.getByRole('listbox', { name: 'Suggestions' });
		await box.click();
		await box.pressSequentially('velo', { delay: 30 });
		await expect(listbox).toBeVisible();
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(/\/annuaire\?q=velo$/);
		await expect(listbox).toBeHidden();
		await expect(box).toHaveAttribute('aria-expanded', 'false');
		// Answers still on their way, or the field keeping the focus, do not bring them back over the results.
		await page.waitForTimeout(800);
		await expect(listbox).toBeHidden();
		await expect(resultLink(page, 'Vélostation')).toBeVisible();

		// Typing again asks again; the button closes them the same way.
		await box.pressSequentially('s', { delay: 30 });
		await expect(listbox).toBeVisible();
		await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
		await expect(page).toHaveURL(/\/annuaire\?q=velos$/);
		await expect(listbox).toBeHidden();
		await page.waitForTimeout(800);
		await expect(listbox).toBeHidden();
	});
});

test.describe('annuaire: French search quality', () => {
	const cases: [string, string | RegExp][] = [
		['cooperatve', 'Crédit Coopératif'],
		['coop', 'Cooproduction'],
		['honneur', "Prêt d'honneur Initiative France"],
		['velo', 'Vélostation'],
		['velo', "Bretz'selle"],
		['VELOSTATION', 'Vélostation'],
		['emmaus', 'Emmaüs Strasbourg (communauté)']
	];
	for (const [q, name] of cases) {
		test(`"${q}" finds ${name}`, async ({ page }) => {
			await page.goto(`/annuaire?q=${encodeURIComponent(q)}`);
			await expect(resultLink(page, name)).toBeVisible();
		});
	}

	test('"economie" finds and highlights "l’économie" in descriptions', async ({ page }) => {
		await page.goto('/annuaire?q=economie');
		await expect(page.locator('ol.list mark', { hasText: /^économie$/ }).first()).toBeVisible();
	});

	test('hostile queries render as text and never fail', async ({ page }) => {
		let dialog = false;
		page.on('dialog', async (d) => {
			dialog = true;
			await d.dismiss();
		});
		for (const q of [
			'<script>alert(1)</script>',
			'*',
			':',
			'~~~',
			'^',
			'+-',
			'"',
			'🚲',
			'مرحبا',
			'a'.repeat(3000)
		]) {
			const res = await page.goto(`/annuaire?q=${encodeURIComponent(q)}`);
			expect(res?.status(), q.slice(0, 20)).toBe(200);
			await expectOneH1(page);
		}
		await page.goto(`/annuaire?q=${encodeURIComponent('<img src=x onerror=alert(1)>')}`);
		await expect(
			page.getByRole('heading', { level: 2, name: /pour « <img src=x onerror=alert\(1\)> »/ })
		).toBeVisible();
		// Typed in the live field too: the worker answers, nothing is executed.
		const box = searchBox(page);
		await box.fill('');
		await box.pressSequentially('<b>*~^:', { delay: 20 });
		await page.waitForTimeout(300);
		expect(dialog).toBe(false);
	});
});

test.describe('annuaire: facets, URL and back button', () => {
	test('facets combine with text, counts show, chips remove, back undoes', async ({ page }) => {
		const errors = watchErrors(page);
		await page.goto('/annuaire?q=velo');
		const heading = page.locator('#resultats-titre');
		const allText = await heading.textContent();
		const all = Number(allText?.match(/\d+/)?.[0]);
		expect(all).toBeGreaterThan(2);

		const quartiers = page.getByRole('group', { name: 'Quartier de Strasbourg' });
		const meinau = quartiers.getByRole('checkbox', { name: /^Meinau \(\d+\)$/ });
		await meinau.check();
		// The filtered page is a server round trip: give it the time a loaded CI machine needs.
		await expect(page).toHaveURL(/[?&]quartier=meinau/, { timeout: 15_000 });
		await expect(page).toHaveURL(/[?&]q=velo/);
		await expect(resultLink(page, /Atelier mobile Bretz'selle/)).toBeVisible();
		const filtered = Number((await heading.textContent())?.match(/\d+/)?.[0]);
		expect(filtered).toBeLessThan(all);
		expect(await results(page).count()).toBe(filtered);
		await expect(page.getByRole('list', { name: 'Filtres actifs' })).toContainText(
			'Quartier de Strasbourg : Meinau'
		);

		// Add a second facet (kind tab), then go back twice to the text-only state.
		await page
			.getByRole('navigation', { name: 'Type de fiche' })
			.getByRole('link', { name: /^Initiatives/ })
			.click();
		await expect(page).toHaveURL(/kind=initiative/);
		await page.goBack();
		await expect(page).not.toHaveURL(/kind=/);
		await expect(
			page.getByRole('group', { name: 'Quartier de Strasbourg' }).getByRole('checkbox', { name: /^Meinau/ })
		).toBeChecked();
		await page.goBack();
		await expect(page).toHaveURL(/\/annuaire\?q=velo$/);
		await expect(
			page.getByRole('group', { name: 'Quartier de Strasbourg' }).getByRole('checkbox', { name: /^Meinau/ })
		).not.toBeChecked();
		await expect(heading).toContainText(String(all));
		// Forward again, then remove the filter with its chip.
		await page.goForward();
		await expect(page).toHaveURL(/quartier=meinau/);
		await page
			.getByRole('list', { name: 'Filtres actifs' })
			.getByRole('link', { name: /Quartier de Strasbourg : Meinau/ })
			.click();
		await expect(page).toHaveURL(/\/annuaire\?q=velo$/);
		expect(errors).toEqual([]);
	});

	test('the whole state survives a reload and a shared link', async ({ page }) => {
		const url = '/annuaire?q=jardin&kind=initiative&quartier=neudorf-port-du-rhin&tri=verification';
		await page.goto(url);
		await expect(searchBox(page)).toHaveValue('jardin');
		await expect(page.getByRole('link', { name: /^Initiatives/ })).toHaveAttribute('aria-current', 'page');
		await expect(page.getByLabel('Trier par')).toHaveValue('verification');
		const before = await results(page).allTextContents();
		expect(before.length).toBeGreaterThan(0);
		await page.reload();
		expect(await results(page).allTextContents()).toEqual(before);

		await page.getByLabel('Trier par').selectOption('nom');
		await expect(page).toHaveURL(/tri=nom/);
		await page.goBack();
		await expect(page).toHaveURL(/tri=verification/);
		await expect(page.getByLabel('Trier par')).toHaveValue('verification');
	});

	test('a place sorts by distance', async ({ page }) => {
		await page.goto('/annuaire?kind=organisation');
		// The select submits on change once the page is hydrated; before that it would need the button.
		await page.waitForLoadState('networkidle');
		await page.getByLabel('Autour de').selectOption('meinau');
		await expect(page).toHaveURL(/pres=meinau/);
		await expect(page.getByLabel('Trier par')).toHaveValue('distance');
		await expect(results(page).first()).toContainText(/km/);
	});

	test('no result: a close spelling, then the filter to remove', async ({ page }) => {
		await page.goto('/annuaire?q=velp');
		await expect(page.getByText('Aucun résultat pour « velp ».')).toBeVisible();
		await page.getByRole('link', { name: 'vélo', exact: true }).click();
		await expect(page).toHaveURL(/q=v%C3%A9lo/);
		await expect(resultLink(page, 'Vélostation')).toBeVisible();

		await page.goto('/annuaire?q=velo&kind=funding-tool');
		await expect(page.getByText(/Aucun résultat pour « velo »/)).toBeVisible();
		await page.getByRole('link', { name: /^Tous les types de fiche \(\d+\)$/ }).click();
		await expect(resultLink(page, 'Vélostation')).toBeVisible();
	});

	test('unknown parameters are dropped with a note, and the page still answers', async ({ page }) => {
		const res = await page.goto('/annuaire?quartier=nulle-part&page=abc&tri=hasard');
		expect(res?.status()).toBe(200);
		await expect(
			page.getByRole('status').filter({ hasText: 'Filtre ignoré : quartier inconnu « nulle-part ».' })
		).toBeVisible();
	});

	test('the annuaire passes axe, with results and with suggestions open', async ({ page }) => {
		await page.goto('/annuaire?q=velo&quartier=meinau');
		await expectNoAxeViolations(page);
		const box = searchBox(page);
		await box.fill('');
		await box.pressSequentially('jardin', { delay: 30 });
		await expect(page.getByRole('listbox', { name: 'Suggestions' })).toBeVisible();
		await expectNoAxeViolations(page);
	});
});

test.describe('annuaire: one filter vocabulary', () => {
	test('the sector facet filters with counts, and its chip removes it', async ({ page }) => {
		const errors = watchErrors(page);
		await page.goto('/annuaire?kind=organisation');
		const heading = page.locator('#resultats-titre');
		const all = Number((await heading.textContent())?.match(/\d+/)?.[0]);
		const option = page
			.getByRole('group', { name: 'Secteur', exact: true })
			.locator('label')
			.filter({ hasText: 'Réemploi, réparation, recyclage' });
		const expected = Number((await option.textContent())?.match(/\((\d+)\)/)?.[1]);
		expect(expected).toBeGreaterThan(0);
		expect(expected).toBeLessThan(all);

		await option.getByRole('checkbox').check();
		await expect(page).toHaveURL(/[?&]secteur=reemploi/);
		await expect(heading).toHaveText(new RegExp(`^${expected} résultats?`));
		expect(await results(page).count()).toBe(Math.min(expected, 20));
		await expect(resultLink(page, 'Emmaüs Strasbourg (communauté)')).toBeVisible();
		const chips = page.getByRole('list', { name: 'Filtres actifs' });
		await expect(chips).toContainText('Secteur : Réemploi, réparation, recyclage');

		await chips.getByRole('link', { name: /Secteur : Réemploi/ }).click();
		await expect(page).toHaveURL(/\/annuaire\?kind=organisation$/);
		await expect(heading).toHaveText(new RegExp(`^${all} résultats`));
		expect(errors).toEqual([]);
	});

	test('links of before still work: API English names, the map’s lieu, the annuaire’s forme', async ({
		page,
		request
	}) => {
		type List = { total: number; items: { legalForm: string }[] };
		// The API's English names stay accepted, and mean what the French ones mean.
		const scop = await request.get('/api/v1/organisations?legalForm=scop');
		expect(scop.status()).toBe(200);
		expect(((await scop.json()) as List).total).toBe(0); // no SCOP in the seed
		const cae = (await (await request.get('/api/v1/organisations?legalForm=cae&limit=1000')).json()) as List;
		expect(cae.total).toBeGreaterThan(0);
		expect(cae.items.every((o) => o.legalForm === 'cae')).toBe(true);
		const french = (await (await request.get('/api/v1/organisations?forme=cae&limit=1000')).json()) as List;
		expect(french.total).toBe(cae.total);
		expect((await request.get('/api/v1/initiatives?type=jardin-partage')).status()).toBe(200);
		const bad = await request.get('/api/v1/organisations?legalForm=sarl');
		expect(bad.status()).toBe(400);
		expect(((await bad.json()) as { error: { parameter: string } }).error.parameter).toBe('legalForm');

		// /carte?lieu=SQ_06: the select shows the quartier and the list holds exactly its points.
		const payload = await loadPoints(request);
		const code = payload.dict.indexOf('q:SQ_06');
		const inQuartier = payload.points.filter((p) => p[7].includes(code)).length;
		expect(inQuartier).toBeGreaterThan(0);
		await page.goto('/carte?lieu=SQ_06');
		await expect(page.getByLabel('Commune ou quartier')).toHaveValue('SQ_06');
		await expect(page.getByTestId('result-list')).toHaveAttribute('data-ready', 'true');
		expect(await listTotal(page)).toBe(inQuartier);
		await expect(page.getByText('Lien en partie illisible')).toHaveCount(0);

		// /annuaire?forme=...: the legal form facet, chip and results.
		await page.goto('/annuaire?forme=cae');
		await expect(page.getByRole('list', { name: 'Filtres actifs' })).toContainText(
			"Forme juridique : Coopérative d'activité et d'emploi (CAE, en SCOP ou SCIC)"
		);
		expect(await results(page).count()).toBe(cae.total);
		await page.goto('/annuaire?forme=scop');
		await expect(
			page
				.getByRole('group', { name: 'Forme juridique' })
				.getByRole('checkbox', { name: /^Société coopérative de production \(SCOP\) \(0\)$/ })
		).toBeChecked();
		await expect(
			page.getByRole('link', { name: /^Sans le filtre « Forme juridique » \(\d+\)$/ })
		).toBeVisible();
	});
});

test.describe('annuaire without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the server renders the same search, filters and pages', async ({ page }) => {
		await page.goto('/annuaire');
		await expectOneH1(page);
		await page.getByRole('searchbox', { name: /Rechercher une structure/ }).fill('cooperatve');
		await page.getByRole('button', { name: 'Rechercher' }).click();
		await expect(page).toHaveURL(/\/annuaire\?q=cooperatve/);
		await expect(resultLink(page, 'Crédit Coopératif')).toBeVisible();
		await expect(page.locator('ol.list mark').first()).toBeVisible();

		await page
			.getByRole('group', { name: 'Famille de l’ESS' })
			.getByRole('checkbox', { name: /^Coopérative/ })
			.check();
		await page.getByRole('button', { name: 'Appliquer les filtres' }).click();
		await expect(page).toHaveURL(/famille=cooperative/);
		await expect(page).toHaveURL(/q=cooperatve/);
		await expect(page.getByRole('list', { name: 'Filtres actifs' })).toContainText(
			'Famille de l’ESS : Coopérative'
		);

		await page.goto('/annuaire');
		const next = page
			.getByRole('navigation', { name: 'Pages de résultats' })
			.getByRole('link', { name: 'Suivante' });
		await next.click();
		await expect(page).toHaveURL(/page=2/);
		await expect(page.getByRole('link', { name: 'Page 2' })).toHaveAttribute('aria-current', 'page');
	});
});
