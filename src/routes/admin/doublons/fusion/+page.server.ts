import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { mergeDuplicates, mergePreview } from '$lib/server/admin/duplicates';
import { getSql } from '$lib/server/store';
import { route } from '$lib/links';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireRole(locals, 'editor');
	const q = url.searchParams;
	const preview = await mergePreview(getSql(), q.get('a') ?? '', q.get('b') ?? '', q.get('garder'));
	if (!preview) error(404, 'Ces fiches n’existent pas, ou c’est deux fois la même.');
	return { preview };
};

const ID = /^[a-z0-9][a-z0-9-]{1,79}$/;

export const actions: Actions = {
	/** The confirmed merge, over the versions the page showed (a change since then writes nothing). */
	merge: async ({ locals, request }) => {
		const user = requireRole(locals, 'editor');
		const form = await request.formData();
		const keep = String(form.get('keep') ?? '');
		const drop = String(form.get('drop') ?? '');
		if (!ID.test(keep) || !ID.test(drop) || keep === drop)
			return fail(400, { message: 'choisissez la fiche à garder' });
		const versions = { keep: Number(form.get('keepVersion')), drop: Number(form.get('dropVersion')) };
		const result = await mergeDuplicates(getSql(), keep, drop, versions, user);
		if (!result.ok)
			return fail(409, {
				message: `${result.message}${
					result.errors
						? ` (${Object.entries(result.errors)
								.map(([k, v]) => `${k} : ${v}`)
								.join(' ; ')})`
						: ''
				}`
			});
		redirect(303, route.adminDuplicates({ fusion: keep }));
	}
};
