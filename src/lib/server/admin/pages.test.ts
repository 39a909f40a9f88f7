import { beforeEach, describe, expect, it } from 'vitest';
import type { Commune } from '$lib/domain/geography';
import { organisationSchema } from '$lib/domain/records';
import { organisationFixture } from '$lib/domain/test-fixtures';
import { createAccount } from '../auth/accounts';
import { migrate, openDatabase, type Db } from '../db/connection';
import { createProposal } from '../db/proposals';
import { insertCommune, insertRecord } from '../db/records';
import { createSession } from '../auth/session';
import { countSessions } from '../db/sessions';
import { sqliteClient, type SqlClient } from '../db/sql';
import { changeRole, setDisabled } from './accounts';
import { geocodeForm, createPage, editPage } from './forms';
import { proposalView } from './moderation';
import { dashboard, moderationQueue, recordList, staleBefore, staleList } from './pages';

let db: Db;
let sql: SqlClient;
const NOW = new Date('2026-11-29T10:00:00Z');
const org = organisationSchema.parse(
	organisationFixture({ name: 'Épicerie Solidaire', lastVerified: '2025-06-01' })
);

beforeEach(() => {
	db = openDatabase(':memory:');
	sql = sqliteClient(db);
	migrate(db);
	insertCommune(db, {
		code: '67482',
		slug: 'strasbourg',
		name: 'Strasbourg',
		postcodes: ['67000'],
		centroid: { lon: 7.75, lat: 48.58 },
		inCus2014: true,
		sources: [{ reference: 'x', seen: '2026-01-01' }]
	} as Commune);
	insertRecord(db, org, { action: 'seed' });
	insertRecord(db, { ...org, id: 'recente', slug: 'recente', name: 'Récente', lastVerified: '2026-11-01' });
	insertRecord(db, { ...org, id: 'archivee', slug: 'archivee', name: 'Archivée', status: 'archived' });
});

describe('list pages', () => {
	it('stale means not verified for 12 months, archived records left out', async () => {
		expect(staleBefore(NOW)).toBe('2025-11-29');
		expect((await staleList(sql, NOW)).items.map((r) => r.id)).toEqual(['test-org']);
		expect(await dashboard(sql, NOW)).toMatchObject({
			stale: 1,
			pending: 0,
			counts: { organisation: { published: 2, archived: 1, draft: 0 } }
		});
	});

	it('filters records by kind, status and accent-insensitive text', async () => {
		const list = async (q: string) =>
			(await recordList(sql, new URL(`http://x/admin/fiches?${q}`))).items.map((r) => r.id);
		expect(await list('q=epicerie')).toEqual(['test-org']);
		expect(await list('statut=archived')).toEqual(['archivee']);
		expect(await list('type=initiative')).toEqual([]);
		expect(await list('type=nope&statut=nope')).toHaveLength(3);
	});

	it('finds « csc neuhof » by word prefixes and the sector’s acronyms, drafts and archives included', async () => {
		const named = (id: string, name: string, status: 'published' | 'draft' | 'archived' = 'published') =>
			insertRecord(db, { ...org, id, slug: id, name, status });
		named('csc-du-neuhof', 'CSC du Neuhof');
		named('centre-neuhof', 'Centre socio-culturel du Neuhof', 'draft');
		named('csc-meinau', 'CSC de la Meinau', 'archived');
		const list = async (q: string) =>
			(await recordList(sql, new URL(`http://x/admin/fiches?q=${encodeURIComponent(q)}`))).items
				.map((r) => r.id)
				.sort();
		expect(await list('csc neuhof')).toEqual(['centre-neuhof', 'csc-du-neuhof']);
		expect(await list('CSC NEUH')).toEqual(['centre-neuhof', 'csc-du-neuhof']);
		expect(await list('centre socioculturel')).toEqual(['centre-neuhof', 'csc-du-neuhof', 'csc-meinau']);
		expect(await list('csc-du-neuhof')).toEqual(['centre-neuhof', 'csc-du-neuhof']);
		expect(await list('neuhof meinau')).toEqual([]);
	});

	it('names change proposals after their record in the queue', async () => {
		createProposal(db, {
			type: 'change',
			targetId: 'test-org',
			payload: { targetId: 'test-org', changes: { name: 'X' }, explanation: 'Une explication.' }
		});
		expect((await moderationQueue(sql)).pending.map((p) => p.title)).toEqual(['Épicerie Solidaire']);
	});

	it('the edit and create pages, with and without a proposal', async () => {
		const viewOf = (id: string, now?: Date) => proposalView(sqliteClient(db), id, now);
		expect(await editPage(sql, 'inconnue', null, viewOf)).toBeUndefined();
		expect((await editPage(sql, 'test-org', 'ESS-XXXX-XXXX', viewOf))?.proposal).toBeUndefined();
		const p = createProposal(db, {
			type: 'change',
			targetId: 'test-org',
			payload: { targetId: 'test-org', changes: { name: 'Nom proposé' }, explanation: 'Une explication.' }
		});
		const page = (await editPage(sql, 'test-org', p.id, viewOf))!;
		expect(page.proposal?.id).toBe(p.id);
		expect(page.form.values.name).toBe('Nom proposé');
		expect(await createPage(sql, 'funding-tool', null, viewOf, NOW)).toMatchObject({
			kind: 'funding-tool',
			form: { values: { status: 'draft', lastVerified: '2026-11-29' } }
		});
		expect((await createPage(sql, 'nope', null, viewOf, NOW)).kind).toBe('organisation');
	});
});

describe('geocoding in the admin form', () => {
	const raw = { address: '67 avenue Racine', communeCode: '67482', name: 'X' };
	const answer = (body: unknown, status = 200) =>
		(async () => new Response(JSON.stringify(body), { status })) as unknown as typeof fetch;

	it('fills longitude, latitude and precision from a found address, unsaved', async () => {
		const out = await geocodeForm(
			sql,
			'organisation',
			raw,
			'http://geocoder.test',
			answer({
				type: 'FeatureCollection',
				features: [
					{
						geometry: { type: 'Point', coordinates: [7.7021, 48.5948] },
						properties: {
							label: '67 Avenue Racine 67200 Strasbourg',
							score: 0.94,
							type: 'housenumber',
							citycode: '67482'
						}
					}
				]
			})
		);
		expect(out.found).toBe(true);
		expect(out.form.values).toMatchObject({
			'location.lon': '7.7021',
			'location.lat': '48.5948',
			'location.precision': 'address'
		});
		expect(out.message).toContain('67 Avenue Racine');
	});

	it('explains a missing address, a miss and an outage, and keeps what was typed', async () => {
		expect((await geocodeForm(sql, 'organisation', { name: 'X' }, 'http://g')).message).toMatch(
			/Indiquez l’adresse/
		);
		const miss = await geocodeForm(
			sql,
			'organisation',
			raw,
			'http://g',
			answer({ type: 'FeatureCollection', features: [] })
		);
		expect(miss).toMatchObject({ found: false, form: { values: { address: '67 avenue Racine' } } });
		const down = await geocodeForm(sql, 'organisation', raw, 'http://g', answer({}, 503));
		expect(down.message).toMatch(/service indisponible/);
	});
});

describe('accounts page rules', () => {
	it('keeps one active admin, and disabling ends the sessions', async () => {
		const a = await createAccount(sqliteClient(db), {
			email: 'a@x.fr',
			name: 'Alice',
			role: 'admin',
			password: 'mot de passe long'
		});
		const b = await createAccount(sqliteClient(db), {
			email: 'b@x.fr',
			name: 'Bob',
			role: 'editor',
			password: 'mot de passe long'
		});
		if (!a.ok || !b.ok) throw new Error('accounts');
		const alice = { id: a.user.id, email: 'a@x.fr', name: 'Alice', role: 'admin' as const };
		expect(await changeRole(sqliteClient(db), alice, a.user.id, 'editor')).toMatchObject({ ok: false });
		expect(await setDisabled(sqliteClient(db), alice, a.user.id, true)).toMatchObject({ ok: false });
		await createSession(sqliteClient(db), b.user.id);
		expect(await setDisabled(sqliteClient(db), alice, b.user.id, true)).toEqual({ ok: true });
		expect(await countSessions(sqliteClient(db), b.user.id)).toBe(0);
		expect(await changeRole(sqliteClient(db), alice, b.user.id, 'admin')).toEqual({ ok: true });
		expect(await changeRole(sqliteClient(db), alice, b.user.id, 'root')).toMatchObject({ ok: false });
	});
});
