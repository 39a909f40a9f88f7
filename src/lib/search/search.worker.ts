/// <reference lib="webworker" />
/**
 * The as-you-type search, off the main thread: loads the quick index once, then answers queries.
 * Parsing a multi-megabyte JSON and running lunr would otherwise freeze typing on a phone.
 */
import { loadSearchEngine, type SearchEngine } from './engine';
import type { FromWorker, ToWorker } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

let engine: SearchEngine | undefined;

function post(message: FromWorker) {
	self.postMessage(message);
}

self.onmessage = async (event: MessageEvent<ToWorker>) => {
	const msg = event.data;
	if (msg.type === 'load') {
		try {
			const started = performance.now();
			const response = await fetch(msg.url);
			if (!response.ok) throw new Error(`index de recherche indisponible (HTTP ${response.status})`);
			engine = loadSearchEngine(await response.text());
			post({ type: 'ready', size: engine.size, loadMs: Math.round(performance.now() - started) });
		} catch (e) {
			engine = undefined;
			post({ type: 'load-error', message: e instanceof Error ? e.message : String(e) });
		}
		return;
	}
	if (!engine) {
		post({ type: 'error', id: msg.id, message: 'index de recherche non chargé' });
		return;
	}
	try {
		post({ type: 'result', id: msg.id, result: engine.search(msg.query, msg.options) });
	} catch (e) {
		// The engine does not throw on any string; this guards against a bug taking the worker down.
		post({ type: 'error', id: msg.id, message: e instanceof Error ? e.message : String(e) });
	}
};
