import type { PageServerLoad } from './$types';
import { directoryPage } from '$lib/server/directory';
import { getDb, getEnv } from '$lib/server/store';

export const load: PageServerLoad = ({ url }) => directoryPage(getDb(), url, getEnv().PUBLIC_SITE_URL);
