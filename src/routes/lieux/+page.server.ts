import type { PageServerLoad } from './$types';
import { placesPage } from '$lib/pages/places';
import { getCatalogue } from '$lib/server/catalogue';
import { shownOffersByPlace } from '$lib/server/premises';
import { getSql } from '$lib/server/store';

export const load: PageServerLoad = async ({ url, setHeaders }) => {
	// « Ouvert maintenant » changes with the clock: the page cache must not keep it.
	setHeaders({ 'cache-control': 'no-cache' });
	const now = new Date();
	return placesPage(await getCatalogue(getSql()), url, now, await shownOffersByPlace(getSql(), now));
};
