import { describe, expect, it } from 'vitest';
import {
	allowAddressLookup,
	cachedGeocoder,
	LruCache,
	lookupKey,
	SlidingWindowLimiter
} from './address-lookup';
import type { GeocodeOptions, GeocodeResult } from './geocoder';

const OPTS: GeocodeOptions = { baseUrl: 'http://geo.test', allowedCitycodes: new Set(['67482']) };
const FOUND: GeocodeResult = {
	status: 'found',
	lon: 7.75,
	lat: 48.58,
	precision: 'address',
	label: '67 Avenue Racine 67000 Strasbourg',
	score: 0.9
};

function fakeGeocoder(result: GeocodeResult = FOUND, delayMs = 0) {
	const calls: string[] = [];
	return {
		calls,
		geocode: (address: string) => {
			calls.push(address);
			return new Promise<GeocodeResult>((resolve) => setTimeout(() => resolve(result), delayMs));
		}
	};
}

describe('per-client limit', () => {
	it('lets exactly the limit through in a burst, per client, then again after the window', () => {
		const limiter = new SlidingWindowLimiter({ max: 20, windowMs: 600_000 });
		const burst = Array.from({ length: 50 }, () => allowAddressLookup('203.0.113.7', limiter, 1000));
		expect(burst.filter((r) => r.ok)).toHaveLength(20);
		const refused = burst.find((r) => !r.ok);
		expect(refused).toMatchObject({ ok: false, retryAfterSeconds: 600 });
		if (refused && !refused.ok) expect(refused.message).toMatch(/réessayez dans 10 minutes/);
		expect(allowAddressLookup('198.51.100.1', limiter, 1000).ok).toBe(true);
		expect(allowAddressLookup('203.0.113.7', limiter, 601_001).ok).toBe(true);
	});

	it('forgets the least recently seen clients past its bound', () => {
		const limiter = new SlidingWindowLimiter({ max: 1, windowMs: 600_000, maxKeys: 3 });
		for (const ip of ['a', 'b', 'c', 'd']) limiter.take(ip, 0);
		expect(limiter.keys).toBe(3);
		// 'a' was dropped: it may ask again, 'd' may not.
		expect(limiter.take('a', 1).ok).toBe(true);
		expect(limiter.take('d', 1).ok).toBe(false);
	});
});

describe('cached geocoder', () => {
	it('calls the geocoder once for the same address, however typed, and for lookups in flight', async () => {
		const fake = fakeGeocoder(FOUND, 10);
		const geocode = cachedGeocoder(fake.geocode);
		const answers = await Promise.all([
			geocode('67 avenue Racine', OPTS),
			geocode(' 67  Avenue RACINE ', OPTS),
			geocode('67 avenue racine', OPTS)
		]);
		expect(answers).toEqual([FOUND, FOUND, FOUND]);
		expect(await geocode('67 avenue racine', OPTS)).toEqual(FOUND);
		expect(fake.calls).toHaveLength(1);
		// Another commune restriction is another lookup.
		await geocode('67 avenue racine', { ...OPTS, citycode: '67218' });
		expect(fake.calls).toHaveLength(2);
	});

	it('does not remember failures, and expires answers', async () => {
		let t = 0;
		const down = fakeGeocoder({ status: 'unavailable', reason: 'HTTP 503' });
		const geocode = cachedGeocoder(down.geocode, { now: () => t });
		await geocode('1 rue du Test', OPTS);
		await geocode('1 rue du Test', OPTS);
		expect(down.calls).toHaveLength(2);
		const up = fakeGeocoder();
		const cache = new LruCache<GeocodeResult>({ maxEntries: 10, ttlMs: 1000 });
		const fresh = cachedGeocoder(up.geocode, { cache, now: () => t });
		await fresh('1 rue du Test', OPTS);
		t = 999;
		await fresh('1 rue du Test', OPTS);
		t = 1000;
		await fresh('1 rue du Test', OPTS);
		expect(up.calls).toHaveLength(2);
	});

	it('stays within its entry bound', () => {
		const cache = new LruCache<number>({ maxEntries: 2, ttlMs: 1000 });
		cache.set('a', 1, 0);
		cache.set('b', 2, 0);
		cache.get('a', 0);
		cache.set('c', 3, 0);
		expect(cache.size).toBe(2);
		expect(cache.get('b', 0)).toBeUndefined();
		expect(cache.get('a', 0)).toBe(1);
	});

	it('stops calling the geocoder once the site-wide budget is spent', async () => {
		const fake = fakeGeocoder();
		const budget = new SlidingWindowLimiter({ max: 3, windowMs: 600_000 });
		const geocode = cachedGeocoder(fake.geocode, { budget });
		const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => geocode(`${i} rue du Test`, OPTS)));
		expect(fake.calls).toHaveLength(3);
		expect(answers.filter((a) => a.status === 'unavailable')).toHaveLength(2);
	});

	it('keys on the service, the commune and the folded text', () => {
		expect(lookupKey(' A  b ', OPTS)).toBe(lookupKey('a B', OPTS));
		expect(lookupKey('a', OPTS)).not.toBe(lookupKey('a', { ...OPTS, baseUrl: 'http://other' }));
	});
});
