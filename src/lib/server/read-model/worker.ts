/**
 * The read model's rebuild worker (a `worker_threads` thread started by ./index.ts): reads the store
 * (read-only, its own connection: WAL readers never wait for the writer) in one transaction, builds the
 * search indexes and the map's points, and posts them back with the records, so the server's thread only
 * installs them (in slices: see ./index.ts). Imported by the server's thread too (to learn this file's URL): then it does nothing.
 */
import { setPriority } from 'node:os';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { packStrings } from '$lib/search/packed';
import { openDatabase } from '../db/connection';
import { postgresClient, type StoreSource } from '../db/sql';
import { buildIndexes, byName, pointsParts, readInput, type ReadInput } from './parts';
import type { WorkerMessage, WorkerRequest } from './protocol';

export const WORKER_URL = import.meta.url;

const RECORDS_PER_MESSAGE = 2000;

/**
 * How much lower this thread's scheduling priority is than the server's (a nice value). On Linux the nice
 * value of `setpriority(PRIO_PROCESS, 0)` is the calling thread's alone, so the server's thread keeps its
 * own: on a machine with few cores its requests are scheduled before this build, which uses the rest.
 */
export const WORKER_NICENESS = 10;

/** Lowers the calling thread's priority (only this thread's on Linux; elsewhere best effort). */
export function lowerThisThreadPriority(): void {
	try {
		setPriority(WORKER_NICENESS);
	} catch {
		// Not permitted here (some containers): the build still runs, at the server's priority.
	}
}

/** The store's data version and what it stands for, read on a connection of this thread's own. */
async function read(source: StoreSource): Promise<ReadInput> {
	if ('sqlite' in source) {
		const db = openDatabase(source.sqlite, { readonly: true });
		try {
			return readInput(db);
		} finally {
			db.close();
		}
	}
	const sql = postgresClient(source.postgres, { max: 1 });
	try {
		return await readInput(sql);
	} finally {
		await sql.close();
	}
}

async function run(request: WorkerRequest) {
	const port = parentPort!;
	lowerThisThreadPriority();
	const started = performance.now();
	const input = await read(request.source);
	const records = [...input.records].sort(byName);
	for (let at = 0; at < records.length; at += RECORDS_PER_MESSAGE) {
		const transfer: ArrayBuffer[] = [];
		const json = records.slice(at, at + RECORDS_PER_MESSAGE).map((r) => JSON.stringify(r));
		const message: WorkerMessage = { type: 'records', json: packStrings(json, transfer) };
		port.postMessage(message, transfer);
	}
	// The catalogue lists published records only; the indexes are built from those, as in ./index.ts.
	const published = records.filter((r) => r.status === 'published');
	const search = buildIndexes(input.version, published, input.geo);
	const quick = search.quick.transferable();
	const full = search.full.transferable();
	const points = pointsParts(records, input.version);
	const gzip = new Uint8Array(search.quickFile.gzip);
	const body = new Uint8Array(search.quickFile.body);
	const done: WorkerMessage = {
		type: 'done',
		version: input.version,
		geo: input.geo,
		quick: quick.data,
		full: full.data,
		quickFile: { name: search.quickFile.name, body, gzip },
		manifest: search.manifest,
		points: points.body,
		dict: points.dict,
		first: points.first,
		lengths: points.lengths,
		buildMs: Math.round(performance.now() - started)
	};
	port.postMessage(done, [
		...quick.transfer,
		...full.transfer,
		gzip.buffer,
		body.buffer,
		points.lengths.buffer as ArrayBuffer
	]);
}

if (!isMainThread && (workerData as Partial<WorkerRequest> | undefined)?.source) {
	run(workerData as WorkerRequest).catch((e) => {
		const message: WorkerMessage = { type: 'error', message: String((e as Error)?.stack ?? e) };
		parentPort!.postMessage(message);
	});
}
