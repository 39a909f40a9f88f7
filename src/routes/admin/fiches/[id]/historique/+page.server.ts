import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { historyPage } from '$lib/server/admin/forms';
import { restoreVersion } from '$lib/server/admin/records';
import { getSql } from '$lib/server/store';
import { route } from '$lib/links';

export const load: PageServerLoad = async ({ locals, params }) => {
	requireRole(locals, 'editor');
	const page = await historyPage(getSql(), params.id);
	if (!page) error(404, 'Cette fiche n’existe pas.');
	return page;
};

export const actions: Actions = {
	restore: async ({ locals, params, request }) => {
		const user = requireRole(locals, 'editor');
		const form = await request.formData();
		const target = Number(form.get('restore'));
		const expected = Number(form.get('version'));
		if (!Number.isInteger(target) || !Number.isInteger(expected))
			return fail(400, { message: 'version à restaurer illisible' });
		const result = await restoreVersion(getSql(), params.id, target, expected, user);
		if (result.ok) redirect(303, route.adminRecordHistory(params.id, { restauree: target }));
		if (result.kind === 'missing') error(404, 'Cette version n’existe pas.');
		if (result.kind === 'conflict')
			return fail(409, {
				message: `La fiche a été modifiée entre-temps (version ${result.conflict.theirs.version}) : rien n’a été restauré. Relisez l’historique puis recommencez.`
			});
		if (result.kind === 'invalid-old')
			return fail(400, {
				message: `Cette version ne respecte plus les règles actuelles (${Object.entries(result.errors)
					.map(([k, v]) => `${k} : ${v}`)
					.join(' ; ')}) : restaurez-la à la main depuis le formulaire.`
			});
		return fail(400, { message: Object.values(result.errors).join(' ; ') });
	}
};
