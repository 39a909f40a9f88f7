/**
 * Guards for `/carte/adresse.json` (« Autour de moi » with a typed address): the endpoint makes this server
 * call the Géoplateforme geocoder, so without limits anyone could use it as a free relay, and the service's
 * per-IP quota (ours) would be spent by others. Three guards, all in memory (one process serves the site):
 *
 * - a per-client limit on the endpoint (sliding window, on the client IP, never stored or logged);
 * - a cache of the geocoder's answers (LRU, bounded in entries and age; failures are not cached), with
 *   identical lookups in flight shared;
 * - a global budget of geocoder calls, so many clients together cannot turn the server into a relay either.
 */
import { geocodeAddress, type GeocodeOptions, type GeocodeResult } from './geocoder';

export const ADDRESS_LOOKUP_LIMITS = {
	/** Lookups one client may make in the window: far above a person trying a few addresses. */
	perClient: 20,
	clientWindowMs: 10 * 60_000,
	/** Geocoder calls (cache misses) the whole site may make in the window. */
	global: 600,
	globalWindowMs: 10 * 60_000,
	cacheEntries: 1000,
	cacheTtlMs: 24 * 3_600_000,
	/** Clients tracked at once; past this the oldest are forgotten (an IPv6 spray cannot fill memory). */
	maxClients: 10_000
} as const;

/** Counts events per key over a sliding window; memory is bounded by `maxKeys`. */
export class SlidingWindowLimiter {
	#hits = new Map<string, number[]>();
	readonly #max: number;
	readonly #windowMs: number;
	readonly #maxKeys: number;

	constructor(options: { max: number; windowMs: number; maxKeys?: number }) {
		this.#max = options.max;
		this.#windowMs = options.windowMs;
		this.#maxKeys = options.maxKeys ?? 10_000;
	}

	/** Takes one event for `key` now, or says how long to wait (ms) when the window is full. */
	take(key: string, now = Date.now()): { ok: true } | { ok: false; retryAfterMs: number } {
		const since = now - this.#windowMs;
		const kept = (this.#hits.get(key) ?? []).filter((t) => t > since);
		if (kept.length >= this.#max) {
			this.#hits.set(key, kept);
			return { ok: false, retryAfterMs: kept[kept.length - this.#max] + this.#windowMs - now };
		}
		kept.push(now);
		// Re-inserted last, so the map's first keys are the least recently active ones.
		this.#hits.delete(key);
		this.#hits.set(key, kept);
		while (this.#hits.size > this.#maxKeys) this.#hits.delete(this.#hits.keys().next().value as string);
		return { ok: true };
	}

	get keys() {
		return this.#hits.size;
	}
}

/** A least-recently-used map whose entries also expire after `ttlMs`. */
export class LruCache<V> {
	#entries = new Map<string, { value: V; expires: number }>();
	readonly #max: number;
	readonly #ttlMs: number;

	constructor(options: { maxEntries: number; ttlMs: number }) {
		this.#max = options.maxEntries;
		this.#ttlMs = options.ttlMs;
	}

	get(key: string, now = Date.now()): V | undefined {
		const entry = this.#entries.get(key);
		if (!entry) return undefined;
		this.#entries.delete(key);
		if (entry.expires <= now) return undefined;
		this.#entries.set(key, entry);
		return entry.value;
	}

	set(key: string, value: V, now = Date.now()) {
		this.#entries.delete(key);
		this.#entries.set(key, { value, expires: now + this.#ttlMs });
		while (this.#entries.size > this.#max) this.#entries.delete(this.#entries.keys().next().value as string);
	}

	get size() {
		return this.#entries.size;
	}
}

type Geocode = (address: string, opts: GeocodeOptions) => Promise<GeocodeResult>;

/** The same address typed with other spaces or capitals is the same lookup. */
export function lookupKey(address: string, opts: Pick<GeocodeOptions, 'baseUrl' | 'citycode'>): string {
	return [
		opts.baseUrl,
		opts.citycode ?? '',
		address.replace(/\s+/g, ' ').trim().toLocaleLowerCase('fr')
	].join('\u0000');
}

/** `geocode` behind a cache, shared in-flight lookups and a global budget of calls. */
export function cachedGeocoder(
	geocode: Geocode = geocodeAddress,
	options: {
		cache?: LruCache<GeocodeResult>;
		budget?: SlidingWindowLimiter;
		now?: () => number;
	} = {}
): Geocode {
	const cache =
		options.cache ??
		new LruCache<GeocodeResult>({
			maxEntries: ADDRESS_LOOKUP_LIMITS.cacheEntries,
			ttlMs: ADDRESS_LOOKUP_LIMITS.cacheTtlMs
		});
	const budget =
		options.budget ??
		new SlidingWindowLimiter({
			max: ADDRESS_LOOKUP_LIMITS.global,
			windowMs: ADDRESS_LOOKUP_LIMITS.globalWindowMs
		});
	const now = options.now ?? Date.now;
	const inFlight = new Map<string, Promise<GeocodeResult>>();
	return async (address, opts) => {
		const key = lookupKey(address, opts);
		const cached = cache.get(key, now());
		if (cached) return cached;
		const pending = inFlight.get(key);
		if (pending) return pending;
		if (!budget.take('geocoder', now()).ok) return { status: 'unavailable', reason: 'quota du site atteint' };
		const call = geocode(address, opts)
			.then((result) => {
				// A failure is not remembered: the service may be back at the next try.
				if (result.status !== 'unavailable') cache.set(key, result, now());
				return result;
			})
			.finally(() => inFlight.delete(key));
		inFlight.set(key, call);
		return call;
	};
}

/** The geocoder used by `locate()` (src/lib/server/map.ts). */
export const geocodeForLookup = cachedGeocoder();

const clients = new SlidingWindowLimiter({
	max: ADDRESS_LOOKUP_LIMITS.perClient,
	windowMs: ADDRESS_LOOKUP_LIMITS.clientWindowMs,
	maxKeys: ADDRESS_LOOKUP_LIMITS.maxClients
});

/** Whether this client may look an address up now; the refusal says when to try again, in French. */
export function allowAddressLookup(
	clientAddress: string,
	limiter: SlidingWindowLimiter = clients,
	now = Date.now()
): { ok: true } | { ok: false; retryAfterSeconds: number; message: string } {
	const taken = limiter.take(clientAddress, now);
	if (taken.ok) return taken;
	const minutes = Math.max(1, Math.ceil(taken.retryAfterMs / 60_000));
	return {
		ok: false,
		retryAfterSeconds: Math.ceil(taken.retryAfterMs / 1000),
		message: `Trop de recherches d’adresse en peu de temps : réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}, ou choisissez votre commune ou votre quartier.`
	};
}
