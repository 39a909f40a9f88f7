import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { todayIso } from '$lib/domain/today';
import { route } from '$lib/links';
import { needFormOptions, needSummary } from '$lib/pages/needs';
import { getCatalogue } from '$lib/server/catalogue';
import { archiveExpired, getNeed, submitInterest } from '$lib/server/needs';
import { getSql } from '$lib/server/store';

/** One published need, its matching suppliers, and the form a supplier answers it with. */
export const load: PageServerLoad = async ({ params, url, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	const sql = getSql();
	await archiveExpired(sql, todayIso());
	const need = await getNeed(sql, params.id);
	if (!need || need.status === 'pending' || need.status === 'rejected') error(404, 'Besoin introuvable');
	if (need.status !== 'open') error(410, 'Ce besoin est clos : il ne reçoit plus de réponses.');
	const c = await getCatalogue(getSql());
	return {
		need: needSummary(c, need.id, need.data, need.status, 10),
		// The codes beside the French words, for the page to write them in the reader's language.
		codes: { activite: need.data.activite, base: need.data.base, echeance: need.data.echeance },
		labels: needFormOptions(c).interestLabels,
		thanks: url.searchParams.has('merci'),
		back: route.acheterNeeds()
	};
};

export const actions: Actions = {
	default: async ({ params, request, getClientAddress }) => {
		const outcome = await submitInterest(
			request,
			{ sql: getSql(), clientAddress: getClientAddress() },
			params.id,
			todayIso()
		);
		if (outcome.ok === 'honeypot' || outcome.ok) redirect(303, route.acheterNeed(params.id, { merci: true }));
		return fail(outcome.status, { errors: outcome.errors, values: outcome.values });
	}
};
