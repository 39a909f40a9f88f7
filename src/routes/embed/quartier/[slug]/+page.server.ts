import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { embedQuartierPage } from '$lib/pages/embed';
import { getCatalogue } from '$lib/server/catalogue';
import { getEnv, getSql } from '$lib/server/store';

export const load: PageServerLoad = async ({ params }) => {
	const page = embedQuartierPage(await getCatalogue(getSql()), params.slug, getEnv().PUBLIC_SITE_URL);
	if (!page) error(404, 'Quartier ou commune introuvable');
	return page;
};
