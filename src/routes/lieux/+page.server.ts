import type { PageServerLoad } from './$types';
import { placesPage } from '$lib/pages/places';
import { getCatalogue } from '$lib/server/catalogue';
import { getDb } from '$lib/server/store';

export const load: PageServerLoad = ({ url, setHeaders }) => {
	// « Ouvert maintenant » changes with the clock: the page cache must not keep it.
	setHeaders({ 'cache-control': 'no-cache' });
	return placesPage(getCatalogue(getDb()), url);
};
