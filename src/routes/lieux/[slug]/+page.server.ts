import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { placePage } from '$lib/pages/places';
import { getCatalogue } from '$lib/server/catalogue';
import { shownOffersByPlace } from '$lib/server/premises';
import { getEnv, getSql } from '$lib/server/store';

export const load: PageServerLoad = async ({ params, setHeaders }) => {
	const now = new Date();
	const page = placePage(
		await getCatalogue(getSql()),
		params.slug,
		getEnv().PUBLIC_SITE_URL,
		now,
		await shownOffersByPlace(getSql(), now)
	);
	if (!page) error(404, 'Lieu introuvable');
	// « Ouvert maintenant » changes with the clock: the page cache must not keep it.
	setHeaders({ 'cache-control': 'no-cache' });
	return page;
};
