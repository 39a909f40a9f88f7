import { error, redirect, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { AsyncLocalStorage } from 'node:async_hooks';
import { z } from 'zod';
import { building } from '$app/environment';
import { hasRole, routeRole } from '$lib/server/auth/guard';
import { SESSION_COOKIE, cookieOptions, validateSession } from '$lib/server/auth/session';
import { framedByAnyone, pagePolicy } from '$lib/server/csp';
import { failInterruptedImports } from '$lib/server/db/admin';
import { DISK_FULL_MESSAGE, DISK_FULL_STATUS, isDiskFull } from '$lib/server/disk-full';
import { dataVersion } from '$lib/server/db/records';
import { deleteExpiredSessions } from '$lib/server/db/sessions';
import {
	cacheGeneration,
	cacheKey,
	isCacheableRequest,
	PageCache,
	publishFastPath
} from '$lib/server/page-cache';
import { framingAllowed, securityHeaders } from '$lib/server/security-headers.js';
import { kickOutbox, startMail } from '$lib/server/mail/scheduler';
import {
	currentReadModel,
	readModel,
	setRebuildInlineMax,
	warmReadModel,
	withOneReadModel
} from '$lib/server/read-model';
import { setClusterWorkerMin, watchMapClusters } from '$lib/server/map-scale';
import { closeStore, getDb, getEnv, getSql, openServerStore, usesPostgres } from '$lib/server/store';
import { delocalizePath, localeOfPath, type Locale } from '$lib/i18n/paths';
import { isUnder, route } from '$lib/links';
import { overwriteServerAsyncLocalStorage } from '$lib/paraglide/runtime';

// zod compiles object parsers with `new Function` unless told not to; the browser's CSP forbids eval, and the
// server keeps the same mode so both sides parse alike (see src/hooks.client.ts).
z.config({ jitless: true });

/** Open, migrate and seed the store once, before the first request. */
export const init: ServerInit = async () => {
	if (building) return;
	await openServerStore();
	// Only the imports whose instance stopped (their heartbeat silent): a sibling's live import runs on.
	const interrupted = await failInterruptedImports(getSql());
	if (interrupted) console.log(`[import] ${interrupted} import(s) interrompu(s) marqué(s) en échec`);
	await deleteExpiredSessions(getSql());
	// The catalogue, search indexes and map points of the current data, before the first visitor.
	setRebuildInlineMax(getEnv().REBUILD_INLINE_MAX);
	await warmReadModel(getSql());
	// Above the threshold, the unfiltered clusters (then the common filters') are built now and after each
	// new data version, large ones in the cluster worker.
	setClusterWorkerMin(getEnv().MAP_WORKER_MIN);
	watchMapClusters(getEnv().MAP_TILES_MIN);
	await startMail();
	// After SIGTERM, once the last request is answered, adapter-node's own entry (`node build`) waits for the
	// event loop to empty, which the mail scheduler's timers, the read model's worker and PostgreSQL's pool
	// never let happen: the process stayed up for good. server.js exits on its own just after this event.
	process.once('sveltekit:shutdown', () => {
		void closeStore()
			.catch(() => undefined)
			.finally(() => process.exit(0));
	});
};

const SECURITY_HEADERS = Object.entries(securityHeaders(process.env));
let pageCache: PageCache | undefined;
const cache = () => (pageCache ??= new PageCache({ maxBytes: getEnv().PAGE_CACHE_MB * 1024 * 1024 }));
// The version pages are rendered from, the read model's: while a large store is rebuilt after a write, the
// store's version is already the next one but pages still show the previous, and must not be kept under the
// next one's name (they would be served after the new version is installed, until the following write).
// server.js answers hits from here before SvelteKit runs (same rules and keys, see page-cache.ts). It reads
// the store's version first: on SQLite's synchronous connection, on PostgreSQL with one round trip (another
// instance may have written). When the store holds a version newer than the one served, the generation
// names neither, so the lookup misses and the request goes through SvelteKit, which brings the read model up
// to date.
const generationFor = (stored: number) => {
	const served = currentReadModel()?.version;
	return served !== undefined && served >= stored
		? cacheGeneration(served)
		: `${cacheGeneration(stored)}-en-cours`;
};
const fastGeneration = (): string | Promise<string> =>
	usesPostgres() ? dataVersion(getSql()).then(generationFor) : generationFor(dataVersion(getDb()));
if (!building) publishFastPath(cache, fastGeneration, SESSION_COOKIE);

/** A path SvelteKit cannot decode (`/financements/%ff`): answered here, in French, and logged with the path. */
function malformedPath(event: Parameters<Handle>[0]['event']): Response | undefined {
	try {
		// SvelteKit decodes the path the same way (keeping %25 as is) and fails with an anonymous 400.
		event.url.pathname.split('%25').forEach((part) => decodeURI(part));
		return undefined;
	} catch {
		console.warn(
			'[requête] adresse mal encodée : %s %s',
			event.request.method,
			event.url.pathname.slice(0, 300)
		);
		return new Response(
			'Adresse invalide : elle contient un caractère encodé (%) mal formé. Vérifiez le lien ou retapez l’adresse.',
			{ status: 400, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } }
		);
	}
}

/**
 * Requests whose load, action or endpoint failed on a full disk (seen by handleError, which SvelteKit calls with
 * status 500): `handle` then answers them with DISK_FULL_STATUS.
 */
const failedOnFullDisk = new WeakSet<Request>();

/**
 * A full disk (or the store's size limit) is not an internal error: the request is answered 507 with what
 * happened in French (the error pages show it), and nothing was written (every write is one transaction).
 * Reads go on. A write in the hook itself (a session renewed) is answered the same way.
 */
export const handle: Handle = async (input) => {
	let response: Response;
	try {
		response = await inLanguage(input);
	} catch (e) {
		if (!isDiskFull(e)) throw e;
		logDiskFull(input.event, e);
		const plain = new Response(DISK_FULL_MESSAGE, {
			status: DISK_FULL_STATUS,
			headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }
		});
		return withSecurityHeaders(plain, input.event.url);
	}
	if (!failedOnFullDisk.has(input.event.request)) return response;
	const full = new Response(response.body, { status: DISK_FULL_STATUS, headers: response.headers });
	full.headers.set('cache-control', 'no-store');
	return full;
};

function logDiskFull(
	event: Parameters<Handle>[0]['event'],
	error: unknown,
	id = crypto.randomUUID().slice(0, 8)
) {
	// One line an operator can grep for, with SQLite's or the system's own words; no stack (it is not a bug).
	console.error(
		'[disque plein %s] %s %s : %s',
		id,
		event.request.method,
		event.url.pathname,
		error instanceof Error ? error.message : String(error)
	);
}

/**
 * The language of the request, for every message and link written while it is answered (Paraglide's
 * getLocale reads it from here). Paraglide's own middleware would also rewrite the request and redirect;
 * SvelteKit's `reroute` (src/hooks.ts) already routes `/de/…`, and Accept-Language never redirects.
 */
type LocaleContext = { locale?: Locale; origin?: string; messageCalls?: Set<string> };
const requestLocale = new AsyncLocalStorage<LocaleContext>();
overwriteServerAsyncLocalStorage(requestLocale);

const inLanguage: Handle = ({ event, resolve }) => {
	const locale = localeOfPath(event.url.pathname);
	const context = { locale, origin: event.url.origin, messageCalls: new Set<string>() };
	return requestLocale.run(context, () =>
		guardedHandle({
			event,
			resolve: (e, opts) =>
				resolve(e, { ...opts, transformPageChunk: ({ html }) => html.replace('%lang%', locale) })
		})
	);
};

/**
 * Session -> locals.user, then the /admin guard: anonymous visitors are sent to the login page (or refused
 * for non-GET requests), a role too low is refused. Every load, action and endpoint checks again with
 * requireRole; this is the first line, not the only one.
 */
const guardedHandle: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.sessionId = null;
	const malformed = malformedPath(event);
	if (malformed) return withSecurityHeaders(malformed, event.url);
	// Guards and policies by the route's own path: `/de/admin` is the workspace too.
	const path = delocalizePath(event.url.pathname);
	const admin = isUnder(path, route.admin());
	if (admin) {
		const token = event.cookies.get(SESSION_COOKIE);
		if (token) {
			const found = await validateSession(getSql(), token);
			if (found) {
				event.locals.user = found.session.user;
				event.locals.sessionId = found.session.id;
				if (found.renewedUntil)
					event.cookies.set(SESSION_COOKIE, token, cookieOptions(event.url, found.renewedUntil));
			} else event.cookies.delete(SESSION_COOKIE, { path: route.admin() });
		}
		const role = routeRole(path);
		if (role && !hasRole(event.locals.user, role)) {
			if (!event.locals.user) {
				if (event.request.method === 'GET' || event.request.method === 'HEAD') {
					const target = `${event.url.pathname}${event.url.search}`;
					redirect(303, route.adminLogin(target));
				}
				return new Response('Connexion requise', {
					status: 401,
					headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }
				});
			}
			// A role too low: refused here for anything but page views; a page view goes on to its load, whose
			// requireRole answers 403 inside the workspace's error page (an error thrown here would be shown by
			// the site's generic one).
			if (event.request.method !== 'GET' && event.request.method !== 'HEAD')
				error(403, 'Cette action est réservée aux administrateurs');
		}
	}
	// Keyed on the request's own URL: for a client navigation (/x/__data.json?x-sveltekit-invalidated=...)
	// SvelteKit gives the hook the page's URL in event.url, and the page's HTML must not answer it.
	const requested = new URL(event.request.url);
	if (!admin && isCacheableRequest(event.request, requested, SESSION_COOKIE))
		// The model read here names the cached page's version and is the one its loads read.
		return withOneReadModel(async () => {
			const served = await readModel(getSql());
			const cached = await cache().serve(
				event.request,
				cacheKey(event.request, requested),
				cacheGeneration(served.version),
				async () => withSecurityHeaders(await resolve(event), event.url)
			);
			return cached.response;
		});
	let response: Response;
	try {
		response = withSecurityHeaders(await resolve(event), event.url);
	} finally {
		// A form post may have queued mail (a contact message, a moderation decision): send it once the
		// request's own writes are done. Kicked before them, the sender could find nothing due (on PostgreSQL
		// every write is a round trip away) and the mail would wait for the next post.
		if (event.request.method !== 'GET' && event.request.method !== 'HEAD') kickOutbox();
	}
	if (admin) {
		// Pages of the workspace show drafts and accounts: never stored by a cache, never indexed.
		response.headers.set('cache-control', 'private, no-store');
		response.headers.set('x-robots-tag', 'noindex, nofollow');
	}
	return response;
};

/** The headers of security-headers.js, and the page's basemap hosts in its CSP (src/lib/server/csp.ts). */
function withSecurityHeaders(response: Response, url: URL): Response {
	for (const [name, value] of SECURITY_HEADERS) response.headers.set(name, value);
	const framed = framingAllowed(delocalizePath(url.pathname));
	if (framed) response.headers.delete('x-frame-options');
	const policy = response.headers.get('content-security-policy');
	if (policy) {
		const page = pagePolicy(policy, getEnv().PUBLIC_BASEMAP, url);
		response.headers.set('content-security-policy', framed ? framedByAnyone(page) : page);
	}
	return response;
}

export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status === 404) return { message: 'Page introuvable' };
	const id = crypto.randomUUID().slice(0, 8);
	if (isDiskFull(error)) {
		failedOnFullDisk.add(event.request);
		logDiskFull(event, error, id);
		return { message: DISK_FULL_MESSAGE, id, diskFull: true };
	}
	// The path goes in as an argument, never in the format string: `%f` in a URL would eat the error.
	console.error('[erreur %s] %s %s', id, event.request.method, event.url.pathname, error);
	return { message: status >= 500 ? 'Erreur interne du serveur' : message, id };
};
