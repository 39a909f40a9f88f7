import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { placePage } from '$lib/pages/places';
import { getCatalogue } from '$lib/server/catalogue';
import { shownOffersByPlace } from '$lib/server/premises';
import { getDb, getEnv } from '$lib/server/store';

export const load: PageServerLoad = ({ params, setHeaders }) => {
	const db = getDb();
	const now = new Date();
	const page = placePage(
		getCatalogue(db),
		params.slug,
		getEnv().PUBLIC_SITE_URL,
		now,
		shownOffersByPlace(db, now)
	);
	if (!page) error(404, 'Lieu introuvable');
	// « Ouvert maintenant » changes with the clock: the page cache must not keep it.
	setHeaders({ 'cache-control': 'no-cache' });
	return page;
};
