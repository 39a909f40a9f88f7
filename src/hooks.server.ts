import { error, redirect, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { building } from '$app/environment';
import { hasRole, routeRole } from '$lib/server/auth/guard';
import { SESSION_COOKIE, cookieOptions, validateSession } from '$lib/server/auth/session';
import { failInterruptedImports } from '$lib/server/db/admin';
import { deleteExpiredSessions } from '$lib/server/db/sessions';
import { kickOutbox, startMail } from '$lib/server/mail/scheduler';
import { getDb, initStore } from '$lib/server/store';

/** Open, migrate and seed the store once, before the first request. */
export const init: ServerInit = async () => {
	if (building) return;
	const db = initStore();
	const interrupted = failInterruptedImports(db);
	if (interrupted) console.log(`[import] ${interrupted} import(s) interrompu(s) marqué(s) en échec`);
	deleteExpiredSessions(db);
	startMail();
};

const isAdminPath = (path: string) => path === '/admin' || path.startsWith('/admin/');

/**
 * Session -> locals.user, then the /admin guard: anonymous visitors are sent to the login page (or refused
 * for non-GET requests), a role too low is refused. Every load, action and endpoint checks again with
 * requireRole; this is the first line, not the only one.
 */
export const handle: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.sessionId = null;
	const admin = isAdminPath(event.url.pathname);
	if (admin) {
		const token = event.cookies.get(SESSION_COOKIE);
		if (token) {
			const found = validateSession(getDb(), token);
			if (found) {
				event.locals.user = found.session.user;
				event.locals.sessionId = found.session.id;
				if (found.renewedUntil)
					event.cookies.set(SESSION_COOKIE, token, cookieOptions(event.url, found.renewedUntil));
			} else event.cookies.delete(SESSION_COOKIE, { path: '/admin' });
		}
		const role = routeRole(event.url.pathname);
		if (role && !hasRole(event.locals.user, role)) {
			if (!event.locals.user) {
				if (event.request.method === 'GET' || event.request.method === 'HEAD') {
					const target = `${event.url.pathname}${event.url.search}`;
					redirect(303, `/admin/connexion?redirectTo=${encodeURIComponent(target)}`);
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
	const response = await resolve(event);
	// A form post may have queued mail (a contact message, a moderation decision): send it after the request.
	if (event.request.method !== 'GET' && event.request.method !== 'HEAD') kickOutbox();
	response.headers.set('x-content-type-options', 'nosniff');
	response.headers.set('referrer-policy', 'strict-origin-when-cross-origin');
	response.headers.set('x-frame-options', 'SAMEORIGIN');
	if (admin) {
		// Pages of the workspace show drafts and accounts: never stored by a cache, never indexed.
		response.headers.set('cache-control', 'private, no-store');
		response.headers.set('x-robots-tag', 'noindex, nofollow');
	}
	return response;
};

export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status === 404) return { message: 'Page introuvable' };
	const id = crypto.randomUUID().slice(0, 8);
	console.error(`[erreur ${id}] ${event.request.method} ${event.url.pathname}`, error);
	return { message: status >= 500 ? 'Erreur interne du serveur' : message, id };
};
