import type { PageServerLoad } from './$types';
import { stalePage } from '$lib/pages/funding';
import { getCatalogue } from '$lib/server/catalogue';
import { getSql } from '$lib/server/store';

export const load: PageServerLoad = async () => stalePage(await getCatalogue(getSql()));
