import { all, perform, type Conn, type Out } from './query';
import type { SqlClient } from './sql';

export type UserRole = 'admin' | 'editor';

/** An account as the application sees it: the password hash never leaves this module unless asked for. */
export interface User {
	id: string;
	email: string;
	name: string;
	role: UserRole;
	disabled: boolean;
	createdAt: string;
}

interface Row {
	id: string;
	email: string;
	name: string;
	password_hash: string;
	role: UserRole;
	disabled: number;
	created_at: string;
}

function fromRow(r: Row): User {
	return {
		id: r.id,
		email: r.email,
		name: r.name,
		role: r.role,
		disabled: r.disabled === 1,
		createdAt: r.created_at
	};
}

/** E-mails are compared case-insensitively: people type them with capitals. */
export function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}

/** Whether an error is a UNIQUE constraint refusing a duplicate, on either engine. */
export function isUniqueViolation(e: unknown): boolean {
	const code = (e as { code?: unknown })?.code;
	return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

/** Inserts an account; undefined when the e-mail is already taken (even by a request running alongside). */
export async function insertUser(
	sql: SqlClient,
	input: { id: string; email: string; name: string; passwordHash: string; role: UserRole },
	now = new Date()
): Promise<User | undefined> {
	try {
		await sql.run(
			'INSERT INTO users (id, email, name, password_hash, role, disabled, created_at) VALUES (?, ?, ?, ?, ?, 0, ?)',
			[input.id, normaliseEmail(input.email), input.name, input.passwordHash, input.role, now.toISOString()]
		);
	} catch (e) {
		if (isUniqueViolation(e)) return undefined;
		throw e;
	}
	return getUserById(sql, input.id);
}

export async function getUserById(sql: SqlClient, id: string): Promise<User | undefined> {
	const row = await sql.get<Row>('SELECT * FROM users WHERE id = ?', [id]);
	return row ? fromRow(row) : undefined;
}

/** The account and its password hash, for the login check only. */
export async function getUserForLogin(
	sql: SqlClient,
	email: string
): Promise<(User & { passwordHash: string }) | undefined> {
	const row = await sql.get<Row>('SELECT * FROM users WHERE email = ?', [normaliseEmail(email)]);
	return row ? { ...fromRow(row), passwordHash: row.password_hash } : undefined;
}

export async function listUsers(sql: SqlClient): Promise<User[]> {
	return (await sql.all<Row>('SELECT * FROM users ORDER BY name, email')).map(fromRow);
}

/**
 * Processes that write records without an account (command-line imports), by the id they sign history
 * entries with: their name in the history and the lists. Account ids are random UUIDs, never these.
 */
export const SYSTEM_ACTORS: Readonly<Record<string, string>> = {
	'import-sirene': 'Import SIRENE',
	'data-geocode': 'Géocodage des adresses (data:geocode)'
};

/**
 * Names of every account by id, for showing who made a change in histories. On either connection
 * (./query.ts): the moderation's page builders still pass the synchronous one.
 */
export function userNames<C extends Conn>(conn: C): Out<C, Map<string, string>> {
	return perform(
		conn,
		(function* () {
			const rows = yield* all<{ id: string; name: string }>('SELECT id, name FROM users');
			return new Map([...Object.entries(SYSTEM_ACTORS), ...rows.map((r) => [r.id, r.name] as const)]);
		})()
	);
}

/**
 * Runs `change` on an account unless it would leave no active admin: the count and the change in one
 * transaction, so two admins demoting each other at once cannot both succeed. On PostgreSQL the admins'
 * rows are locked for it; SQLite runs one transaction at a time.
 */
export function unlessLastAdmin<T>(
	sql: SqlClient,
	id: string,
	wouldRemoveAdmin: (user: User) => boolean,
	change: (tx: SqlClient, user: User) => Promise<T>
): Promise<{ ok: true; value: T } | { ok: false; reason: 'missing' | 'last-admin' }> {
	return sql.transaction(async (tx) => {
		const lock = tx.dialect === 'postgres' ? ' FOR UPDATE' : '';
		const admins = await tx.all<{ id: string }>(
			`SELECT id FROM users WHERE role = 'admin' AND disabled = 0${lock}`
		);
		const user = await getUserById(tx, id);
		if (!user) return { ok: false as const, reason: 'missing' as const };
		if (wouldRemoveAdmin(user) && user.role === 'admin' && !user.disabled && admins.length <= 1)
			return { ok: false as const, reason: 'last-admin' as const };
		return { ok: true as const, value: await change(tx, user) };
	});
}

export async function setUserRole(sql: SqlClient, id: string, role: UserRole): Promise<boolean> {
	return (await sql.run('UPDATE users SET role = ? WHERE id = ?', [role, id])).changes === 1;
}

/** Disabling also ends every session of the account, in the same transaction. */
export function setUserDisabled(sql: SqlClient, id: string, disabled: boolean): Promise<boolean> {
	return sql.transaction(async (tx) => {
		const changed = (await tx.run('UPDATE users SET disabled = ? WHERE id = ?', [disabled ? 1 : 0, id]))
			.changes;
		if (disabled) await tx.run('DELETE FROM sessions WHERE user_id = ?', [id]);
		return changed === 1;
	});
}

/** A new password ends the account's other sessions (someone may have known the old one). */
export function setUserPassword(
	sql: SqlClient,
	id: string,
	passwordHash: string,
	keepSessionId?: string
): Promise<boolean> {
	return sql.transaction(async (tx) => {
		const changed = (await tx.run('UPDATE users SET password_hash = ? WHERE id = ?', [passwordHash, id]))
			.changes;
		await tx.run('DELETE FROM sessions WHERE user_id = ? AND id != ?', [id, keepSessionId ?? '']);
		return changed === 1;
	});
}
