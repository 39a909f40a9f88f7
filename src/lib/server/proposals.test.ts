import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GeocodeOutcome } from '$lib/domain/proposal-form';
import { initiativeSchema } from '$lib/domain/records';
import { initiativeFixture } from '$lib/domain/test-fixtures';
import { migrate, openDatabase, type Db } from './db/connection';
import { sqliteClient, type SqlClient } from './db/sql';
import { decideProposal, getProposal, listProposals } from './db/proposals';
import { insertCommune, insertQuartier, insertRecord, insertThematique, listRecords } from './db/records';
import { loadDataset } from './seed/read-data';
import {
	changeTarget,
	clientHash,
	LIMITS,
	submitChangeProposal,
	submitNewProposal,
	proposalFormData,
	type ProposalDeps
} from './proposals';

const { dataset } = loadDataset('data');
let db: Db;
let sql: SqlClient;
let geocoded: string[];

beforeAll(() => {
	expect(dataset.communes).toHaveLength(33);
});

beforeEach(() => {
	db = openDatabase(':memory:');
	migrate(db);
	sql = sqliteClient(db);
	dataset.communes.forEach((c) => insertCommune(db, c));
	dataset.quartiers.forEach((q) => insertQuartier(db, q));
	dataset.thematiques.forEach((t) => insertThematique(db, t));
	insertRecord(
		db,
		initiativeSchema.parse(
			initiativeFixture({ id: 'jardin-test', slug: 'jardin-test', schedule: 'Le samedi matin' })
		)
	);
	geocoded = [];
});

function deps(outcome: GeocodeOutcome = { status: 'unavailable' }, extra: Partial<ProposalDeps> = {}) {
	return {
		sql,
		clientAddress: '203.0.113.7',
		geocode: async (address: string) => {
			geocoded.push(address);
			return outcome;
		},
		...extra
	} satisfies ProposalDeps;
}

function post(entries: [string, string][], headers: Record<string, string> = {}) {
	const body = new URLSearchParams(entries);
	return new Request('http://test.local/proposer/initiative', {
		method: 'POST',
		body,
		headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }
	});
}

const initiative: [string, string][] = [
	['name', 'Jardin des voisins'],
	['description', 'Un jardin partagé entretenu par les habitants de la rue.'],
	['initiativeType', 'jardin-partage'],
	['carrierKind', 'collectif-habitants'],
	['needs', 'benevoles'],
	['thematiques', 'initiatives-habitants'],
	['place.zone', '67482:SQ_06'],
	['place.locationMode', 'address'],
	['place.address', '67 avenue Racine'],
	['submitterEmail', 'habitant@example.org'],
	['message', 'Merci !'],
	['homepage', '']
];
const withField = (entries: [string, string][], key: string, value: string): [string, string][] =>
	entries.map(([k, v]) => [k, k === key ? value : v]);

describe('submitNewProposal', () => {
	it('stores a valid initiative as pending, geocoded, with the e-mail outside the payload', async () => {
		const outcome = await submitNewProposal(
			'initiative',
			post(initiative),
			deps({ status: 'found', lon: 7.7354, lat: 48.5912, precision: 'address', label: '67 Avenue Racine' })
		);
		expect(outcome.ok).toBe(true);
		if (!outcome.ok) return;
		const stored = getProposal(db, outcome.reference)!;
		expect(stored).toMatchObject({
			type: 'new-initiative',
			status: 'pending',
			submitterEmail: 'habitant@example.org',
			message: 'Merci !'
		});
		expect(stored.payload).toMatchObject({
			name: 'Jardin des voisins',
			needs: ['benevoles'],
			place: {
				communeCode: '67482',
				quartierCode: 'SQ_06',
				lon: 7.7354,
				lat: 48.5912,
				precision: 'address',
				geocodeStatus: 'found'
			}
		});
		expect(JSON.stringify(stored.payload)).not.toContain('habitant@example.org');
		expect(geocoded).toEqual(['67 avenue Racine']);
		// Nothing was published.
		expect(listRecords(db, 'initiative').map((r) => r.id)).toEqual(['jardin-test']);
	});

	it('falls back to the quartier point when the geocoder is down', async () => {
		const outcome = await submitNewProposal('initiative', post(initiative), deps({ status: 'unavailable' }));
		expect(outcome.ok).toBe(true);
		if (!outcome.ok) return;
		expect(getProposal(db, outcome.reference)!.payload).toMatchObject({
			place: { address: '67 avenue Racine', precision: 'quartier', geocodeStatus: 'unavailable' }
		});
	});

	it('answers errors per field and keeps the typed values', async () => {
		const bad = withField(withField(initiative, 'description', 'court'), 'place.zone', '99999');
		const outcome = await submitNewProposal(
			'initiative',
			post([...bad, ['website', 'javascript:alert(1)']]),
			deps()
		);
		expect(outcome).toMatchObject({ ok: false, status: 400 });
		if (outcome.ok) return;
		expect(outcome.errors.description).toMatch(/au moins 20 caractères/);
		// The store checks run at the first submit too, beside the schema's errors.
		expect(outcome.errors['place.zone']).toMatch(/Eurométropole/);
		expect(outcome.errors.website).toMatch(/http/);
		expect(outcome.values).toMatchObject({ name: 'Jardin des voisins', description: 'court' });
		expect(listProposals(db)).toEqual([]);

		const elsewhere = await submitNewProposal(
			'initiative',
			post(withField(initiative, 'place.zone', '99999')),
			deps()
		);
		expect(elsewhere).toMatchObject({ ok: false, errors: { 'place.zone': /Eurométropole/ } });
		const mismatch = await submitNewProposal(
			'initiative',
			post(withField(initiative, 'place.zone', '67447:SQ_06')),
			deps()
		);
		expect(mismatch).toMatchObject({ ok: false, errors: { 'place.zone': /pas dans cette commune/ } });
		const unknownTheme = await submitNewProposal(
			'initiative',
			post(withField(initiative, 'thematiques', 'inconnue')),
			deps()
		);
		expect(unknownTheme).toMatchObject({ ok: false, errors: { thematiques: /inconnue/ } });
	});

	it('pretends success for a filled honeypot and stores nothing', async () => {
		const outcome = await submitNewProposal(
			'initiative',
			post(withField(initiative, 'homepage', 'http://spam.example')),
			deps()
		);
		expect(outcome.ok).toBe(true);
		expect(listProposals(db)).toEqual([]);
		expect(geocoded).toEqual([]);
	});

	it('refuses bodies over 64 KB, declared or not', async () => {
		const big = withField(initiative, 'description', 'a'.repeat(LIMITS.maxBodyBytes + 1));
		const declared = await submitNewProposal(
			'initiative',
			post(initiative, { 'content-length': String(LIMITS.maxBodyBytes + 1) }),
			deps()
		);
		expect(declared).toMatchObject({ ok: false, status: 413, errors: { _form: /64 Ko/ } });
		const measured = await submitNewProposal('initiative', post(big), deps());
		expect(measured).toMatchObject({ ok: false, status: 413 });
		// Under the cap but over the field's bound: the schema's message, next to the field.
		const long = await submitNewProposal(
			'initiative',
			post(withField(initiative, 'description', 'é'.repeat(6000))),
			deps()
		);
		expect(long).toMatchObject({
			ok: false,
			status: 400,
			errors: { description: /5000 caractères au plus/ }
		});
		expect(listProposals(db)).toEqual([]);
	});

	it('stores hostile text as inert text, unchanged', async () => {
		const hostile = "<img src=x onerror=alert(1)> '; DROP TABLE proposals; -- 🌱 مرحبا";
		const outcome = await submitNewProposal(
			'initiative',
			post(withField(initiative, 'name', hostile)),
			deps()
		);
		expect(outcome.ok).toBe(true);
		if (!outcome.ok) return;
		expect((getProposal(db, outcome.reference)!.payload as { name: string }).name).toBe(hostile);
		expect(listProposals(db)).toHaveLength(1);
	});

	it('limits each client to a few proposals an hour, per hashed address', async () => {
		const now = new Date('2026-12-01T10:00:00Z');
		for (let i = 0; i < LIMITS.perHour; i++) {
			expect((await submitNewProposal('initiative', post(initiative), deps(undefined, { now }))).ok).toBe(
				true
			);
		}
		const limited = await submitNewProposal('initiative', post(initiative), deps(undefined, { now }));
		expect(limited).toMatchObject({ ok: false, status: 429, values: { name: 'Jardin des voisins' } });
		// Another client is not affected; the same one may post again an hour later.
		const other = await submitNewProposal(
			'initiative',
			post(initiative),
			deps(undefined, { now, clientAddress: '198.51.100.1' })
		);
		expect(other.ok).toBe(true);
		const later = new Date(now.getTime() + 3601_000);
		expect(
			(await submitNewProposal('initiative', post(initiative), deps(undefined, { now: later }))).ok
		).toBe(true);
		// Only a salted hash is stored, never the address.
		const hashes = db.prepare('SELECT DISTINCT client_hash AS h FROM proposals').all() as { h: string }[];
		expect(hashes).toHaveLength(2);
		expect(hashes.map((h) => h.h)).toContain(await clientHash(sql, '203.0.113.7'));
		expect(JSON.stringify(db.prepare('SELECT * FROM proposals').all())).not.toContain('203.0.113.7');
	});

	it('holds the hourly limit for posts sent in parallel while the geocoder is slow', async () => {
		const now = new Date('2026-12-01T10:00:00Z');
		const slow = deps(undefined, {
			now,
			geocode: (address) =>
				new Promise((resolve) => {
					geocoded.push(address);
					setTimeout(() => resolve({ status: 'unavailable' }), 20);
				})
		});
		const burst = await Promise.all(
			Array.from({ length: 2 * LIMITS.perHour }, () =>
				submitNewProposal('initiative', post(initiative), slow)
			)
		);
		expect(burst.filter((o) => o.ok)).toHaveLength(LIMITS.perHour);
		expect(burst.filter((o) => !o.ok && o.status === 429)).toHaveLength(LIMITS.perHour);
		expect(listProposals(db)).toHaveLength(LIMITS.perHour);
		expect(geocoded).toHaveLength(LIMITS.perHour);
	});

	it('gives the slot back when a proposal is refused, so corrections are not counted', async () => {
		const now = new Date('2026-12-01T10:00:00Z');
		const invalid = withField(initiative, 'name', '');
		const pinOutside: [string, string][] = [
			...initiative.filter(([k]) => k !== 'place.locationMode' && k !== 'place.address'),
			['place.locationMode', 'pin'],
			['place.lon', '2.35'],
			['place.lat', '48.85']
		];
		for (let i = 0; i < LIMITS.perHour; i++) {
			expect(await submitNewProposal('initiative', post(invalid), deps(undefined, { now }))).toMatchObject({
				ok: false,
				status: 400
			});
			expect(await submitNewProposal('initiative', post(pinOutside), deps(undefined, { now }))).toMatchObject(
				{ ok: false, status: 400, errors: { 'place.lon': expect.any(String) } }
			);
		}
		const stored = await Promise.all(
			Array.from({ length: LIMITS.perHour }, () =>
				submitNewProposal('initiative', post(initiative), deps(undefined, { now }))
			)
		);
		expect(stored.every((o) => o.ok)).toBe(true);
		expect(await submitNewProposal('initiative', post(initiative), deps(undefined, { now }))).toMatchObject({
			ok: false,
			status: 429
		});
		// The slots left are the stored proposals' only.
		expect((db.prepare('SELECT COUNT(*) AS n FROM form_slots').get() as { n: number }).n).toBe(
			LIMITS.perHour
		);
	});

	it('gives the slot back when storing throws', async () => {
		const now = new Date('2026-12-01T10:00:00Z');
		db.exec("CREATE TRIGGER refuse BEFORE INSERT ON proposals BEGIN SELECT RAISE(ABORT, 'disk full'); END");
		await expect(submitNewProposal('initiative', post(initiative), deps(undefined, { now }))).rejects.toThrow(
			/disk full/
		);
		expect((db.prepare('SELECT COUNT(*) AS n FROM form_slots').get() as { n: number }).n).toBe(0);
	});

	it('erases client hashes older than a day when a new proposal arrives', async () => {
		const first = await submitNewProposal(
			'initiative',
			post(initiative),
			deps(undefined, { now: new Date('2026-03-01T10:00:00Z') })
		);
		if (!first.ok) throw new Error('expected ok');
		const hashOf = (id: string) =>
			(db.prepare('SELECT client_hash AS h FROM proposals WHERE id = ?').get(id) as { h: string | null }).h;
		await submitNewProposal(
			'initiative',
			post(initiative),
			deps(undefined, { now: new Date('2026-03-02T09:00:00Z') })
		);
		expect(hashOf(first.reference)).toMatch(/^[0-9a-f]{64}$/);
		const later = await submitNewProposal(
			'initiative',
			post(initiative),
			deps(undefined, { now: new Date('2026-03-02T10:00:01Z') })
		);
		expect(hashOf(first.reference)).toBeNull();
		if (later.ok) expect(hashOf(later.reference)).toMatch(/^[0-9a-f]{64}$/);
	});

	it('erases e-mails of proposals decided more than six months ago when a new one arrives', async () => {
		const first = await submitNewProposal(
			'initiative',
			post(initiative),
			deps(undefined, { now: new Date('2026-01-01') })
		);
		if (!first.ok) throw new Error('expected ok');
		decideProposal(db, first.reference, { status: 'rejected', by: 'admin' }, new Date('2026-01-02'));
		await submitNewProposal('initiative', post(initiative), deps(undefined, { now: new Date('2026-05-01') }));
		expect(getProposal(db, first.reference)!.submitterEmail).toBe('habitant@example.org');
		await submitNewProposal('initiative', post(initiative), deps(undefined, { now: new Date('2026-07-03') }));
		expect(getProposal(db, first.reference)!.submitterEmail).toBeNull();
	});

	it('takes a structure with its roles and a pin', async () => {
		const outcome = await submitNewProposal(
			'structure',
			post([
				['name', 'Coop test'],
				['description', 'Une coopérative proposée par un visiteur pour le test.'],
				['legalForm', 'scic'],
				['roles', 'acteur'],
				['place.zone', '67447'],
				['place.locationMode', 'pin'],
				['place.lon', '7.7463'],
				['place.lat', '48.6119']
			]),
			deps()
		);
		expect(outcome.ok).toBe(true);
		if (!outcome.ok) return;
		expect(getProposal(db, outcome.reference)).toMatchObject({
			type: 'new-organisation',
			payload: { roles: ['acteur'], place: { communeCode: '67447', precision: 'address', lon: 7.7463 } }
		});
		const noRole = await submitNewProposal(
			'structure',
			post([
				['name', 'Coop test'],
				['description', 'Une coopérative proposée par un visiteur pour le test.'],
				['legalForm', 'scic'],
				['place.zone', '67447'],
				['place.locationMode', 'quartier']
			]),
			deps()
		);
		expect(noRole).toMatchObject({ ok: false, errors: { roles: /au moins un rôle/ } });
	});
});

describe('change proposals', () => {
	it('finds published records only, with their current values', async () => {
		expect((await changeTarget(sql, 'jardin-test'))?.summary).toMatchObject({
			kind: 'initiative',
			path: '/initiatives/jardin-test',
			current: { schedule: 'Le samedi matin' }
		});
		expect(await changeTarget(sql, 'nope')).toBeUndefined();
		expect(await changeTarget(sql, '../etc')).toBeUndefined();
		expect(await changeTarget(sql, null)).toBeUndefined();
	});

	it('stores only the changed fields and the explanation', async () => {
		const target = (await changeTarget(sql, 'jardin-test'))!.record;
		const outcome = await submitChangeProposal(
			target,
			post([
				['changes.name', target.name],
				['changes.schedule', 'Le dimanche matin'],
				['changes.website', ''],
				['explanation', 'Les horaires ont changé en 2026.'],
				['submitterEmail', '']
			]),
			deps()
		);
		expect(outcome.ok).toBe(true);
		if (!outcome.ok) return;
		expect(getProposal(db, outcome.reference)).toMatchObject({
			type: 'change',
			targetId: 'jardin-test',
			status: 'pending',
			payload: {
				targetId: 'jardin-test',
				changes: { schedule: 'Le dimanche matin' },
				explanation: 'Les horaires ont changé en 2026.'
			}
		});
		const noExplanation = await submitChangeProposal(
			target,
			post([
				['changes.schedule', 'Le lundi'],
				['explanation', '']
			]),
			deps()
		);
		expect(noExplanation).toMatchObject({ ok: false, errors: { explanation: /10 caractères|vide/ } });
		const badLink = await submitChangeProposal(
			target,
			post([
				['changes.website', 'javascript:alert(1)'],
				['explanation', 'Le site a changé.']
			]),
			deps()
		);
		expect(badLink).toMatchObject({ ok: false, errors: { 'changes.website': /http/ } });
	});
});

describe('proposalFormData', () => {
	it('lists the 10 quartiers and the 33 communes, Strasbourg without quartier included', async () => {
		const { zones, preselectedZone, thematiques } = await proposalFormData(sql);
		expect(zones.quartiers).toHaveLength(10);
		expect(zones.communes).toHaveLength(33);
		expect(zones.quartiers.find((q) => q.slug === 'cronenbourg-hautepierre')?.value).toBe('67482:SQ_06');
		expect(zones.communes[0]).toMatchObject({ value: '67482', slug: 'strasbourg' });
		expect(preselectedZone).toBeUndefined();
		expect(thematiques).toHaveLength(7);
	});

	it('preselects the zone a quartier page links with, and ignores unknown slugs', async () => {
		expect((await proposalFormData(sql, 'cronenbourg-hautepierre')).preselectedZone).toBe('67482:SQ_06');
		expect((await proposalFormData(sql, 'schiltigheim')).preselectedZone).toBe('67447');
		expect((await proposalFormData(sql, '<script>')).preselectedZone).toBeUndefined();
	});
});
