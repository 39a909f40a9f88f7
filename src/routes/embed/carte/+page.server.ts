import type { PageServerLoad } from './$types';
import { explorerPageData } from '$lib/server/map';
import { getDb, getEnv } from '$lib/server/store';

/** The same data as /carte, from the same parameters; `affichage` picks the panes shown. */
export const load: PageServerLoad = ({ url }) => {
	const display = url.searchParams.get('affichage');
	return {
		explorer: explorerPageData(getDb(), url, getEnv().PUBLIC_BASEMAP),
		display: display === 'carte' || display === 'liste' ? display : 'les-deux'
	};
};
