import type { PageServerLoad } from './$types';
import { finderPage } from '$lib/pages/funding';
import { getCatalogue } from '$lib/server/catalogue';
import { getEnv, getSql } from '$lib/server/store';

export const load: PageServerLoad = async ({ url }) =>
	finderPage(await getCatalogue(getSql()), url, getEnv().PUBLIC_SITE_URL);
