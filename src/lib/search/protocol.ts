/** Messages between the search client (page) and the search worker, and the server's search URLs. */
import type { SearchOptions, SearchResult } from './types';

/**
 * The largest quick index (gzip) a browser downloads before its first suggestion. Above it the manifest
 * names no URL and as-you-type queries go to the server (README "Search": from about 20k records).
 */
export const BROWSER_INDEX_MAX_GZIP = 1024 * 1024;

/** What /search-index/manifest.json answers. */
export interface SearchManifest {
	dataVersion: number;
	/** `url` is null when the index is above BROWSER_INDEX_MAX_GZIP. */
	quick: { url: string | null; bytes: number; gzipBytes: number; documents: number };
	queryUrl: string;
}

export type ToWorker =
	{ type: 'load'; url: string } | { type: 'search'; id: number; query: string; options: SearchOptions };

export type FromWorker =
	| { type: 'ready'; size: number; loadMs: number }
	| { type: 'load-error'; message: string }
	| { type: 'result'; id: number; result: SearchResult }
	| { type: 'error'; id: number; message: string };
