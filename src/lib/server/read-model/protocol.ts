/** Messages between the read model (./index.ts) and its rebuild worker (./worker.ts). Types only. */
import type { Geo } from '$lib/domain/query';
import type { SearchManifest } from '$lib/search/protocol';
import type { TransferableEngine } from '$lib/search/engine';
import type { StringTable } from '$lib/search/packed';
import type { StoreSource } from '../db/sql';
import type { PointsBody } from './parts';

/** The worker's `workerData`. */
export interface WorkerRequest {
	/** The store: a SQLite file, opened read-only by the worker, or a PostgreSQL database. */
	source: StoreSource;
}

export type WorkerMessage =
	/**
	 * Records in catalogue order, as their JSON text, in several messages: packed into transferred buffers
	 * ($lib/search/packed), so that reading a message costs the server's thread nothing until it parses
	 * the records in time slices.
	 */
	| { type: 'records'; json: StringTable }
	| {
			type: 'done';
			version: number;
			geo: Geo;
			quick: TransferableEngine;
			full: TransferableEngine;
			quickFile: { name: string; body: Uint8Array; gzip: Uint8Array };
			manifest: SearchManifest;
			/** The points' body as the route serves it. */
			points: PointsBody;
			/** Its dictionary of codes, and where each compact point's JSON lies in it (`pointsParts`). */
			dict: string[];
			first: number;
			lengths: Int32Array;
			buildMs: number;
	  }
	| { type: 'error'; message: string };
