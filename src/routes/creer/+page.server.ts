import type { PageServerLoad } from './$types';
import { createPage } from '$lib/pages/create';
import { getCatalogue } from '$lib/server/catalogue';
import { getEnv, getSql } from '$lib/server/store';

export const load: PageServerLoad = async ({ url }) =>
	createPage(await getCatalogue(getSql()), url, getEnv().PUBLIC_SITE_URL);
