/**
 * The role matrix: every admin page, endpoint and form action, for an anonymous visitor, an editor and an
 * admin. Bodies are deliberately incomplete, so an allowed request is refused by validation (400, 404, 409)
 * and a forbidden one by the guard (401, 403); nothing is ever written, which the test checks too.
 */
import { expect, request as requestFactory, type APIRequestContext } from '@playwright/test';
import { test } from './fixtures';
import { createProposal } from '../src/lib/server/db/proposals';
import { insertImportJob } from '../src/lib/server/db/admin';
import { apiLogin, ensureAccount } from './admin-helpers';
import { e2eStore } from './store';

const EDITOR = 'matrice-edition@example.org';
const ADMIN = 'matrice-admin@example.org';

type Role = 'anonymous' | 'editor' | 'admin';
interface Route {
	path: string;
	/** Needs the admin role (else editor). */
	admin?: boolean;
}
interface Action extends Route {
	form?: Record<string, string>;
	multipart?: boolean;
}

let ids: { record: string; proposal: string; job: string };
let baseURL: string;

function routes(): Route[] {
	const { record, proposal, job } = ids;
	return [
		{ path: '/admin' },
		{ path: '/admin/fiches' },
		{ path: '/admin/fiches?type=initiative&statut=draft&q=jardin' },
		{ path: '/admin/fiches/nouvelle?type=organisation' },
		{ path: '/admin/fiches/nouvelle?type=funding-tool' },
		{ path: `/admin/fiches/${record}` },
		{ path: `/admin/fiches/${record}/historique` },
		{ path: '/admin/moderation' },
		{ path: `/admin/moderation/${proposal}` },
		{ path: '/admin/messages' },
		{ path: '/admin/doublons' },
		{ path: '/admin/fraicheur' },
		{ path: '/admin/import' },
		{ path: `/admin/import/${job}` },
		{ path: `/admin/import/${job}/progres` },
		{ path: '/admin/import/modele/organisations.xlsx' },
		{ path: '/admin/import/modele/funding-tools.csv' },
		{ path: '/admin/export' },
		{ path: '/admin/export/organisations.csv' },
		{ path: '/admin/export/initiatives.geojson' },
		{ path: '/admin/export/funding-tools.json' },
		{ path: '/admin/deconnexion' },
		{ path: '/admin/comptes', admin: true }
	];
}

function actions(): Action[] {
	const { record, proposal, job } = ids;
	return [
		{ path: `/admin/fiches/${record}?/save`, form: { version: '0' } },
		{ path: `/admin/fiches/${record}?/overwrite`, form: { version: '0', mine: '' } },
		{ path: `/admin/fiches/${record}?/status`, form: { version: '0', status: 'nope' } },
		{ path: `/admin/fiches/${record}?/verify`, form: { version: '0' } },
		{ path: `/admin/fiches/${record}?/geocode`, form: {} },
		{ path: '/admin/fiches/nouvelle?/create', form: { kind: 'organisation' } },
		{ path: '/admin/fiches/nouvelle?/geocode', form: { kind: 'organisation' } },
		{ path: `/admin/fiches/${record}/historique?/restore`, form: { restore: 'x', version: 'y' } },
		{ path: `/admin/moderation/${proposal}?/approve`, form: { version: '0' } },
		{ path: `/admin/moderation/${proposal}?/reject`, form: { reason: '' } },
		{ path: '/admin/messages?/handled', form: { id: 'message-inconnu' } },
		{ path: '/admin/messages?/send', form: { id: 'message-inconnu' } },
		{ path: '/admin/messages?/resendDecision', form: { reference: 'ESS-2222-2222' } },
		{ path: '/admin/doublons?/merge', form: { a: 'x', b: 'y', keep: 'z' } },
		{ path: '/admin/doublons?/dismiss', form: { a: 'x', b: 'y' } },
		{ path: '/admin/doublons/fusion?/merge', form: { keep: 'x', drop: 'y', keepVersion: '0' } },
		{ path: '/admin/fraicheur?/verify', form: { id: 'fiche-inconnue', version: '1' } },
		{ path: '/admin/import?/upload', form: { kind: 'organisation' }, multipart: true },
		{ path: '/admin/import?/sirene', form: { dryRun: 'on' }, multipart: true },
		{ path: `/admin/import/${job}?/plan`, form: { columns: '0' } },
		{ path: `/admin/import/${job}?/apply`, form: {} },
		{ path: `/admin/import/${job}?/applyValid`, form: {} },
		{ path: '/admin/comptes?/create', form: { email: '' }, admin: true },
		{ path: '/admin/comptes?/role', form: { id: 'inconnu', role: 'admin' }, admin: true },
		{ path: '/admin/comptes?/disable', form: { id: 'inconnu', disabled: '1' }, admin: true },
		{ path: '/admin/comptes?/password', form: { id: 'inconnu', password: 'court' }, admin: true }
	];
}

async function contextFor(role: Role): Promise<APIRequestContext> {
	const ctx = await requestFactory.newContext({ baseURL });
	if (role === 'editor') await apiLogin(ctx, baseURL, EDITOR);
	if (role === 'admin') await apiLogin(ctx, baseURL, ADMIN);
	return ctx;
}

test.beforeAll(async ({ request }, info) => {
	baseURL = String(info.project.use.baseURL);
	await ensureAccount(EDITOR, 'Édith Matrice', 'editor');
	await ensureAccount(ADMIN, 'Adèle Matrice', 'admin');
	const api = await request.get('/api/v1/organisations?limit=1');
	const record = (await api.json()).items[0].id as string;
	const db = await e2eStore();
	const proposal = (
		await createProposal(db, {
			type: 'change',
			targetId: record,
			payload: {
				targetId: record,
				changes: { name: 'Nom proposé (matrice)' },
				explanation: 'Proposition de test de la matrice.'
			}
		})
	).id;
	const job = `matrice-${Date.now()}`;
	await insertImportJob(db, {
		id: job,
		kind: 'organisation',
		format: 'csv',
		fileName: 'matrice.csv',
		source: 'id,name\nmatrice-x,Matrice\n',
		encoding: 'utf-8',
		delimiter: ',',
		createdBy: 'test'
	});
	await db.close();
	ids = { record, proposal, job };
});

for (const role of ['anonymous', 'editor', 'admin'] as const) {
	test(`${role}: every admin page and endpoint answers as the role allows`, async () => {
		const ctx = await contextFor(role);
		for (const r of routes()) {
			const res = await ctx.get(r.path, { maxRedirects: 0 });
			const allowed = role === 'admin' || (role === 'editor' && !r.admin);
			if (role === 'anonymous') {
				expect(res.status(), `GET ${r.path}`).toBe(303);
				expect(res.headers().location, `GET ${r.path}`).toBe(
					`/admin/connexion?redirectTo=${encodeURIComponent(r.path)}`
				);
			} else if (allowed) {
				expect(res.status(), `GET ${r.path} as ${role}`).toBe(200);
				expect(res.headers()['cache-control'], `GET ${r.path}`).toBe('private, no-store');
			} else {
				expect(res.status(), `GET ${r.path} as ${role}`).toBe(403);
			}
		}
		await ctx.dispose();
	});

	test(`${role}: every form action is guarded, and nothing is written`, async () => {
		const ctx = await contextFor(role);
		const db = await e2eStore();
		// What this role could have written, and nothing else: other journeys write to the store in parallel.
		const start = new Date(Date.now() - 1000).toISOString();
		const mine = (
			await db.all<{ id: string }>('SELECT id FROM users WHERE email IN (?, ?)', [EDITOR, ADMIN])
		).map((u) => u.id);
		const usersBefore = await db.all('SELECT id, role, disabled FROM users ORDER BY id');
		for (const a of actions()) {
			const options = a.multipart
				? { multipart: a.form ?? {}, headers: { origin: baseURL, accept: 'text/html' }, maxRedirects: 0 }
				: { form: a.form ?? {}, headers: { origin: baseURL, accept: 'text/html' }, maxRedirects: 0 };
			const res = await ctx.post(a.path, options);
			const allowed = role === 'admin' || (role === 'editor' && !a.admin);
			if (role === 'anonymous') expect(res.status(), `POST ${a.path}`).toBe(401);
			else if (!allowed) expect(res.status(), `POST ${a.path} as ${role}`).toBe(403);
			else {
				expect([200, 400, 404, 409], `POST ${a.path} as ${role}: ${res.status()}`).toContain(res.status());
			}
		}
		// Logout is an action too: allowed for both roles, refused to anonymous visitors.
		const out = await ctx.post('/admin/deconnexion', {
			form: {},
			headers: { origin: baseURL, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(out.status()).toBe(role === 'anonymous' ? 401 : 303);
		if (role !== 'anonymous') {
			const after = await ctx.get('/admin', { maxRedirects: 0 });
			expect(after.status(), 'the session ends at logout').toBe(303);
		}
		const written = await db.all(
			`SELECT record_id FROM record_history WHERE changed_at >= ? AND changed_by IN (${mine.map(() => '?').join(', ')})`,
			[start, ...mine]
		);
		expect(written, 'records written by the matrix').toEqual([]);
		// No account disabled or changed by an empty form (other journeys may add accounts of their own).
		const usersAfter = await db.all('SELECT id, role, disabled FROM users ORDER BY id');
		expect(usersAfter).toEqual(expect.arrayContaining(usersBefore as object[]));
		await db.close();
		await ctx.dispose();
	});
}

test('a cross-site form post is refused even with a valid session (CSRF)', async () => {
	const ctx = await contextFor('admin');
	const res = await ctx.post('/admin/comptes?/create', {
		form: { email: 'csrf@example.org', name: 'CSRF', role: 'admin', password: 'un mot de passe assez long' },
		headers: { origin: 'https://evil.example', accept: 'text/html' },
		maxRedirects: 0
	});
	expect(res.status()).toBe(403);
	const db = await e2eStore();
	expect(await db.get('SELECT 1 FROM users WHERE email = ?', ['csrf@example.org'])).toBeUndefined();
	await db.close();
	await ctx.dispose();
});
