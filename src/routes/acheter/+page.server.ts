import type { PageServerLoad } from './$types';
import { acheterPage } from '$lib/pages/acheter';
import { getCatalogue } from '$lib/server/catalogue';
import { getDb } from '$lib/server/store';

export const load: PageServerLoad = ({ url }) => acheterPage(getCatalogue(getDb()), url);
