import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Organisation } from '$lib/domain/records';
import { communes, directoryRecords, quartiers, SITE, thematiques } from '$lib/pages/test-data';
import { migrate, openDatabase, type Db } from './db/connection';
import { insertCommune, insertQuartier, insertRecord, insertThematique, updateRecord } from './db/records';
import { getCatalogue } from './catalogue';
import { currentSearchIndexes, indexFileResponse, queryResponse, searchIndexes } from './search-index';
import { sqliteClient, type SqlClient } from './db/sql';

let db: Db;
let sql: SqlClient;
beforeAll(async () => {
	db = openDatabase(':memory:');
	sql = sqliteClient(db);
	migrate(db);
	for (const c of communes) insertCommune(db, c);
	for (const q of quartiers) insertQuartier(db, q);
	for (const t of thematiques) insertThematique(db, t);
	for (const r of directoryRecords) insertRecord(db, r);
});

describe('search index files', () => {
	it('serves the manifest, then the quick index at its hashed name, gzipped and immutable', async () => {
		const manifest = await (await indexFileResponse(sql, 'manifest.json', new Request(SITE))).json();
		expect(manifest.quick.url).toMatch(/^\/search-index\/quick-[0-9a-f]{16}\.json$/);
		expect(manifest.quick.documents).toBe(6);
		const file = manifest.quick.url.split('/').pop();
		const res = await indexFileResponse(
			sql,
			file,
			new Request(SITE, { headers: { 'accept-encoding': 'gzip, br' } })
		);
		expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
		expect(res.headers.get('content-encoding')).toBe('gzip');
		const text = gunzipSync(Buffer.from(await res.arrayBuffer())).toString();
		expect(JSON.parse(text).mode).toBe('quick');
		expect(text).not.toContain('brouillon');
		const plain = await indexFileResponse(sql, file, new Request(SITE));
		expect(plain.headers.get('content-encoding')).toBeNull();
		expect(await plain.text()).toBe(text);
	});

	it('answers 404 for an unknown or outdated index', async () => {
		expect((await indexFileResponse(sql, 'quick-0000000000000000.json', new Request(SITE))).status).toBe(404);
		expect((await indexFileResponse(sql, '../../etc/passwd', new Request(SITE))).status).toBe(404);
	});

	it('rebuilds when the data version changes, with a new hash', async () => {
		const before = await currentSearchIndexes(sql);
		const org = directoryRecords[0] as Organisation;
		const stored = db.prepare('SELECT version FROM records WHERE id = ?').get(org.id) as { version: number };
		const result = updateRecord(
			db,
			{ ...org, name: "Bretz'selle (atelier vélo)" },
			{ expectedVersion: stored.version }
		);
		expect(result.ok).toBe(true);
		const after = await currentSearchIndexes(sql);
		expect(after).not.toBe(before);
		expect(after.quickFile.name).not.toBe(before.quickFile.name);
		expect((await indexFileResponse(sql, before.quickFile.name, new Request(SITE))).status).toBe(404);
		expect(after.quick.search('atelier velo').hits[0].id).toBe('bretzselle');
	});

	it('answers full-text queries and refuses a bad limit in French', async () => {
		const ok = await queryResponse(sql, new URL(`${SITE}/search-index/query?q=taux+zero&limit=5`));
		expect(ok.status).toBe(200);
		const body = await ok.json();
		expect(body.hits[0].id).toBe('pret-honneur');
		expect(body.hits[0].highlights.description.some((s: { match: boolean }) => s.match)).toBe(true);
		const bad = await queryResponse(sql, new URL(`${SITE}/search-index/query?q=x&limit=5000`));
		expect(bad.status).toBe(400);
		expect((await bad.json()).error.message).toBe('limit : au plus 100');
		const kinds = await (
			await queryResponse(sql, new URL(`${SITE}/search-index/query?q=velo&kinds=initiative`))
		).json();
		expect(kinds.hits.map((h: { id: string }) => h.id)).toEqual(['atelier-mobile']);
		expect((await queryResponse(sql, new URL(`${SITE}/search-index/query?q=x&kinds=pirate`))).status).toBe(
			400
		);
		// Quick mode on the server (for deployments whose index is too large for browsers): names, not descriptions.
		const quick = await (
			await queryResponse(sql, new URL(`${SITE}/search-index/query?q=taux&mode=quick`))
		).json();
		expect(quick.mode).toBe('quick');
		expect(quick.total).toBe(0);
		const typing = await (
			await queryResponse(sql, new URL(`${SITE}/search-index/query?q=cycl&mode=quick`))
		).json();
		expect(typing.hits.map((h: { id: string }) => h.id)).toEqual(['scop-velo']);
		expect((await queryResponse(sql, new URL(`${SITE}/search-index/query?q=x&mode=lunr`))).status).toBe(400);
	});

	it('builds the indexes once per catalogue, keyed to its data version', async () => {
		const catalogue = await getCatalogue(sql);
		const indexes = searchIndexes(catalogue);
		expect(searchIndexes(catalogue)).toBe(indexes);
		expect(indexes.version).toBe(catalogue.version);
		expect(indexes.manifest.dataVersion).toBe(catalogue.version);
		expect(indexes.manifest.quick.documents).toBe(catalogue.records.length);
	});
});
