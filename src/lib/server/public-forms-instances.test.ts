/**
 * The public forms and what follows them on two instances over one store (PostgreSQL with two pools; on
 * SQLite both names are the one client of a process): the rate limit counts both instances' posts, a
 * decision is taken once, a mail is sent once, a status moves once.
 */
import { expect, it } from 'vitest';
import type { NeedForm } from '$lib/domain/buyers/need';
import { placeSchema } from '$lib/domain/records';
import { rejectProposal } from './admin/moderation';
import { createMessage, getMessage } from './db/messages';
import { claimMail, dueMails, getMail } from './db/outbox';
import { createProposal, getProposal } from './db/proposals';
import { closeNeed, createNeed, moderateNeed, needByToken, renewToken } from './db/needs';
import { createOffer } from './db/premises';
import { dataVersion, insertRecord } from './db/records';
import type { SqlClient } from './db/sql';
import { onBothEngines } from './db/test-postgres';
import { processOutbox } from './mail/outbox';
import type { MailTransport, OutgoingMail } from './mail/transport';
import { publishOffer, rejectOffer } from './premises';
import { guardPublicForm, type PublicFormRules } from './public-form';

const NOW = new Date('2026-12-05T10:00:00Z');
const EDITORS = [
	{ id: 'u-alice', name: 'Alice' },
	{ id: 'u-bob', name: 'Bob' }
];

const RULES: PublicFormRules = {
	maxBodyBytes: 4096,
	tooBig: 'trop long',
	perHour: 10,
	perDay: 30,
	form: 'proposal',
	limited: { hour: 'une heure', day: 'un jour' }
};

function post() {
	return new Request('http://test.local/proposer/initiative', {
		method: 'POST',
		body: new URLSearchParams({ name: 'Jardin', homepage: '' }),
		headers: { 'content-type': 'application/x-www-form-urlencoded' }
	});
}

const place = placeSchema.parse({
	kind: 'place',
	id: 'atelier-deux-instances',
	slug: 'atelier-deux-instances',
	name: 'Atelier deux instances',
	description: 'Un atelier partagé pour les tests à deux instances.',
	status: 'published',
	sources: [{ reference: 'test', seen: '2026-11-01' }],
	lastVerified: '2026-11-01',
	confidence: 'medium',
	caveats: [],
	placeTypes: ['atelier-partage'],
	communeCode: '67482',
	location: { lon: 7.75, lat: 48.58, precision: 'commune' }
});

const NEED: NeedForm = {
	titre: 'Réemploi du mobilier de bureau',
	activite: 'environnement-reemploi',
	lieu: 'strasbourg',
	base: 'L2113-13',
	echeance: '2027-01-31',
	description: 'Collecte et remise en état d’environ 200 postes de travail, sur trois sites.',
	acheteur: 'Ville de Test',
	email: 'achats@ville-test.example'
};

onBothEngines('public forms on two instances', (store) => {
	const both = (): SqlClient[] => [store().a, store().b];

	it('counts a burst of posts split over both instances against one limit', async () => {
		const [a, b] = both();
		const outcomes = await Promise.all(
			Array.from({ length: 2 * RULES.perHour + 4 }, (_, i) =>
				guardPublicForm(post(), { sql: i % 2 ? b : a, clientAddress: '203.0.113.50', now: NOW }, RULES)
			)
		);
		expect(outcomes.filter((o) => o.ok === true)).toHaveLength(RULES.perHour);
		expect(outcomes.filter((o) => o.ok === false)).toHaveLength(RULES.perHour + 4);
		// Both instances hashed the address with the one secret they share: one bucket, one hash.
		expect(await a.all('SELECT DISTINCT client_hash FROM form_slots')).toHaveLength(1);
	});

	it('two moderators refusing at once on two instances: one decision, one mail, the other told', async () => {
		const [a, b] = both();
		const p = await createProposal(a, {
			type: 'new-initiative',
			payload: { name: 'Jardin' },
			submitterEmail: 'voisine@example.org'
		});
		const results = await Promise.all(
			[a, b].map((sql, i) => rejectProposal(sql, p.id, `Raison ${i}`, EDITORS[i]))
		);
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		expect(results.find((r) => !r.ok)).toEqual({
			ok: false,
			message: 'cette proposition a déjà été traitée'
		});
		const winner = results.findIndex((r) => r.ok);
		expect(await getProposal(b, p.id)).toMatchObject({ status: 'rejected', decidedBy: EDITORS[winner].id });
		expect(
			await a.all("SELECT id FROM mail_outbox WHERE kind = 'decision' AND ref_id = ?", [p.id])
		).toHaveLength(1);
	});

	it('stores a contact message and its mail together, and sends it from one scheduler of two', async () => {
		const [a, b] = both();
		const m = await createMessage(
			a,
			{
				record: { id: 'jardin-asso', kind: 'organisation', name: 'Association du Jardin' },
				sender: { name: 'Awa', email: 'awa@example.org' },
				body: 'Bonjour.',
				clientHash: null
			},
			{
				route: 'email',
				to: 'contact@jardin.example',
				recipientId: 'jardin-asso',
				recipientName: 'Jardin',
				via: 'record'
			},
			NOW
		);
		expect(await getMessage(b, m.id)).toMatchObject({ status: 'sending' });
		expect(await getMail(b, 'contact', m.id)).toMatchObject({ status: 'pending', attempts: 0 });

		// Two schedulers read the same due mail: one claim wins.
		const [onA] = await dueMails(a, NOW);
		const [onB] = await dueMails(b, NOW);
		const retry = new Date(NOW.getTime() + 60_000);
		const claims = await Promise.all([claimMail(a, onA, retry), claimMail(b, onB, retry)]);
		expect(claims.filter(Boolean)).toHaveLength(1);

		// Two whole runs at once, once the retry is due: the mail goes out once.
		const sent: OutgoingMail[] = [];
		const transport: MailTransport = {
			send: async (mail) => {
				sent.push(mail);
				await new Promise((resolve) => setTimeout(resolve, 10));
			}
		};
		const runs = await Promise.all(
			[a, b].map((sql) =>
				processOutbox({ sql, transport, siteUrl: 'https://carto.example', now: () => retry })
			)
		);
		expect(sent).toHaveLength(1);
		expect(runs.reduce((n, r) => n + r.sent, 0)).toBe(1);
		expect(await getMessage(a, m.id)).toMatchObject({ status: 'sent' });
		expect(await getMail(b, 'contact', m.id)).toMatchObject({ status: 'sent', attempts: 2 });
	});

	it('moves a need’s status once: one moderation, one renewal of a link', async () => {
		const [a, b] = both();
		const { id, token } = await createNeed(a, NEED, { now: NOW });
		const decisions = await Promise.all([
			moderateNeed(a, id, 'approve', 'Alice'),
			moderateNeed(b, id, 'reject', 'Bob')
		]);
		expect(decisions.filter((d) => d.ok)).toHaveLength(1);
		expect(decisions.find((d) => !d.ok)).toMatchObject({ ok: false, status: 409 });

		const renewals = await Promise.all([renewToken(a, token), renewToken(b, token)]);
		expect(renewals.filter((r) => r.ok)).toHaveLength(1);
		expect(renewals.find((r) => !r.ok)).toMatchObject({ status: 404 });
		const fresh = renewals.find((r) => r.ok);
		expect(await needByToken(b, token)).toBeUndefined();
		if (!fresh?.ok) return;
		expect((await needByToken(a, fresh.token))?.id).toBe(id);

		const closings = await Promise.all([closeNeed(a, fresh.token), closeNeed(b, fresh.token)]);
		const status = (await needByToken(a, fresh.token))?.status;
		// A refused need cannot be closed; an open one is closed once.
		expect(closings.filter((c) => c.ok)).toHaveLength(status === 'closed' ? 1 : 0);
		expect(closings.filter((c) => !c.ok)).toEqual(
			Array.from({ length: status === 'closed' ? 1 : 2 }, () => ({
				ok: false,
				status: 409,
				message: 'Ce besoin n’est plus ouvert.'
			}))
		);
	});

	it('decides a premises offer once when two maintainers publish and refuse it at once', async () => {
		const [a, b] = both();
		await insertRecord(a, place);
		const id = await createOffer(
			a,
			place.id,
			{
				surface: 30,
				rent: { kind: 'gratuit' },
				availableFrom: '2026-12-01',
				availableUntil: '2026-12-31',
				contact: 'Sam, sam@example.org',
				description: 'Un bureau prêté le temps d’un projet, au rez-de-chaussée.'
			},
			NOW
		);
		const version = await dataVersion(b);
		const results = await Promise.all([
			publishOffer(a, id, EDITORS[0], NOW),
			rejectOffer(b, id, 'Local hors du territoire.', EDITORS[1], NOW)
		]);
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		expect(results.find((r) => !r.ok)).toEqual({ ok: false, message: 'cette offre a déjà été traitée' });
		const after = await dataVersion(a);
		// Only a publication changes the public data.
		expect(after - version).toBe(results[0].ok ? 1 : 0);
	});
});
