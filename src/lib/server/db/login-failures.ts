/**
 * Failed logins, counted in the database so that every instance over one database sees the same counts,
 * and a restart forgets nothing. One row per attempt taken: it counts against its IP, and against its
 * account (e-mail and IP) until a successful login empties `account_key`.
 *
 * A reservation reads the counts and adds its row in one transaction that holds the IP's lock, so a burst
 * of parallel attempts, on one instance or several, cannot all read the same count: on SQLite the client
 * runs transactions one after another; on PostgreSQL an advisory lock on the IP's key orders them.
 */
import { randomUUID } from 'node:crypto';
import type { SqlClient } from './sql';

export interface LoginLimits {
	windowMs: number;
	/** Failed attempts allowed per e-mail and IP inside the window. */
	maxPerAccount: number;
	/** Failed attempts allowed per IP, whatever the e-mail (someone trying many accounts). */
	maxPerIp: number;
}

export interface LoginKeys {
	/** Salted hash of the e-mail and IP. */
	account: string;
	/** Salted hash of the IP. */
	ip: string;
}

export type LoginReservation = { ok: true; id: string } | { ok: false; retryAfterMs: number };

/** How long until the oldest of the last `max` attempts leaves the window, or 0 while under `max`. */
function wait(times: number[], max: number, windowMs: number, now: number): number {
	if (times.length < max) return 0;
	return Math.max(0, times[times.length - max] + windowMs - now);
}

async function recent(tx: SqlClient, column: 'account_key' | 'ip_key', key: string, since: number) {
	const rows = await tx.all<{ at: number }>(
		`SELECT at FROM login_failures WHERE ${column} = ? AND at > ? ORDER BY at`,
		[key, since]
	);
	return rows.map((r) => r.at);
}

async function waitFor(tx: SqlClient, keys: LoginKeys, limits: LoginLimits, now: number): Promise<number> {
	const since = now - limits.windowMs;
	return Math.max(
		wait(await recent(tx, 'account_key', keys.account, since), limits.maxPerAccount, limits.windowMs, now),
		wait(await recent(tx, 'ip_key', keys.ip, since), limits.maxPerIp, limits.windowMs, now)
	);
}

/** Milliseconds to wait before an attempt with these keys is allowed, or 0. */
export function loginRetryAfter(sql: SqlClient, keys: LoginKeys, limits: LoginLimits, now: number) {
	return waitFor(sql, keys, limits, now);
}

/**
 * Takes an attempt before the password is checked: refused with the time to wait when a limit is reached,
 * else counted as a failure at once (taken back by `clearLoginFailures` for a right password).
 */
export function reserveLoginAttempt(
	sql: SqlClient,
	keys: LoginKeys,
	limits: LoginLimits,
	now: number
): Promise<LoginReservation> {
	return sql.transaction(async (tx) => {
		if (tx.dialect === 'postgres') await tx.get('SELECT pg_advisory_xact_lock(hashtext(?))', [keys.ip]);
		await tx.run('DELETE FROM login_failures WHERE ip_key = ? AND at <= ?', [keys.ip, now - limits.windowMs]);
		const retryAfterMs = await waitFor(tx, keys, limits, now);
		if (retryAfterMs > 0) return { ok: false as const, retryAfterMs };
		const id = randomUUID();
		await tx.run('INSERT INTO login_failures (id, account_key, ip_key, at) VALUES (?, ?, ?, ?)', [
			id,
			keys.account,
			keys.ip,
			now
		]);
		return { ok: true as const, id };
	});
}

/**
 * A right password: the attempt is not a failure, and the account's earlier failures stop counting
 * against it. They still count against the IP, which guards the other accounts.
 */
export function clearLoginFailures(sql: SqlClient, keys: LoginKeys, attemptId: string): Promise<void> {
	return sql.transaction(async (tx) => {
		await tx.run('DELETE FROM login_failures WHERE id = ?', [attemptId]);
		await tx.run('UPDATE login_failures SET account_key = NULL WHERE account_key = ?', [keys.account]);
	});
}

/** Deletes the attempts older than the window: they count for nothing. */
export async function pruneLoginFailures(sql: SqlClient, before: number): Promise<number> {
	return (await sql.run('DELETE FROM login_failures WHERE at <= ?', [before])).changes;
}

/** A secret kept in the database, the same for every instance; the first instance to need it writes it. */
export async function sharedSecret(sql: SqlClient, key: string, fresh: () => string): Promise<string> {
	await sql.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING', [key, fresh()]);
	const row = await sql.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', [key]);
	if (!row) throw new Error(`meta ${key} introuvable après son écriture`);
	return row.value;
}
