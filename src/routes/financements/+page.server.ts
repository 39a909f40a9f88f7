import type { PageServerLoad } from './$types';
import { fundingListPage } from '$lib/server/funding';
import { getDb } from '$lib/server/store';

export const load: PageServerLoad = ({ url }) => fundingListPage(getDb(), url);
