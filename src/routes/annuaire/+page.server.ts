import type { PageServerLoad } from './$types';
import { annuairePage } from '$lib/pages/annuaire';
import { getCatalogue } from '$lib/server/catalogue';
import { searchIndexes } from '$lib/server/search-index';
import { getEnv, getSql } from '$lib/server/store';

export const load: PageServerLoad = async ({ url }) => {
	const catalogue = await getCatalogue(getSql());
	const { full, manifest } = searchIndexes(catalogue);
	return annuairePage(catalogue, url, {
		search: full,
		indexUrl: manifest.quick.url,
		siteUrl: getEnv().PUBLIC_SITE_URL
	});
};
