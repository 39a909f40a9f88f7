import type { PageServerLoad } from './$types';
import { createPage } from '$lib/pages/create';
import { getCatalogue } from '$lib/server/catalogue';
import { getDb, getEnv } from '$lib/server/store';

export const load: PageServerLoad = ({ url }) =>
	createPage(getCatalogue(getDb()), url, getEnv().PUBLIC_SITE_URL);
