/**
 * Login rate limiting, in memory: failed attempts are counted per (e-mail, IP) and per IP over a sliding
 * window. One server process serves the site (adapter-node, SQLite), so memory is the right place; a restart
 * forgets the counts, which only gives an attacker a few more tries.
 */
export interface LimiterOptions {
	windowMs: number;
	/** Failed attempts allowed per e-mail and IP inside the window. */
	maxPerAccount: number;
	/** Failed attempts allowed per IP, whatever the e-mail (someone trying many accounts). */
	maxPerIp: number;
}

export const LOGIN_LIMITS: LimiterOptions = { windowMs: 15 * 60_000, maxPerAccount: 5, maxPerIp: 30 };

export class LoginLimiter {
	#failures = new Map<string, number[]>();
	readonly options: LimiterOptions;

	constructor(options: LimiterOptions = LOGIN_LIMITS) {
		this.options = options;
	}

	#recent(key: string, now: number): number[] {
		const since = now - this.options.windowMs;
		const kept = (this.#failures.get(key) ?? []).filter((t) => t > since);
		if (kept.length) this.#failures.set(key, kept);
		else this.#failures.delete(key);
		return kept;
	}

	/** Milliseconds to wait before the next attempt is allowed, or 0. */
	retryAfter(email: string, ip: string, now = Date.now()): number {
		const account = this.#recent(`a:${email}|${ip}`, now);
		const byIp = this.#recent(`i:${ip}`, now);
		let wait = 0;
		if (account.length >= this.options.maxPerAccount)
			wait = Math.max(
				wait,
				account[account.length - this.options.maxPerAccount] + this.options.windowMs - now
			);
		if (byIp.length >= this.options.maxPerIp)
			wait = Math.max(wait, byIp[byIp.length - this.options.maxPerIp] + this.options.windowMs - now);
		return wait;
	}

	/**
	 * Takes an attempt before the password is checked: refused (with the time to wait) when a limit is reached,
	 * else counted as a failure at once. Counting only after argon2 answered let 40 attempts sent in parallel
	 * all see an empty count; counted here, synchronously, each one sees those still being checked.
	 * `succeed()` takes the count back for a right password.
	 */
	reserve(
		email: string,
		ip: string,
		now = Date.now()
	): { ok: true; succeed: () => void } | { ok: false; retryAfterMs: number } {
		const wait = this.retryAfter(email, ip, now);
		if (wait > 0) return { ok: false, retryAfterMs: wait };
		this.fail(email, ip, now);
		return {
			ok: true,
			succeed: () => {
				this.succeed(email, ip);
				const byIp = this.#failures.get(`i:${ip}`);
				const at = byIp?.indexOf(now) ?? -1;
				if (byIp && at >= 0) byIp.splice(at, 1);
			}
		};
	}

	fail(email: string, ip: string, now = Date.now()) {
		for (const key of [`a:${email}|${ip}`, `i:${ip}`])
			this.#failures.set(key, [...this.#recent(key, now), now]);
	}

	/** A successful login clears the account's count (not the IP's: that one guards other accounts). */
	succeed(email: string, ip: string) {
		this.#failures.delete(`a:${email}|${ip}`);
	}

	/** Drops empty entries so memory stays bounded under a spray of distinct e-mails. */
	prune(now = Date.now()) {
		for (const key of [...this.#failures.keys()]) this.#recent(key, now);
	}
}
