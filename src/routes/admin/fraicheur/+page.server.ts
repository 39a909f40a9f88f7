import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { staleList } from '$lib/server/admin/pages';
import { markVerified } from '$lib/server/admin/records';
import { getSql } from '$lib/server/store';
import { route } from '$lib/links';

export const load: PageServerLoad = ({ locals }) => {
	requireRole(locals, 'editor');
	return staleList(getSql());
};

export const actions: Actions = {
	verify: async ({ locals, request }) => {
		const user = requireRole(locals, 'editor');
		const form = await request.formData();
		const id = String(form.get('id') ?? '');
		const version = Number(form.get('version'));
		const result = await markVerified(getSql(), id, version, user);
		if (result.ok) redirect(303, route.adminFreshness({ verifiee: id }));
		if (result.kind === 'conflict')
			return fail(409, {
				message: 'Cette fiche a été modifiée entre-temps : ouvrez-la pour la vérifier.',
				id
			});
		return fail(404, { message: 'Fiche introuvable.', id });
	}
};
