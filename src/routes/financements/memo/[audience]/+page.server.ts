import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { memoPage } from '$lib/pages/funding';
import { getCatalogue } from '$lib/server/catalogue';
import { getEnv, getSql } from '$lib/server/store';

export const load: PageServerLoad = async ({ params }) => {
	const page = memoPage(await getCatalogue(getSql()), params.audience, getEnv().PUBLIC_SITE_URL);
	if (!page) error(404, 'Mémo introuvable : fiscalisees ou non-fiscalisees');
	return page;
};
