/**
 * The site's search indexes, built from the catalogue's published records (so again for each new data
 * version), and served: the quick index at a URL carrying its content hash (cached for a year, never
 * stale), the manifest naming it (revalidated), and full-text queries.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { z } from 'zod';
import type { Catalogue } from '$lib/domain/catalogue';
import { RECORD_KINDS, type RecordKind } from '$lib/domain/records';
import { BROWSER_INDEX_MAX_GZIP, type SearchManifest } from '$lib/search/protocol';
import { buildSearchIndexes, type SearchEngine } from '$lib/search/engine';
import { getCatalogue } from './catalogue';
import type { Db } from './db/connection';
import { route } from '$lib/links';

export interface SearchIndexes {
	/** The catalogue's data version. */
	version: number;
	quick: SearchEngine;
	full: SearchEngine;
	quickFile: { name: string; body: string; gzip: Buffer };
	manifest: SearchManifest;
}

/** One slot: the indexes of the newest catalogue seen (a 50k-record pair weighs about 150 MB). */
let cached: { catalogue: Catalogue; indexes: SearchIndexes } | undefined;

/** The indexes of this catalogue, built on first use and kept while the catalogue is the current one. */
export function searchIndexes(catalogue: Catalogue): SearchIndexes {
	if (cached?.catalogue === catalogue) return cached.indexes;
	const { quick, full } = buildSearchIndexes(catalogue.records, catalogue.geo);
	const body = quick.serialize();
	const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
	const name = `quick-${hash}.json`;
	const gzip = gzipSync(body);
	const indexes: SearchIndexes = {
		version: catalogue.version,
		quick,
		full,
		quickFile: { name, body, gzip },
		manifest: {
			dataVersion: catalogue.version,
			quick: {
				url: gzip.length <= BROWSER_INDEX_MAX_GZIP ? route.searchIndexFile(name) : null,
				bytes: Buffer.byteLength(body),
				gzipBytes: gzip.length,
				documents: quick.size
			},
			queryUrl: route.searchQuery()
		}
	};
	cached = { catalogue, indexes };
	return indexes;
}

/** The indexes of the store's current data. */
export function currentSearchIndexes(db: Db): SearchIndexes {
	return searchIndexes(getCatalogue(db));
}

/** GET /search-index/[file]: the manifest, or the quick index at its hashed name. */
export function indexFileResponse(db: Db, file: string, request: Request): Response {
	const indexes = currentSearchIndexes(db);
	if (file === 'manifest.json') {
		const body = JSON.stringify(indexes.manifest);
		const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
		const headers = new Headers({
			'content-type': 'application/json; charset=utf-8',
			'cache-control': 'public, max-age=0, must-revalidate',
			etag
		});
		if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
		return new Response(body, { headers });
	}
	if (file !== indexes.quickFile.name) {
		// An old hash after a data change, or a made-up name: the client asks the manifest again.
		return new Response(
			JSON.stringify({ error: { status: 404, message: 'index de recherche inconnu ou périmé' } }),
			{
				status: 404,
				headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }
			}
		);
	}
	const headers = new Headers({
		'content-type': 'application/json; charset=utf-8',
		'cache-control': 'public, max-age=31536000, immutable',
		vary: 'accept-encoding',
		etag: `"${file}"`
	});
	if (request.headers.get('if-none-match') === `"${file}"`)
		return new Response(null, { status: 304, headers });
	// Compressed here because the Node adapter serves dynamic responses uncompressed.
	if (/\bgzip\b/.test(request.headers.get('accept-encoding') ?? '')) {
		headers.set('content-encoding', 'gzip');
		headers.set('content-length', String(indexes.quickFile.gzip.length));
		return new Response(new Uint8Array(indexes.quickFile.gzip), { headers });
	}
	return new Response(indexes.quickFile.body, { headers });
}

const queryParams = z.object({
	q: z.string({ error: 'paramètre q (texte recherché) requis' }),
	mode: z.enum(['quick', 'full'], { error: 'mode : quick ou full' }).default('full'),
	limit: z.coerce
		.number({ error: 'limit : nombre entier attendu' })
		.int({ error: 'limit : nombre entier attendu' })
		.min(1, { error: 'limit : au moins 1' })
		.max(100, { error: 'limit : au plus 100' })
		.default(20),
	kinds: z
		.string()
		.transform((s) => s.split(',').filter(Boolean))
		.pipe(z.array(z.enum(RECORD_KINDS, { error: 'kinds : organisation, initiative ou funding-tool' })))
		.optional()
});

/** GET /search-index/query?q=&limit=&kinds=: full-text search for the browser client. */
export function queryResponse(db: Db, url: URL): Response {
	const raw = Object.fromEntries(
		['q', 'mode', 'limit', 'kinds'].flatMap((k) => {
			const v = url.searchParams.get(k);
			return v === null ? [] : [[k, v]];
		})
	);
	const parsed = queryParams.safeParse(raw);
	if (!parsed.success) {
		return new Response(JSON.stringify({ error: { status: 400, message: parsed.error.issues[0].message } }), {
			status: 400,
			headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }
		});
	}
	const { q, mode, limit, kinds } = parsed.data;
	const indexes = currentSearchIndexes(db);
	// Quick mode is what a person is typing: the short-field index, the last word completed.
	const result = (mode === 'quick' ? indexes.quick : indexes.full).search(q, {
		mode,
		limit,
		kinds: kinds as RecordKind[] | undefined
	});
	return new Response(JSON.stringify(result), {
		headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'public, max-age=60' }
	});
}
