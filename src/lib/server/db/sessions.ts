import type { Db } from './connection';
import type { UserRole } from './users';

/** A live session joined with its account; `id` is the SHA-256 of the cookie token, never the token. */
export interface SessionWithUser {
	id: string;
	createdAt: string;
	expiresAt: string;
	user: { id: string; email: string; name: string; role: UserRole };
}

export function insertSession(db: Db, s: { id: string; userId: string; createdAt: Date; expiresAt: Date }) {
	db.prepare('INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)').run(
		s.id,
		s.userId,
		s.createdAt.toISOString(),
		s.expiresAt.toISOString()
	);
}

/** The session if it exists, has not expired and its account is not disabled. */
export function getLiveSession(db: Db, id: string, now = new Date()): SessionWithUser | undefined {
	const row = db
		.prepare(
			`SELECT s.id, s.created_at, s.expires_at, u.id AS user_id, u.email, u.name, u.role
			 FROM sessions s JOIN users u ON u.id = s.user_id
			 WHERE s.id = ? AND s.expires_at > ? AND u.disabled = 0`
		)
		.get(id, now.toISOString()) as
		| {
				id: string;
				created_at: string;
				expires_at: string;
				user_id: string;
				email: string;
				name: string;
				role: UserRole;
		  }
		| undefined;
	if (!row) return undefined;
	return {
		id: row.id,
		createdAt: row.created_at,
		expiresAt: row.expires_at,
		user: { id: row.user_id, email: row.email, name: row.name, role: row.role }
	};
}

export function extendSession(db: Db, id: string, expiresAt: Date) {
	db.prepare('UPDATE sessions SET expires_at = ? WHERE id = ?').run(expiresAt.toISOString(), id);
}

export function deleteSession(db: Db, id: string) {
	db.prepare('DELETE FROM sessions WHERE id = ?').run(id);
}

export function deleteExpiredSessions(db: Db, now = new Date()): number {
	return db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now.toISOString()).changes;
}

export function countSessions(db: Db, userId: string): number {
	return (db.prepare('SELECT COUNT(*) AS n FROM sessions WHERE user_id = ?').get(userId) as { n: number }).n;
}
