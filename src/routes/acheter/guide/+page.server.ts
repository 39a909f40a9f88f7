import type { PageServerLoad } from './$types';
import { acheterGuidePage } from '$lib/pages/acheter';
import { getCatalogue } from '$lib/server/catalogue';
import { getSql } from '$lib/server/store';

export const load: PageServerLoad = async () => acheterGuidePage(await getCatalogue(getSql()));
