/**
 * What the pages say: no word glued to the next by a space Svelte dropped, no label said twice, no
 * « inconnu(e) », on every record and quartier page (rendered by the server: the text is there without
 * JavaScript), and the sentences that were wrong, as they should read.
 */
import { expect, type APIRequestContext } from '@playwright/test';
import { test } from './fixtures';
import { expectCleanWording } from './layout-helpers';

test.use({ javaScriptEnabled: false });

async function slugs(request: APIRequestContext, collection: string, prefix: string) {
	const items = (await (await request.get(`/api/v1/${collection}?limit=1000`)).json()).items as {
		slug: string;
	}[];
	return items.map((i) => `${prefix}/${i.slug}`);
}

test('every record and quartier page reads right', async ({ page, request }) => {
	test.setTimeout(120_000);
	const paths = [
		...(await slugs(request, 'organisations', '/structures')),
		...(await slugs(request, 'initiatives', '/initiatives')),
		...(await slugs(request, 'funding-tools', '/financements')),
		...(await slugs(request, 'quartiers', '/quartiers')),
		'/donnees',
		'/financements/trouver?structure=association&stade=creation&montant=20000&territoire=67482',
		'/financements/trouver?structure=porteur&stade=emergence&montant=5000&territoire=qpv-hautepierre'
	];
	for (const path of paths) {
		await page.goto(path);
		await expectCleanWording(page, path);
	}
});

test('the sentences that were wrong', async ({ page, request }) => {
	// An initiative whose carrier has no name: its kind, once.
	const initiatives = (await (await request.get('/api/v1/initiatives?limit=1000')).json()).items as {
		slug: string;
		carrier: { kind: string; name?: string; organisationId?: string };
	}[];
	const unnamed = initiatives.find((i) => !i.carrier.name && !i.carrier.organisationId);
	if (unnamed) {
		await page.goto(`/initiatives/${unnamed.slug}`);
		const carrier = page.locator('dt', { hasText: 'Porté par' }).locator('xpath=following-sibling::dd[1]');
		await expect(carrier).not.toContainText('(');
	}
	// A criterion that does not exclude the tool, with its space.
	await page.goto(
		'/financements/trouver?structure=association&stade=creation&montant=20000&territoire=67482'
	);
	await expect(page.getByText(/\S\s\(n’exclut pas l’outil\)/).first()).toBeVisible();
	// The API's two formats, apart.
	await page.goto('/donnees');
	await expect(page.getByText('/api/v1/communes · GeoJSON')).toBeVisible();
	// The list is beside the map only on a wide screen: the page does not say where it is.
	await page.goto('/carte');
	await expect(page.locator('main')).not.toContainText('à côté de la carte');
});
