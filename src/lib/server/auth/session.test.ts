import { beforeAll, expect, it } from 'vitest';
import { countSessions, deleteExpiredSessions } from '../db/sessions';
import { onBothEngines } from '../db/test-postgres';
import { createSession, endSession, IDLE_MS, validateSession } from './session';

onBothEngines('sessions', (store) => {
	beforeAll(async () => {
		await store().a.run(
			"INSERT INTO users (id, email, name, password_hash, role, disabled, created_at) VALUES ('u1', 'camille@example.org', 'Camille', 'x', 'editor', 0, '2026-12-01T00:00:00Z')"
		);
	});

	it('a login on one instance is valid on the other; a logout on the other ends it on the first', async () => {
		const { token } = await createSession(store().a, 'u1');
		const onB = await validateSession(store().b, token);
		expect(onB?.session.user).toEqual({
			id: 'u1',
			email: 'camille@example.org',
			name: 'Camille',
			role: 'editor'
		});
		await endSession(store().b, onB!.session.id);
		expect(await validateSession(store().a, token)).toBeUndefined();
	});

	it('a session renewed on one instance is renewed for the other, and ends after the idle time', async () => {
		const t0 = new Date('2026-12-05T08:00:00Z');
		const { token } = await createSession(store().a, 'u1', t0);
		const t1 = new Date(t0.getTime() + IDLE_MS - 60_000);
		expect((await validateSession(store().b, token, t1))?.renewedUntil).toEqual(
			new Date(t1.getTime() + IDLE_MS)
		);
		expect(await validateSession(store().a, token, new Date(t0.getTime() + IDLE_MS + 1))).toBeDefined();
		expect(await validateSession(store().a, token, new Date(t1.getTime() + IDLE_MS + 1))).toBeUndefined();
		expect(
			await deleteExpiredSessions(store().b, new Date(t1.getTime() + IDLE_MS + 1))
		).toBeGreaterThanOrEqual(1);
	});

	it('ends with the account: a disabled account has no live session anywhere', async () => {
		const { token } = await createSession(store().a, 'u1');
		expect(await countSessions(store().b, 'u1')).toBeGreaterThanOrEqual(1);
		await store().a.run('UPDATE users SET disabled = 1 WHERE id = ?', ['u1']);
		expect(await validateSession(store().b, token)).toBeUndefined();
		await store().a.run('UPDATE users SET disabled = 0 WHERE id = ?', ['u1']);
	});
});
