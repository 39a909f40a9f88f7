import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { organisationPage } from '$lib/server/directory';
import { getDb, getEnv } from '$lib/server/store';

export const load: PageServerLoad = ({ params }) => {
	const page = organisationPage(getDb(), params.slug, getEnv().PUBLIC_SITE_URL);
	if (!page) error(404, 'Structure introuvable');
	return page;
};
