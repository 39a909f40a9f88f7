import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { SESSION_COOKIE, endSession } from '$lib/server/auth/session';
import { getSql } from '$lib/server/store';
import { route } from '$lib/links';

export const load: PageServerLoad = ({ locals }) => {
	requireRole(locals, 'editor');
	return {};
};

/** Logout is a POST (a link could be triggered by another site); the session row is deleted, not just the cookie. */
export const actions: Actions = {
	default: async ({ locals, cookies }) => {
		requireRole(locals, 'editor');
		if (locals.sessionId) await endSession(getSql(), locals.sessionId);
		cookies.delete(SESSION_COOKIE, { path: route.admin() });
		redirect(303, route.adminLogin());
	}
};
