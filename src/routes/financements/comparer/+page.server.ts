import type { PageServerLoad } from './$types';
import { comparePage } from '$lib/pages/funding';
import { getCatalogue } from '$lib/server/catalogue';
import { getSql } from '$lib/server/store';

export const load: PageServerLoad = async ({ url }) => comparePage(await getCatalogue(getSql()), url);
