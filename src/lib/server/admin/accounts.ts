/** The admin's accounts page: create, change role, disable (which ends sessions), set a new password. */
import { createAccount, newAccountSchema } from '../auth/accounts';
import type { SessionUser } from '../auth/guard';
import { hashPassword, passwordSchema } from '../auth/password';
import type { Db } from '../db/connection';
import { countSessions } from '../db/sessions';
import type { SqlClient } from '../db/sql';
import {
	countActiveAdmins,
	getUserById,
	listUsers,
	setUserDisabled,
	setUserPassword,
	setUserRole
} from '../db/users';

export async function accountsPage(db: Db, sql: SqlClient) {
	const users = listUsers(db);
	const sessions = await Promise.all(users.map((u) => countSessions(sql, u.id)));
	return { users: users.map((u, i) => ({ ...u, sessions: sessions[i] })) };
}

export async function createAccountFromForm(db: Db, form: FormData) {
	const values = {
		email: String(form.get('email') ?? '').trim(),
		name: String(form.get('name') ?? ''),
		role: String(form.get('role') ?? '')
	};
	const parsed = newAccountSchema.safeParse({ ...values, password: form.get('password') ?? '' });
	if (!parsed.success) {
		const errors: Record<string, string> = {};
		for (const i of parsed.error.issues) errors[String(i.path[0])] ??= i.message;
		return { ok: false as const, errors, values };
	}
	const created = await createAccount(db, parsed.data);
	if (!created.ok) return { ok: false as const, errors: { [created.field]: created.message }, values };
	return { ok: true as const };
}

type Outcome = { ok: true } | { ok: false; message: string };

/** The last active admin cannot lose the role or be disabled: someone must be able to manage accounts. */
export function changeRole(db: Db, actor: SessionUser, id: string, role: string): Outcome {
	if (role !== 'admin' && role !== 'editor') return { ok: false, message: 'rôle inconnu' };
	const user = getUserById(db, id);
	if (!user) return { ok: false, message: 'compte introuvable' };
	if (user.role === 'admin' && role === 'editor' && !user.disabled && countActiveAdmins(db) <= 1)
		return { ok: false, message: 'c’est le dernier compte administrateur actif : il garde son rôle' };
	void actor;
	setUserRole(db, id, role);
	return { ok: true };
}

export function setDisabled(db: Db, actor: SessionUser, id: string, disabled: boolean): Outcome {
	const user = getUserById(db, id);
	if (!user) return { ok: false, message: 'compte introuvable' };
	if (disabled && user.id === actor.id)
		return { ok: false, message: 'vous ne pouvez pas désactiver votre propre compte' };
	if (disabled && user.role === 'admin' && !user.disabled && countActiveAdmins(db) <= 1)
		return { ok: false, message: 'c’est le dernier compte administrateur actif' };
	setUserDisabled(db, id, disabled);
	return { ok: true };
}

export async function resetPassword(db: Db, id: string, password: unknown): Promise<Outcome> {
	const parsed = passwordSchema.safeParse(password);
	if (!parsed.success) return { ok: false, message: parsed.error.issues[0].message };
	if (!getUserById(db, id)) return { ok: false, message: 'compte introuvable' };
	setUserPassword(db, id, await hashPassword(parsed.data));
	return { ok: true };
}
