/**
 * Offline: what the service worker (src/service-worker.ts) does with each request, and what « Emporter ce
 * quartier » saves. Pure, so the rules are tested here and the worker stays a thin shell around them.
 *
 * Rules, in order: anything but a GET of our own origin, and the paths whose answer depends on who asks or
 * holds a form's state (workspace, proposals, contact, API, embeds in partners' frames, live searches and
 * geocoding), are left to the network untouched. Build files and static files are served from the shell
 * cache (their names change with each build). Pages, their SvelteKit data and the map's data are fetched
 * from the network first, and only when it fails come from the caches: online, a visitor always gets the
 * current page; offline, the last copy seen or saved.
 */
import type { Catalogue } from '$lib/domain/catalogue';
import { route } from '$lib/links';
import { areaPage } from './quartiers';
import { mapHref } from './quartier-rules';

export type Strategy = 'pass' | 'shell' | 'network-first';

/** `/a/b?c` -> `/a`. */
const topOf = (href: string) => `/${href.split(/[/?#]/)[1] ?? ''}`;
const pathOf = (href: string) => href.split(/[?#]/)[0];

/** Never through the worker's caches: per-visitor pages, forms, the API, embeds, live answers. */
export const NETWORK_ONLY_PREFIXES: readonly string[] = [
	topOf(route.admin()),
	topOf(route.propose()),
	topOf(route.contact({ id: 'x' })),
	topOf(route.api('organisations')),
	topOf(route.embedMap())
];
const NETWORK_ONLY_PATHS: readonly string[] = [pathOf(route.searchQuery()), pathOf(route.mapAddress(''))];

/** Data the pages fetch that is worth keeping for offline use (network first). */
const DATA_PATHS: readonly string[] = [
	pathOf(route.mapPoints(0)),
	pathOf(route.mapOutlines()),
	pathOf(route.searchManifest())
];
const DATA_PREFIXES: readonly string[] = [
	pathOf(route.mapRecordDetails('x')).replace(/x\.json$/, ''),
	pathOf(route.searchIndexFile('x')).replace(/x$/, '')
];

/** SvelteKit's data request for a page (`/quartiers/meinau/__data.json?x-sveltekit-invalidated=…`). */
export const isPageData = (pathname: string) => pathname.endsWith('/__data.json');

const under = (pathname: string, prefix: string) =>
	pathname === prefix || pathname.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`);

export function requestStrategy(
	request: { method: string; url: string; mode: string },
	origin: string,
	shell: ReadonlySet<string>
): Strategy {
	if (request.method !== 'GET') return 'pass';
	const url = new URL(request.url);
	if (url.origin !== origin) return 'pass';
	const path = url.pathname;
	if (NETWORK_ONLY_PREFIXES.some((p) => under(path, p)) || NETWORK_ONLY_PATHS.includes(path)) return 'pass';
	if (shell.has(path)) return 'shell';
	if (request.mode === 'navigate' || isPageData(path)) return 'network-first';
	if (DATA_PATHS.includes(path) || DATA_PREFIXES.some((p) => path.startsWith(p))) return 'network-first';
	return 'pass';
}

/** The SvelteKit data address of a page, as its client-side navigation asks for it (without its query). */
export function pageDataPath(href: string): string {
	const path = pathOf(href);
	return `${path === '/' ? '' : path}/__data.json`;
}

/** How many of the nearby structures a pack takes (the page shows 30). */
const PACK_STRUCTURES = 30;

/**
 * GET /quartiers/[slug]/hors-ligne.json: what « Emporter ce quartier » saves: the quartier's page and
 * flyer, its initiatives' and nearby structures' pages (with SvelteKit's data for each, so links between
 * them work offline), the map of the area on the built-in offline basemap with its points, outlines and
 * the records' summaries. Build and static files (scripts, styles, glyphs) are in the worker's shell.
 */
export function offlinePack(c: Catalogue, slug: string) {
	const page = areaPage(c, slug);
	if (!page) return undefined;
	const initiatives = page.groups.flatMap((g) => g.initiatives);
	const structures = page.organisations.slice(0, PACK_STRUCTURES).map((o) => o.organisation);
	const records = [...initiatives, ...structures];
	const map = mapHref(page.area, 'offline');
	const pages = [
		route.quartier(page.area),
		route.quartierFlyer(page.area),
		map,
		...records.map(route.record)
	];
	const dates = records.map((r) => r.lastVerified).sort();
	return {
		slug: page.area.slug,
		name: page.area.name,
		version: c.version,
		dataDate: dates.at(-1),
		pages,
		data: [
			...pages.map(pageDataPath),
			route.mapPoints(c.version),
			route.mapOutlines(),
			...records.map((r) => route.mapRecordDetails(r.id))
		]
	};
}
