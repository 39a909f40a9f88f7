import type { PageServerLoad } from './$types';
import { todayIso } from '$lib/domain/common';
import { acheterNotePage } from '$lib/pages/acheter';
import { getCatalogue } from '$lib/server/catalogue';
import { getDb, getEnv } from '$lib/server/store';

export const load: PageServerLoad = ({ url }) =>
	acheterNotePage(getCatalogue(getDb()), url, getEnv().PUBLIC_SITE_URL, todayIso());
