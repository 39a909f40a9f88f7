import type { Db } from './connection';

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

export function insertUser(
	db: Db,
	input: { id: string; email: string; name: string; passwordHash: string; role: UserRole },
	now = new Date()
): User {
	db.prepare(
		'INSERT INTO users (id, email, name, password_hash, role, disabled, created_at) VALUES (?, ?, ?, ?, ?, 0, ?)'
	).run(input.id, normaliseEmail(input.email), input.name, input.passwordHash, input.role, now.toISOString());
	return getUserById(db, input.id)!;
}

export function getUserById(db: Db, id: string): User | undefined {
	const row = db.prepare('SELECT * FROM users WHERE id = ?').get(id) as Row | undefined;
	return row ? fromRow(row) : undefined;
}

/** The account and its password hash, for the login check only. */
export function getUserForLogin(db: Db, email: string): (User & { passwordHash: string }) | undefined {
	const row = db.prepare('SELECT * FROM users WHERE email = ?').get(normaliseEmail(email)) as Row | undefined;
	return row ? { ...fromRow(row), passwordHash: row.password_hash } : undefined;
}

export function listUsers(db: Db): User[] {
	return (db.prepare('SELECT * FROM users ORDER BY name, email').all() as Row[]).map(fromRow);
}

/** Names of every account by id, for showing who made a change in histories. */
/**
 * Processes that write records without an account (command-line imports), by the id they sign history
 * entries with: their name in the history and the lists. Account ids are random UUIDs, never these.
 */
export const SYSTEM_ACTORS: Readonly<Record<string, string>> = {
	'import-sirene': 'Import SIRENE',
	'data-geocode': 'Géocodage des adresses (data:geocode)'
};

export function userNames(db: Db): Map<string, string> {
	const rows = db.prepare('SELECT id, name FROM users').all() as { id: string; name: string }[];
	return new Map([...Object.entries(SYSTEM_ACTORS), ...rows.map((r) => [r.id, r.name] as const)]);
}

export function countActiveAdmins(db: Db): number {
	return (
		db.prepare("SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND disabled = 0").get() as { n: number }
	).n;
}

export function setUserRole(db: Db, id: string, role: UserRole): boolean {
	return db.prepare('UPDATE users SET role = ? WHERE id = ?').run(role, id).changes === 1;
}

/** Disabling also ends every session of the account, in the same transaction. */
export function setUserDisabled(db: Db, id: string, disabled: boolean): boolean {
	return db.transaction(() => {
		const changed = db
			.prepare('UPDATE users SET disabled = ? WHERE id = ?')
			.run(disabled ? 1 : 0, id).changes;
		if (disabled) db.prepare('DELETE FROM sessions WHERE user_id = ?').run(id);
		return changed === 1;
	})();
}

/** A new password ends the account's other sessions (someone may have known the old one). */
export function setUserPassword(db: Db, id: string, passwordHash: string, keepSessionId?: string): boolean {
	return db.transaction(() => {
		const changed = db
			.prepare('UPDATE users SET password_hash = ? WHERE id = ?')
			.run(passwordHash, id).changes;
		db.prepare('DELETE FROM sessions WHERE user_id = ? AND id != ?').run(id, keepSessionId ?? '');
		return changed === 1;
	})();
}
