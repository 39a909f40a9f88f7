import { expect, test, type Page } from '@playwright/test';

/**
 * On a slow phone the form is on screen seconds before its scripts arrive, and people answer meanwhile. What
 * they ticked must still be sent once the page has come alive. Playwright's own `test` on purpose: the project
 * fixture waits for hydration, which is the very moment these journeys need to straddle.
 */

/** Holds the page's scripts until `release` is called; the HTML and the stylesheets arrive as usual. */
async function holdScripts(page: Page) {
	let release!: () => void;
	const gate = new Promise<void>((resolve) => (release = resolve));
	await page.route(/\/_app\/immutable\/.*\.js$/, async (route) => {
		await gate;
		await route.continue();
	});
	return async () => {
		release();
		await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	};
}

test('the funding finder keeps the answers given while its scripts were loading', async ({ page }) => {
	const alive = await holdScripts(page);
	await page.goto('/financements/trouver', { waitUntil: 'commit' });
	await page.getByRole('radio', { name: 'Association non fiscalisée' }).check();
	await page.getByRole('radio', { name: 'Création', exact: true }).check();
	await page.getByRole('radio', { name: 'Investissement' }).check();
	await alive();
	// Each question keeps its own answer: none is read back from another question's radios.
	await expect(page.getByRole('radio', { name: 'Association non fiscalisée' })).toBeChecked();
	await expect(page.getByRole('radio', { name: 'Création', exact: true })).toBeChecked();
	await expect(page.getByRole('radio', { name: 'Investissement' })).toBeChecked();
	await page.getByRole('button', { name: 'Voir les financements possibles' }).click();
	await expect(page).toHaveURL(/structure=association/);
	await expect(page).toHaveURL(/stade=creation/);
	await expect(page).toHaveURL(/besoin=investissement/);
	await expect(page.getByRole('heading', { level: 2, name: /financements? possibles?$/ })).toBeVisible();
});

test('« Créer son activité » keeps the stage and the needs ticked while its scripts were loading', async ({
	page
}) => {
	const alive = await holdScripts(page);
	await page.goto('/creer', { waitUntil: 'commit' });
	await page.getByRole('radio', { name: 'Reprise' }).check();
	await page.getByRole('checkbox', { name: 'Me former' }).check();
	await page.getByRole('checkbox', { name: 'Rejoindre un réseau' }).check();
	await alive();
	await expect(page.getByRole('radio', { name: 'Reprise' })).toBeChecked();
	await expect(page.getByRole('checkbox', { name: 'Me former' })).toBeChecked();
	await page.getByRole('button', { name: 'Voir mon parcours' }).click();
	await expect(page).toHaveURL(/stade=reprise/);
	await expect(page).toHaveURL(/besoin=formation/);
	await expect(page).toHaveURL(/besoin=reseau/);
});
