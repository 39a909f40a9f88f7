/**
 * Server-side sessions: the cookie holds a random token, the store holds only its SHA-256, so a leaked
 * database does not give working cookies. Sessions slide: each visit pushes the expiry forward, up to an
 * absolute lifetime after which the maintainer logs in again.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
	deleteSession,
	extendSession,
	getLiveSession,
	insertSession,
	type SessionWithUser
} from '../db/sessions';
import type { SqlClient } from '../db/sql';
import { route } from '$lib/links';

export const SESSION_COOKIE = 'carto_ess_session';
/** Idle lifetime: a session unused for this long ends. */
export const IDLE_MS = 12 * 3600_000;
/** Absolute lifetime: however active, a session ends this long after login. */
export const ABSOLUTE_MS = 7 * 24 * 3600_000;
/** Renew the stored expiry at most this often, so every request does not write. */
const RENEW_AFTER_MS = 15 * 60_000;

export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

export function newToken(): string {
	return randomBytes(32).toString('base64url');
}

export async function createSession(
	sql: SqlClient,
	userId: string,
	now = new Date()
): Promise<{ token: string; expiresAt: Date }> {
	const token = newToken();
	const expiresAt = new Date(now.getTime() + IDLE_MS);
	await insertSession(sql, { id: hashToken(token), userId, createdAt: now, expiresAt });
	return { token, expiresAt };
}

/**
 * The session behind a cookie token, renewed when due. `renewedUntil` is set when the cookie must be re-sent
 * with a later expiry.
 */
export async function validateSession(
	sql: SqlClient,
	token: string | undefined,
	now = new Date()
): Promise<{ session: SessionWithUser; renewedUntil?: Date } | undefined> {
	if (!token || token.length > 200) return undefined;
	const session = await getLiveSession(sql, hashToken(token), now);
	if (!session) return undefined;
	const cap = new Date(session.createdAt).getTime() + ABSOLUTE_MS;
	const next = Math.min(now.getTime() + IDLE_MS, cap);
	if (next - new Date(session.expiresAt).getTime() < RENEW_AFTER_MS) return { session };
	const renewedUntil = new Date(next);
	await extendSession(sql, session.id, renewedUntil);
	return { session: { ...session, expiresAt: renewedUntil.toISOString() }, renewedUntil };
}

/** Logout: the session row is deleted, so the cookie is worthless even if it was copied. */
export function endSession(sql: SqlClient, sessionId: string): Promise<void> {
	return deleteSession(sql, sessionId);
}

/** httpOnly (no script reads it), SameSite=Lax (not sent on cross-site posts), Secure on https origins. */
export function cookieOptions(url: URL, expires: Date) {
	return {
		path: route.admin(),
		httpOnly: true,
		sameSite: 'lax' as const,
		secure: url.protocol === 'https:',
		expires
	};
}
