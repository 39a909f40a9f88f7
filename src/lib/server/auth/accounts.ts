/** Creating accounts: shared by `npm run admin:create` and the admin's accounts page. */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../db/connection';
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
	db: Db,
	input: NewAccount
): Promise<{ ok: true; user: User } | { ok: false; field: string; message: string }> {
	if (getUserForLogin(db, input.email)) {
		return { ok: false, field: 'email', message: 'un compte existe déjà avec cette adresse' };
	}
	const passwordHash = await hashPassword(input.password);
	const user = insertUser(db, {
		id: randomUUID(),
		email: input.email,
		name: input.name,
		role: input.role,
		passwordHash
	});
	return { ok: true, user };
}
