/**
 * The read model's rebuild worker (a `worker_threads` thread started by ./index.ts): reads the store
 * (read-only, its own connection: WAL readers never wait for the writer) in one transaction, builds the
 * search indexes and the map's points, and posts them back with the records, so the server's thread only
 * installs them. Imported by the server's thread too (to learn this file's URL): then it does nothing.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/connection';
import { buildIndexes, byName, pointsBody, readInput } from './parts';
import type { WorkerMessage, WorkerRequest } from './protocol';

export const WORKER_URL = import.meta.url;

const RECORDS_PER_MESSAGE = 2000;

function run(request: WorkerRequest) {
	const port = parentPort!;
	const started = performance.now();
	const db = openDatabase(request.dbPath, { readonly: true });
	let input;
	try {
		input = readInput(db);
	} finally {
		db.close();
	}
	const records = [...input.records].sort(byName);
	for (let at = 0; at < records.length; at += RECORDS_PER_MESSAGE) {
		const message: WorkerMessage = {
			type: 'records',
			json: records.slice(at, at + RECORDS_PER_MESSAGE).map((r) => JSON.stringify(r))
		};
		port.postMessage(message);
	}
	// The catalogue lists published records only; the indexes are built from those, as in ./index.ts.
	const published = records.filter((r) => r.status === 'published');
	const search = buildIndexes(input.version, published, input.geo);
	const quick = search.quick.transferable();
	const full = search.full.transferable();
	const gzip = new Uint8Array(search.quickFile.gzip);
	const done: WorkerMessage = {
		type: 'done',
		version: input.version,
		geo: input.geo,
		quick: quick.data,
		full: full.data,
		quickFile: { name: search.quickFile.name, body: search.quickFile.body, gzip },
		manifest: search.manifest,
		points: pointsBody(records, input.version),
		buildMs: Math.round(performance.now() - started)
	};
	port.postMessage(done, [...quick.transfer, ...full.transfer, gzip.buffer]);
}

if (!isMainThread && (workerData as Partial<WorkerRequest> | undefined)?.dbPath) {
	try {
		run(workerData as WorkerRequest);
	} catch (e) {
		const message: WorkerMessage = { type: 'error', message: String((e as Error)?.stack ?? e) };
		parentPort!.postMessage(message);
	}
}
