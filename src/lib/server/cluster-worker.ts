/**
 * The cluster worker (a `worker_threads` thread started by ./map-scale.ts, one per server process): builds
 * the cluster indexes of large selections (the unfiltered points of a data version, the common filters,
 * a large filter a visitor chose) and hands their buffers back, so the server's thread never spends the
 * seconds a 250,000-point index takes under load. Builds queue here one after another (the machine has
 * few cores; two builds at once would each take twice as long). Imported by the server's thread too (to
 * learn this file's URL): then it does nothing.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { buildTree, toTransferable, type TransferableTree } from './cluster-build';

export const CLUSTER_WORKER_URL = import.meta.url;

/** To the worker: the points to cluster (their buffers are transferred). */
export interface ClusterJob {
	job: number;
	lonLat: Float64Array;
	featureIds: Float64Array;
}

/** From the worker. */
export type ClusterResult =
	| { job: number; ok: true; tree: TransferableTree; buildMs: number }
	| { job: number; ok: false; message: string };

if (!isMainThread && (workerData as { clusterWorker?: boolean } | undefined)?.clusterWorker) {
	const port = parentPort!;
	port.on('message', (m: ClusterJob) => {
		const started = performance.now();
		try {
			const { value, transfer } = toTransferable(buildTree(m.lonLat, m.featureIds));
			const result: ClusterResult = {
				job: m.job,
				ok: true,
				tree: value,
				buildMs: performance.now() - started
			};
			port.postMessage(result, transfer);
		} catch (e) {
			const result: ClusterResult = { job: m.job, ok: false, message: String((e as Error)?.stack ?? e) };
			port.postMessage(result);
		}
	});
}
