/**
 * Residents and project holders act on what they find: « Participer » / « Contacter » on records, the
 * message relayed by e-mail (read here from the local SMTP double, scripts/smtp-double.ts) or queued for
 * the team in /admin/messages, with and without JavaScript; the honeypot and the rate limit; and the
 * follow-up of a proposal, with the decision e-mail.
 */
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures';
import { createProposal } from '../src/lib/server/db/proposals';
import { getRecordById, updateRecord } from '../src/lib/server/db/records';
import type { PublicRecord } from '../src/lib/domain/records';
import type { ReceivedMail } from '../src/lib/server/mail/test-smtp';
import { ensureAccount, gotoReady, login } from './admin-helpers';
import { e2eStore, withStore } from './store';
import { expectNoAxeViolations, expectOneH1, watchErrors } from './helpers';

const EDITOR = 'dominique-messages@example.org';
/** A synthetic address given to a seed structure for this run only (the seed publishes no e-mail). */
const PUBLISHED = 'emmaus-e2e@example.org';
const ORG = { id: 'emmaus-strasbourg', slug: 'emmaus-strasbourg' };
/** An initiative carried by that structure, without an address of its own. */
const CARRIED = { id: 'ventes-emmaus-strasbourg', quartier: 'koenigshoffen-montagne-verte-elsau' };
/** An initiative with no address anywhere. */
const NO_ADDRESS = 'lupovino';

const unique = (what: string) => `${what} ${Date.now().toString(36)}`;

async function mails(): Promise<ReceivedMail[]> {
	const res = await fetch(`${process.env.E2E_MAIL_URL}/messages`);
	return (await res.json()) as ReceivedMail[];
}

/** Waits for the one mail whose text contains `marker` (the SMTP double receives after the request). */
async function mailWith(marker: string): Promise<ReceivedMail> {
	await expect
		.poll(async () => (await mails()).filter((m) => m.text.includes(marker)).length, { timeout: 15_000 })
		.toBe(1);
	return (await mails()).find((m) => m.text.includes(marker))!;
}

function messageRows(recordId: string) {
	return withStore((db) =>
		db.all<{ id: string; status: string; route: string; body: string; sender_email: string }>(
			'SELECT id, status, route, body, sender_email FROM contact_messages WHERE record_id = ?',
			[recordId]
		)
	);
}

async function fillMessage(page: Page, v: { name: string; email: string; message: string }) {
	await page.getByLabel(/^Votre nom/).fill(v.name);
	await page.getByLabel(/^Votre adresse e-mail/).fill(v.email);
	await page.getByLabel(/^Votre message/).fill(v.message);
}

test.beforeAll(async () => {
	await ensureAccount(EDITOR, 'Dominique Messages', 'editor');
	const db = await e2eStore();
	const org = (await getRecordById(db, ORG.id))!;
	if (org.kind === 'organisation' && org.contact.email !== PUBLISHED) {
		const { version, ...record } = org;
		const updated = { ...record, contact: { ...record.contact, email: PUBLISHED } } as PublicRecord;
		expect(
			(await updateRecord(db, updated, { expectedVersion: version, by: null, action: 'update' })).ok
		).toBe(true);
	}
	await db.close();
});

test('with JavaScript: a message to a structure that publishes an e-mail arrives, Reply-To the visitor', async ({
	page
}) => {
	const errors = watchErrors(page);
	await page.goto(`/structures/${ORG.slug}`);
	await page.getByRole('link', { name: 'Contacter cette structure' }).click();
	await expect(page).toHaveURL(`/contacter/${ORG.id}`);
	await expectOneH1(page);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Contacter la structure');
	// Told before sending where it goes, never the address itself.
	await expect(page.locator('#ou-va-le-message')).toContainText('sera envoyé par e-mail à « Emmaüs');
	// Neither the page nor its data (client-side navigation) carries the address.
	for (const path of [`/contacter/${ORG.id}`, `/contacter/${ORG.id}/__data.json`]) {
		const res = await page.request.get(path);
		expect(res.status()).toBe(200);
		expect(await res.text(), path).not.toContain(PUBLISHED);
	}
	await expectNoAxeViolations(page);

	// Enhanced: the errors come back without a reload, the summary takes the focus, nothing is lost.
	await page.waitForLoadState('networkidle');
	await page.getByLabel(/^Votre nom/).fill('Awa Diallo');
	await page.getByRole('button', { name: 'Envoyer le message' }).click();
	const summary = page.getByRole('alert');
	await expect(summary).toBeFocused();
	await expect(summary).toContainText('2 réponses sont à corriger');
	await expect(page.locator('#f-message-erreur')).toContainText('écrivez votre message');
	await expect(page.getByLabel(/^Votre nom/)).toHaveValue('Awa Diallo');
	await expectNoAxeViolations(page);

	const marker = unique('Je voudrais donner des meubles');
	await fillMessage(page, {
		name: 'Awa Diallo',
		email: 'awa.e2e@example.org',
		message: `${marker}, samedi ?`
	});
	await page.getByRole('button', { name: 'Envoyer le message' }).click();
	await expect(page).toHaveURL(`/contacter/${ORG.id}/envoye`);
	await expect(page.getByRole('status')).toContainText('Votre message est parti par e-mail vers « Emmaüs');

	const mail = await mailWith(marker);
	expect(mail.envelopeTo).toEqual([PUBLISHED]);
	expect(mail.from).toBe('"Carto ESS tests" <carto-ess@example.org>');
	expect(mail.replyTo).toEqual({ name: 'Awa Diallo', address: 'awa.e2e@example.org' });
	expect(mail.hasHtml).toBe(false);
	expect(mail.subject).toContain('Carto ESS : un message au sujet de « Emmaüs');
	expect(mail.text).toContain(`/structures/${ORG.slug}`);
	expect(mail.text).toContain('au-delà de six mois');
	await expect
		.poll(async () => (await messageRows(ORG.id)).find((m) => m.body.includes(marker))?.status)
		.toBe('sent');
	expect(errors).toEqual([]);
});

test('an initiative card of a quartier leads to « Participer », relayed to the structure that carries it', async ({
	page
}) => {
	await page.goto(`/quartiers/${CARRIED.quartier}`);
	const link = page.getByRole('link', { name: /^Participer ou poser une question : Ventes/ });
	await expect(link).toHaveAttribute('href', `/contacter/${CARRIED.id}`);
	await link.click();
	await expect(page.locator('#ou-va-le-message')).toContainText('qui porte cette initiative');
	const marker = unique('Je peux aider à la vente');
	await page.waitForLoadState('networkidle');
	await fillMessage(page, { name: 'Léo Martin', email: 'leo.e2e@example.org', message: marker });
	await page.getByRole('button', { name: 'Envoyer le message' }).click();
	await expect(page.getByRole('status')).toContainText('qui porte cette initiative');
	const mail = await mailWith(marker);
	expect(mail.envelopeTo).toEqual([PUBLISHED]);
	expect(mail.text).toContain(`/initiatives/${CARRIED.id}`);
	expect(mail.replyTo?.address).toBe('leo.e2e@example.org');
});

test('every kind of record links to its contact page', async ({ page, request }) => {
	const { items } = await (await request.get('/api/v1/funding-tools?limit=1')).json();
	await page.goto(`/financements/${items[0].slug}`);
	await expect(page.getByRole('link', { name: 'Contacter le financeur' })).toHaveAttribute(
		'href',
		`/contacter/${items[0].id}`
	);
	await page.goto(`/initiatives/${NO_ADDRESS}`);
	await expect(page.getByRole('link', { name: 'Participer ou poser une question' })).toHaveAttribute(
		'href',
		`/contacter/${NO_ADDRESS}`
	);
	expect((await request.get('/contacter/fiche-inconnue')).status()).toBe(404);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('errors next to fields, values kept; a record without address queues it for the team, seen in /admin/messages', async ({
		page,
		browser
	}) => {
		// Two pages and a login: more than the default 30 s on a loaded machine.
		test.setTimeout(60_000);
		await page.goto(`/contacter/${NO_ADDRESS}`);
		await expect(page.locator('#ou-va-le-message')).toContainText('Nous ne connaissons pas d’adresse e-mail');
		await expect(page.locator('#ou-va-le-message')).toContainText('CRESS Grand Est');
		await page.getByLabel(/^Votre nom/).fill('Sam');
		await page.getByLabel(/^Votre adresse e-mail/).fill('sam@');
		await page.getByRole('button', { name: 'Envoyer le message' }).click();

		await expect(page).toHaveTitle(/^Erreur : /);
		const summary = page.getByRole('alert');
		await expect(summary).toContainText('2 réponses sont à corriger');
		await expect(
			summary.getByRole('link', { name: 'Votre adresse e-mail : adresse e-mail invalide' })
		).toHaveAttribute('href', '#f-email');
		await expect(summary.getByRole('link', { name: 'Votre message : écrivez votre message' })).toBeVisible();
		const email = page.getByLabel(/^Votre adresse e-mail/);
		await expect(email).toHaveValue('sam@');
		await expect(email).toHaveAttribute('aria-invalid', 'true');
		await expect(email).toHaveAttribute('aria-describedby', /\bf-email-erreur\b/);
		await expect(page.locator('#f-email-erreur')).toContainText('adresse e-mail invalide');
		await expect(page.getByLabel(/^Votre nom/)).toHaveValue('Sam');

		const marker = unique('Bonjour, je cherche des horaires');
		await email.fill('sam.e2e@example.org');
		await page.getByLabel(/^Votre message/).fill(marker);
		await page.getByRole('button', { name: 'Envoyer le message' }).click();
		await expect(page).toHaveURL(`/contacter/${NO_ADDRESS}/envoye`);
		await expect(page.getByRole('status')).toContainText('va le lire et le transmettre');
		const stored = (await messageRows(NO_ADDRESS)).find((m) => m.body === marker);
		expect(stored).toMatchObject({
			route: 'workspace',
			status: 'queued',
			sender_email: 'sam.e2e@example.org'
		});

		// The team sees it, with the sender, and marks it handled once forwarded.
		const admin = await browser.newPage({ javaScriptEnabled: false });
		await login(admin, EDITOR);
		await admin.goto('/admin/messages');
		await expectOneH1(admin);
		// SMTP is configured in this run: no notice that mail waits.
		await expect(admin.getByText(/L’envoi d’e-mails n’est pas configuré/)).toHaveCount(0);
		const card = admin.getByRole('article').filter({ hasText: marker });
		await expect(card).toContainText('À transmettre par l’équipe');
		await expect(card).toContainText('la fiche ne publie pas d’adresse e-mail');
		await expect(card.getByRole('link', { name: 'sam.e2e@example.org' })).toBeVisible();
		await card.getByRole('button', { name: /^Marquer comme transmis ou traité/ }).click();
		await expect(admin.getByRole('status')).toContainText('Message marqué comme transmis ou traité');
		await expect(admin.getByRole('article').filter({ hasText: marker })).toHaveCount(0);
		expect((await messageRows(NO_ADDRESS)).find((m) => m.id === stored!.id)?.status).toBe('handled');
		await admin.close();
	});

	test('a message to a published address is relayed without JavaScript too', async ({ page }) => {
		const marker = unique('Sans JavaScript, bonjour');
		await page.goto(`/contacter/${ORG.id}`);
		await fillMessage(page, { name: 'Nour', email: 'nour.e2e@example.org', message: marker });
		await page.getByRole('button', { name: 'Envoyer le message' }).click();
		await expect(page.getByRole('status')).toContainText('parti par e-mail');
		const mail = await mailWith(marker);
		expect(mail.replyTo).toEqual({ name: 'Nour', address: 'nour.e2e@example.org' });
	});
});

test('a filled honeypot looks like a success but stores and sends nothing', async ({ page }) => {
	const marker = unique('Robot');
	await page.goto(`/contacter/${ORG.id}`);
	const trap = page.locator('input[name="homepage"]');
	await expect(trap).toHaveAttribute('tabindex', '-1');
	await page.waitForLoadState('networkidle');
	await fillMessage(page, { name: 'Robot', email: 'robot@example.org', message: `${marker} achetez` });
	await trap.evaluate((el: HTMLInputElement) => (el.value = 'http://spam.example'));
	await page.getByRole('button', { name: 'Envoyer le message' }).click();
	await expect(page).toHaveURL(`/contacter/${ORG.id}/envoye`);
	expect((await messageRows(ORG.id)).filter((m) => m.body.includes(marker))).toEqual([]);
	// Give the outbox the time it would take, then check nothing left.
	await page.waitForTimeout(500);
	expect((await mails()).filter((m) => m.text.includes(marker))).toEqual([]);
});

test('the rate limit stops a client after 10 messages an hour, keeping the text', async ({
	request,
	baseURL
}) => {
	const db = await e2eStore();
	const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
	// The browser tests above came from the same address: count them in.
	const sentByUs = async () =>
		(await db.get<{ n: number }>(
			`SELECT COUNT(*) AS n FROM contact_messages WHERE created_at >= ? AND client_hash = (
				 SELECT client_hash FROM contact_messages WHERE client_hash IS NOT NULL ORDER BY created_at DESC LIMIT 1)`,
			[hourAgo]
		))!.n;
	const headers = { origin: baseURL!, accept: 'text/html' };
	const form = {
		name: 'Pressé',
		email: 'presse@example.org',
		message: 'Encore un message de test.',
		homepage: ''
	};
	let status = 0;
	let html = '';
	for (let i = 0; i < 12 && status !== 429; i++) {
		const res = await request.post(`/contacter/${NO_ADDRESS}`, { form, headers, maxRedirects: 0 });
		status = res.status();
		html = await res.text();
		if (status !== 429) expect(status).toBe(303);
	}
	expect(status).toBe(429);
	expect(html).toContain('Vous avez envoyé beaucoup de messages en peu de temps');
	expect(html).toContain('Encore un message de test.');
	expect(await sentByUs()).toBe(10);
	await db.close();
});

test.describe('proposal follow-up', () => {
	test('pending, then approved in the workspace: the page links the record and the contributor gets an e-mail', async ({
		page
	}) => {
		const name = unique('Grainothèque de test');
		await page.goto('/proposer/initiative');
		await page.waitForLoadState('networkidle');
		await page.getByLabel(/^Nom de l’initiative/).fill(name);
		await page
			.getByLabel(/^Qu’est-ce que c’est/)
			.fill('Une grainothèque proposée pendant les tests, à la médiathèque.');
		await page.getByLabel(/^Type/).selectOption('jardin-partage');
		await page.getByRole('radio', { name: "Collectif d'habitants" }).check();
		await page.getByLabel(/^Quartier ou commune/).selectOption('67482:SQ_06');
		await page.getByRole('radio', { name: 'Seulement le quartier ou la commune' }).check();
		await page.getByLabel(/^Votre adresse e-mail/).fill('graines.e2e@example.org');
		await page.getByRole('button', { name: /^Envoyer/ }).click();
		await expect(page).toHaveURL(/\/proposer\/merci\/ESS-/);
		const reference = (await page.locator('.ref').textContent())!.trim();

		await page.getByRole('link', { name: `Suivre ma proposition ${reference}` }).click();
		await expect(page).toHaveURL(`/proposer/suivi/${reference}`);
		await expectOneH1(page);
		await expect(page.getByRole('status')).toContainText('En attente de relecture');
		await expect(page.getByRole('status')).toContainText(name);
		const html = await page.content();
		expect(html).not.toContain('graines.e2e@example.org');
		expect(html).not.toContain('grainothèque proposée pendant les tests');
		await expectNoAxeViolations(page);

		const admin = await page.context().browser()!.newPage();
		await login(admin, EDITOR);
		await gotoReady(admin, `/admin/moderation/${reference}`);
		await admin.getByRole('button', { name: 'Approuver' }).click();
		await expect(admin.getByRole('status')).toContainText('Proposition approuvée');
		await admin.close();

		await page.reload();
		await expect(page.getByRole('status')).toContainText('Acceptée et publiée');
		await page.getByRole('link', { name: 'Voir la fiche publiée' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
		const recordPath = new URL(page.url()).pathname;

		const mail = await mailWith(reference);
		expect(mail.envelopeTo).toEqual(['graines.e2e@example.org']);
		expect(mail.subject).toBe(`Carto ESS : votre proposition ${reference} est acceptée`);
		expect(mail.text).toContain(recordPath);
		expect(mail.text).toContain(`/proposer/suivi/${reference}`);
		expect(mail.replyTo).toBeNull();
	});

	test('declined with a reason: the page and the e-mail give it; an unknown reference is a French 404', async ({
		page
	}) => {
		const db = await e2eStore();
		const proposal = await createProposal(db, {
			type: 'new-initiative',
			payload: { name: unique('Proposition à refuser') },
			submitterEmail: 'declinee.e2e@example.org'
		});
		await db.close();
		await login(page, EDITOR);
		await gotoReady(page, `/admin/moderation/${proposal.id}`);
		await page.getByLabel(/Raison du refus/).fill('Cette initiative est déjà sur la carte.');
		await page.getByRole('button', { name: 'Refuser' }).click();
		await expect(page.getByRole('status')).toContainText('Proposition refusée');

		await page.goto(`/proposer/suivi/${proposal.id}`);
		await expect(page.getByRole('status')).toContainText('Non retenue');
		await expect(page.getByRole('status')).toContainText('Cette initiative est déjà sur la carte.');
		const mail = await mailWith(proposal.id);
		expect(mail.envelopeTo).toEqual(['declinee.e2e@example.org']);
		expect(mail.text).toContain('Cette initiative est déjà sur la carte.');

		// The workspace lists the decision e-mail as sent.
		await page.goto('/admin/messages');
		await expectOneH1(page);
		await expect(page.getByRole('row').filter({ hasText: proposal.id })).toContainText('envoyé');
		await expectNoAxeViolations(page);

		const res = await page.goto('/proposer/suivi/ESS-2222-2222');
		expect(res?.status()).toBe(404);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Référence inconnue');
	});
});

test('a decision e-mail the server refuses is shown failed in the workspace, with a resend', async ({
	page
}) => {
	const db = await e2eStore();
	const proposal = await createProposal(db, {
		type: 'new-initiative',
		payload: { name: unique('Proposition au courriel refusé') },
		submitterEmail: 'refus@example.org'
	});
	await db.close();
	await login(page, EDITOR);
	await gotoReady(page, `/admin/moderation/${proposal.id}`);
	await page.getByLabel(/Raison du refus/).fill('Hors du territoire de l’Eurométropole.');
	await page.getByRole('button', { name: 'Refuser' }).click();
	await expect(page.getByRole('status')).toContainText('Proposition refusée');
	const row = page.getByRole('row').filter({ hasText: proposal.id });
	await expect
		.poll(
			async () => {
				await page.goto('/admin/messages');
				return row.textContent();
			},
			{ timeout: 15_000 }
		)
		.toContain('échec');
	await expect(row).toContainText('550');
	await row.getByRole('button', { name: /^Renvoyer/ }).click();
	await expect(page.getByRole('status')).toContainText('E-mail mis dans la file d’envoi');
});
