/**
 * Bursts sent in parallel against each rate limit, counted exactly: the limits must hold while the first
 * requests still wait (for the geocoder, for argon2), which is when they used to let everything through.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { header, newClient, postForm, raw } from './http';

const count = (statuses: number[], status: number) => statuses.filter((s) => s === status).length;

function proposalsNamed(name: string): number {
	const db = new Database(inject('databasePath'), { readonly: true, fileMustExist: true });
	try {
		return (
			db
				.prepare("SELECT COUNT(*) AS n FROM proposals WHERE json_extract(payload, '$.name') = ?")
				.get(name) as {
				n: number;
			}
		).n;
	} finally {
		db.close();
	}
}

async function geocoderCalls(): Promise<number> {
	return ((await (await fetch(`${inject('geocoderUrl')}/calls`)).json()) as { calls: number }).calls;
}

describe('proposal limit (10 an hour per client)', () => {
	it('stores exactly 10 of 20 proposals sent at once, in address mode with a slow geocoder', async () => {
		const name = `Jardin ${randomUUID()}`;
		const client = newClient();
		const fields: [string, string][] = [
			['name', name],
			['description', 'Un jardin partagé entretenu par les habitants de la rue.'],
			['initiativeType', 'jardin-partage'],
			['carrierKind', 'collectif-habitants'],
			['needs', 'benevoles'],
			['thematiques', 'initiatives-habitants'],
			['place.zone', '67482:SQ_06'],
			['place.locationMode', 'address'],
			['place.address', '67 avenue Racine'],
			['homepage', '']
		];
		const burst = await Promise.all(
			Array.from({ length: 20 }, () => postForm('/proposer/initiative', fields, client))
		);
		const statuses = burst.map((r) => r.status);
		expect(count(statuses, 303)).toBe(10);
		expect(count(statuses, 429)).toBe(10);
		for (const r of burst.filter((r) => r.status === 303))
			expect(header(r, 'location')).toMatch(/^\/proposer\/merci\/ESS-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
		expect(proposalsNamed(name)).toBe(10);
		// Another client is not held back by this one.
		const other = await postForm('/proposer/initiative', fields, newClient());
		expect(other.status).toBe(303);
	});

	it('does not count refused proposals', async () => {
		const client = newClient();
		const invalid: [string, string][] = [
			['name', ''],
			['place.zone', '67482:SQ_06']
		];
		const refused = await Promise.all(
			Array.from({ length: 15 }, () => postForm('/proposer/initiative', invalid, client))
		);
		expect(refused.every((r) => r.status === 400)).toBe(true);
		const name = `Jardin ${randomUUID()}`;
		const ok = await postForm(
			'/proposer/initiative',
			[
				['name', name],
				['description', 'Un jardin partagé entretenu par les habitants de la rue.'],
				['initiativeType', 'jardin-partage'],
				['carrierKind', 'collectif-habitants'],
				['needs', 'benevoles'],
				['thematiques', 'initiatives-habitants'],
				['place.zone', '67482:SQ_06'],
				['place.locationMode', 'quartier']
			],
			client
		);
		expect(ok.status).toBe(303);
	});
});

describe('login limit (5 failures per e-mail and client, 30 per client)', () => {
	it('checks exactly 5 of 40 wrong passwords sent at once for one account', async () => {
		const client = newClient();
		const { email } = inject('admin');
		const burst = await Promise.all(
			Array.from({ length: 40 }, () =>
				postForm(
					'/admin/connexion',
					[
						['email', email],
						['password', 'pas le bon mot de passe']
					],
					client
				)
			)
		);
		const statuses = burst.map((r) => r.status);
		expect(count(statuses, 400)).toBe(5);
		expect(count(statuses, 429)).toBe(35);
		expect(burst.find((r) => r.status === 429)?.body).toContain('Trop de tentatives de connexion');
	});

	it('checks exactly 30 of 40 wrong logins sent at once over many e-mails', async () => {
		const client = newClient();
		const burst = await Promise.all(
			Array.from({ length: 40 }, (_, i) =>
				postForm(
					'/admin/connexion',
					[
						['email', `inconnu${i}@example.org`],
						['password', 'x']
					],
					client
				)
			)
		);
		const statuses = burst.map((r) => r.status);
		expect(count(statuses, 400)).toBe(30);
		expect(count(statuses, 429)).toBe(10);
	});
});

describe('address lookup limit (20 per client in 10 minutes) and cache', () => {
	it('answers exactly 20 of 50 lookups sent at once, and asks the geocoder once for one address', async () => {
		const client = newClient();
		const before = await geocoderCalls();
		const burst = await Promise.all(
			Array.from({ length: 50 }, () =>
				raw('/carte/adresse.json?q=67%20avenue%20Racine', { headers: { 'x-forwarded-for': client } })
			)
		);
		const statuses = burst.map((r) => r.status);
		expect(count(statuses, 200)).toBe(20);
		expect(count(statuses, 429)).toBe(30);
		const refused = burst.find((r) => r.status === 429)!;
		expect(JSON.parse(refused.body)).toMatchObject({
			ok: false,
			message: expect.stringMatching(/réessayez/)
		});
		expect(Number(header(refused, 'retry-after'))).toBeGreaterThan(0);
		expect(header(refused, 'cache-control')).toBe('no-store');
		expect((await geocoderCalls()) - before).toBe(1);
		// Other addresses by other clients each cost one call, then come from the cache.
		const others = await Promise.all(
			['1 rue du Test', '2 rue du Test', ' 1  RUE du test '].map((q) =>
				raw(`/carte/adresse.json?q=${encodeURIComponent(q)}`, { headers: { 'x-forwarded-for': newClient() } })
			)
		);
		expect(others.map((r) => r.status)).toEqual([422, 422, 422]);
		expect((await geocoderCalls()) - before).toBe(3);
	});
});
