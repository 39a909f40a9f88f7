import type { PageServerLoad } from './$types';
import { annuairePage } from '$lib/pages/annuaire';
import { getCatalogue } from '$lib/server/catalogue';
import { searchIndexes } from '$lib/server/search-index';
import { getDb, getEnv } from '$lib/server/store';

export const load: PageServerLoad = ({ url }) => {
	const catalogue = getCatalogue(getDb());
	const { full, manifest } = searchIndexes(catalogue);
	return annuairePage(catalogue, url, {
		search: full,
		indexUrl: manifest.quick.url,
		siteUrl: getEnv().PUBLIC_SITE_URL
	});
};
