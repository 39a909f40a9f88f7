import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formDataToRaw } from '$lib/io/record-form';
import { requireRole } from '$lib/server/auth/guard';
import { editPage, geocodeRecordForm } from '$lib/server/admin/forms';
import {
	markVerified,
	overwriteAfterConflict,
	saveFromForm,
	setStatus,
	type SaveResult
} from '$lib/server/admin/records';
import { proposalView } from '$lib/server/admin/moderation';
import { getEnv, getSql } from '$lib/server/store';
import { route } from '$lib/links';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireRole(locals, 'editor');
	// The moderation still reads through the synchronous connection.
	const page = await editPage(getSql(), params.id, url.searchParams.get('proposition'), (id) =>
		proposalView(getSql(), id)
	);
	if (!page) error(404, 'Cette fiche n’existe pas.');
	return page;
};

const version = (form: FormData) => {
	const n = Number(form.get('version'));
	return Number.isInteger(n) && n > 0 ? n : 0;
};

/** The proposal a form approves ("Modifier puis approuver"), kept through every error and conflict. */
const proposalOf = (form: FormData) => String(form.get('proposal') ?? '') || undefined;

/**
 * A save's outcome as the page expects it: redirect on success, 400 with errors, 409 with both versions.
 * The proposal being approved, if any, comes back with the errors so the page keeps approving it.
 */
function respond(
	result: SaveResult,
	id: string,
	done: 'enregistree' | 'statut' | 'verifiee',
	proposalId?: string
) {
	const proposal = proposalId ? { id: proposalId } : null;
	if (result.ok) redirect(303, route.adminRecord(id, { [done]: result.version, proposition: proposalId }));
	if (result.kind === 'missing') error(404, 'Cette fiche n’existe pas.');
	if (result.kind === 'conflict')
		return fail(409, { conflict: result.conflict, form: result.form, errors: {}, proposal });
	return fail(400, { errors: result.errors, form: result.form, conflict: null, proposal });
}

export const actions: Actions = {
	save: async ({ locals, params, request }) => {
		const user = requireRole(locals, 'editor');
		const form = await request.formData();
		const proposalId = proposalOf(form);
		const result = await saveFromForm(getSql(), params.id, formDataToRaw(form), version(form), user, {
			proposalId
		});
		if (result.ok && proposalId) redirect(303, route.adminProposal(proposalId, { approuvee: true }));
		return respond(result, params.id, 'enregistree', proposalId);
	},
	overwrite: async ({ locals, params, request }) => {
		const user = requireRole(locals, 'editor');
		const form = await request.formData();
		const proposalId = proposalOf(form);
		const result = await overwriteAfterConflict(
			getSql(),
			params.id,
			String(form.get('mine') ?? ''),
			version(form),
			user,
			{ proposalId }
		);
		if (result.ok && proposalId) redirect(303, route.adminProposal(proposalId, { approuvee: true }));
		return respond(result, params.id, 'enregistree', proposalId);
	},
	status: async ({ locals, params, request, url }) => {
		const user = requireRole(locals, 'editor');
		const form = await request.formData();
		const status = String(form.get('status'));
		if (status !== 'published' && status !== 'draft' && status !== 'archived')
			return fail(400, { errors: { _form: 'statut inconnu' }, form: null, conflict: null, proposal: null });
		return respond(
			await setStatus(getSql(), params.id, status, version(form), user),
			params.id,
			'statut',
			url.searchParams.get('proposition') ?? undefined
		);
	},
	verify: async ({ locals, params, request, url }) => {
		const user = requireRole(locals, 'editor');
		const form = await request.formData();
		return respond(
			await markVerified(getSql(), params.id, version(form), user),
			params.id,
			'verifiee',
			url.searchParams.get('proposition') ?? undefined
		);
	},
	geocode: async ({ locals, params, request }) => {
		requireRole(locals, 'editor');
		const form = await request.formData();
		const proposalId = proposalOf(form);
		const out = await geocodeRecordForm(getSql(), params.id, formDataToRaw(form), getEnv().GEOCODER_URL);
		if (!out) error(404, 'Cette fiche n’existe pas.');
		return {
			form: out.form,
			geocode: { found: out.found, message: out.message },
			errors: {},
			conflict: null,
			proposal: proposalId ? { id: proposalId } : null
		};
	}
};
