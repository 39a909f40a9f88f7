import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Catalogue } from '$lib/domain/catalogue';
import { needFormSchema, type NeedForm } from '$lib/domain/buyers/need';
import { zodErrors } from '$lib/domain/errors';
import { followPage, needPlaces, needsListPage } from '$lib/pages/needs';
import { migrate, openDatabase, type Db } from './db/connection';
import { sqliteClient } from './db/sql';
import { seedCatalogue } from './seed/read-data';
import {
	addInterest,
	archiveExpired,
	closeNeed,
	createNeed,
	forgetOldNeeds,
	getNeed,
	listInterests,
	listOpenNeeds,
	listPendingNeeds,
	moderateNeed,
	needByToken,
	renewToken,
	setInterestStatus,
	submitNeed
} from './needs';

const TODAY = '2026-12-05';
let catalogue: Catalogue;
beforeAll(() => {
	catalogue = seedCatalogue();
});

let db: Db;
beforeEach(() => {
	db = openDatabase(':memory:');
	migrate(db);
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

describe('the publication form', () => {
	const parse = (v: Record<string, string>) =>
		needFormSchema(TODAY, needPlaces(catalogue)).safeParse({ ...NEED, ...v });

	it('accepts a complete need', async () => {
		expect(parse({}).success).toBe(true);
		expect(parse({ base: '' }).data?.base).toBeUndefined();
	});

	it('names the field and why, in French', async () => {
		const r = parse({
			titre: 'abc',
			activite: 'peche',
			lieu: 'paris',
			base: 'L9999',
			echeance: '2026-12-04',
			description: 'court',
			acheteur: '',
			email: 'pas-une-adresse'
		});
		expect(zodErrors(r.error!)).toEqual({
			titre: 'Titre du besoin : au moins 5 caractères',
			activite: 'Activité : choisissez une activité de la liste',
			lieu: 'Lieu d’exécution : choisissez une commune ou un quartier de la liste',
			base: 'Base juridique : choisissez une base de la liste',
			echeance: 'Date limite de réponse : la date est passée',
			description: 'Description du besoin : au moins 20 caractères',
			acheteur: 'Acheteur : au moins 2 caractères',
			email: 'E-mail de l’acheteur : adresse e-mail invalide'
		});
		expect(zodErrors(parse({ echeance: '2028-01-01' }).error!).echeance).toBe(
			'Date limite de réponse : au plus 365 jours après aujourd’hui (le 2027-12-05)'
		);
		expect(zodErrors(parse({ echeance: '2027-02-30' }).error!).echeance).toMatch(/n’existe pas/);
		expect(zodErrors(parse({ echeance: '2027-13-45' }).error!).echeance).toMatch(/n’existe pas/);
		expect(zodErrors(parse({ echeance: 'demain' }).error!).echeance).toBe(
			'Date limite de réponse : date attendue au format AAAA-MM-JJ'
		);
	});
});

describe('a need’s life', () => {
	it('goes from publication to moderation to an answer seen through the private link', async () => {
		const { id, token } = createNeed(db, NEED);
		expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
		// The store keeps the token's hash only.
		const raw = db.prepare('SELECT token_hash FROM needs WHERE id = ?').get(id) as { token_hash: string };
		expect(raw.token_hash).not.toContain(token);
		expect(await listOpenNeeds(sqliteClient(db), TODAY)).toEqual([]);
		expect((await listPendingNeeds(sqliteClient(db), TODAY)).map((n) => n.id)).toEqual([id]);
		expect(
			await addInterest(
				sqliteClient(db),
				id,
				{
					structure: 'Envie',
					email: 'a@b.example',
					telephone: undefined,
					message: 'Nous sommes intéressés.'
				},
				TODAY
			)
		).toMatchObject({ ok: false, status: 410 });

		expect(moderateNeed(db, id, 'approve', 'Sam')).toEqual({ ok: true });
		expect(moderateNeed(db, id, 'reject', 'Sam')).toMatchObject({ ok: false, status: 409 });
		const list = needsListPage(catalogue, await listOpenNeeds(sqliteClient(db), TODAY));
		expect(list.groups.map((g) => g.label)).toEqual(['Environnement, énergie et réemploi']);
		const summary = list.groups[0].needs[0];
		// The matching suppliers are /acheter's for the same need: insertion structures for L2113-13.
		expect(summary.matches.map((m) => m.name)).toContain('Envie Strasbourg');
		expect(summary.searchHref).toBe(
			'/acheter?activite=environnement-reemploi&lieu=strasbourg&base=L2113-13#resultats'
		);

		const added = await addInterest(
			sqliteClient(db),
			id,
			{
				structure: 'Envie Strasbourg',
				email: 'contact@envie.example',
				telephone: undefined,
				message: 'Nous pouvons reprendre les postes.'
			},
			TODAY
		);
		expect(added.ok).toBe(true);
		const need = (await needByToken(sqliteClient(db), token))!;
		const follow = followPage(catalogue, need, await listInterests(sqliteClient(db), id));
		expect(follow.interests).toMatchObject([{ structure: 'Envie Strasbourg', statusLabel: 'Nouvelle' }]);
		if (!added.ok) return;
		expect(await setInterestStatus(sqliteClient(db), token, added.id, 'retenue')).toEqual({ ok: true });
		expect((await listInterests(sqliteClient(db), id))[0].status).toBe('retenue');
		expect(await setInterestStatus(sqliteClient(db), 'x'.repeat(43), added.id, 'vue')).toMatchObject({
			ok: false,
			status: 404
		});
	});

	it('revokes the old link when the buyer renews it, and closes on request', async () => {
		const { id, token } = createNeed(db, NEED);
		moderateNeed(db, id, 'approve', 'Sam');
		const renewed = await renewToken(sqliteClient(db), token);
		expect(renewed.ok).toBe(true);
		if (!renewed.ok) return;
		expect(await needByToken(sqliteClient(db), token)).toBeUndefined();
		expect((await needByToken(sqliteClient(db), renewed.token))?.id).toBe(id);
		expect(await closeNeed(sqliteClient(db), token)).toMatchObject({ ok: false, status: 404 });
		expect(await closeNeed(sqliteClient(db), renewed.token)).toEqual({ ok: true });
		expect(await listOpenNeeds(sqliteClient(db), TODAY)).toEqual([]);
		expect((await getNeed(sqliteClient(db), id))?.status).toBe('closed');
	});

	it('archives a need the day after its deadline; it then takes no answer', async () => {
		const { id } = createNeed(db, { ...NEED, echeance: '2026-12-10' });
		moderateNeed(db, id, 'approve', 'Sam');
		expect((await listOpenNeeds(sqliteClient(db), '2026-12-10')).map((n) => n.id)).toEqual([id]);
		expect(await archiveExpired(sqliteClient(db), '2026-12-11')).toBe(1);
		expect((await getNeed(sqliteClient(db), id))?.status).toBe('archived');
		expect(
			await addInterest(
				sqliteClient(db),
				id,
				{ structure: 'Envie', email: 'a@b.example', telephone: undefined, message: 'Toujours intéressés.' },
				'2026-12-11'
			)
		).toEqual({ ok: false, status: 410, message: 'Ce besoin n’est plus ouvert aux réponses.' });
	});
});

describe('privacy', () => {
	const ANSWER = {
		structure: 'Envie Strasbourg',
		email: 'contact@envie.example',
		telephone: '03 88 00 00 00',
		message: 'Nous pouvons reprendre les postes.'
	};

	it('erases contacts six months after a need ends, keeps the need, the names and the statuses', async () => {
		const created = new Date('2026-12-05T09:00:00Z');
		const ended = createNeed(db, NEED, { clientHash: 'h1', now: created });
		const open = createNeed(db, { ...NEED, titre: 'Toujours ouvert' }, { clientHash: 'h2', now: created });
		for (const n of [ended, open]) {
			moderateNeed(db, n.id, 'approve', 'Sam');
			await addInterest(sqliteClient(db), n.id, ANSWER, TODAY);
		}
		expect(await closeNeed(sqliteClient(db), ended.token, new Date('2026-12-20T10:00:00Z'))).toEqual({
			ok: true
		});
		const hash = (id: string) =>
			(db.prepare('SELECT client_hash FROM needs WHERE id = ?').get(id) as { client_hash: string | null })
				.client_hash;

		// The next day: client hashes gone, contacts kept.
		expect(await forgetOldNeeds(sqliteClient(db), new Date('2026-12-06T10:00:00Z'))).toEqual({
			needs: 0,
			answers: 0
		});
		expect([hash(ended.id), hash(open.id)]).toEqual([null, null]);
		// Six months after closing, less a day: still there.
		expect(await forgetOldNeeds(sqliteClient(db), new Date('2027-06-19T10:00:00Z'))).toEqual({
			needs: 0,
			answers: 0
		});
		expect((await listInterests(sqliteClient(db), ended.id))[0].data.email).toBe(ANSWER.email);

		expect(await forgetOldNeeds(sqliteClient(db), new Date('2027-06-21T10:00:00Z'))).toEqual({
			needs: 1,
			answers: 1
		});
		const need = (await getNeed(sqliteClient(db), ended.id))!;
		expect(need.data).toMatchObject({ titre: NEED.titre, acheteur: NEED.acheteur, email: '' });
		const [answer] = await listInterests(sqliteClient(db), ended.id);
		expect(answer.data).toEqual({ structure: ANSWER.structure, email: '', message: '', erased: true });
		expect(answer.status).toBe('nouvelle');
		const follow = followPage(catalogue, need, await listInterests(sqliteClient(db), ended.id));
		expect(follow.interests[0]).toMatchObject({ structure: ANSWER.structure, erased: true });
		// The open need keeps everything; a second sweep changes nothing.
		expect((await listInterests(sqliteClient(db), open.id))[0].data).toEqual(ANSWER);
		expect(await forgetOldNeeds(sqliteClient(db), new Date('2027-07-01T10:00:00Z'))).toEqual({
			needs: 0,
			answers: 0
		});
	});
});

describe('the public form', () => {
	const post = (fields: Record<string, string | undefined>) =>
		new Request('https://carto.test/acheter/besoins/publier', {
			method: 'POST',
			body: new URLSearchParams(
				Object.entries(fields).filter((e): e is [string, string] => e[1] !== undefined)
			)
		});

	it('stores a valid need as pending and answers errors with the values kept', async () => {
		const client = { sql: sqliteClient(db), clientAddress: '192.0.2.1' };
		const bad = await submitNeed(post({ ...NEED, titre: '' }), client, needPlaces(catalogue), TODAY);
		expect(bad).toMatchObject({
			ok: false,
			status: 400,
			errors: { titre: expect.stringMatching(/^Titre du besoin : /) }
		});
		const good = await submitNeed(post({ ...NEED }), client, needPlaces(catalogue), TODAY);
		expect(good.ok).toBe(true);
		expect(await listPendingNeeds(sqliteClient(db), TODAY)).toHaveLength(1);
		// A robot filling the trap is answered like a person and nothing is stored.
		const trap = await submitNeed(
			post({ ...NEED, homepage: 'http://spam.example' }),
			client,
			needPlaces(catalogue),
			TODAY
		);
		expect(trap).toEqual({ ok: 'honeypot' });
		expect(await listPendingNeeds(sqliteClient(db), TODAY)).toHaveLength(1);
	});
});
