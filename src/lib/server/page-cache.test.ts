import { describe, expect, it } from 'vitest';
import {
	cacheGeneration,
	cacheKey,
	FAST_PATH,
	isCacheableRequest,
	PageCache,
	publishFastPath,
	type FastLookup
} from './page-cache';

const get = (path: string, headers: Record<string, string> = {}) =>
	new Request(`http://x${path}`, { headers: { accept: 'text/html', ...headers } });

function counter(body = '<p>page</p>', init: ResponseInit = {}) {
	let renders = 0;
	return {
		get renders() {
			return renders;
		},
		render: async () => {
			renders++;
			return new Response(body, { status: 200, headers: { 'content-type': 'text/html' }, ...init });
		}
	};
}

describe('PageCache', () => {
	it('renders once per URL and generation, and answers 304 to a matching If-None-Match', async () => {
		const cache = new PageCache({ maxBytes: 1_000_000 });
		const page = counter();
		const first = await cache.serve(get('/'), 'html /', 'v1', page.render);
		expect(first.outcome).toBe('miss');
		const etag = first.response.headers.get('etag')!;
		expect(etag).toMatch(/^"[\w-]+"$/);
		const second = await cache.serve(get('/'), 'html /', 'v1', page.render);
		expect(second.outcome).toBe('hit');
		expect(await second.response.text()).toBe('<p>page</p>');
		expect(second.response.headers.get('content-type')).toBe('text/html');
		const revalidated = await cache.serve(get('/', { 'if-none-match': etag }), 'html /', 'v1', page.render);
		expect(revalidated.response.status).toBe(304);
		expect(page.renders).toBe(1);
		// A new data version (or day) renders again.
		await cache.serve(get('/'), 'html /', 'v2', page.render);
		expect(page.renders).toBe(2);
	});

	it('keeps an endpoint’s own ETag', async () => {
		const cache = new PageCache({ maxBytes: 1_000_000 });
		const api = counter('{}', { headers: { etag: '"abc"', 'content-type': 'application/json' } });
		await cache.serve(get('/api'), 'k', 'v1', api.render);
		const hit = await cache.serve(get('/api', { 'if-none-match': '"abc"' }), 'k', 'v1', api.render);
		expect(hit.response.status).toBe(304);
		expect(hit.response.headers.get('etag')).toBe('"abc"');
	});

	it.each([
		['an error', { status: 404 }],
		['a cookie', { headers: { 'set-cookie': 'a=b' } }],
		['no-store', { headers: { 'cache-control': 'no-store' } }],
		['private', { headers: { 'cache-control': 'private, max-age=60' } }],
		['a Vary on the cookie', { headers: { vary: 'cookie' } }]
	])('does not keep a response with %s', async (_, init) => {
		const cache = new PageCache({ maxBytes: 1_000_000 });
		const page = counter('x', init as ResponseInit);
		await cache.serve(get('/'), 'k', 'v1', page.render);
		const again = await cache.serve(get('/'), 'k', 'v1', page.render);
		expect(again.outcome).toBe('bypass');
		expect(page.renders).toBe(2);
	});

	it('stays within its byte bound, dropping the least recently used first', async () => {
		const cache = new PageCache({ maxBytes: 250, maxEntryBytes: 200 });
		const body = 'x'.repeat(100);
		const page = counter(body);
		await cache.serve(get('/a'), 'a', 'v', page.render);
		await cache.serve(get('/b'), 'b', 'v', page.render);
		await cache.serve(get('/a'), 'a', 'v', page.render); // a is now the most recent
		await cache.serve(get('/c'), 'c', 'v', page.render); // evicts b
		expect(cache.size).toEqual({ entries: 2, bytes: 200 });
		expect((await cache.serve(get('/a'), 'a', 'v', page.render)).outcome).toBe('hit');
		expect((await cache.serve(get('/b'), 'b', 'v', page.render)).outcome).toBe('miss');
		// Too big for one entry: served, not kept.
		const big = counter('y'.repeat(201));
		await cache.serve(get('/big'), 'big', 'v', big.render);
		expect((await cache.serve(get('/big'), 'big', 'v', big.render)).outcome).toBe('miss');
	});

	it('is off with a zero budget', async () => {
		const cache = new PageCache({ maxBytes: 0 });
		const page = counter();
		await cache.serve(get('/'), 'k', 'v', page.render);
		expect((await cache.serve(get('/'), 'k', 'v', page.render)).outcome).toBe('bypass');
	});
});

describe('which requests may be cached', () => {
	const url = (p: string) => new URL(`http://x${p}`);
	it('takes public GETs only, never the workspace, the forms or a session', () => {
		expect(isCacheableRequest(get('/annuaire?q=velo'), url('/annuaire?q=velo'), 'sid')).toBe(true);
		expect(isCacheableRequest(get('/admin/fiches'), url('/admin/fiches'), 'sid')).toBe(false);
		expect(isCacheableRequest(get('/proposer/initiative'), url('/proposer/initiative'), 'sid')).toBe(false);
		expect(isCacheableRequest(get('/', { cookie: 'a=1; sid=abc' }), url('/'), 'sid')).toBe(false);
		expect(isCacheableRequest(get('/', { cookie: 'sidx=abc' }), url('/'), 'sid')).toBe(true);
		const post = new Request('http://x/carte', { method: 'POST', body: 'a' });
		expect(isCacheableRequest(post, url('/carte'), 'sid')).toBe(false);
		expect(isCacheableRequest(new Request('http://x/', { method: 'HEAD' }), url('/'), 'sid')).toBe(false);
	});

	it('keys on the path, the query and HTML or not; the generation on the Paris day', () => {
		expect(cacheKey(get('/a?b=1'), url('/a?b=1'))).toBe('html /a?b=1');
		expect(cacheKey(new Request('http://x/a'), url('/a'))).toBe('other /a');
		expect(cacheGeneration(7, new Date('2026-03-01T22:59:00Z'))).toBe('7|2026-03-01');
		expect(cacheGeneration(7, new Date('2026-03-01T23:01:00Z'))).toBe('7|2026-03-02');
	});
});

describe('the fast path server.js uses', () => {
	it('answers only what the hook stored, under the same rules and keys', async () => {
		const cache = new PageCache({ maxBytes: 1_000_000 });
		let generation = 'v1';
		publishFastPath(
			() => cache,
			() => generation,
			'sid'
		);
		const lookup = (globalThis as Record<symbol, unknown>)[FAST_PATH] as FastLookup;
		const html = { accept: 'text/html,application/xhtml+xml' };
		expect(lookup('GET', '/annuaire?q=velo', html)).toBeUndefined();

		const page = counter('<p>velo</p>');
		const rendered = await cache.serve(
			get('/annuaire?q=velo'),
			cacheKey(get('/annuaire?q=velo'), new URL('http://x/annuaire?q=velo')),
			'v1',
			page.render
		);
		const hit = lookup('GET', '/annuaire?q=velo', html) as Exclude<ReturnType<FastLookup>, Promise<unknown>>;
		expect(hit!.status).toBe(200);
		expect(new TextDecoder().decode(hit!.body!)).toBe('<p>velo</p>');
		expect(hit!.headers).toContainEqual(['x-page-cache', 'hit']);
		const etag = rendered.response.headers.get('etag')!;
		expect(lookup('GET', '/annuaire?q=velo', { ...html, 'if-none-match': etag })).toMatchObject({
			status: 304,
			body: null
		});
		// Not the same request: another accept, a session, another method, a new data version.
		expect(lookup('GET', '/annuaire?q=velo', { accept: 'application/json' })).toBeUndefined();
		expect(lookup('GET', '/annuaire?q=velo', { ...html, cookie: 'sid=abc' })).toBeUndefined();
		expect(lookup('HEAD', '/annuaire?q=velo', html)).toBeUndefined();
		expect(lookup('GET', 'http://evil.example/annuaire?q=velo', html)).toBeUndefined();
		generation = 'v2';
		expect(lookup('GET', '/annuaire?q=velo', html)).toBeUndefined();
		delete (globalThis as Record<symbol, unknown>)[FAST_PATH];
	});

	it('awaits a generation read over the network (PostgreSQL), then answers the same', async () => {
		const cache = new PageCache({ maxBytes: 1_000_000 });
		let generation = 'v1';
		publishFastPath(
			() => cache,
			async () => generation,
			'sid'
		);
		const lookup = (globalThis as Record<symbol, unknown>)[FAST_PATH] as FastLookup;
		const html = { accept: 'text/html' };
		const request = get('/quartiers');
		await cache.serve(
			request,
			cacheKey(request, new URL('http://x/quartiers')),
			'v1',
			counter('<p>q</p>').render
		);
		// Not cacheable: answered at once, without reading the generation.
		expect(lookup('GET', '/quartiers', { ...html, cookie: 'sid=abc' })).toBeUndefined();
		const pending = lookup('GET', '/quartiers', html);
		expect(pending).toBeInstanceOf(Promise);
		expect(await pending).toMatchObject({ status: 200 });
		// Another instance wrote: the generation read next names no stored page.
		generation = 'v2';
		expect(await lookup('GET', '/quartiers', html)).toBeUndefined();
		delete (globalThis as Record<symbol, unknown>)[FAST_PATH];
	});
});
