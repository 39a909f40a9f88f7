import { expect, it } from 'vitest';
import { onBothEngines } from '../db/test-postgres';
import { LoginLimiter } from './rate-limit';

const LIMITS = { windowMs: 1000, maxPerAccount: 3, maxPerIp: 5 };

/** Attempts that were let through (and stay counted as failures). */
async function burst(
	limiters: LoginLimiter[],
	n: number,
	email: (i: number) => string,
	ip: string,
	now: number
) {
	const outcomes = await Promise.all(
		Array.from({ length: n }, (_, i) => limiters[i % limiters.length].reserve(email(i), ip, now))
	);
	return outcomes.filter((o) => o.ok).length;
}

onBothEngines('login limits', (store) => {
	const both = () => [new LoginLimiter(store().a, LIMITS), new LoginLimiter(store().b, LIMITS)];

	it('lets through exactly the account limit of a parallel burst split over two instances', async () => {
		expect(await burst(both(), 20, () => 'camille@example.org', '10.0.0.1', 10_000)).toBe(3);
		const [onA] = both();
		expect(await onA.retryAfter('camille@example.org', '10.0.0.1', 10_100)).toBe(900);
		// Another IP is not blocked by this account's failures; past the window the account is free again.
		expect(await onA.retryAfter('camille@example.org', '10.0.0.2', 10_100)).toBe(0);
		expect(await onA.retryAfter('camille@example.org', '10.0.0.1', 11_001)).toBe(0);
	});

	it('holds the per-IP limit across e-mails and instances', async () => {
		expect(await burst(both(), 20, (i) => `x${i}@example.org`, '10.0.0.3', 20_000)).toBe(5);
		expect(await burst(both(), 1, () => 'new@example.org', '10.0.0.4', 20_000)).toBe(1);
	});

	it('takes back a right password: the account is free, the IP keeps its earlier failures', async () => {
		const [onA, onB] = both();
		for (let i = 0; i < 2; i++) await onA.reserve('anne@example.org', '10.0.0.5', 30_000);
		const right = await onB.reserve('anne@example.org', '10.0.0.5', 30_000);
		expect(right.ok).toBe(true);
		if (right.ok) await right.succeed();
		// Three more for the account pass (its count was cleared)…
		expect(await burst([onA], 3, () => 'anne@example.org', '10.0.0.5', 30_001)).toBe(3);
		// …and the IP now holds 2 + 3 failures: its limit of 5 is reached for anyone.
		expect(await onB.retryAfter('other@example.org', '10.0.0.5', 30_002)).toBeGreaterThan(0);
	});

	it('stores neither the e-mail nor the IP, and prunes what left the window', async () => {
		const rows = await store().a.all<Record<string, unknown>>('SELECT * FROM login_failures');
		expect(JSON.stringify(rows)).not.toMatch(/example\.org|10\.0\.0/);
		expect(await new LoginLimiter(store().b, LIMITS).prune(40_000)).toBe(rows.length);
		expect(await store().a.get('SELECT COUNT(*) AS n FROM login_failures')).toEqual({ n: 0 });
	});
});
