import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { changeTarget, proposalDeps, submitChangeProposal } from '$lib/server/proposals';
import { getSql } from '$lib/server/store';
import { route } from '$lib/links';
import { localeOfPath } from '$lib/i18n/paths';

const NOT_FOUND = 'Cette fiche n’existe pas ou n’est pas publiée : revenez à la fiche et réessayez.';

export const load: PageServerLoad = async ({ url }) => {
	const target = await changeTarget(getSql(), url.searchParams.get('fiche'));
	if (!target) error(404, NOT_FOUND);
	return { target: target.summary };
};

export const actions: Actions = {
	default: async ({ request, url, getClientAddress }) => {
		const target = await changeTarget(getSql(), url.searchParams.get('fiche'));
		if (!target) error(404, NOT_FOUND);
		const outcome = await submitChangeProposal(
			target.record,
			request,
			proposalDeps(getClientAddress(), localeOfPath(url.pathname))
		);
		if (!outcome.ok) return fail(outcome.status, { errors: outcome.errors, values: outcome.values });
		redirect(303, route.proposalThanks(outcome.reference));
	}
};
