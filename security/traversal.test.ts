/**
 * Path traversal on static and dynamic routes, sent raw (no client-side normalisation): nothing outside the
 * public files comes back, and no attempt is a server error.
 */
import { describe, expect, it } from 'vitest';
import { raw } from './http';

const PREFIXES = [
	'/',
	'/_app/',
	'/_app/immutable/',
	'/glyphs/',
	'/glyphs/DejaVu%20Sans%20Book/',
	'/structures/',
	'/initiatives/',
	'/financements/',
	'/quartiers/',
	'/search-index/',
	'/carte/fiche/',
	'/api/v1/export/'
];

const UP = [
	'../../../../',
	'..%2f..%2f..%2f..%2f',
	'%2e%2e/%2e%2e/%2e%2e/%2e%2e/',
	'%2e%2e%2f%2e%2e%2f%2e%2e%2f',
	'..%5c..%5c..%5c',
	'..\\..\\..\\',
	'%252e%252e%252f%252e%252e%252f',
	'....//....//....//',
	'..;/..;/..;/',
	'%c0%ae%c0%ae/%c0%ae%c0%ae/',
	'.%2e/.%2e/.%2e/'
];

const TARGETS = [
	'package.json',
	'server.js',
	'.env',
	'.git/config',
	'etc/passwd',
	'data/carto-ess.sqlite',
	'src/hooks.server.ts'
];

/** What must never be in an answer: the project's files, the database, the system's. */
const LEAKS = [
	/"name":\s*"carto-ess"/,
	/SQLite format 3/,
	/root:x:0:0/,
	/\[core\]/,
	/securityHeaders\(process\.env\)/,
	/export const handle/
];

describe('path traversal', () => {
	it(`never leaks a file nor fails (${PREFIXES.length * UP.length * TARGETS.length} attempts)`, async () => {
		const attempts = PREFIXES.flatMap((p) => UP.flatMap((u) => TARGETS.map((t) => `${p}${u}${t}`)));
		for (let i = 0; i < attempts.length; i += 20) {
			const batch = attempts.slice(i, i + 20);
			const answers = await Promise.all(batch.map((path) => raw(path)));
			answers.forEach((res, j) => {
				expect(res.status, batch[j]).toBeLessThan(500);
				for (const leak of LEAKS) expect(res.body, batch[j]).not.toMatch(leak);
			});
		}
	});

	it('null bytes and dot files', async () => {
		for (const path of [
			'/glyphs/%00',
			'/favicon.svg%00.html',
			'/.env',
			'/.git/HEAD',
			'/_app/.vite/manifest.json',
			'/.well-known/../package.json'
		]) {
			const res = await raw(path);
			expect(res.status, path).toBeLessThan(500);
			expect(res.status, path).not.toBe(200);
		}
	});
});
