import type { PageServerLoad } from './$types';
import { finderPage } from '$lib/server/funding';
import { getDb, getEnv } from '$lib/server/store';

export const load: PageServerLoad = ({ url }) => finderPage(getDb(), url, getEnv().PUBLIC_SITE_URL);
