/**
 * Rendered public responses kept in memory. A public page or JSON answer is the same for every visitor
 * between two data versions (and two calendar days: « ouvert aujourd'hui », « à vérifier » depend on the
 * date), so rendering it again for each request only burns the two cores. Entries are keyed by the URL
 * (path + query) inside a generation (data version + date); a new generation empties the cache. Memory is
 * bounded in bytes and entries, least recently used first out.
 *
 * Never cached: anything but GET, /admin and /proposer, a request carrying the session cookie, a response that
 * is not 200, sets a cookie, varies on more than the encoding, or says no-store / private. Pages must not
 * carry per-response secrets: the CSP uses hashes, not nonces (svelte.config.js), for that reason.
 *
 * Hits are answered twice as cheaply when `server.js` serves them before SvelteKit builds its Request, event
 * and Response: the hook publishes `lookup` under FAST_PATH for it (`publishFastPath`). Both paths use the
 * same rules and keys below; a miss always goes through SvelteKit, which renders and stores.
 */
import { createHash } from 'node:crypto';
import { delocalizePath } from '$lib/i18n/paths';
import { route } from '$lib/links';

export interface PageCacheOptions {
	/** Total bytes of bodies kept (0 disables the cache). */
	maxBytes: number;
	/** A body larger than this is served but not kept (big exports would evict many pages). */
	maxEntryBytes?: number;
	maxEntries?: number;
}

interface Entry {
	status: number;
	headers: [string, string][];
	body: Uint8Array<ArrayBuffer>;
	etag: string;
}

export type CacheOutcome = 'hit' | 'miss' | 'bypass';

/** Paths whose pages depend on who asks, or hold forms with state: never looked up nor stored (in any language). */
// Buyers' needs change without a new data version (moderation, answers, deadlines), and hold forms.
const PRIVATE_PREFIXES = [route.admin(), route.propose(), route.acheterNeeds()].map(delocalizePath);

export function isCacheable(
	method: string,
	pathname: string,
	cookie: string | null | undefined,
	sessionCookie: string
): boolean {
	if (method !== 'GET') return false;
	const path = delocalizePath(pathname);
	if (PRIVATE_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`))) return false;
	if (cookie && cookie.split(';').some((c) => c.trim().startsWith(`${sessionCookie}=`))) return false;
	return true;
}

export function isCacheableRequest(request: Request, url: URL, sessionCookie: string): boolean {
	return isCacheable(request.method, url.pathname, request.headers.get('cookie'), sessionCookie);
}

function isCacheableResponse(response: Response): boolean {
	if (response.status !== 200 || response.headers.has('set-cookie')) return false;
	const cc = response.headers.get('cache-control') ?? '';
	if (/no-store|private|no-cache/i.test(cc)) return false;
	const vary = response.headers.get('vary');
	if (vary && vary.split(',').some((v) => v.trim().toLowerCase() !== 'accept-encoding')) return false;
	return true;
}

function etagMatches(inm: string | null | undefined, etag: string): boolean {
	if (!inm) return false;
	return inm.split(',').some((t) => {
		const tag = t.trim();
		return tag === '*' || tag === etag || tag === `W/${etag}`;
	});
}

export class PageCache {
	#entries = new Map<string, Entry>();
	#bytes = 0;
	#generation: string | undefined;
	readonly #maxBytes: number;
	readonly #maxEntryBytes: number;
	readonly #maxEntries: number;

	constructor(options: PageCacheOptions) {
		this.#maxBytes = options.maxBytes;
		this.#maxEntryBytes = Math.min(options.maxEntryBytes ?? 2 * 1024 * 1024, options.maxBytes);
		this.#maxEntries = options.maxEntries ?? 5000;
	}

	/**
	 * A stored answer for `key` in the current generation, without rendering: what server.js sends as is.
	 * `undefined` when there is none (or the generation moved: the next rendered request empties the cache).
	 */
	lookup(
		key: string,
		generation: string,
		ifNoneMatch: string | null | undefined
	): { status: number; headers: [string, string][]; body: Uint8Array | null } | undefined {
		if (this.#maxBytes <= 0 || generation !== this.#generation) return undefined;
		const hit = this.#entries.get(key);
		if (!hit) return undefined;
		this.#entries.delete(key);
		this.#entries.set(key, hit);
		const headers: [string, string][] = [...hit.headers, ['x-page-cache', 'hit']];
		if (etagMatches(ifNoneMatch, hit.etag)) return { status: 304, headers, body: null };
		return { status: hit.status, headers, body: hit.body };
	}

	get size() {
		return { entries: this.#entries.size, bytes: this.#bytes };
	}

	clear() {
		this.#entries.clear();
		this.#bytes = 0;
	}

	/**
	 * The cached answer to a request, or `render()`'s, kept when it may be. `key` is what makes two requests
	 * the same (the URL and what content negotiation reads); `generation` changes with the data.
	 */
	async serve(
		request: Request,
		key: string,
		generation: string,
		render: () => Promise<Response>
	): Promise<{ response: Response; outcome: CacheOutcome }> {
		if (this.#maxBytes <= 0) return { response: await render(), outcome: 'bypass' };
		if (generation !== this.#generation) {
			this.clear();
			this.#generation = generation;
		}
		const hit = this.#entries.get(key);
		if (hit) {
			// Least recently used order: a hit moves to the end of the map.
			this.#entries.delete(key);
			this.#entries.set(key, hit);
			return { response: this.#respond(request, hit, 'hit'), outcome: 'hit' };
		}
		const rendered = await render();
		if (!isCacheableResponse(rendered) || !rendered.body) return { response: rendered, outcome: 'bypass' };
		const body = new Uint8Array(await rendered.arrayBuffer());
		const headers = [...rendered.headers].filter(([name]) => name !== 'content-length');
		const own = rendered.headers.get('etag');
		const etag = own ?? `"${createHash('sha1').update(body).digest('base64url')}"`;
		if (!own) headers.push(['etag', etag]);
		const entry: Entry = { status: rendered.status, headers, body, etag };
		// The data may have changed while this page was rendered: keep it only if the generation did not move.
		if (generation === this.#generation && body.byteLength <= this.#maxEntryBytes) this.#store(key, entry);
		return { response: this.#respond(request, entry, 'miss'), outcome: 'miss' };
	}

	#store(key: string, entry: Entry) {
		this.#entries.set(key, entry);
		this.#bytes += entry.body.byteLength;
		for (const [oldKey, old] of this.#entries) {
			if (this.#bytes <= this.#maxBytes && this.#entries.size <= this.#maxEntries) break;
			this.#entries.delete(oldKey);
			this.#bytes -= old.body.byteLength;
		}
	}

	#respond(request: Request, entry: Entry, outcome: CacheOutcome): Response {
		const headers = new Headers(entry.headers);
		headers.set('x-page-cache', outcome);
		if (etagMatches(request.headers.get('if-none-match'), entry.etag))
			return new Response(null, { status: 304, headers });
		return new Response(entry.body, { status: entry.status, headers });
	}
}

/** The calendar day in Strasbourg: pages saying « ouvert aujourd'hui » change at local midnight. */
const PARIS_DAY = new Intl.DateTimeFormat('fr-CA', { timeZone: 'Europe/Paris' });
export function cacheGeneration(dataVersion: number, now = new Date()): string {
	return `${dataVersion}|${PARIS_DAY.format(now)}`;
}

/** Two requests get the same answer when their URL and the kind of answer they accept are the same. */
export function cacheKeyOf(accept: string | null | undefined, pathname: string, search: string): string {
	return `${(accept ?? '').includes('text/html') ? 'html' : 'other'} ${pathname}${search}`;
}

export function cacheKey(request: Request, url: URL): string {
	return cacheKeyOf(request.headers.get('accept'), url.pathname, url.search);
}

/** Where server.js finds the cache's lookup (a registered symbol: no import between the two). */
export const FAST_PATH = Symbol.for('carto-ess.page-cache.lookup');

type FastHit = { status: number; headers: [string, string][]; body: Uint8Array | null };

/**
 * What server.js calls with a Node request: an answer to send as is, or undefined to let SvelteKit run; a
 * promise of either when the generation is read from the network (PostgreSQL's data version).
 */
export type FastLookup = (
	method: string | undefined,
	url: string | undefined,
	headers: Record<string, string | string[] | undefined>
) => FastHit | undefined | Promise<FastHit | undefined>;

/**
 * `generation` names the pages that may be served now: read synchronously on SQLite, awaited on
 * PostgreSQL (one round trip for the data version, which another instance may have moved).
 */
export function publishFastPath(
	cache: () => PageCache,
	generation: () => string | Promise<string>,
	sessionCookie: string
): void {
	const lookup: FastLookup = (method, url, headers) => {
		if (method !== 'GET' || !url || !url.startsWith('/')) return undefined;
		// The same parse as adapter-node's (a WHATWG URL of the request target), so keys are the same.
		const parsed = new URL(url, 'http://fast.invalid');
		const cookie = headers.cookie;
		if (
			!isCacheable(method, parsed.pathname, Array.isArray(cookie) ? cookie.join(';') : cookie, sessionCookie)
		)
			return undefined;
		const accept = headers.accept;
		const inm = headers['if-none-match'];
		const key = cacheKeyOf(Array.isArray(accept) ? accept.join(',') : accept, parsed.pathname, parsed.search);
		const ifNoneMatch = Array.isArray(inm) ? inm.join(',') : inm;
		const current = generation();
		return typeof current === 'string'
			? cache().lookup(key, current, ifNoneMatch)
			: current.then((g) => cache().lookup(key, g, ifNoneMatch));
	};
	(globalThis as Record<symbol, unknown>)[FAST_PATH] = lookup;
}
