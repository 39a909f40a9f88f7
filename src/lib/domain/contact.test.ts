import { describe, expect, it } from 'vitest';
import {
	contactErrors,
	contactMail,
	contactMessageSchema,
	decisionMail,
	relayDecision,
	relayNotice
} from './contact';
import { fundingToolSchema, initiativeSchema, organisationSchema, type PublicRecord } from './records';
import { initiativeFixture, organisationFixture, toolFixture } from './test-fixtures';

const org = (id: string, email?: string, status: 'published' | 'draft' = 'published') =>
	organisationSchema.parse(
		organisationFixture({ id, slug: id, name: `Structure ${id}`, status, contact: email ? { email } : {} })
	);
const initiative = (over: Parameters<typeof initiativeFixture>[0] = {}) =>
	initiativeSchema.parse(initiativeFixture(over));
const tool = (providerIds: string[]) => fundingToolSchema.parse(toolFixture({ providerIds }));

/** Published records only, as the catalogue gives them. */
function lookup(...records: PublicRecord[]) {
	const byId = new Map(records.filter((r) => r.status === 'published').map((r) => [r.id, r]));
	return (id: string) => byId.get(id);
}

describe('relayDecision', () => {
	it('relays to the address the record publishes', () => {
		const o = org('jardin-asso', 'contact@jardin.example');
		expect(relayDecision(o, lookup(o), true)).toEqual({
			route: 'email',
			to: 'contact@jardin.example',
			recipient: { id: 'jardin-asso', name: 'Structure jardin-asso' },
			via: 'record'
		});
	});

	it('keeps the message in the workspace when no address is published', () => {
		const o = org('sans-mail');
		expect(relayDecision(o, lookup(o), true)).toEqual({ route: 'workspace', reason: 'no-address' });
		const i = initiative();
		expect(relayDecision(i, lookup(i), true)).toEqual({ route: 'workspace', reason: 'no-address' });
	});

	it('keeps it in the workspace when mail is not configured, even with an address', () => {
		const o = org('jardin-asso', 'contact@jardin.example');
		expect(relayDecision(o, lookup(o), false)).toEqual({ route: 'workspace', reason: 'mail-off' });
	});

	it('an initiative without its own address goes to its published carrier', () => {
		const carrier = org('centre-social', 'accueil@centre.example');
		const i = initiative({ carrier: { kind: 'association', organisationId: 'centre-social' } });
		expect(relayDecision(i, lookup(i, carrier), true)).toMatchObject({
			route: 'email',
			to: 'accueil@centre.example',
			via: 'carrier',
			recipient: { id: 'centre-social' }
		});
		// Its own address comes first.
		const own = initiative({
			carrier: { kind: 'association', organisationId: 'centre-social' },
			contact: { email: 'jardin@example.org' }
		});
		expect(relayDecision(own, lookup(own, carrier), true)).toMatchObject({
			to: 'jardin@example.org',
			via: 'record'
		});
	});

	it('never uses the address of an unpublished carrier or provider', () => {
		const draft = org('brouillon', 'cache@example.org', 'draft');
		const i = initiative({ carrier: { kind: 'association', organisationId: 'brouillon' } });
		expect(relayDecision(i, lookup(i, draft), true)).toEqual({ route: 'workspace', reason: 'no-address' });
		const t = tool(['brouillon']);
		expect(relayDecision(t, lookup(t, draft), true)).toEqual({ route: 'workspace', reason: 'no-address' });
	});

	it('a funding tool goes to its one provider with an address; several: the team chooses', () => {
		const a = org('france-active', 'contact@fa.example');
		const b = org('region', 'aides@region.example');
		const c = org('banque');
		const one = tool(['banque', 'france-active']);
		expect(relayDecision(one, lookup(one, a, c), true)).toMatchObject({
			route: 'email',
			to: 'contact@fa.example',
			via: 'provider',
			recipient: { id: 'france-active' }
		});
		const two = tool(['france-active', 'region']);
		expect(relayDecision(two, lookup(two, a, b), true)).toEqual({
			route: 'workspace',
			reason: 'several-addresses'
		});
	});

	it('the visitor is told which, before and after, without the address', () => {
		const o = org('jardin-asso', 'contact@jardin.example');
		const email = relayNotice(relayDecision(o, lookup(o), true), o);
		expect(email.before).toContain('envoyé par e-mail à « Structure jardin-asso »');
		expect(email.after).toContain('parti par e-mail');
		const team = relayNotice({ route: 'workspace', reason: 'no-address' }, o);
		expect(team.before).toContain('CRESS Grand Est');
		expect(team.before).toContain('transmettra');
		expect(team.after).toContain('va le lire et le transmettre');
		for (const text of [email.before, email.after, team.before, team.after])
			expect(text).not.toContain('contact@jardin.example');
	});
});

describe('contactMessageSchema', () => {
	it('accepts a message and trims it', () => {
		const parsed = contactMessageSchema.parse({
			name: '  Awa  ',
			email: ' awa@example.org ',
			message: '  Bonjour, je voudrais participer.  '
		});
		expect(parsed).toEqual({
			name: 'Awa',
			email: 'awa@example.org',
			message: 'Bonjour, je voudrais participer.'
		});
	});

	it('says what is wrong with each field, in French', () => {
		const input = { name: 'A\nB', email: 'pas-une-adresse', message: 'court' };
		const r = contactMessageSchema.safeParse(input);
		expect(r.success).toBe(false);
		const errors = contactErrors(r.error!, input);
		expect(errors).toEqual({
			name: 'une seule ligne',
			email: 'adresse e-mail invalide',
			message: 'au moins 10 caractères'
		});
		const missing = contactMessageSchema.safeParse({});
		// Absent or blank: asked for in words, not as a length.
		expect(contactErrors(missing.error!, {})).toEqual(
			contactErrors(contactMessageSchema.safeParse({ name: ' ', email: '', message: '' }).error!, {
				name: ' ',
				email: '',
				message: ''
			})
		);
		expect(contactErrors(missing.error!, {})).toEqual({
			name: 'indiquez votre nom',
			email: 'indiquez votre adresse e-mail, pour recevoir la réponse',
			message: 'écrivez votre message'
		});
		const longInput = { name: 'Awa', email: 'a@b.fr', message: 'x'.repeat(5001) };
		const long = contactMessageSchema.safeParse(longInput);
		expect(contactErrors(long.error!, longInput).message).toBe('trop long (5000 caractères au plus)');
	});
});

describe('mails', () => {
	it('the relayed message says where it comes from, how to answer and what Carto ESS keeps', () => {
		const mail = contactMail({
			senderName: 'Awa Diallo',
			body: 'Bonjour,\nje voudrais participer au jardin.',
			recordName: 'Jardin des voisins',
			recordKind: 'initiative',
			recordUrl: 'https://carto.example/initiatives/jardin-des-voisins',
			via: 'carrier',
			recipientName: 'Centre social',
			correctionUrl: 'https://carto.example/proposer/modification?fiche=centre-social'
		});
		expect(mail.subject).toBe('Carto ESS : un message au sujet de « Jardin des voisins »');
		expect(mail.text).toContain('Awa Diallo vous écrit au sujet de l’initiative « Jardin des voisins »');
		expect(mail.text).toContain('https://carto.example/initiatives/jardin-des-voisins');
		expect(mail.text).toContain('répondez simplement à ce courriel');
		expect(mail.text).toContain('je voudrais participer au jardin.');
		expect(mail.text).toContain('ne garde pas de copie de ce message au-delà de six mois');
	});

	it('the decision mail links the record when approved and gives the reason when declined', () => {
		const ok = decisionMail({
			reference: 'ESS-AAAA-BBBB',
			title: 'Jardin',
			correction: false,
			status: 'approved',
			recordUrl: 'https://carto.example/initiatives/jardin',
			followUpUrl: 'https://carto.example/proposer/suivi/ESS-AAAA-BBBB'
		});
		expect(ok.subject).toContain('acceptée');
		expect(ok.text).toContain('https://carto.example/initiatives/jardin');
		expect(ok.text).toContain('/proposer/suivi/ESS-AAAA-BBBB');
		const no = decisionMail({
			reference: 'ESS-AAAA-BBBB',
			title: 'Jardin',
			correction: true,
			status: 'rejected',
			reason: 'Déjà présent sur la carte.',
			followUpUrl: 'https://carto.example/proposer/suivi/ESS-AAAA-BBBB'
		});
		expect(no.text).toContain('Votre proposition de correction de la fiche « Jardin »');
		expect(no.text).toContain('Déjà présent sur la carte.');
		expect(no.text).toContain('six mois');
	});
});
