import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { newProposalPage, proposalDeps, submitNewProposal } from '$lib/server/proposals';
import { getSql } from '$lib/server/store';
import { route } from '$lib/links';
import { localeOfPath } from '$lib/i18n/paths';

/** /proposer/initiative and /proposer/structure: the same page, with the form of its kind of record. */
export const load: PageServerLoad = ({ params, url }) =>
	newProposalPage(getSql(), params.kind, url.searchParams.get('zone'));

export const actions: Actions = {
	default: async ({ params, request, url, getClientAddress }) => {
		const outcome = await submitNewProposal(
			params.kind,
			request,
			proposalDeps(getClientAddress(), localeOfPath(url.pathname))
		);
		if (!outcome.ok) return fail(outcome.status, { errors: outcome.errors, values: outcome.values });
		redirect(303, route.proposalThanks(outcome.reference));
	}
};
