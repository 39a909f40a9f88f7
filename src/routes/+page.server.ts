import type { PageServerLoad } from './$types';
import { explorerPageData } from '$lib/server/map';
import { getDb, getEnv } from '$lib/server/store';

export const load: PageServerLoad = ({ url }) => ({
	explorer: explorerPageData(getDb(), url, getEnv().PUBLIC_BASEMAP)
});
