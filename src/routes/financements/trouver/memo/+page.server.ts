import type { PageServerLoad } from './$types';
import { finderMemoPage } from '$lib/pages/funding';
import { getCatalogue } from '$lib/server/catalogue';
import { getDb, getEnv } from '$lib/server/store';

export const load: PageServerLoad = ({ url }) =>
	finderMemoPage(getCatalogue(getDb()), url, getEnv().PUBLIC_SITE_URL);
