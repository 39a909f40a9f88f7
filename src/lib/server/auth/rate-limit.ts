/**
 * Login rate limiting: failed attempts are counted per (e-mail, IP) and per IP over a sliding window, in
 * the database (lib/server/db/login-failures.ts), so that several instances over one database count
 * together and a restart forgets nothing. The e-mail and the IP are stored only as hashes salted with a
 * secret kept in the database.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
	clearLoginFailures,
	loginRetryAfter,
	pruneLoginFailures,
	reserveLoginAttempt,
	sharedSecret,
	type LoginKeys,
	type LoginLimits
} from '../db/login-failures';
import type { SqlClient } from '../db/sql';

export type LimiterOptions = LoginLimits;

export const LOGIN_LIMITS: LimiterOptions = { windowMs: 15 * 60_000, maxPerAccount: 5, maxPerIp: 30 };

export class LoginLimiter {
	readonly options: LimiterOptions;
	readonly #sql: SqlClient;
	#secret: Promise<string> | undefined;

	constructor(sql: SqlClient, options: LimiterOptions = LOGIN_LIMITS) {
		this.#sql = sql;
		this.options = options;
	}

	async #keys(email: string, ip: string): Promise<LoginKeys> {
		this.#secret ??= sharedSecret(this.#sql, 'login_key_secret', () => randomBytes(32).toString('hex'));
		const secret = await this.#secret;
		const hash = (text: string) => createHash('sha256').update(`${secret}:${text}`).digest('hex');
		return { account: hash(`a:${email}|${ip}`), ip: hash(`i:${ip}`) };
	}

	/** Milliseconds to wait before the next attempt is allowed, or 0. */
	async retryAfter(email: string, ip: string, now = Date.now()): Promise<number> {
		return loginRetryAfter(this.#sql, await this.#keys(email, ip), this.options, now);
	}

	/**
	 * Takes an attempt before the password is checked: refused (with the time to wait) when a limit is reached,
	 * else counted as a failure at once. Counting only after argon2 answered let 40 attempts sent in parallel
	 * all see an empty count; counted here, in one transaction with the read, each one sees those still being
	 * checked. `succeed()` takes the count back for a right password.
	 */
	async reserve(
		email: string,
		ip: string,
		now = Date.now()
	): Promise<{ ok: true; succeed: () => Promise<void> } | { ok: false; retryAfterMs: number }> {
		const keys = await this.#keys(email, ip);
		const taken = await reserveLoginAttempt(this.#sql, keys, this.options, now);
		if (!taken.ok) return taken;
		return { ok: true, succeed: () => clearLoginFailures(this.#sql, keys, taken.id) };
	}

	/** Deletes the attempts that left the window, so the table stays small under a spray of e-mails. */
	prune(now = Date.now()): Promise<number> {
		return pruneLoginFailures(this.#sql, now - this.options.windowMs);
	}
}
