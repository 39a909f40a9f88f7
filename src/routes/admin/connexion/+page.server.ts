import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { safeRedirect } from '$lib/server/auth/guard';
import { attemptLogin } from '$lib/server/auth/login';
import { LoginLimiter } from '$lib/server/auth/rate-limit';
import { SESSION_COOKIE, cookieOptions } from '$lib/server/auth/session';
import { getDb } from '$lib/server/store';

// One limiter for the process: counts survive between requests, not restarts (see rate-limit.ts).
const limiter = new LoginLimiter();
setInterval(() => limiter.prune(), 10 * 60_000).unref();

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeRedirect(url.searchParams.get('redirectTo')));
	return { redirectTo: safeRedirect(url.searchParams.get('redirectTo')) };
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		const form = await request.formData();
		const email = String(form.get('email') ?? '');
		const outcome = await attemptLogin(
			getDb(),
			limiter,
			{ email, password: form.get('password') ?? '' },
			getClientAddress()
		);
		if (!outcome.ok)
			return fail(outcome.status, {
				email: email.slice(0, 254),
				message: outcome.message,
				errors: outcome.errors ?? {}
			});
		cookies.set(SESSION_COOKIE, outcome.token, cookieOptions(url, outcome.expiresAt));
		redirect(303, safeRedirect(String(form.get('redirectTo') ?? '')));
	}
};
