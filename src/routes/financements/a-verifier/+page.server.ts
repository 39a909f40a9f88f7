import type { PageServerLoad } from './$types';
import { stalePage } from '$lib/server/funding';
import { getDb } from '$lib/server/store';

export const load: PageServerLoad = () => stalePage(getDb());
