import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { embedQuartierPage } from '$lib/pages/embed';
import { getCatalogue } from '$lib/server/catalogue';
import { getDb, getEnv } from '$lib/server/store';

export const load: PageServerLoad = ({ params }) => {
	const page = embedQuartierPage(getCatalogue(getDb()), params.slug, getEnv().PUBLIC_SITE_URL);
	if (!page) error(404, 'Quartier ou commune introuvable');
	return page;
};
