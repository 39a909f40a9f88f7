import { beforeEach, describe, expect, it } from 'vitest';
import { getCatalogue } from './catalogue';
import type { Db } from './db/connection';
import { sqliteClient } from './db/sql';
import { getMessage, listMessages, markMessageHandled } from './db/messages';
import { getMail, listMails } from './db/outbox';
import { createProposal, decideProposal } from './db/proposals';
import { CONTACT_RULES, contactPage, forgetOldContactData, submitContact, type ContactDeps } from './contact';
import { clientHash } from './public-form';
import { contactStore, EDITOR, formPost } from './test-contact';

let db: Db;
beforeEach(() => {
	db = contactStore();
});

const deps = async (extra: Partial<ContactDeps> = {}): Promise<ContactDeps> => ({
	sql: sqliteClient(db),
	catalogue: await getCatalogue(sqliteClient(db)),
	clientAddress: '203.0.113.9',
	mailConfigured: true,
	...extra
});
const valid = {
	name: 'Awa Diallo',
	email: 'awa@example.org',
	message: 'Bonjour, je voudrais participer.',
	homepage: ''
};

describe('contactPage', () => {
	it('says where the message will go, never the address', async () => {
		const page = contactPage(await getCatalogue(sqliteClient(db)), 'jardin-partage', true)!;
		expect(page).toMatchObject({
			record: { id: 'jardin-partage', kind: 'initiative', href: '/initiatives/jardin-partage' },
			wording: { link: 'Participer ou poser une question' },
			route: 'email',
			recipient: 'Association du Jardin (synthétique)'
		});
		expect(page.before).toContain('qui porte cette initiative');
		expect(JSON.stringify(page)).not.toContain('contact@jardin-asso.example');
		expect(contactPage(await getCatalogue(sqliteClient(db)), 'fete-rue', true)).toMatchObject({
			route: 'workspace',
			recipient: null
		});
		expect(contactPage(await getCatalogue(sqliteClient(db)), 'jardin-asso', false)?.before).toContain(
			'n’est pas activé'
		);
		expect(contactPage(await getCatalogue(sqliteClient(db)), 'bourse-test', true)?.wording.link).toBe(
			'Contacter le financeur'
		);
	});

	it('knows only published records', async () => {
		expect(contactPage(await getCatalogue(sqliteClient(db)), 'inconnue', true)).toBeUndefined();
		expect(contactPage(await getCatalogue(sqliteClient(db)), '../admin', true)).toBeUndefined();
		db.prepare("UPDATE records SET status = 'draft' WHERE id = 'fete-rue'").run();
		db.prepare("UPDATE meta SET value = value + 1 WHERE key = 'data_version'").run();
		expect(contactPage(await getCatalogue(sqliteClient(db)), 'fete-rue', true)).toBeUndefined();
	});
});

describe('submitContact', () => {
	it('relays to a published address through the outbox', async () => {
		expect(await submitContact('jardin-asso', formPost(valid), await deps())).toEqual({ ok: true });
		const [m] = await listMessages(sqliteClient(db));
		expect(m).toMatchObject({
			recordId: 'jardin-asso',
			senderName: 'Awa Diallo',
			senderEmail: 'awa@example.org',
			route: 'email',
			recipientEmail: 'contact@jardin-asso.example',
			status: 'sending'
		});
		expect((await getMail(sqliteClient(db), 'contact', m.id))?.status).toBe('pending');
	});

	it('queues for the team without an address, or without mail configured', async () => {
		await submitContact('fete-rue', formPost(valid), await deps());
		await submitContact('jardin-asso', formPost(valid), await deps({ mailConfigured: false }));
		expect(
			(await listMessages(sqliteClient(db))).map((m) => [m.recordId, m.route, m.reason, m.status])
		).toEqual(
			expect.arrayContaining([
				['fete-rue', 'workspace', 'no-address', 'queued'],
				['jardin-asso', 'workspace', 'mail-off', 'queued']
			])
		);
		expect(await listMails(sqliteClient(db), 'contact')).toEqual([]);
	});

	it('puts each error next to its field and keeps what was typed', async () => {
		const out = await submitContact(
			'jardin-asso',
			formPost({ name: '', email: 'awa@', message: 'Salut', homepage: '' }),
			await deps()
		);
		expect(out).toEqual({
			ok: false,
			status: 400,
			errors: {
				name: 'indiquez votre nom',
				email: 'adresse e-mail invalide',
				message: 'au moins 10 caractères'
			},
			values: { name: '', email: 'awa@', message: 'Salut' }
		});
		expect(await listMessages(sqliteClient(db))).toEqual([]);
	});

	it('a filled honeypot looks like a success and stores nothing', async () => {
		expect(
			await submitContact(
				'jardin-asso',
				formPost({ ...valid, homepage: 'http://spam.example' }),
				await deps()
			)
		).toEqual({
			ok: true
		});
		expect(await listMessages(sqliteClient(db))).toEqual([]);
		expect(await listMails(sqliteClient(db), 'contact')).toEqual([]);
	});

	it('refuses bodies over the limit before reading them', async () => {
		const big = { ...valid, message: 'x'.repeat(CONTACT_RULES.maxBodyBytes + 1) };
		expect(await submitContact('jardin-asso', formPost(big), await deps())).toMatchObject({
			ok: false,
			status: 413,
			errors: { _form: expect.stringContaining('Votre envoi dépasse 32 Ko') }
		});
		expect(
			await submitContact(
				'jardin-asso',
				formPost(valid, { 'content-length': String(CONTACT_RULES.maxBodyBytes + 1) }),
				await deps()
			)
		).toMatchObject({ status: 413 });
		expect(await listMessages(sqliteClient(db))).toEqual([]);
	});

	it('limits a client to 10 messages an hour, keeping the text; others are not affected', async () => {
		const now = new Date();
		for (let i = 0; i < CONTACT_RULES.perHour; i++)
			expect(await submitContact('fete-rue', formPost(valid), await deps({ now }))).toEqual({ ok: true });
		const limited = await submitContact('fete-rue', formPost(valid), await deps({ now }));
		expect(limited).toMatchObject({
			ok: false,
			status: 429,
			errors: { _form: expect.stringContaining('Réessayez dans une heure') },
			values: { message: valid.message }
		});
		expect(await listMessages(sqliteClient(db))).toHaveLength(CONTACT_RULES.perHour);
		expect(
			await submitContact('fete-rue', formPost(valid), await deps({ now, clientAddress: '198.51.100.1' }))
		).toEqual({
			ok: true
		});
	});

	it('answers 404 for a record that is not published', async () => {
		expect(await submitContact('inconnue', formPost(valid), await deps())).toMatchObject({
			ok: false,
			status: 404
		});
	});
});

describe('retention', () => {
	it('erases messages six months after they were relayed or handled, keeps those still waiting', async () => {
		const sent = new Date('2026-01-10T10:00:00Z');
		await submitContact('jardin-asso', formPost(valid), await deps({ now: sent }));
		await submitContact('fete-rue', formPost(valid), await deps({ now: sent }));
		await submitContact(
			'fete-rue',
			formPost({ ...valid, name: 'Toujours en attente' }),
			await deps({ now: sent })
		);
		// Sent at the same instant: told apart by record and sender, not by the list's order.
		const messages = await listMessages(sqliteClient(db));
		const relayed = messages.find((m) => m.recordId === 'jardin-asso')!;
		const waiting = messages.find((m) => m.senderName === 'Toujours en attente')!;
		const handled = messages.find((m) => m.recordId === 'fete-rue' && m !== waiting)!;
		db.prepare("UPDATE contact_messages SET status = 'sent', relayed_at = ? WHERE id = ?").run(
			'2026-01-10T10:05:00.000Z',
			relayed.id
		);
		db.prepare("UPDATE mail_outbox SET status = 'sent', sent_at = ? WHERE ref_id = ?").run(
			'2026-01-10T10:05:00.000Z',
			relayed.id
		);
		expect(
			await markMessageHandled(sqliteClient(db), handled.id, EDITOR.id, new Date('2026-02-01T10:00:00Z'))
		).toBe(true);
		const decided = createProposal(db, {
			type: 'change',
			targetId: 'jardin-asso',
			payload: {},
			submitterEmail: 'a@b.fr'
		});
		decideProposal(
			db,
			decided.id,
			{ status: 'rejected', by: EDITOR.id, reason: 'x' },
			new Date('2026-01-10T10:00:00Z')
		);
		db.prepare("UPDATE mail_outbox SET status = 'sent', sent_at = ? WHERE ref_id = ?").run(
			'2026-01-10T11:00:00.000Z',
			decided.id
		);

		// Hashes go after a day; messages stay until six months after relay or handling.
		expect(await forgetOldContactData(sqliteClient(db), new Date('2026-01-12T00:00:00Z'))).toBe(0);
		expect(
			db.prepare('SELECT COUNT(*) AS n FROM contact_messages WHERE client_hash IS NOT NULL').get()
		).toEqual({ n: 0 });
		expect(await forgetOldContactData(sqliteClient(db), new Date('2026-07-10T10:04:00Z'))).toBe(0);
		expect(await forgetOldContactData(sqliteClient(db), new Date('2026-07-10T10:06:00Z'))).toBe(1);
		expect(await getMessage(sqliteClient(db), relayed.id)).toBeUndefined();
		expect(await getMail(sqliteClient(db), 'contact', relayed.id)).toBeUndefined();
		// Sent at 11:00: still within its six months.
		expect(await getMail(sqliteClient(db), 'decision', decided.id)).toBeDefined();
		expect(await getMessage(sqliteClient(db), handled.id)).toBeDefined();
		expect(await forgetOldContactData(sqliteClient(db), new Date('2026-08-01T10:01:00Z'))).toBe(1);
		expect(await getMessage(sqliteClient(db), handled.id)).toBeUndefined();
		expect(await getMail(sqliteClient(db), 'decision', decided.id)).toBeUndefined();
		// Nothing is lost: a message nobody handled is kept, however old.
		expect(await forgetOldContactData(sqliteClient(db), new Date('2030-01-01T00:00:00Z'))).toBe(0);
		expect(await getMessage(sqliteClient(db), waiting.id)).toMatchObject({
			senderName: 'Toujours en attente',
			status: 'queued'
		});
	});

	it('the client hash is the proposals’ one (one secret, never the address)', async () => {
		await submitContact('fete-rue', formPost(valid), await deps());
		const row = db.prepare('SELECT client_hash AS h FROM contact_messages').get() as { h: string };
		expect(row.h).toBe(await clientHash(sqliteClient(db), '203.0.113.9'));
		expect(JSON.stringify(db.prepare('SELECT * FROM contact_messages').all())).not.toContain('203.0.113.9');
	});
});
