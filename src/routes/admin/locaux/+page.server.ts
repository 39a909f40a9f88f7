import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { offersWorkspace, publishOffer, rejectOffer } from '$lib/server/premises';
import { getSql } from '$lib/server/store';
import { route } from '$lib/links';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireRole(locals, 'editor');
	const decision = url.searchParams.get('decision');
	return {
		...(await offersWorkspace(getSql())),
		decision: decision === 'publiee' || decision === 'refusee' ? decision : null
	};
};

const idOf = (form: FormData) => {
	const id = form.get('id');
	return typeof id === 'string' ? id : '';
};

export const actions: Actions = {
	publish: async ({ locals, request }) => {
		const user = requireRole(locals, 'editor');
		const form = await request.formData();
		const id = idOf(form);
		const result = await publishOffer(getSql(), id, user);
		if (!result.ok) return fail(409, { id, message: result.message, reason: '' });
		redirect(303, route.adminPremises('publiee'));
	},
	reject: async ({ locals, request }) => {
		const user = requireRole(locals, 'editor');
		const form = await request.formData();
		const id = idOf(form);
		const reason = form.get('reason');
		const result = await rejectOffer(getSql(), id, typeof reason === 'string' ? reason : '', user);
		if (!result.ok)
			return fail(400, { id, message: result.message, reason: typeof reason === 'string' ? reason : '' });
		redirect(303, route.adminPremises('refusee'));
	}
};
