import type { PageServerLoad } from './$types';
import { explorerPageData } from '$lib/server/map';
import { getEnv, getSql } from '$lib/server/store';

export const load: PageServerLoad = async ({ url }) => ({
	explorer: await explorerPageData(getSql(), url, getEnv().PUBLIC_BASEMAP)
});
