import type { PageServerLoad } from './$types';
import { stalePage } from '$lib/pages/funding';
import { getCatalogue } from '$lib/server/catalogue';
import { getDb } from '$lib/server/store';

export const load: PageServerLoad = () => stalePage(getCatalogue(getDb()));
