/** Messages between the search client (page) and the search worker. */
import type { SearchOptions, SearchResult } from './types';

export type ToWorker =
	{ type: 'load'; url: string } | { type: 'search'; id: number; query: string; options: SearchOptions };

export type FromWorker =
	| { type: 'ready'; size: number; loadMs: number }
	| { type: 'load-error'; message: string }
	| { type: 'result'; id: number; result: SearchResult }
	| { type: 'error'; id: number; message: string };
