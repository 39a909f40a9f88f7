import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/connection';
import { sqliteClient } from '../db/sql';
import { createMessage } from '../db/messages';
import { getMail } from '../db/outbox';
import { createProposal } from '../db/proposals';
import { rejectProposal } from '../admin/moderation';
import { contactStore, EDITOR, SITE, withEmail } from '../test-contact';
import { composeMail } from './compose';

let db: Db;
beforeEach(() => {
	db = contactStore();
});

async function declined(locale?: 'fr' | 'de' | 'en') {
	const p = createProposal(db, {
		type: 'change',
		targetId: withEmail.id,
		payload: { targetId: withEmail.id, changes: { name: 'X' }, explanation: 'Le nom a changé.' },
		submitterEmail: 'voisin@example.org',
		locale
	});
	expect(await rejectProposal(sqliteClient(db), p.id, 'Le nom n’a pas changé.', EDITOR)).toEqual({
		ok: true
	});
	const composed = await composeMail(
		sqliteClient(db),
		(await getMail(sqliteClient(db), 'decision', p.id))!,
		SITE
	);
	if (!composed.ok) throw new Error(composed.reason);
	return { reference: p.id, mail: composed.mail };
}

describe('the mails a writer receives, in the language of the page they wrote from', () => {
	it('writes a decision in German, its follow-up link under /de, the team’s reason as written', async () => {
		const { reference, mail } = await declined('de');
		expect(mail.subject).toBe(`Carto ESS: Ihr Vorschlag ${reference} wurde nicht angenommen`);
		expect(mail.text).toContain(`Ihr Korrekturvorschlag für den Eintrag „${withEmail.name}“`);
		expect(mail.text).toContain(`${SITE}/de/proposer/suivi/${reference}`);
		expect(mail.text).toContain('Le nom n’a pas changé.');
		expect(mail.text).not.toContain('Bonjour');
	});

	it('writes it in English from the English pages', async () => {
		const { reference, mail } = await declined('en');
		expect(mail.subject).toBe(`Carto ESS: your proposal ${reference} has not been accepted`);
		expect(mail.text).toContain(`${SITE}/en/proposer/suivi/${reference}`);
	});

	it('keeps French exactly as before for a French proposal, and for one stored before the language was', async () => {
		for (const locale of ['fr', undefined] as const) {
			const { reference, mail } = await declined(locale);
			expect(mail.subject).toBe(`Carto ESS : votre proposition ${reference} n’est pas retenue`);
			expect(mail.text).toContain(`${SITE}/proposer/suivi/${reference}`);
			expect(mail.text.startsWith('Bonjour,')).toBe(true);
		}
	});

	it('relays a message to a French structure in French, the writer’s text as written, saying their language', async () => {
		const body = 'Guten Tag, ich möchte samstags mithelfen.';
		const m = await createMessage(
			sqliteClient(db),
			{
				record: { id: withEmail.id, kind: 'organisation', name: withEmail.name },
				sender: { name: 'Jonas Weber', email: 'jonas@example.org' },
				body,
				clientHash: null,
				locale: 'de'
			},
			{
				route: 'email',
				to: 'contact@jardin-asso.example',
				recipientId: withEmail.id,
				recipientName: withEmail.name,
				via: 'record'
			}
		);
		const composed = await composeMail(
			sqliteClient(db),
			(await getMail(sqliteClient(db), 'contact', m.id))!,
			SITE
		);
		expect(composed.ok && composed.mail.subject).toBe(
			`Carto ESS : un message au sujet de « ${withEmail.name} »`
		);
		const text = composed.ok ? composed.mail.text : '';
		expect(text).toContain(body);
		expect(text).toContain('Jonas Weber a écrit depuis la version allemande du site');
		expect(text.startsWith('Bonjour,')).toBe(true);
	});
});
