import type { PageServerLoad } from './$types';
import { acheterGuidePage } from '$lib/pages/acheter';
import { getCatalogue } from '$lib/server/catalogue';
import { getDb } from '$lib/server/store';

export const load: PageServerLoad = () => acheterGuidePage(getCatalogue(getDb()));
