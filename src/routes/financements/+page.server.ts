import type { PageServerLoad } from './$types';
import { fundingListPage } from '$lib/pages/funding';
import { getCatalogue } from '$lib/server/catalogue';
import { getDb } from '$lib/server/store';

export const load: PageServerLoad = ({ url }) => fundingListPage(getCatalogue(getDb()), url);
