/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />
/**
 * The service worker SvelteKit builds and registers at /service-worker.js. The shell (this build's scripts
 * and styles, the static files: icons, manifest, map glyphs) is cached at install; pages, their data and the
 * map's data go to the network first and are kept as they are seen (the last MAX_RECENT), so recently
 * visited pages open offline; « Emporter ce quartier » fills a cache of its own per quartier
 * (src/lib/components/OfflinePack.svelte). Which request goes where is decided by src/lib/pages/offline.ts.
 */
import { build, files, version } from '$service-worker';
import { isPageData, requestStrategy } from '$lib/pages/offline';
import { route } from '$lib/links';

const sw = self as unknown as ServiceWorkerGlobalScope;

const SHELL = `shell-${version}`;
const RECENT = 'recent-pages';
/** Pages (and their data) kept from browsing; the oldest go first. */
const MAX_RECENT = 80;
// Gzip copies are for the server; the browser asks for the plain file.
const SHELL_FILES = [...build, ...files.filter((f) => !f.endsWith('.gz'))];
const SHELL_PATHS = new Set(SHELL_FILES.map((f) => new URL(f, sw.location.origin).pathname));

sw.addEventListener('install', (event) => {
	event.waitUntil(
		caches
			.open(SHELL)
			.then((cache) => cache.addAll(SHELL_FILES))
			.then(() => sw.skipWaiting())
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) {
				// An old build's shell goes; so do pages seen with it (they name its scripts). Saved quartiers stay:
				// their page refreshes them when the build or the data changed.
				if ((key.startsWith('shell-') && key !== SHELL) || (key === RECENT && !(await sameBuild())))
					await caches.delete(key);
			}
			await markBuild();
			await sw.clients.claim();
		})()
	);
});

const BUILD_KEY = '/__build__';
async function sameBuild(): Promise<boolean> {
	const hit = await (await caches.open(RECENT)).match(BUILD_KEY);
	return (await hit?.text()) === version;
}
async function markBuild() {
	await (await caches.open(RECENT)).put(BUILD_KEY, new Response(version));
}

async function remember(request: Request, response: Response) {
	const cache = await caches.open(RECENT);
	await cache.put(request, response);
	const keys = await cache.keys();
	// Keys come back in insertion order; a page seen again was put again, so it counts as recent.
	for (const old of keys.slice(0, Math.max(0, keys.length - MAX_RECENT - 1)))
		if (new URL(old.url).pathname !== BUILD_KEY) await cache.delete(old);
}

const keepable = (r: Response) =>
	r.ok && r.type === 'basic' && !/no-store|private/i.test(r.headers.get('cache-control') ?? '');

async function fromCaches(request: Request): Promise<Response | undefined> {
	const exact = await caches.match(request);
	if (exact) return exact;
	// SvelteKit adds `x-sveltekit-invalidated` to a page's data request; a saved copy answers any of them.
	if (isPageData(new URL(request.url).pathname)) return caches.match(request, { ignoreSearch: true });
	return undefined;
}

function offlinePage(): Response {
	const body = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Hors ligne · Carto ESS</title></head><body><main><h1>Vous êtes hors ligne</h1><p>Cette page n’a pas été enregistrée sur cet appareil. Les pages déjà visitées et les quartiers emportés restent consultables.</p><p><a href="${route.quartiers()}">Quartiers et communes</a></p></main></body></html>`;
	return new Response(body, {
		status: 503,
		headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }
	});
}

async function networkFirst(event: FetchEvent): Promise<Response> {
	const { request } = event;
	try {
		const response = await fetch(request);
		if (keepable(response)) event.waitUntil(remember(request, response.clone()));
		return response;
	} catch (e) {
		const saved = await fromCaches(request);
		if (saved) return saved;
		if (request.mode === 'navigate') return offlinePage();
		throw e;
	}
}

sw.addEventListener('fetch', (event) => {
	const strategy = requestStrategy(event.request, sw.location.origin, SHELL_PATHS);
	if (strategy === 'pass') return;
	if (strategy === 'shell')
		event.respondWith(
			caches
				.open(SHELL)
				.then((cache) => cache.match(event.request))
				.then((hit) => hit ?? fetch(event.request))
		);
	else event.respondWith(networkFirst(event));
});
