/**
 * The XSS corpus (e2e/xss-corpus.ts) through the browser: every payload typed into a public proposal and
 * the contact form, approved in the workspace, then read back on every page that shows it, public and
 * admin. Nothing may run (no dialog, no `window.__xss`, no CSP violation, which would mean markup got in
 * and was only stopped by the policy), no injected element or attribute may exist, and the text must be
 * shown exactly as typed. The payloads travel in a few fields of one record to keep this to one run.
 */
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures';
import { ensureAccount, gotoReady, login } from './admin-helpers';
import { e2eStore } from './store';
import { getProposal } from '../src/lib/server/db/proposals';
import { getRecordById } from '../src/lib/server/db/records';
import { INJECTED, XSS_CORPUS } from './xss-corpus';

const EDITOR = 'xss-relecture@example.org';
/** A word the search finds, so the record can be located in the lists. */
const MARK = `Xssmarq${Date.now().toString(36)}`;

const NAME = `${MARK} ${XSS_CORPUS[0]} ${XSS_CORPUS[4]}`;
const CARRIER = `${XSS_CORPUS[35]} ${XSS_CORPUS[36]}`;
const DESCRIPTION = XSS_CORPUS.join(' ¦ ');
const HOW_TO_JOIN = XSS_CORPUS.slice(20, 40).join(' ¦ ');
const SENDER = XSS_CORPUS[33];
const MESSAGE = `${MARK} ${XSS_CORPUS.join(' ¦ ')}`;

const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Records dialogs and CSP violations from the first script of every page the tab opens. */
async function watch(page: Page) {
	const dialogs: string[] = [];
	page.on('dialog', async (d) => {
		dialogs.push(`${d.type()} : ${d.message()}`);
		await d.dismiss();
	});
	await page.addInitScript(() => {
		const w = window as unknown as { __violations: string[] };
		w.__violations = [];
		document.addEventListener('securitypolicyviolation', (e) =>
			w.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`)
		);
	});
	return dialogs;
}

/** Nothing ran and nothing was injected; `texts` are shown as typed. */
async function expectInert(page: Page, dialogs: string[], texts: string[] = []) {
	await page.waitForLoadState('load');
	const state = await page.evaluate(() => {
		const w = window as unknown as { __xss?: unknown; __violations?: string[] };
		return { xss: w.__xss ?? null, violations: w.__violations ?? [] };
	});
	const where = page.url();
	expect(dialogs, where).toEqual([]);
	expect(state, where).toEqual({ xss: null, violations: [] });
	await expect(page.locator(INJECTED), where).toHaveCount(0);
	const shown = flat((await page.locator('body').innerText()) ?? '');
	for (const t of texts) expect(shown.includes(flat(t)), `${where} : texte « ${t} » absent`).toBe(true);
}

test.beforeAll(async () => {
	await ensureAccount(EDITOR, 'Relecture XSS', 'editor');
	// The public forms' hourly limit counts every client of this machine, and the other browser tests
	// post from the same address: this test's posts must not depend on the order files run in.
	const db = await e2eStore();
	await db.run("DELETE FROM form_slots WHERE form IN ('proposal', 'contact')");
	await db.close();
});

test('the XSS corpus, proposed, approved and contacted, is shown inert everywhere', async ({ page }) => {
	test.setTimeout(120_000);
	const dialogs = await watch(page);

	// 1. A visitor proposes an initiative with the corpus in its text fields.
	await gotoReady(page, '/proposer/initiative');
	await page.getByLabel(/^Nom de l’initiative/).fill(NAME);
	await page.getByLabel(/^Qu’est-ce que c’est/).fill(DESCRIPTION);
	await page.getByLabel(/^Type/).selectOption('jardin-partage');
	await page.getByRole('radio', { name: "Collectif d'habitants" }).check();
	await page.getByRole('checkbox', { name: 'Bénévoles' }).check();
	await page.getByLabel(/^Quartier ou commune/).selectOption('67482:SQ_06');
	await page.getByRole('radio', { name: 'Seulement le quartier ou la commune' }).check();
	await page.getByLabel(/^Nom du collectif/).fill(CARRIER);
	await page.getByLabel(/^Comment participer/).fill(HOW_TO_JOIN);
	await page.getByRole('button', { name: /^Envoyer/ }).click();
	await expect(page).toHaveURL(/\/proposer\/merci\/ESS-/);
	const reference = (await page.locator('.ref').textContent())!.trim();
	await expectInert(page, dialogs);

	// 2. A maintainer reads and approves it.
	await login(page, EDITOR);
	await gotoReady(page, '/admin/moderation');
	await expectInert(page, dialogs, [NAME]);
	await gotoReady(page, `/admin/moderation/${reference}`);
	await expectInert(page, dialogs, [NAME]);
	await page.getByRole('button', { name: 'Approuver' }).click();
	await expect(page.getByRole('status')).toContainText('Proposition approuvée');
	const db = await e2eStore();
	const id = (await getProposal(db, reference))!.recordId!;
	const record = (await getRecordById(db, id))!;
	await db.close();
	expect(record).toMatchObject({ name: NAME, description: DESCRIPTION, status: 'published' });

	// 3. Every page that shows it, public then admin.
	const pages: [string, string[]][] = [
		[`/initiatives/${record.slug}`, [NAME, DESCRIPTION, CARRIER, HOW_TO_JOIN]],
		[`/annuaire?q=${MARK}`, [NAME]],
		[`/carte?q=${MARK}`, []],
		[`/carte?sel=${id}`, []],
		[`/admin/fiches?q=${MARK}`, [NAME]],
		[`/admin/fiches/${id}`, []],
		[`/admin/fiches/${id}/historique`, [NAME]]
	];
	for (const [path, texts] of pages) {
		await page.goto(path);
		if (path.startsWith('/carte')) await expect(page.getByText(NAME).first()).toBeVisible();
		await expectInert(page, dialogs, texts);
	}
	// The edit form holds the text as typed, in its fields.
	await page.goto(`/admin/fiches/${id}`);
	await expect(page.getByLabel(/^Nom/).first()).toHaveValue(NAME);
	await expect(page.getByLabel(/^Description/).first()).toHaveValue(DESCRIPTION);

	// 4. A visitor writes to the record's team through the contact form; the message waits in the workspace.
	await gotoReady(page, `/contacter/${id}`);
	await page.getByLabel(/^Votre nom/).fill(SENDER);
	await page.getByLabel(/^Votre adresse e-mail/).fill('xss.e2e@example.org');
	await page.getByLabel(/^Votre message/).fill(MESSAGE);
	await page.getByRole('button', { name: 'Envoyer le message' }).click();
	await expect(page).toHaveURL(`/contacter/${id}/envoye`);
	await expectInert(page, dialogs, [NAME]);
	await gotoReady(page, '/admin/messages');
	await expectInert(page, dialogs, [SENDER, MESSAGE]);
});
