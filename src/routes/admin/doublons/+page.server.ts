import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { dismissPair, duplicateList } from '$lib/server/admin/duplicates';
import { getSql } from '$lib/server/store';
import { route } from '$lib/links';

export const load: PageServerLoad = async ({ locals }) => {
	requireRole(locals, 'editor');
	return { pairs: await duplicateList(getSql()) };
};

const ID = /^[a-z0-9][a-z0-9-]{1,79}$/;

export const actions: Actions = {
	/** « Fusionner » opens the merge's confirmation page: nothing is written before it is confirmed there. */
	merge: async ({ locals, request }) => {
		requireRole(locals, 'editor');
		const form = await request.formData();
		const a = String(form.get('a') ?? '');
		const b = String(form.get('b') ?? '');
		const keep = String(form.get('keep') ?? '');
		if (!ID.test(a) || !ID.test(b) || (keep !== a && keep !== b))
			return fail(400, { message: 'choisissez la fiche à garder' });
		redirect(303, route.adminMergePreview(a, b, keep));
	},
	dismiss: async ({ locals, request }) => {
		const user = requireRole(locals, 'editor');
		const form = await request.formData();
		const a = String(form.get('a') ?? '');
		const b = String(form.get('b') ?? '');
		if (!ID.test(a) || !ID.test(b) || !(await dismissPair(getSql(), a, b, user)))
			return fail(400, { message: 'fiches introuvables' });
		redirect(303, route.adminDuplicates({ ecarte: true }));
	}
};
