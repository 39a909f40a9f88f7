import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { approveProposal, proposalView, rejectProposal } from '$lib/server/admin/moderation';
import { getSql } from '$lib/server/store';
import { route } from '$lib/links';

export const load: PageServerLoad = async ({ locals, params }) => {
	requireRole(locals, 'editor');
	const view = await proposalView(getSql(), params.id);
	if (!view) error(404, 'Cette proposition n’existe pas.');
	return { view };
};

export const actions: Actions = {
	approve: async ({ locals, params, request }) => {
		const user = requireRole(locals, 'editor');
		const form = await request.formData();
		const raw = form.get('version');
		const version = raw === null || raw === '' ? undefined : Number(raw);
		const result = await approveProposal(getSql(), params.id, version, user);
		if (!result.ok) return fail(409, { message: result.message, field: null });
		redirect(303, route.adminProposal(params.id, { approuvee: true }));
	},
	reject: async ({ locals, params, request }) => {
		const user = requireRole(locals, 'editor');
		const form = await request.formData();
		const reason = form.get('reason');
		const result = await rejectProposal(getSql(), params.id, typeof reason === 'string' ? reason : '', user);
		if (!result.ok) return fail(400, { message: result.message, field: result.field ?? null, reason });
		redirect(303, route.adminProposal(params.id, { refusee: true }));
	}
};
