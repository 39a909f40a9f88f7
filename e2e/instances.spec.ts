/**
 * Two instances of the app over one PostgreSQL database, as behind a load balancer (playwright.config.ts starts
 * the second on PostgreSQL runs): two editors, each on their own instance, save the same record at once.
 * Exactly one save wins; the other editor meets the conflict screen with both versions, and keeping their
 * own loses nothing of the first (it stays in the history). On SQLite runs there is one instance: skipped.
 */
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures';
import { organisationSchema } from '../src/lib/domain/records';
import { organisationFixture } from '../src/lib/domain/test-fixtures';
import { getRecordById, insertRecord, listHistory } from '../src/lib/server/db/records';
import { ensureAccount, gotoReady, login } from './admin-helpers';
import { withStore } from './store';

test.skip(!process.env.E2E_STORE_URL, 'deux instances sur une même base : sur PostgreSQL seulement');

const EDITORS = [
	{ email: 'instance-a@example.org', name: 'Ana Instance' },
	{ email: 'instance-b@example.org', name: 'Bastien Instance' }
];
const RECORD = 'deux-instances-test';

test.beforeAll(async () => {
	for (const e of EDITORS) await ensureAccount(e.email, e.name, 'editor');
	await withStore(async (db) => {
		if (await getRecordById(db, RECORD)) return;
		await insertRecord(
			db,
			organisationSchema.parse(
				organisationFixture({ id: RECORD, slug: RECORD, name: 'Atelier des deux instances (synthétique)' })
			)
		);
	});
});

test('two editors on two instances save the same record at once: one wins, the other sees both versions, nothing is lost', async ({
	browser,
	baseURL
}) => {
	const contexts = await Promise.all(
		[baseURL!, process.env.E2E_SECOND_URL!].map((url) => browser.newContext({ baseURL: url }))
	);
	const pages = await Promise.all(contexts.map((c) => c.newPage()));
	const texts = ['Description enregistrée par Ana sur A.', 'Description enregistrée par Bastien sur B.'];
	for (const [i, page] of pages.entries()) {
		await login(page, EDITORS[i].email);
		await gotoReady(page, `/admin/fiches/${RECORD}`);
		await page.getByRole('textbox', { name: 'Description', exact: true }).fill(texts[i]);
	}
	const saved = (page: Page) => page.getByRole('status').filter({ hasText: 'version 2' });
	const conflict = (page: Page) => page.getByRole('region', { name: /Conflit/ });

	await Promise.all(
		pages.map((page) => page.getByRole('button', { name: 'Enregistrer', exact: true }).click())
	);
	for (const page of pages) await expect(saved(page).or(conflict(page))).toBeVisible();
	const lost = await Promise.all(pages.map((page) => conflict(page).isVisible()));
	expect(lost.filter(Boolean), 'exactly one of the two saves meets the conflict').toHaveLength(1);
	const loser = lost.indexOf(true);
	const winner = 1 - loser;
	await expect(saved(pages[winner])).toBeVisible();

	const screen = conflict(pages[loser]);
	await expect(screen).toContainText(`${EDITORS[winner].name} a enregistré la version 2`);
	await expect(screen.getByRole('table')).toContainText(texts[winner]);
	await expect(screen.getByRole('table')).toContainText(texts[loser]);
	expect((await withStore((db) => getRecordById(db, RECORD)))?.description).toBe(texts[winner]);

	// The other editor keeps their own version: it becomes version 3, the first stays in the history, and
	// the winner's instance shows it at once.
	await screen.getByRole('button', { name: 'Enregistrer ma version à la place' }).click();
	await expect(pages[loser].getByRole('status')).toContainText('version 3');
	await withStore(async (db) => {
		expect((await getRecordById(db, RECORD))?.description).toBe(texts[loser]);
		expect((await listHistory(db, RECORD)).map((h) => h.data.description)).toEqual([
			texts[loser],
			texts[winner],
			expect.any(String)
		]);
	});
	await gotoReady(pages[winner], `/admin/fiches/${RECORD}`);
	await expect(pages[winner].getByRole('textbox', { name: 'Description', exact: true })).toHaveValue(
		texts[loser]
	);
	for (const c of contexts) await c.close();
});
