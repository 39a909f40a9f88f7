import { beforeEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Db } from '../db/connection';
import { sqliteClient, type SqlClient } from '../db/sql';
import { countSessions } from '../db/sessions';
import { getUserForLogin, setUserDisabled, setUserPassword } from '../db/users';
import { createAccount } from './accounts';
import { hasRole, requireRole, routeRole, safeRedirect } from './guard';
import { attemptLogin, BAD_CREDENTIALS } from './login';
import { hashPassword, verifyPassword } from './password';
import { LoginLimiter } from './rate-limit';
import { ABSOLUTE_MS, IDLE_MS, createSession, endSession, hashToken, validateSession } from './session';

let db: Db;
let sql: SqlClient;
const PASSWORD = 'correct horse battery staple';

beforeEach(() => {
	db = openDatabase(':memory:');
	migrate(db);
	sql = sqliteClient(db);
});

async function account(role: 'admin' | 'editor' = 'editor', email = 'camille@example.org') {
	const created = await createAccount(sql, { email, name: 'Camille', role, password: PASSWORD });
	if (!created.ok) throw new Error(created.message);
	return created.user;
}

describe('passwords', () => {
	it('hashes with argon2id and verifies only the right password', async () => {
		const hash = await hashPassword(PASSWORD);
		expect(hash.startsWith('$argon2id$')).toBe(true);
		expect(await verifyPassword(hash, PASSWORD)).toBe(true);
		expect(await verifyPassword(hash, `${PASSWORD}!`)).toBe(false);
		expect(await verifyPassword('not-a-hash', PASSWORD)).toBe(false);
	});
});

describe('accounts', () => {
	it('stores the e-mail in lower case and refuses a second account with the same e-mail', async () => {
		await account('admin', 'Camille@Example.org');
		expect((await getUserForLogin(sql, 'camille@example.org'))?.email).toBe('camille@example.org');
		const again = await createAccount(sql, {
			email: 'CAMILLE@example.org',
			name: 'Autre',
			role: 'editor',
			password: PASSWORD
		});
		expect(again).toMatchObject({ ok: false, field: 'email' });
	});
});

describe('login', () => {
	it('opens a session whose cookie token is stored hashed', async () => {
		const user = await account();
		const out = await attemptLogin(
			sql,
			new LoginLimiter(sql),
			{ email: 'CAMILLE@example.org', password: PASSWORD },
			'1.1.1.1'
		);
		expect(out.ok).toBe(true);
		if (!out.ok) return;
		const stored = db.prepare('SELECT id FROM sessions').all() as { id: string }[];
		expect(stored).toEqual([{ id: hashToken(out.token) }]);
		expect((await validateSession(sql, out.token))?.session.user).toMatchObject({
			id: user.id,
			role: 'editor'
		});
	});

	it('answers the same message for an unknown e-mail, a wrong password and a disabled account', async () => {
		const user = await account();
		const limiter = new LoginLimiter(sql);
		const unknown = await attemptLogin(sql, limiter, { email: 'x@example.org', password: PASSWORD }, 'ip');
		const wrong = await attemptLogin(sql, limiter, { email: 'camille@example.org', password: 'nope' }, 'ip');
		await setUserDisabled(sql, user.id, true);
		const disabled = await attemptLogin(
			sql,
			limiter,
			{ email: 'camille@example.org', password: PASSWORD },
			'ip'
		);
		for (const out of [unknown, wrong, disabled])
			expect(out).toMatchObject({ ok: false, message: BAD_CREDENTIALS });
	});

	it('blocks an e-mail and IP after 5 failures, even with the right password, then lets it in later', async () => {
		await account();
		const limiter = new LoginLimiter(sql);
		const t0 = new Date('2026-03-01T10:00:00Z');
		for (let i = 0; i < 5; i++)
			await attemptLogin(sql, limiter, { email: 'camille@example.org', password: 'bad' }, 'ip', t0);
		const blocked = await attemptLogin(
			sql,
			limiter,
			{ email: 'camille@example.org', password: PASSWORD },
			'ip',
			t0
		);
		expect(blocked).toMatchObject({ ok: false, status: 429 });
		if (!blocked.ok) expect(blocked.message).toMatch(/15 minutes/);
		// Another IP is not blocked by this account's failures.
		const other = await attemptLogin(
			sql,
			limiter,
			{ email: 'camille@example.org', password: PASSWORD },
			'ip2',
			t0
		);
		expect(other.ok).toBe(true);
		const later = new Date(t0.getTime() + 15 * 60_000 + 1);
		const after = await attemptLogin(
			sql,
			limiter,
			{ email: 'camille@example.org', password: PASSWORD },
			'ip',
			later
		);
		expect(after.ok).toBe(true);
	});

	// Up to 30 argon2 checks (19 MiB each) on a loaded 2-core machine take seconds.
	it('checks at most 5 passwords of a burst sent in parallel, whatever their number', async () => {
		await account();
		const limiter = new LoginLimiter(sql);
		const t0 = new Date('2026-03-01T10:00:00Z');
		const burst = await Promise.all(
			Array.from({ length: 40 }, () =>
				attemptLogin(sql, limiter, { email: 'camille@example.org', password: 'wrong' }, 'ip', t0)
			)
		);
		expect(burst.filter((o) => !o.ok && o.status === 400)).toHaveLength(5);
		expect(burst.filter((o) => !o.ok && o.status === 429)).toHaveLength(35);
	}, 30_000);

	// Up to 30 argon2 checks (19 MiB each) on a loaded 2-core machine take seconds.
	it('holds the per-IP limit for a parallel burst over many e-mails', async () => {
		const limiter = new LoginLimiter(sql);
		const burst = await Promise.all(
			Array.from({ length: 40 }, (_, i) =>
				attemptLogin(sql, limiter, { email: `x${i}@example.org`, password: 'wrong' }, 'ip')
			)
		);
		expect(burst.filter((o) => !o.ok && o.status === 400)).toHaveLength(30);
		expect(burst.filter((o) => !o.ok && o.status === 429)).toHaveLength(10);
	}, 30_000);

	it('does not count a right password against the IP', async () => {
		await account();
		const limiter = new LoginLimiter(sql, { windowMs: 60_000, maxPerAccount: 5, maxPerIp: 2 });
		for (let i = 0; i < 3; i++) {
			const out = await attemptLogin(
				sql,
				limiter,
				{ email: 'camille@example.org', password: PASSWORD },
				'ip'
			);
			expect(out.ok).toBe(true);
		}
		expect(await limiter.retryAfter('other@example.org', 'ip')).toBe(0);
	});

	it('refuses empty fields with messages per field', async () => {
		const out = await attemptLogin(sql, new LoginLimiter(sql), { email: '', password: '' }, 'ip');
		expect(out).toMatchObject({ ok: false, status: 400 });
		if (!out.ok) expect(Object.keys(out.errors ?? {})).toEqual(['email', 'password']);
	});
});

describe('sessions', () => {
	it('slide forward on use, but never past the absolute lifetime', async () => {
		const user = await account();
		const t0 = new Date('2026-03-01T08:00:00Z');
		const { token } = await createSession(sql, user.id, t0);
		const t1 = new Date(t0.getTime() + 3600_000);
		const used = await validateSession(sql, token, t1);
		expect(used?.renewedUntil?.getTime()).toBe(t1.getTime() + IDLE_MS);
		// Used every 11 hours, it still ends at the absolute lifetime.
		let t = t1.getTime();
		while (t < t0.getTime() + ABSOLUTE_MS - IDLE_MS) {
			t += 11 * 3600_000;
			expect(await validateSession(sql, token, new Date(t))).toBeDefined();
		}
		expect(await validateSession(sql, token, new Date(t0.getTime() + ABSOLUTE_MS + 1))).toBeUndefined();
	});

	it('expire when idle, and end when the account is disabled or the password changes', async () => {
		const user = await account();
		const t0 = new Date('2026-03-01T08:00:00Z');
		const a = await createSession(sql, user.id, t0);
		expect(await validateSession(sql, a.token, new Date(t0.getTime() + IDLE_MS + 1))).toBeUndefined();
		const b = await createSession(sql, user.id);
		await setUserDisabled(sql, user.id, true);
		expect(await validateSession(sql, b.token)).toBeUndefined();
		expect(await countSessions(sql, user.id)).toBe(0);
		await setUserDisabled(sql, user.id, false);
		const c = await createSession(sql, user.id);
		const d = await createSession(sql, user.id);
		await setUserPassword(sql, user.id, 'x', hashToken(c.token));
		expect(await validateSession(sql, c.token)).toBeDefined();
		expect(await validateSession(sql, d.token)).toBeUndefined();
	});

	it('end at logout: the token no longer opens a session', async () => {
		const user = await account();
		const a = await createSession(sql, user.id);
		const b = await createSession(sql, user.id);
		const found = await validateSession(sql, a.token);
		await endSession(sql, found!.session.id);
		expect(await validateSession(sql, a.token)).toBeUndefined();
		expect(await validateSession(sql, b.token)).toBeDefined();
	});

	it('ignore unknown and absurd tokens', async () => {
		expect(await validateSession(sql, undefined)).toBeUndefined();
		expect(await validateSession(sql, 'x'.repeat(500))).toBeUndefined();
		expect(await validateSession(sql, 'unknown')).toBeUndefined();
	});
});

describe('guard', () => {
	const editor = { id: '1', email: 'e@x.fr', name: 'E', role: 'editor' as const };
	const admin = { ...editor, role: 'admin' as const };

	it('maps admin paths to the role they need', () => {
		expect(routeRole('/')).toBeUndefined();
		expect(routeRole('/administration')).toBeUndefined();
		expect(routeRole('/admin/connexion')).toBeUndefined();
		expect(routeRole('/admin')).toBe('editor');
		expect(routeRole('/admin/fiches/x')).toBe('editor');
		expect(routeRole('/admin/comptes')).toBe('admin');
		expect(routeRole('/admin/comptes/')).toBe('admin');
	});

	it('requireRole throws 401 then 403', () => {
		expect(() => requireRole({ user: null }, 'editor')).toThrow(expect.objectContaining({ status: 401 }));
		expect(() => requireRole({ user: editor }, 'admin')).toThrow(expect.objectContaining({ status: 403 }));
		expect(requireRole({ user: admin }, 'editor')).toBe(admin);
		expect(hasRole(admin, 'admin')).toBe(true);
		expect(hasRole(editor, 'admin')).toBe(false);
	});

	it('redirects after login only inside /admin', () => {
		expect(safeRedirect('/admin/fiches?kind=organisation')).toBe('/admin/fiches?kind=organisation');
		for (const bad of ['https://evil.example', '//evil.example', '/administration', '/admin\\@evil', null])
			expect(safeRedirect(bad)).toBe('/admin');
	});
});
