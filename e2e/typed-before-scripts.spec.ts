import { expect, test, type Page } from '@playwright/test';

/**
 * On a slow phone, people fill a server-rendered form while the page's scripts still load. Hydration then
 * writes every control's value from the page's data, which erased what they had entered: a radius typed on
 * /acheter came back as the default, and the search went out with it. What was entered before the scripts
 * ran must be what the form holds, and sends, once they run.
 */

/** Holds the app's scripts until `release()`: the page is usable, not yet hydrated. */
async function holdScripts(page: Page): Promise<() => void> {
	let release!: () => void;
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route(/\/_app\/immutable\/entry\/.*\.js$/, async (route) => {
		await held;
		await route.continue();
	});
	return release;
}

const hydrated = (page: Page) =>
	expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true', { timeout: 15_000 });

test('/acheter: the need described while the scripts load is the one searched', async ({ page }) => {
	const release = await holdScripts(page);
	await page.goto('/acheter', { waitUntil: 'domcontentloaded' });
	await page
		.getByLabel('Activité', { exact: true })
		.selectOption({ label: 'Environnement, énergie et réemploi' });
	await page.getByLabel('Lieu d’exécution').selectOption({ label: 'Strasbourg' });
	await page.getByLabel('Rayon (km)').fill('20');
	await page
		.getByLabel('Base juridique')
		.selectOption({ label: 'Marché réservé aux SIAE et structures équivalentes (article L2113-13)' });
	await expect(page.locator('html')).not.toHaveAttribute('data-hydrated', 'true');
	release();
	await hydrated(page);
	await expect(page.getByLabel('Rayon (km)')).toHaveValue('20');
	await expect(page.getByLabel('Lieu d’exécution')).toHaveValue('strasbourg');
	await expect(page.getByLabel('Base juridique')).toHaveValue('L2113-13');
	await page.getByRole('button', { name: 'Chercher des fournisseurs' }).click();
	await page.waitForURL(/\/acheter\?.*base=/);
	expect(page.url()).toContain('activite=environnement-reemploi&lieu=strasbourg&rayon=20&base=L2113-13');
});

test('/annuaire: a search typed and a filter ticked while the scripts load stay, and only those', async ({
	page
}) => {
	const release = await holdScripts(page);
	await page.goto('/annuaire', { waitUntil: 'domcontentloaded' });
	// A search box before the scripts, a combobox (suggestions) after.
	const search = page.getByLabel(/Rechercher une structure/);
	await search.fill('vélo');
	const meinau = page
		.getByRole('group', { name: 'Quartier de Strasbourg' })
		.getByRole('checkbox', { name: /^Meinau/ });
	await meinau.check();
	const neudorf = page
		.getByRole('group', { name: 'Quartier de Strasbourg' })
		.getByRole('checkbox', { name: /^Neudorf/ });
	release();
	await hydrated(page);
	await expect(search).toHaveValue('vélo');
	await expect(meinau).toBeChecked();
	// A control nobody touched keeps the page's value.
	await expect(neudorf).not.toBeChecked();
});

test('once the page is live, the page’s own values are written again as before', async ({ page }) => {
	await page.goto('/acheter?lieu=strasbourg&rayon=5');
	await hydrated(page);
	await expect(page.getByLabel('Rayon (km)')).toHaveValue('5');
	await page.goto('/acheter?lieu=strasbourg&rayon=12');
	await hydrated(page);
	await expect(page.getByLabel('Rayon (km)')).toHaveValue('12');
});
