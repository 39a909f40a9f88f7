import type { PageServerLoad } from './$types';
import { fundingListPage } from '$lib/pages/funding';
import { getCatalogue } from '$lib/server/catalogue';
import { getSql } from '$lib/server/store';

export const load: PageServerLoad = async ({ url }) => fundingListPage(await getCatalogue(getSql()), url);
