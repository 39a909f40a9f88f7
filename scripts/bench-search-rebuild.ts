/**
 * The rebuild that `npm run bench:search` runs beside its queries at national scale: a worker thread
 * builds the quick and full indexes of the same synthetic records (as the read model's worker does after a
 * write, at the same lowered priority) and posts them back as transferable buffers, so the benchmark can
 * time queries while a build is under way and then the installation of its result.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { syntheticRecords, type SyntheticGeo } from '../src/lib/bench/synthetic';
import { toSearchDocument, type SearchGeo } from '../src/lib/search/documents';
import { buildSearchEngine } from '../src/lib/search/engine';
import { lowerThisThreadPriority } from '../src/lib/server/read-model/worker';

lowerThisThreadPriority();
const { size } = workerData as { size: number };
const read = (f: string) => JSON.parse(readFileSync(resolve('data', f), 'utf8'));
const geo: SearchGeo & SyntheticGeo = {
	communes: read('communes.json'),
	quartiers: read('quartiers.json'),
	qpv: read('qpv.json'),
	thematiques: read('thematiques.json')
};
const started = performance.now();
const docs = syntheticRecords(size, geo, { seed: 42 }).map((r) => toSearchDocument(r, geo));
const quick = buildSearchEngine(docs, 'quick').transferable();
const full = buildSearchEngine(docs, 'full').transferable();
parentPort!.postMessage({ quick: quick.data, full: full.data, buildMs: performance.now() - started }, [
	...quick.transfer,
	...full.transfer
]);
