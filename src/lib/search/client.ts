/**
 * The browser side of search: a Web Worker holding the quick index, started on first use, and the
 * server for full-text queries. No lunr in here, so pages that only search stay light.
 */
import type { FromWorker, SearchManifest, ToWorker } from './protocol';
import type { SearchClient, SearchClientOptions, SearchOptions, SearchResult } from './types';

const empty = (query: string, options: SearchOptions): SearchResult => ({
	query,
	mode: options.mode ?? 'quick',
	total: 0,
	hits: [],
	partial: false,
	suggestions: []
});

export function createSearchClient(options: SearchClientOptions): SearchClient {
	const manifestUrl = options.manifestUrl;
	let queryUrl = options.queryUrl;
	/** null: the deployment answers as-you-type queries on the server (index too large to download). */
	let knownIndexUrl = options.indexUrl;
	let onServer = false;
	let worker: Worker | undefined;
	let loading: Promise<void> | undefined;
	let nextId = 1;
	const pending = new Map<number, { resolve: (r: SearchResult) => void; reject: (e: Error) => void }>();

	async function indexUrl(fresh: boolean): Promise<string | null> {
		if (knownIndexUrl !== undefined && !fresh) return knownIndexUrl;
		const response = await fetch(manifestUrl, { cache: fresh ? 'no-cache' : 'default' });
		if (!response.ok) throw new Error(`manifeste de recherche indisponible (HTTP ${response.status})`);
		const manifest = (await response.json()) as SearchManifest;
		queryUrl = manifest.queryUrl ?? queryUrl;
		knownIndexUrl = manifest.quick.url;
		return knownIndexUrl;
	}

	function startWorker(): Worker {
		// Vite bundles the worker from this exact `new Worker(new URL(...))` form.
		const w = new Worker(new URL('./search.worker.ts', import.meta.url), { type: 'module' });
		w.onmessage = (event: MessageEvent<FromWorker>) => {
			const msg = event.data;
			if (msg.type === 'result') pending.get(msg.id)?.resolve(msg.result);
			else if (msg.type === 'error') pending.get(msg.id)?.reject(new Error(msg.message));
			if (msg.type === 'result' || msg.type === 'error') pending.delete(msg.id);
		};
		return w;
	}

	function loadInto(w: Worker, url: string): Promise<void> {
		return new Promise((resolve, reject) => {
			const onMessage = (event: MessageEvent<FromWorker>) => {
				if (event.data.type === 'ready') resolve();
				else if (event.data.type === 'load-error') reject(new Error(event.data.message));
				else return;
				w.removeEventListener('message', onMessage);
			};
			w.addEventListener('message', onMessage);
			w.postMessage({ type: 'load', url } satisfies ToWorker);
		});
	}

	function ready(): Promise<void> {
		loading ??= (async () => {
			const url = await indexUrl(false);
			onServer = url === null;
			if (url === null) return;
			worker ??= startWorker();
			try {
				await loadInto(worker, url);
			} catch {
				// The data changed since the page was rendered and the old hashed URL is gone: ask again once.
				const again = await indexUrl(true);
				onServer = again === null;
				if (again !== null) await loadInto(worker, again);
			}
		})().catch((e: unknown) => {
			loading = undefined;
			throw e instanceof Error ? e : new Error(String(e));
		});
		return loading;
	}

	async function searchServer(query: string, opts: SearchOptions): Promise<SearchResult> {
		const params = new URLSearchParams({ q: query, mode: opts.mode ?? 'full' });
		if (opts.limit !== undefined && Number.isFinite(opts.limit)) params.set('limit', String(opts.limit));
		if (opts.kinds?.length) params.set('kinds', opts.kinds.join(','));
		const response = await fetch(`${queryUrl}?${params}`);
		if (!response.ok) throw new Error(`recherche indisponible (HTTP ${response.status})`);
		return (await response.json()) as SearchResult;
	}

	return {
		ready,
		async search(query, opts = {}) {
			const text = typeof query === 'string' ? query : '';
			if (text.trim() === '') return empty(text, opts);
			if (opts.mode === 'full') return searchServer(text, opts);
			await ready();
			if (onServer) return searchServer(text, { ...opts, mode: 'quick' });
			const id = nextId++;
			return new Promise<SearchResult>((resolve, reject) => {
				pending.set(id, { resolve, reject });
				worker!.postMessage({
					type: 'search',
					id,
					query: text,
					options: { ...opts, mode: 'quick', kinds: opts.kinds ? [...opts.kinds] : undefined }
				} satisfies ToWorker);
			});
		},
		destroy() {
			worker?.terminate();
			worker = undefined;
			loading = undefined;
			for (const p of pending.values()) p.reject(new Error('client de recherche arrêté'));
			pending.clear();
		}
	};
}
