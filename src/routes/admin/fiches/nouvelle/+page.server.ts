import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formDataToRaw } from '$lib/io/record-form';
import { requireRole } from '$lib/server/auth/guard';
import { createPage, geocodeForm, parseKind } from '$lib/server/admin/forms';
import { createFromForm } from '$lib/server/admin/records';
import { proposalView } from '$lib/server/admin/moderation';
import { getEnv, getSql } from '$lib/server/store';
import { route } from '$lib/links';

export const load: PageServerLoad = ({ locals, url }) => {
	requireRole(locals, 'editor');
	// The moderation still reads through the synchronous connection.
	return createPage(getSql(), url.searchParams.get('type'), url.searchParams.get('proposition'), (id, now) =>
		proposalView(getSql(), id, now)
	);
};

/** The kind and the proposal a post was made for: the page shows them again whatever its URL says. */
function context(form: FormData) {
	const proposalId = String(form.get('proposal') ?? '') || undefined;
	return { kind: parseKind(String(form.get('kind'))), proposal: proposalId ? { id: proposalId } : null };
}

export const actions: Actions = {
	create: async ({ locals, request }) => {
		const user = requireRole(locals, 'editor');
		const form = await request.formData();
		const { kind, proposal } = context(form);
		const result = await createFromForm(getSql(), kind, formDataToRaw(form), user, {
			proposalId: proposal?.id
		});
		if (!result.ok) return fail(400, { errors: result.errors, form: result.form, kind, proposal });
		if (proposal) redirect(303, route.adminProposal(proposal.id, { approuvee: true }));
		redirect(303, route.adminRecord(result.id, { enregistree: 1 }));
	},
	geocode: async ({ locals, request }) => {
		requireRole(locals, 'editor');
		const form = await request.formData();
		const { kind, proposal } = context(form);
		const out = await geocodeForm(getSql(), kind, formDataToRaw(form), getEnv().GEOCODER_URL);
		return {
			form: out.form,
			geocode: { found: out.found, message: out.message },
			errors: {},
			kind,
			proposal
		};
	}
};
