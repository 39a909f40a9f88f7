import type { PageServerLoad } from './$types';
import { comparePage } from '$lib/pages/funding';
import { getCatalogue } from '$lib/server/catalogue';
import { getDb } from '$lib/server/store';

export const load: PageServerLoad = ({ url }) => comparePage(getCatalogue(getDb()), url);
