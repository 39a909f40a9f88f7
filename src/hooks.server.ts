import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { building } from '$app/environment';
import { initStore } from '$lib/server/store';

/** Open, migrate and seed the store once, before the first request. */
export const init: ServerInit = async () => {
	if (!building) initStore();
};

export const handle: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('x-content-type-options', 'nosniff');
	response.headers.set('referrer-policy', 'strict-origin-when-cross-origin');
	response.headers.set('x-frame-options', 'SAMEORIGIN');
	return response;
};

export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status === 404) return { message: 'Page introuvable' };
	const id = crypto.randomUUID().slice(0, 8);
	console.error(`[erreur ${id}] ${event.request.method} ${event.url.pathname}`, error);
	return { message: status >= 500 ? 'Erreur interne du serveur' : message, id };
};
