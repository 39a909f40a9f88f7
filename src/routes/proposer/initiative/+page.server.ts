import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { newProposalPage, proposalDeps, submitNewProposal } from '$lib/server/proposals';
import { getDb } from '$lib/server/store';

export const load: PageServerLoad = ({ url }) =>
	newProposalPage(getDb(), 'initiative', url.searchParams.get('zone'));

export const actions: Actions = {
	default: async ({ request, getClientAddress }) => {
		const outcome = await submitNewProposal('initiative', request, proposalDeps(getClientAddress()));
		if (!outcome.ok) return fail(outcome.status, { errors: outcome.errors, values: outcome.values });
		redirect(303, `/proposer/merci/${outcome.reference}`);
	}
};
