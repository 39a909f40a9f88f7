import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { todayIso } from '$lib/domain/today';
import { route } from '$lib/links';
import { needSummary } from '$lib/pages/needs';
import { requireRole } from '$lib/server/auth/guard';
import { getCatalogue } from '$lib/server/catalogue';
import { listPendingNeeds, moderateNeed } from '$lib/server/needs';
import { getSql } from '$lib/server/store';

/** Buyers' needs waiting for moderation: published or refused, with a note for the buyer. */
export const load: PageServerLoad = async ({ locals, url }) => {
	requireRole(locals, 'editor');
	const pending = await listPendingNeeds(getSql(), todayIso());
	const c = await getCatalogue(getSql());
	return {
		needs: pending.map((n) => ({
			...needSummary(c, n.id, n.data, n.status),
			email: n.data.email,
			received: n.createdAt.slice(0, 10)
		})),
		done: url.searchParams.has('traite')
	};
};

async function decide(locals: App.Locals, request: Request, decision: 'approve' | 'reject') {
	const user = requireRole(locals, 'editor');
	const form = await request.formData();
	const id = String(form.get('id') ?? '');
	const note =
		String(form.get('note') ?? '')
			.trim()
			.slice(0, 500) || undefined;
	const r = await moderateNeed(getSql(), id, decision, user.name, note);
	if (!r.ok) return fail(r.status, { message: r.message, id });
	redirect(303, route.adminNeeds({ traite: true }));
}

export const actions: Actions = {
	publier: ({ locals, request }) => decide(locals, request, 'approve'),
	refuser: ({ locals, request }) => decide(locals, request, 'reject')
};
