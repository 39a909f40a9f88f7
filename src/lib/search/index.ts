/**
 * Search: one pure module shared by the server, the browser's Web Worker and the benchmark.
 *
 * Stable interface (other parts depend on it; extend it, do not break it):
 *
 *   Browser (the annuaire's search box, the map's list):
 *     const client = createSearchClient({ manifestUrl, queryUrl });   // from lib/links' route; indexUrl optional
 *     const result = await client.search('cooperatve', { mode: 'quick', limit: 10, kinds: ['organisation'] });
 *     result.hits: SearchHit[]                        // { id, kind, slug, name, subtitle, score, highlights }
 *     hit.highlights.name: Segment[]                  // { text, match }: render as text, mark `match` pieces
 *     client.destroy();
 *   - 'quick' runs in a Web Worker over the prebuilt as-you-type index (names, tags, categories, places),
 *     fetched lazily at its content-hashed URL; the page never blocks while someone types.
 *   - 'full' (descriptions too) is answered by the server at /search-index/query: the full-text index is
 *     several megabytes at 10k records (README "Search").
 *   - Past 1 MB of gzip (about 20k records) the manifest names no quick index and the same client sends
 *     'quick' queries to the server too (`/search-index/query?mode=quick`); callers change nothing.
 *   - search() never rejects because of what was typed (any string is text, lunr's syntax included); it
 *     rejects only when the index or the server cannot be reached.
 *
 *   Server, worker, benchmark (this module imports lunr, keep it out of page bundles that only need the client):
 *     const { quick, full } = buildSearchIndexes(publishedRecords, geo);   // from '$lib/search/engine'
 *     quick.serialize() -> string;  loadSearchEngine(string) -> SearchEngine
 *     engine.search(query, { mode, limit, kinds }) -> SearchResult { query, mode, total, hits, partial, suggestions }
 *     engine.rank(query, { mode, kinds }) -> every match, unhighlighted; engine.hit(match) -> SearchHit
 *
 * French analysis (src/lib/search/text.ts): accent folding, elisions split off (l', d', qu'...), stop words,
 * Snowball stems; queries get prefix completions and 1-2 typo tolerance on words of 5+ letters.
 */
export type {
	SearchClient,
	SearchClientOptions,
	SearchHit,
	SearchMode,
	SearchOptions,
	SearchResult,
	Segment
} from './types';
export { createSearchClient } from './client';
