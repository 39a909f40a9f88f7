/**
 * The public page cache (src/lib/server/page-cache.ts, answered by server.js): the same answer for everyone
 * between two data versions, never for a session, and fresh as soon as the data changes.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { header, raw } from './http';

function bumpDataVersion() {
	const db = new Database(inject('databasePath'), { fileMustExist: true });
	try {
		db.pragma('busy_timeout = 5000');
		db.prepare(
			"UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'data_version'"
		).run();
	} finally {
		db.close();
	}
}

describe('page cache', () => {
	it('renders once, then answers from memory with an ETag and 304', async () => {
		const path = `/annuaire?q=${encodeURIComponent(`velo ${randomUUID()}`)}`;
		const first = await raw(path, { headers: { accept: 'text/html' } });
		expect(header(first, 'x-page-cache')).toBe('miss');
		const second = await raw(path, { headers: { accept: 'text/html' } });
		expect(header(second, 'x-page-cache')).toBe('hit');
		expect(second.body).toBe(first.body);
		expect(header(second, 'content-security-policy')).toBe(header(first, 'content-security-policy'));
		const etag = header(second, 'etag')!;
		const revalidated = await raw(path, { headers: { accept: 'text/html', 'if-none-match': etag } });
		expect(revalidated.status).toBe(304);
		expect(revalidated.body).toBe('');
	});

	it('is fresh again as soon as the data version changes', async () => {
		const path = `/api/v1/organisations?limit=1&offset=${Math.floor(Math.random() * 50)}`;
		await raw(path);
		expect(header(await raw(path), 'x-page-cache')).toBe('hit');
		bumpDataVersion();
		expect(header(await raw(path), 'x-page-cache')).toBe('miss');
	});

	it('never answers a request with a session cookie, nor the workspace, nor a form page', async () => {
		const path = '/financements';
		await raw(path);
		expect(header(await raw(path), 'x-page-cache')).toBe('hit');
		const withSession = await raw(path, { headers: { cookie: 'carto_ess_session=abc' } });
		expect(header(withSession, 'x-page-cache')).toBeUndefined();
		for (const p of ['/admin/connexion', '/proposer/initiative']) {
			await raw(p);
			expect(header(await raw(p), 'x-page-cache'), p).toBeUndefined();
		}
		// An address lookup is no-store: never kept, so its rate limit always runs.
		await raw('/carte/adresse.json?q=strasbourg');
		expect(header(await raw('/carte/adresse.json?q=strasbourg'), 'x-page-cache')).toBeUndefined();
	});

	it('never answers a data request (client navigation) with its page, nor the reverse', async () => {
		// SvelteKit hands the hook the page's URL for /x/__data.json: the key must come from the request's own.
		const page = await raw('/quartiers', { headers: { accept: '*/*' } });
		expect(header(page, 'content-type')).toMatch(/^text\/html/);
		await raw('/quartiers', { headers: { accept: '*/*' } });
		const data = await raw('/quartiers/__data.json?x-sveltekit-invalidated=01', {
			headers: { accept: '*/*' }
		});
		expect(data.status).toBe(200);
		expect(header(data, 'content-type')).toMatch(/^application\/json/);
		expect(JSON.parse(data.body)).toMatchObject({ type: 'data' });
		const again = await raw('/quartiers', { headers: { accept: '*/*' } });
		expect(header(again, 'content-type')).toMatch(/^text\/html/);
	});
});
