import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { toolPage } from '$lib/server/funding';
import { getDb, getEnv } from '$lib/server/store';

export const load: PageServerLoad = ({ params }) => {
	const page = toolPage(getDb(), params.slug, getEnv().PUBLIC_SITE_URL);
	if (!page) error(404, 'Outil de financement introuvable');
	return page;
};
