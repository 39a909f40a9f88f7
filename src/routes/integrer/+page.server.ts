import type { PageServerLoad } from './$types';
import { integratePage } from '$lib/pages/embed';
import { getCatalogue } from '$lib/server/catalogue';
import { getDb, getEnv } from '$lib/server/store';

export const load: PageServerLoad = ({ url }) =>
	integratePage(getCatalogue(getDb()), url.searchParams, getEnv().PUBLIC_SITE_URL);
