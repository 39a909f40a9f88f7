import type { PageServerLoad } from './$types';
import { observatoryData } from '$lib/server/observatory/page';
import { getSql } from '$lib/server/store';

// Plots, tables and the filters' GET form need no script: without client rendering the page does not ship
// its data (every plot's SVG) a second time for hydration.
export const csr = false;

export const load: PageServerLoad = async ({ url }) => await observatoryData(getSql(), url);
