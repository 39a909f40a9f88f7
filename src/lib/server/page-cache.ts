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
 */
import { createHash } from 'node:crypto';

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

/** Paths whose pages depend on who asks, or hold forms with state: never looked up nor stored. */
const PRIVATE_PREFIXES = ['/admin', '/proposer'];

export function isCacheableRequest(request: Request, url: URL, sessionCookie: string): boolean {
	if (request.method !== 'GET') return false;
	const path = url.pathname;
	if (PRIVATE_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`))) return false;
	const cookie = request.headers.get('cookie');
	if (cookie && cookie.split(';').some((c) => c.trim().startsWith(`${sessionCookie}=`))) return false;
	return true;
}

function isCacheableResponse(response: Response): boolean {
	if (response.status !== 200 || response.headers.has('set-cookie')) return false;
	const cc = response.headers.get('cache-control') ?? '';
	if (/no-store|private|no-cache/i.test(cc)) return false;
	const vary = response.headers.get('vary');
	if (vary && vary.split(',').some((v) => v.trim().toLowerCase() !== 'accept-encoding')) return false;
	return true;
}

function etagMatches(request: Request, etag: string): boolean {
	const inm = request.headers.get('if-none-match');
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
		if (etagMatches(request, entry.etag)) return new Response(null, { status: 304, headers });
		return new Response(entry.body, { status: entry.status, headers });
	}
}

/** The calendar day in Strasbourg: pages saying « ouvert aujourd'hui » change at local midnight. */
const PARIS_DAY = new Intl.DateTimeFormat('fr-CA', { timeZone: 'Europe/Paris' });
export function cacheGeneration(dataVersion: number, now = new Date()): string {
	return `${dataVersion}|${PARIS_DAY.format(now)}`;
}

/** Two requests get the same answer when their URL and the kind of answer they accept are the same. */
export function cacheKey(request: Request, url: URL): string {
	const html = (request.headers.get('accept') ?? '').includes('text/html') ? 'html' : 'other';
	return `${html} ${url.pathname}${url.search}`;
}
