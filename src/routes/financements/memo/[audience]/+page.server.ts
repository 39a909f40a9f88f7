import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { memoPage } from '$lib/server/funding';
import { getDb, getEnv } from '$lib/server/store';

export const load: PageServerLoad = ({ params }) => {
	const page = memoPage(getDb(), params.audience, getEnv().PUBLIC_SITE_URL);
	if (!page) error(404, 'Mémo introuvable : fiscalisees ou non-fiscalisees');
	return page;
};
