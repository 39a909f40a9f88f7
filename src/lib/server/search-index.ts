/**
 * The site's search indexes, built from the catalogue's published records (so again for each new data
 * version), and served: the quick index at a URL carrying its content hash (cached for a year, never
 * stale), the manifest naming it (revalidated), and full-text queries.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Catalogue } from '$lib/domain/catalogue';
import { RECORD_KINDS, type RecordKind } from '$lib/domain/records';
import type { SqlClient } from './db/sql';
import { indexesOfCatalogue, readModel } from './read-model';
import { searchIndexesOf, type SearchIndexes } from './read-model/parts';

export { type SearchIndexes } from './read-model/parts';

/** One slot for a catalogue built outside the read model (tests): a 50k-record pair weighs about 150 MB. */
let cached: { catalogue: Catalogue; indexes: SearchIndexes } | undefined;

/** The indexes of this catalogue: the read model's own, or built on first use and kept. */
export function searchIndexes(catalogue: Catalogue): SearchIndexes {
	const own = indexesOfCatalogue(catalogue);
	if (own) return own;
	if (cached?.catalogue === catalogue) return cached.indexes;
	const indexes = searchIndexesOf(catalogue);
	cached = { catalogue, indexes };
	return indexes;
}

/** The indexes of the store's current read model. */
export async function currentSearchIndexes(sql: SqlClient): Promise<SearchIndexes> {
	return (await readModel(sql)).search;
}

/** GET /search-index/[file]: the manifest, or the quick index at its hashed name. */
export async function indexFileResponse(sql: SqlClient, file: string, request: Request): Promise<Response> {
	const indexes = await currentSearchIndexes(sql);
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
	return new Response(new Uint8Array(indexes.quickFile.body), { headers });
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
export async function queryResponse(sql: SqlClient, url: URL): Promise<Response> {
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
	const indexes = await currentSearchIndexes(sql);
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
