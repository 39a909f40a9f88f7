import { expect } from '@playwright/test';
import { test } from './fixtures';
import { SCALE_URL } from './map-scale-helpers';

// Pages other than the map on the large synthetic store: a buyer's search over a whole city must stay a
// page a phone can load, the rest in the files.
test.use({ baseURL: SCALE_URL });

test('/acheter over thousands of suppliers shows the first hundred, says so, and the file holds them all', async ({
	page
}) => {
	await page.goto('/acheter?lieu=strasbourg&rayon=50');
	const summary = page.locator('p.files');
	const total = Number(
		/(\d[\d\s\u202f]*) structures répondent/.exec((await summary.textContent()) ?? '')?.[1].replace(/\D/g, '')
	);
	expect(total).toBeGreaterThan(100);
	await expect(page.getByTestId('matches').getByTestId('supplier')).toHaveCount(100);
	await expect(page.getByTestId('cut')).toContainText('Les 100 premières de chaque liste sont affichées ici');
	await expect(page.getByTestId('cut')).toContainText('Les fichiers CSV et Excel les contiennent toutes.');
	const csv = await page.request.get(
		(await page.getByRole('link', { name: 'CSV', exact: true }).getAttribute('href')) ?? ''
	);
	expect(csv.status()).toBe(200);
	// One line per supplier after the header (no line breaks inside cells here: synthetic records).
	const lines = (await csv.text()).trim().split('\n').length;
	expect(lines - 1).toBe(total);
});

test('a quartier page over thousands of records lists the first of each group and links the annuaire for the rest', async ({
	page
}) => {
	// Its one sub-quartier holds about a hundred initiatives of the 5,000-record store, thousands at 250,000.
	await page.goto('/quartiers/conseil-des-xv-rotterdam');
	const groups = page.locator('#initiatives section.group');
	expect(await groups.count()).toBeGreaterThan(0);
	for (const group of await groups.all())
		expect(await group.locator('ul.cards > li').count()).toBeLessThanOrEqual(60);
	const more = page.getByRole('link', { name: 'voir toutes les initiatives dans l’annuaire' }).first();
	await expect(more).toBeVisible();
	await more.click();
	await expect(page).toHaveURL(/\/annuaire\?kind=initiative&quartier=conseil-des-xv-rotterdam/);
});
