/**
 * Every kind of response carries the security headers: pages, endpoints and their errors (the hook), static
 * files, glyphs and redirects (server.js), and the CSP says what the README says it does.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { header, raw, type RawResponse } from './http';

const EXPECTED = {
	'x-content-type-options': 'nosniff',
	'x-frame-options': 'SAMEORIGIN',
	'referrer-policy': 'strict-origin-when-cross-origin',
	// ORIGIN is https in this run (global-setup.ts).
	'strict-transport-security': 'max-age=31536000'
};

function expectSecurityHeaders(res: RawResponse) {
	for (const [name, value] of Object.entries(EXPECTED)) expect(header(res, name), name).toBe(value);
	expect(header(res, 'permissions-policy')).toContain('camera=()');
}

const immutableChunk = () => {
	const dir = resolve(process.env.BUILD_DIR ?? 'build', 'client/_app/immutable/chunks');
	return `/_app/immutable/chunks/${readdirSync(dir).find((f) => f.endsWith('.js'))}`;
};

const CASES: [string, string, Record<string, string>, number, RegExp | undefined][] = [
	['a page', '/', {}, 200, /^text\/html/],
	['a page from the cache', '/', {}, 200, /^text\/html/],
	['a page 404', '/pas-une-page', {}, 404, /^text\/html/],
	['an API answer', '/api/v1/organisations?limit=1', {}, 200, /^application\/json/],
	['an API 400', '/api/v1/organisations?limit=abc', {}, 400, /^application\/json/],
	['GeoJSON', '/api/v1/organisations.geojson?limit=1', {}, 200, /^application\/geo\+json/],
	['map points', '/carte/points.json', {}, 200, /^application\/json/],
	['a static file', '/favicon.svg', {}, 200, /^image\/svg\+xml/],
	['the app version', '/_app/version.json', {}, 200, /^application\/json/],
	['a glyph PBF', '/glyphs/DejaVu%20Sans%20Book/0-255.pbf', {}, 200, /^application\/x-protobuf$/],
	[
		'a glyph PBF sent gzipped',
		'/glyphs/DejaVu%20Sans%20Book/0-255.pbf',
		{ 'accept-encoding': 'gzip' },
		200,
		/^application\/x-protobuf$/
	],
	['a missing glyph', '/glyphs/nope/0-255.pbf', {}, 404, undefined],
	['the hook’s redirect to the login', '/admin/fiches', {}, 303, undefined],
	['a trailing-slash redirect', '/annuaire/', {}, 308, undefined],
	['the login page', '/admin/connexion', {}, 200, /^text\/html/],
	['a malformed encoding', '/financements/%ff', {}, 400, /^text\/plain/],
	['robots.txt', '/robots.txt', {}, 200, /^text\/plain/],
	['the sitemap', '/sitemap.xml', {}, 200, /^application\/xml/]
];

describe('security headers on every kind of response', () => {
	it.each(CASES)('%s (%s)', async (_, path, headers, status, type) => {
		const res = await raw(path, { headers });
		expect(res.status).toBe(status);
		if (type) expect(header(res, 'content-type')).toMatch(type);
		expectSecurityHeaders(res);
	});

	it('an immutable script, with its long cache', async () => {
		const res = await raw(immutableChunk());
		expect(res.status).toBe(200);
		expect(header(res, 'content-type')).toMatch(/javascript/);
		expect(header(res, 'cache-control')).toContain('immutable');
		expectSecurityHeaders(res);
	});

	it('the gzipped glyph is the gzip copy, the plain one is not', async () => {
		const gz = await raw('/glyphs/DejaVu%20Sans%20Book/0-255.pbf', {
			headers: { 'accept-encoding': 'gzip' }
		});
		expect(header(gz, 'content-encoding')).toBe('gzip');
		expect(header(gz, 'vary')).toMatch(/accept-encoding/i);
		const plain = await raw('/glyphs/DejaVu%20Sans%20Book/0-255.pbf');
		expect(header(plain, 'content-encoding')).toBeUndefined();
		expect(Number(header(plain, 'content-length'))).toBeGreaterThan(Number(header(gz, 'content-length')));
	});

	it('the workspace is never stored nor indexed', async () => {
		const res = await raw('/admin/connexion');
		expect(header(res, 'cache-control')).toBe('private, no-store');
		expect(header(res, 'x-robots-tag')).toBe('noindex, nofollow');
	});

	it('a malformed encoding is answered in French and logged with its path', async () => {
		const res = await raw('/structures/%E0%A4%A');
		expect(res.status).toBe(400);
		expect(res.body).toMatch(/^Adresse invalide/);
		await expect
			.poll(() => readFileSync(inject('logPath'), 'utf8'))
			.toContain('[requête] adresse mal encodée : GET /structures/%E0%A4%A');
	});
});

describe('Content-Security-Policy', () => {
	const directives = (policy: string) =>
		Object.fromEntries(
			policy
				.split(';')
				.map((d) => d.trim().split(/\s+/))
				.filter((d) => d[0])
				.map(([name, ...values]) => [name, values])
		) as Record<string, string[]>;

	it('on pages: no eval, no inline script or style element, our hosts and the basemap’s only', async () => {
		for (const path of ['/', '/annuaire?q=velo', '/financements/trouver', '/admin/connexion']) {
			const res = await raw(path);
			const csp = directives(header(res, 'content-security-policy') ?? '');
			expect(csp['default-src'], path).toEqual(["'self'"]);
			expect(csp['script-src'][0]).toBe("'self'");
			// The rest of script-src is the hashes of SvelteKit's inline scripts: no nonce, no 'unsafe-*'.
			for (const source of csp['script-src'].slice(1)) expect(source).toMatch(/^'sha256-[\w+/=]+'$/);
			expect(csp['style-src']).toEqual(["'self'"]);
			expect(csp['style-src-attr']).toEqual(["'unsafe-inline'"]);
			// PUBLIC_BASEMAP=ign in this run.
			expect(csp['img-src']).toEqual(["'self'", 'data:', 'blob:', 'https://data.geopf.fr']);
			expect(csp['connect-src']).toEqual(["'self'", 'https://data.geopf.fr']);
			expect(csp['frame-ancestors']).toEqual(["'self'"]);
			expect(csp['object-src']).toEqual(["'none'"]);
			expect(csp['base-uri']).toEqual(["'self'"]);
			expect(csp['form-action']).toEqual(["'self'"]);
		}
	});

	it('embeds may be framed by any site, with no X-Frame-Options; the page that builds them may not', async () => {
		for (const path of ['/embed/carte?lieu=SQ_07', '/embed/quartier/meinau']) {
			for (let k = 0; k < 2; k++) {
				// Twice: the second answer comes from the page cache (server.js), which must say the same.
				const res = await raw(path);
				expect(directives(header(res, 'content-security-policy') ?? '')['frame-ancestors'], path).toEqual([
					'*'
				]);
				expect(header(res, 'x-frame-options'), path).toBeUndefined();
			}
		}
		const builder = await raw('/integrer');
		expect(directives(header(builder, 'content-security-policy') ?? '')['frame-ancestors']).toEqual([
			"'self'"
		]);
		expect(header(builder, 'x-frame-options')).toBe('SAMEORIGIN');
	});

	it('a page asking for another basemap opens that one’s host too, and nothing for an unknown one', async () => {
		const other = directives(header(await raw('/carte?fond=openfreemap'), 'content-security-policy') ?? '');
		expect(other['connect-src']).toEqual([
			"'self'",
			'https://data.geopf.fr',
			'https://tiles.openfreemap.org'
		]);
		const unknown = directives(
			header(await raw('/carte?fond=https%3A%2F%2Fevil.example'), 'content-security-policy') ?? ''
		);
		expect(unknown['connect-src']).toEqual(["'self'", 'https://data.geopf.fr']);
	});

	it('the hashes match the inline scripts of the page, also when it comes from the cache', async () => {
		const path = `/annuaire?q=${encodeURIComponent(`jardin ${randomUUID()}`)}`;
		for (let i = 0; i < 2; i++) {
			const res = await raw(path);
			const csp = directives(header(res, 'content-security-policy') ?? '');
			const inline = [...res.body.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
				(m) => `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`
			);
			expect(inline.length).toBeGreaterThan(0);
			for (const hash of inline) expect(csp['script-src']).toContain(hash);
			expect(header(res, 'x-page-cache')).toBe(i === 0 ? 'miss' : 'hit');
		}
	});
});
