import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { recordBySlug } from '$lib/domain/catalogue';
import { route } from '$lib/links';
import { getCatalogue } from '$lib/server/catalogue';
import { submitOffer } from '$lib/server/premises';
import { getSql } from '$lib/server/store';

async function placeOf(slug: string) {
	const place = recordBySlug(await getCatalogue(getSql()), 'place', slug);
	if (!place) error(404, 'Lieu introuvable');
	return place;
}

/** /lieux/<slug>/locaux: the form offering premises in a place (`?envoye=<reference>` once sent). */
export const load: PageServerLoad = async ({ params, url }) => {
	const place = await placeOf(params.slug);
	const sent = url.searchParams.get('envoye');
	return {
		place: { name: place.name, href: route.record(place) },
		sent: sent && /^ESS-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/.test(sent) ? sent : null
	};
};

export const actions: Actions = {
	default: async ({ params, request, getClientAddress }) => {
		const place = await placeOf(params.slug);
		const outcome = await submitOffer(place, request, { sql: getSql(), clientAddress: getClientAddress() });
		if (!outcome.ok) return fail(outcome.status, { errors: outcome.errors, values: outcome.values });
		redirect(303, route.placePremises(place, { envoye: outcome.reference }));
	}
};
