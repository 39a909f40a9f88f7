import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getCatalogue } from '../catalogue';
import type { Db } from '../db/connection';
import { sqliteClient } from '../db/sql';
import { createMessage, getMessage, type MessageRoute } from '../db/messages';
import { claimMail, getMail, listMails } from '../db/outbox';
import { createProposal, decideProposal } from '../db/proposals';
import { approveProposal, proposalView, rejectProposal } from '../admin/moderation';
import { createFromForm } from '../admin/records';
import { sendByEmail, resendDecision, markHandled, messagesPage } from '../admin/messages';
import { contactStore, EDITOR, formOf, SITE, withEmail } from '../test-contact';
import { BACKOFF_MS, MAX_ATTEMPTS, processOutbox, retryDelay } from './outbox';
import { startLocalSmtp, type LocalSmtp } from './test-smtp';
import { MailError, smtpTransport, type MailTransport, type OutgoingMail } from './transport';

let db: Db;
beforeEach(() => {
	db = contactStore();
});

const T0 = new Date('2026-12-01T09:00:00Z');
const at = (ms: number) => () => new Date(T0.getTime() + ms);

const TO_RECORD: MessageRoute = {
	route: 'email',
	to: 'contact@jardin-asso.example',
	recipientId: 'jardin-asso',
	recipientName: withEmail.name,
	via: 'record'
};

function message(route: MessageRoute = TO_RECORD, email = 'awa@example.org') {
	return createMessage(
		sqliteClient(db),
		{
			record: { id: 'jardin-asso', kind: 'organisation', name: withEmail.name },
			sender: { name: 'Awa Diallo', email },
			body: 'Bonjour,\nje voudrais donner un coup de main le samedi.',
			clientHash: null
		},
		route,
		T0
	);
}

/** A transport that fails as scripted (true: temporary failure, 'final': permanent), then accepts. */
function scripted(plan: (boolean | 'final')[] = []) {
	const sent: OutgoingMail[] = [];
	const transport: MailTransport = {
		async send(mail) {
			const step = plan.shift();
			if (step === 'final') throw new MailError('550 Boîte inconnue', true);
			if (step) throw new MailError('451 Réessayez plus tard', false);
			sent.push(mail);
		}
	};
	return { transport, sent };
}

describe('outbox', () => {
	it('a message to a published address is queued with it, in the same write, and sent after', async () => {
		const m = await message();
		expect(m.status).toBe('sending');
		expect(await getMail(sqliteClient(db), 'contact', m.id)).toMatchObject({
			status: 'pending',
			attempts: 0
		});
		const { transport, sent } = scripted();
		expect(await processOutbox({ sql: sqliteClient(db), transport, siteUrl: SITE, now: at(0) })).toEqual({
			sent: 1,
			retried: 0,
			failed: 0
		});
		expect(sent).toHaveLength(1);
		expect(sent[0]).toMatchObject({
			to: 'contact@jardin-asso.example',
			replyTo: { name: 'Awa Diallo', address: 'awa@example.org' }
		});
		expect(sent[0].text).toContain(`${SITE}/structures/jardin-asso`);
		expect(await getMessage(sqliteClient(db), m.id)).toMatchObject({
			status: 'sent',
			relayedAt: T0.toISOString()
		});
		expect(await getMail(sqliteClient(db), 'contact', m.id)).toMatchObject({ status: 'sent', attempts: 1 });
		// Nothing is sent twice.
		expect(
			await processOutbox({ sql: sqliteClient(db), transport, siteUrl: SITE, now: at(3_600_000) })
		).toEqual({
			sent: 0,
			retried: 0,
			failed: 0
		});
	});

	it('a message for the team queues no mail', async () => {
		const m = await message({ route: 'workspace', reason: 'no-address' });
		expect(m.status).toBe('queued');
		expect(await getMail(sqliteClient(db), 'contact', m.id)).toBeUndefined();
	});

	it('retries a failed send later each time, and never before it is due', async () => {
		expect(BACKOFF_MS.map((_, i) => retryDelay(i + 1))).toEqual([...BACKOFF_MS]);
		const m = await message();
		const { transport, sent } = scripted([true, true]);
		const run = (ms: number) =>
			processOutbox({ sql: sqliteClient(db), transport, siteUrl: SITE, now: at(ms) });

		expect(await run(0)).toMatchObject({ retried: 1 });
		expect(await getMail(sqliteClient(db), 'contact', m.id)).toMatchObject({
			status: 'pending',
			attempts: 1,
			lastError: '451 Réessayez plus tard',
			nextAttemptAt: at(60_000)().toISOString()
		});
		expect(await run(59_000)).toEqual({ sent: 0, retried: 0, failed: 0 });
		expect(await run(60_000)).toMatchObject({ retried: 1 });
		expect(await getMail(sqliteClient(db), 'contact', m.id)).toMatchObject({
			attempts: 2,
			nextAttemptAt: at(60_000 + 300_000)().toISOString()
		});
		expect((await getMessage(sqliteClient(db), m.id))?.status).toBe('sending');
		expect(await run(360_000)).toMatchObject({ sent: 1 });
		expect(sent).toHaveLength(1);
		expect((await getMessage(sqliteClient(db), m.id))?.status).toBe('sent');
	});

	it('gives up after the last attempt, keeps the message, and an editor resends it', async () => {
		const m = await message();
		const { transport } = scripted(Array(MAX_ATTEMPTS).fill(true));
		let t = 0;
		for (let i = 1; i <= MAX_ATTEMPTS; i++) {
			await processOutbox({ sql: sqliteClient(db), transport, siteUrl: SITE, now: at(t) });
			if (i < MAX_ATTEMPTS) t += retryDelay(i);
		}
		expect(await getMail(sqliteClient(db), 'contact', m.id)).toMatchObject({
			status: 'failed',
			attempts: MAX_ATTEMPTS
		});
		expect(await getMessage(sqliteClient(db), m.id)).toMatchObject({
			status: 'failed',
			body: expect.stringContaining('samedi')
		});
		// Visible in the workspace, with what it takes to forward it by hand.
		const page = await messagesPage(sqliteClient(db), await getCatalogue(sqliteClient(db)), true);
		expect(page.waiting.map((w) => [w.id, w.status, w.open?.sendTo])).toEqual([
			[m.id, 'failed', withEmail.name]
		]);
		expect(page.waiting[0].mail).toMatchObject({
			lastError: '451 Réessayez plus tard',
			attempts: MAX_ATTEMPTS
		});

		expect(await sendByEmail(sqliteClient(db), await getCatalogue(sqliteClient(db)), m.id, true)).toEqual({
			ok: true
		});
		expect(await getMail(sqliteClient(db), 'contact', m.id)).toMatchObject({
			status: 'pending',
			attempts: 0,
			lastError: null
		});
		const ok = scripted();
		// Queued again now (the real clock), so due now.
		await processOutbox({ sql: sqliteClient(db), transport: ok.transport, siteUrl: SITE });
		expect((await getMessage(sqliteClient(db), m.id))?.status).toBe('sent');
	});

	it('a final refusal is not retried', async () => {
		const m = await message();
		const { transport } = scripted(['final']);
		expect(
			await processOutbox({ sql: sqliteClient(db), transport, siteUrl: SITE, now: at(0) })
		).toMatchObject({ failed: 1 });
		expect(await getMail(sqliteClient(db), 'contact', m.id)).toMatchObject({ status: 'failed', attempts: 1 });
		expect((await getMessage(sqliteClient(db), m.id))?.status).toBe('failed');
	});

	it('an attempt cut short (a crash during the send) is retried, not lost', async () => {
		const m = await message();
		const entry = (await getMail(sqliteClient(db), 'contact', m.id))!;
		// Claimed, then the process died before recording anything.
		expect(await claimMail(sqliteClient(db), entry, at(retryDelay(1))())).toBe(true);
		expect(await claimMail(sqliteClient(db), entry, at(retryDelay(1))())).toBe(false);
		const { transport, sent } = scripted();
		expect(
			await processOutbox({ sql: sqliteClient(db), transport, siteUrl: SITE, now: at(30_000) })
		).toMatchObject({ sent: 0 });
		expect(
			await processOutbox({ sql: sqliteClient(db), transport, siteUrl: SITE, now: at(retryDelay(1)) })
		).toMatchObject({
			sent: 1
		});
		expect(sent).toHaveLength(1);
	});

	it('a message handled by hand is not sent any more', async () => {
		const m = await message();
		expect(await markHandled(sqliteClient(db), m.id, EDITOR)).toEqual({ ok: true });
		expect((await getMail(sqliteClient(db), 'contact', m.id))?.status).toBe('cancelled');
		const { transport, sent } = scripted();
		await processOutbox({ sql: sqliteClient(db), transport, siteUrl: SITE, now: at(0) });
		expect(sent).toEqual([]);
		expect(await getMessage(sqliteClient(db), m.id)).toMatchObject({
			status: 'handled',
			handledBy: EDITOR.id
		});
		expect(await markHandled(sqliteClient(db), m.id, EDITOR)).toMatchObject({ ok: false, status: 409 });
	});

	it('without mail configured, nothing goes and everything waits in the workspace', async () => {
		const waiting = await message({ route: 'workspace', reason: 'mail-off' });
		const p = createProposal(db, {
			type: 'change',
			targetId: 'jardin-asso',
			payload: {},
			submitterEmail: 'a@b.fr'
		});
		decideProposal(db, p.id, { status: 'rejected', by: EDITOR.id, reason: 'Doublon.' });
		const page = await messagesPage(sqliteClient(db), await getCatalogue(sqliteClient(db)), false);
		expect(page.mailConfigured).toBe(false);
		expect(page.waiting.map((m) => m.id)).toEqual([waiting.id]);
		expect(page.waiting[0]).toMatchObject({ why: 'l’envoi d’e-mails n’était pas configuré' });
		expect(page.waiting[0].open?.sendTo).toBeNull();
		// The record's published contacts, to forward by hand.
		expect(page.waiting[0].open?.contacts).toEqual([
			expect.objectContaining({ email: 'contact@jardin-asso.example', phone: '03 88 00 00 00' })
		]);
		expect(page.decisions).toEqual([expect.objectContaining({ reference: p.id, status: 'pending' })]);
		expect(
			await sendByEmail(sqliteClient(db), await getCatalogue(sqliteClient(db)), waiting.id, false)
		).toMatchObject({
			ok: false,
			status: 409
		});
	});
});

describe('decision e-mails', () => {
	const payload = {
		name: 'Repair café du Test',
		description: 'Un repair café proposé par une habitante.',
		initiativeType: 'repair-cafe',
		carrierKind: 'collectif-habitants',
		needs: [],
		thematiques: [],
		place: {
			communeCode: '67482',
			quartierCode: 'SQ_07',
			locationMode: 'quartier',
			lon: 7.75,
			lat: 48.56,
			precision: 'quartier'
		}
	};

	async function deliver() {
		const { transport, sent } = scripted();
		await processOutbox({ sql: sqliteClient(db), transport, siteUrl: SITE });
		return sent;
	}

	it('every way of deciding tells a contributor who left an address, with the record or the reason', async () => {
		const approved = createProposal(db, {
			type: 'new-initiative',
			payload,
			submitterEmail: 'habitante@example.org'
		});
		expect((await proposalView(sqliteClient(db), approved.id))?.problems).toEqual([]);
		expect(await approveProposal(sqliteClient(db), approved.id, undefined, EDITOR)).toMatchObject({
			ok: true
		});
		expect((await getMail(sqliteClient(db), 'decision', approved.id))?.status).toBe('pending');
		let sent = await deliver();
		expect(sent).toHaveLength(1);
		expect(sent[0].to).toBe('habitante@example.org');
		expect(sent[0].headers).toEqual({ 'Auto-Submitted': 'auto-generated' });
		expect(sent[0].subject).toBe(`Carto ESS : votre proposition ${approved.id} est acceptée`);
		expect(sent[0].text).toContain(`${SITE}/initiatives/repair-cafe-du-test`);
		expect(sent[0].text).toContain(`${SITE}/proposer/suivi/${approved.id}`);

		const edited = createProposal(db, {
			type: 'new-initiative',
			payload: { ...payload, name: 'Atelier vélo du Test' },
			submitterEmail: 'cycliste@example.org'
		});
		const draft = (await proposalView(sqliteClient(db), edited.id))!.proposed!;
		expect(
			await createFromForm(
				sqliteClient(db),
				'initiative',
				formOf(draft, { name: 'Atelier vélo du Test (corrigé)' }),
				EDITOR,
				{ proposalId: edited.id }
			)
		).toEqual({ ok: true, id: 'atelier-velo-du-test' });
		sent = await deliver();
		expect(sent[0].text).toContain(`${SITE}/initiatives/atelier-velo-du-test`);

		const declined = createProposal(db, {
			type: 'change',
			targetId: 'jardin-asso',
			payload: { targetId: 'jardin-asso', changes: { name: 'X' }, explanation: 'Le nom a changé.' },
			submitterEmail: 'voisin@example.org'
		});
		expect(await rejectProposal(sqliteClient(db), declined.id, 'Le nom n’a pas changé.', EDITOR)).toEqual({
			ok: true
		});
		sent = await deliver();
		expect(sent[0].subject).toContain('n’est pas retenue');
		expect(sent[0].text).toContain(`correction de la fiche « ${withEmail.name} »`);
		expect(sent[0].text).toContain('Le nom n’a pas changé.');
	});

	it('no address, no mail; an erased address, nothing to send, said so', async () => {
		const p = createProposal(db, { type: 'new-initiative', payload });
		await approveProposal(sqliteClient(db), p.id, undefined, EDITOR);
		expect(await listMails(sqliteClient(db), 'decision')).toEqual([]);

		const q = createProposal(db, {
			type: 'new-initiative',
			payload: { ...payload, name: 'Autre' },
			submitterEmail: 'x@y.fr'
		});
		await rejectProposal(sqliteClient(db), q.id, 'Hors du territoire.', EDITOR);
		db.prepare('UPDATE proposals SET submitter_email = NULL WHERE id = ?').run(q.id);
		expect(await deliver()).toEqual([]);
		expect(await getMail(sqliteClient(db), 'decision', q.id)).toMatchObject({
			status: 'failed',
			lastError: 'adresse e-mail effacée'
		});
		expect(await resendDecision(sqliteClient(db), q.id)).toMatchObject({ ok: false, status: 409 });
	});
});

describe('over SMTP, to a local server', () => {
	let smtp: LocalSmtp;
	beforeEach(async () => {
		smtp = await startLocalSmtp();
	});
	afterEach(async () => {
		await smtp.close();
	});

	it('delivers a plain-text French mail from MAIL_FROM, with the visitor as Reply-To', async () => {
		const m = await message();
		const transport = smtpTransport(smtp.url, 'Carto ESS <carto-ess@example.org>');
		expect(await processOutbox({ sql: sqliteClient(db), transport, siteUrl: SITE })).toMatchObject({
			sent: 1
		});
		expect(smtp.received).toHaveLength(1);
		const mail = smtp.received[0];
		expect(mail.envelopeTo).toEqual(['contact@jardin-asso.example']);
		expect(mail.envelopeFrom).toBe('carto-ess@example.org');
		expect(mail.from).toBe('"Carto ESS" <carto-ess@example.org>');
		expect(mail.replyTo).toEqual({ name: 'Awa Diallo', address: 'awa@example.org' });
		expect(mail.hasHtml).toBe(false);
		expect(mail.subject).toBe(`Carto ESS : un message au sujet de « ${withEmail.name} »`);
		expect(mail.text).toContain('je voudrais donner un coup de main le samedi.');
		expect(mail.text).toContain(`${SITE}/structures/jardin-asso`);
		expect(mail.text).toContain('au-delà de six mois');
		expect((await getMessage(sqliteClient(db), m.id))?.status).toBe('sent');
	});

	it('a server that says « try later » gets the mail on the next attempt; a refusal is final', async () => {
		const transport = smtpTransport(smtp.url, 'carto-ess@example.org');
		const later = await message();
		smtp.failNext(1, 451);
		expect(
			await processOutbox({ sql: sqliteClient(db), transport, siteUrl: SITE, now: at(0) })
		).toMatchObject({ retried: 1 });
		expect((await getMail(sqliteClient(db), 'contact', later.id))?.lastError).toContain('451');
		expect(
			await processOutbox({ sql: sqliteClient(db), transport, siteUrl: SITE, now: at(60_000) })
		).toMatchObject({ sent: 1 });

		const refused = await message({ ...TO_RECORD, to: 'refus@jardin-asso.example' } as MessageRoute);
		expect(
			await processOutbox({ sql: sqliteClient(db), transport, siteUrl: SITE, now: at(120_000) })
		).toMatchObject({
			failed: 1
		});
		expect(await getMail(sqliteClient(db), 'contact', refused.id)).toMatchObject({
			status: 'failed',
			attempts: 1
		});
		expect(smtp.received).toHaveLength(1);
	});

	it('a server that is down keeps the mail pending, and wrong credentials are retried, not lost', async () => {
		const m = await message();
		const down = smtpTransport('smtp://127.0.0.1:1', 'carto-ess@example.org');
		expect(
			await processOutbox({ sql: sqliteClient(db), transport: down, siteUrl: SITE, now: at(0) })
		).toMatchObject({
			retried: 1
		});
		const wrong = smtpTransport(`smtp://carto:mauvais@127.0.0.1:${smtp.port}`, 'carto-ess@example.org');
		expect(
			await processOutbox({ sql: sqliteClient(db), transport: wrong, siteUrl: SITE, now: at(60_000) })
		).toMatchObject({
			retried: 1
		});
		expect(await getMail(sqliteClient(db), 'contact', m.id)).toMatchObject({
			status: 'pending',
			attempts: 2
		});
		const good = smtpTransport(smtp.url, 'carto-ess@example.org');
		expect(
			await processOutbox({ sql: sqliteClient(db), transport: good, siteUrl: SITE, now: at(360_000) })
		).toMatchObject({
			sent: 1
		});
		expect(smtp.received).toHaveLength(1);
	});
});
