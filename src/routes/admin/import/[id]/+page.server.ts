import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import {
	importPage,
	mappingFromForm,
	optionsFromForm,
	startApply,
	startDryRun
} from '$lib/server/admin/import';
import { getSql } from '$lib/server/store';
import { route } from '$lib/links';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireRole(locals, 'editor');
	const page = await importPage(getSql(), params.id, url);
	if (!page) error(404, 'Cet import n’existe pas.');
	return page;
};

export const actions: Actions = {
	plan: async ({ locals, params, request }) => {
		const user = requireRole(locals, 'editor');
		const form = await request.formData();
		const columns = Math.min(200, Math.max(0, Number(form.get('columns')) || 0));
		const mapping = mappingFromForm(form, columns);
		const options = optionsFromForm(form, mapping);
		const result = await startDryRun(getSql(), params.id, mapping, options, user);
		// What was chosen is shown again with the message, so nothing typed is lost.
		if (!result.ok) return fail(400, { message: result.message, posted: { mapping, options } });
		redirect(303, route.adminImport(params.id));
	},
	apply: async ({ locals, params }) => {
		const user = requireRole(locals, 'editor');
		const result = await startApply(getSql(), params.id, user);
		if (!result.ok) return fail(400, { message: result.message });
		redirect(303, route.adminImport(params.id));
	},
	applyValid: async ({ locals, params, request }) => {
		const user = requireRole(locals, 'editor');
		const form = await request.formData();
		if (form.get('confirm') !== 'on')
			return fail(400, {
				message:
					'Cochez la case « Ignorer les lignes en erreur » pour confirmer que ces lignes ne seront pas importées.'
			});
		const result = await startApply(getSql(), params.id, user, { skipErrors: true });
		if (!result.ok) return fail(400, { message: result.message });
		redirect(303, route.adminImport(params.id));
	}
};
