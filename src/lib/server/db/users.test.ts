import { expect, it } from 'vitest';
import type { SqlClient } from './sql';
import { onBothEngines } from './test-postgres';
import { insertUser, listUsers, setUserRole, unlessLastAdmin } from './users';

const admin = (id: string) => ({
	id,
	email: `${id}@example.org`,
	name: id,
	passwordHash: 'x',
	role: 'admin' as const
});

onBothEngines('accounts', (store) => {
	it('two admins demoting each other at once: one keeps the role', async () => {
		const { a, b } = store();
		await insertUser(a, admin('anne'));
		await insertUser(a, admin('bruno'));
		const demote = (client: SqlClient, id: string) =>
			unlessLastAdmin(
				client,
				id,
				() => true,
				(tx) => setUserRole(tx, id, 'editor')
			);
		const outcomes = await Promise.all([demote(a, 'anne'), demote(b, 'bruno')]);
		expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
		expect(outcomes.filter((o) => !o.ok && o.reason === 'last-admin')).toHaveLength(1);
		expect((await listUsers(b)).filter((u) => u.role === 'admin')).toHaveLength(1);
	});

	it('two accounts with one e-mail created at once: one is created, the other told the address is taken', async () => {
		const { a, b } = store();
		const created = await Promise.all([
			insertUser(a, { ...admin('c1'), email: 'Claire@Example.org' }),
			insertUser(b, { ...admin('c2'), email: 'claire@example.org' })
		]);
		expect(created.filter(Boolean)).toHaveLength(1);
		expect((await listUsers(a)).filter((u) => u.email === 'claire@example.org')).toHaveLength(1);
	});
});
