/** Creating accounts: shared by `npm run admin:create` and the admin's accounts page. */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { SqlClient } from '../db/sql';
import { getUserForLogin, insertUser, type User } from '../db/users';
import { hashPassword, passwordSchema } from './password';

export const newAccountSchema = z.object({
	email: z.email({ error: 'adresse e-mail invalide' }).max(254, { error: 'adresse e-mail trop longue' }),
	name: z
		.string({ error: 'nom requis' })
		.trim()
		.min(2, { error: 'nom trop court : 2 caractères au moins' })
		.max(100, { error: 'nom trop long : 100 caractères au plus' }),
	role: z.enum(['admin', 'editor'], { error: 'rôle invalide : admin ou editor' }),
	password: passwordSchema
});
export type NewAccount = z.infer<typeof newAccountSchema>;

export async function createAccount(
	sql: SqlClient,
	input: NewAccount
): Promise<{ ok: true; user: User } | { ok: false; field: string; message: string }> {
	const taken = { ok: false as const, field: 'email', message: 'un compte existe déjà avec cette adresse' };
	// Checked first so a taken address costs no password hashing; the insert checks again, for two
	// creations sent at once.
	if (await getUserForLogin(sql, input.email)) return taken;
	const passwordHash = await hashPassword(input.password);
	const user = await insertUser(sql, {
		id: randomUUID(),
		email: input.email,
		name: input.name,
		role: input.role,
		passwordHash
	});
	return user ? { ok: true, user } : taken;
}
