import type { PageServerLoad } from './$types';
import { finderMemoPage } from '$lib/pages/funding';
import { getCatalogue } from '$lib/server/catalogue';
import { getEnv, getSql } from '$lib/server/store';

export const load: PageServerLoad = async ({ url }) =>
	finderMemoPage(await getCatalogue(getSql()), url, getEnv().PUBLIC_SITE_URL);
