import { expect } from '@playwright/test';
import { test } from './fixtures';
import { expectNoAxeViolations, watchErrors } from './helpers';

// Organisations without a commune (national or regional bodies): listed with their territory of action, never
// drawn on the map nor counted in Strasbourg.
test.describe('organisations without a commune', () => {
	test('a national financer’s page gives its territory of action and no position', async ({ page }) => {
		const errors = watchErrors(page);
		await page.goto('/structures/france-active');
		const place = page.getByRole('region', { name: 'Où' });
		await expect(place).toContainText('Territoire d’action : France.');
		await expect(place).toContainText('n’est comptée dans aucun quartier ni aucune commune');
		await expect(place.getByRole('link', { name: 'Voir sur la carte' })).toHaveCount(0);
		await expect(page.getByRole('region', { name: 'Dans la même commune' })).toHaveCount(0);
		await expectNoAxeViolations(page);
		expect(errors).toEqual([]);
	});

	test('the map’s list says how many records are not drawn, and why', async ({ page }) => {
		await page.goto('/carte');
		const note = page
			.getByRole('paragraph')
			.filter({ hasText: 'sans position ne figurent pas sur la carte' });
		await expect(note).toContainText(
			/dont \d+\s+structures?\s+sans implantation dans une commune de l’Eurométropole/
		);
		await expect(note.getByRole('link', { name: 'voir l’annuaire' })).toHaveAttribute('href', '/annuaire');
	});

	test('they are in the API, with their territory, and in no commune’s list', async ({ request }) => {
		const all = await (await request.get('/api/v1/organisations?limit=1000')).json();
		const national = all.items.find((o: { id: string }) => o.id === 'france-active');
		expect(national).toMatchObject({ territory: 'france' });
		expect(national.communeCode).toBeUndefined();
		const strasbourg = await (await request.get('/api/v1/organisations?commune=67482&limit=1000')).json();
		const ids = strasbourg.items.map((o: { id: string }) => o.id);
		for (const id of ['france-active', 'bpifrance', 'etat', 'region-grand-est', 'le-stuck'])
			expect(ids).not.toContain(id);
	});
});
