import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { placePage } from '$lib/pages/places';
import { getCatalogue } from '$lib/server/catalogue';
import { getDb, getEnv } from '$lib/server/store';

export const load: PageServerLoad = ({ params, setHeaders }) => {
	const page = placePage(getCatalogue(getDb()), params.slug, getEnv().PUBLIC_SITE_URL);
	if (!page) error(404, 'Lieu introuvable');
	// « Ouvert maintenant » changes with the clock: the page cache must not keep it.
	setHeaders({ 'cache-control': 'no-cache' });
	return page;
};
