import type { PageServerLoad } from './$types';
import { explorerPageData } from '$lib/server/map';
import { getEnv, getSql } from '$lib/server/store';

/** The same data as /carte, from the same parameters; `affichage` picks the panes shown. */
export const load: PageServerLoad = async ({ url }) => {
	const display = url.searchParams.get('affichage');
	return {
		explorer: await explorerPageData(getSql(), url, getEnv().PUBLIC_BASEMAP),
		display: display === 'carte' || display === 'liste' ? display : 'les-deux'
	};
};
