import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { contactDeps, contactPage, submitContact } from '$lib/server/contact';
import { mailConfigured } from '$lib/server/env';
import { getCatalogue } from '$lib/server/catalogue';
import { getEnv, getSql } from '$lib/server/store';
import { route } from '$lib/links';
import { localeOfPath } from '$lib/i18n/paths';

/** /contacter/<record id>: a message to a published record's people (or to the team, who forwards it). */
export const load: PageServerLoad = async ({ params }) => {
	const page = contactPage(await getCatalogue(getSql()), params.id, mailConfigured(getEnv()));
	if (!page) error(404, 'Fiche introuvable');
	return page;
};

export const actions: Actions = {
	default: async ({ params, request, url, getClientAddress }) => {
		const outcome = await submitContact(
			params.id,
			request,
			await contactDeps(getClientAddress(), localeOfPath(url.pathname))
		);
		if (!outcome.ok) return fail(outcome.status, { errors: outcome.errors, values: outcome.values });
		redirect(303, route.contactSent({ id: params.id }));
	}
};
