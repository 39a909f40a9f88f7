/** The admin's accounts page: create, change role, disable (which ends sessions), set a new password. */
import { createAccount, newAccountSchema } from '../auth/accounts';
import type { SessionUser } from '../auth/guard';
import { hashPassword, passwordSchema } from '../auth/password';
import { countSessions } from '../db/sessions';
import type { SqlClient } from '../db/sql';
import {
	getUserById,
	listUsers,
	setUserDisabled,
	setUserPassword,
	setUserRole,
	unlessLastAdmin
} from '../db/users';

export async function accountsPage(sql: SqlClient) {
	const users = await listUsers(sql);
	const sessions = await Promise.all(users.map((u) => countSessions(sql, u.id)));
	return { users: users.map((u, i) => ({ ...u, sessions: sessions[i] })) };
}

export async function createAccountFromForm(sql: SqlClient, form: FormData) {
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
	const created = await createAccount(sql, parsed.data);
	if (!created.ok) return { ok: false as const, errors: { [created.field]: created.message }, values };
	return { ok: true as const };
}

type Outcome = { ok: true } | { ok: false; message: string };

const MISSING = 'compte introuvable';

/** The last active admin cannot lose the role or be disabled: someone must be able to manage accounts. */
export async function changeRole(
	sql: SqlClient,
	actor: SessionUser,
	id: string,
	role: string
): Promise<Outcome> {
	if (role !== 'admin' && role !== 'editor') return { ok: false, message: 'rôle inconnu' };
	void actor;
	const done = await unlessLastAdmin(
		sql,
		id,
		() => role === 'editor',
		(tx) => setUserRole(tx, id, role)
	);
	if (done.ok) return { ok: true };
	return {
		ok: false,
		message:
			done.reason === 'missing' ? MISSING : 'c’est le dernier compte administrateur actif : il garde son rôle'
	};
}

export async function setDisabled(
	sql: SqlClient,
	actor: SessionUser,
	id: string,
	disabled: boolean
): Promise<Outcome> {
	if (disabled && id === actor.id) {
		if (!(await getUserById(sql, id))) return { ok: false, message: MISSING };
		return { ok: false, message: 'vous ne pouvez pas désactiver votre propre compte' };
	}
	const done = await unlessLastAdmin(
		sql,
		id,
		() => disabled,
		(tx) => setUserDisabled(tx, id, disabled)
	);
	if (done.ok) return { ok: true };
	return {
		ok: false,
		message: done.reason === 'missing' ? MISSING : 'c’est le dernier compte administrateur actif'
	};
}

export async function resetPassword(sql: SqlClient, id: string, password: unknown): Promise<Outcome> {
	const parsed = passwordSchema.safeParse(password);
	if (!parsed.success) return { ok: false, message: parsed.error.issues[0].message };
	if (!(await getUserById(sql, id))) return { ok: false, message: MISSING };
	await setUserPassword(sql, id, await hashPassword(parsed.data));
	return { ok: true };
}
