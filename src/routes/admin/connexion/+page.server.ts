import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { safeRedirect } from '$lib/server/auth/guard';
import { attemptLogin } from '$lib/server/auth/login';
import { LoginLimiter } from '$lib/server/auth/rate-limit';
import { SESSION_COOKIE, cookieOptions } from '$lib/server/auth/session';
import { getSql } from '$lib/server/store';

// The counts live in the database (see rate-limit.ts); the limiter only holds the way to them.
let limiter: LoginLimiter | undefined;
function loginLimiter(): LoginLimiter {
	if (!limiter) {
		const created = new LoginLimiter(getSql());
		setInterval(() => {
			created.prune().catch((e: Error) => console.error(`[connexion] purge des échecs : ${e.message}`));
		}, 10 * 60_000).unref();
		limiter = created;
	}
	return limiter;
}

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeRedirect(url.searchParams.get('redirectTo')));
	return { redirectTo: safeRedirect(url.searchParams.get('redirectTo')) };
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		const form = await request.formData();
		const email = String(form.get('email') ?? '');
		const outcome = await attemptLogin(
			getSql(),
			loginLimiter(),
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
