import type { PageServerLoad } from './$types';
import { placesPage } from '$lib/pages/places';
import { getCatalogue } from '$lib/server/catalogue';
import { shownOffersByPlace } from '$lib/server/premises';
import { getDb } from '$lib/server/store';

export const load: PageServerLoad = ({ url, setHeaders }) => {
	// « Ouvert maintenant » changes with the clock: the page cache must not keep it.
	setHeaders({ 'cache-control': 'no-cache' });
	const db = getDb();
	const now = new Date();
	return placesPage(getCatalogue(db), url, now, shownOffersByPlace(db, now));
};
