/** Types of the search module's public interface (see index.ts). No runtime code: safe to import anywhere. */
import type { RecordKind } from '$lib/domain/records';

/**
 * 'quick': the as-you-type index over short fields (name, tags, categories, commune, quartier); the last
 * word is also a prefix. 'full': those fields plus descriptions, for submitted queries.
 */
export type SearchMode = 'quick' | 'full';

export interface SearchOptions {
	mode?: SearchMode;
	/** Hits returned (the total is always counted); default 20, `Infinity` for all. */
	limit?: number;
	/** Keep only these kinds. */
	kinds?: readonly RecordKind[];
}

/** A piece of text, matched or not. Render `text` as text (never as HTML) and mark the matched pieces. */
export interface Segment {
	text: string;
	match: boolean;
}

export interface SearchHit {
	id: string;
	kind: RecordKind;
	slug: string;
	/** The record's name, for lists that have no other copy of it. */
	name: string;
	/** A short context line: category and place ("Association · Neudorf, Strasbourg"). */
	subtitle: string;
	/** Relevance, higher is better; only comparable within one result. */
	score: number;
	highlights: {
		/** The whole name, in segments. */
		name: Segment[];
		/** A window of the description around the first match (full mode, when the description matched). */
		description?: Segment[];
	};
}

export interface SearchResult {
	/** The query as understood (trimmed, at most MAX_QUERY_LENGTH characters). */
	query: string;
	mode: SearchMode;
	/** Every matching record, before `limit`. */
	total: number;
	hits: SearchHit[];
	/**
	 * True when no record matched every word and the hits match only some of them
	 * (shown as "résultats approchants").
	 */
	partial: boolean;
	/** Close spellings that give results, when this query gave none ("cooprative" -> "coopérative"). */
	suggestions: string[];
}

/** The browser's search client (a Web Worker behind it). */
export interface SearchClient {
	/** Loads the quick index if needed; resolves when the client can answer. */
	ready(): Promise<void>;
	/**
	 * Quick mode runs in the worker (on the server when the index is too large to download: the manifest
	 * then names no index); full mode asks the server (README "Search"). Never rejects on user input: hostile text gives an empty result.
	 * Rejects only when the index or the server cannot be reached.
	 */
	search(query: string, options?: SearchOptions): Promise<SearchResult>;
	/** Stops the worker. */
	destroy(): void;
}

export interface SearchClientOptions {
	/** Where the manifest naming the current index is served (the app passes route.searchManifest()). */
	manifestUrl: string;
	/**
	 * The quick index URL when already known (the annuaire page passes it), skipping the manifest request;
	 * `null` when the deployment answers as-you-type queries on the server (see the manifest).
	 */
	indexUrl?: string | null;
	/** Full-mode endpoint until the manifest names one (the app passes route.searchQuery()). */
	queryUrl: string;
}
