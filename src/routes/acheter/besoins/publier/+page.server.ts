import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { todayIso } from '$lib/domain/today';
import { route } from '$lib/links';
import { needFormOptions, needPlaces } from '$lib/pages/needs';
import { getCatalogue } from '$lib/server/catalogue';
import { submitNeed } from '$lib/server/needs';
import { getSql } from '$lib/server/store';

/** /acheter/besoins/publier: a buyer describes a need, without an account; it waits for moderation. */
export const load: PageServerLoad = async () => ({
	...needFormOptions(await getCatalogue(getSql())),
	today: todayIso()
});

export const actions: Actions = {
	default: async ({ request, getClientAddress }) => {
		const outcome = await submitNeed(
			request,
			{ sql: getSql(), clientAddress: getClientAddress() },
			needPlaces(await getCatalogue(getSql())),
			todayIso()
		);
		// A robot filled the trap: it sees the same answer as a person, nothing is stored.
		if (outcome.ok === 'honeypot') redirect(303, route.acheterNeeds({ publie: true }));
		if (!outcome.ok) return fail(outcome.status, { errors: outcome.errors, values: outcome.values });
		redirect(303, route.acheterNeedFollow(outcome.token, { nouveau: true }));
	}
};
