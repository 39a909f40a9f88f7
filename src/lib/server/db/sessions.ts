import type { SqlClient } from './sql';
import type { UserRole } from './users';

/**
 * Sessions through the asynchronous client, so that every instance over one database knows every session:
 * a login on one is valid on the others, a logout on any ends it everywhere.
 */

/** A live session joined with its account; `id` is the SHA-256 of the cookie token, never the token. */
export interface SessionWithUser {
	id: string;
	createdAt: string;
	expiresAt: string;
	user: { id: string; email: string; name: string; role: UserRole };
}

export async function insertSession(
	sql: SqlClient,
	s: { id: string; userId: string; createdAt: Date; expiresAt: Date }
): Promise<void> {
	await sql.run('INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)', [
		s.id,
		s.userId,
		s.createdAt.toISOString(),
		s.expiresAt.toISOString()
	]);
}

/** The session if it exists, has not expired and its account is not disabled. */
export async function getLiveSession(
	sql: SqlClient,
	id: string,
	now = new Date()
): Promise<SessionWithUser | undefined> {
	const row = await sql.get<{
		id: string;
		created_at: string;
		expires_at: string;
		user_id: string;
		email: string;
		name: string;
		role: UserRole;
	}>(
		`SELECT s.id, s.created_at, s.expires_at, u.id AS user_id, u.email, u.name, u.role
		 FROM sessions s JOIN users u ON u.id = s.user_id
		 WHERE s.id = ? AND s.expires_at > ? AND u.disabled = 0`,
		[id, now.toISOString()]
	);
	if (!row) return undefined;
	return {
		id: row.id,
		createdAt: row.created_at,
		expiresAt: row.expires_at,
		user: { id: row.user_id, email: row.email, name: row.name, role: row.role }
	};
}

export async function extendSession(sql: SqlClient, id: string, expiresAt: Date): Promise<void> {
	await sql.run('UPDATE sessions SET expires_at = ? WHERE id = ?', [expiresAt.toISOString(), id]);
}

export async function deleteSession(sql: SqlClient, id: string): Promise<void> {
	await sql.run('DELETE FROM sessions WHERE id = ?', [id]);
}

export async function deleteExpiredSessions(sql: SqlClient, now = new Date()): Promise<number> {
	return (await sql.run('DELETE FROM sessions WHERE expires_at <= ?', [now.toISOString()])).changes;
}

export async function countSessions(sql: SqlClient, userId: string): Promise<number> {
	return (
		(await sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM sessions WHERE user_id = ?', [userId]))?.n ?? 0
	);
}
