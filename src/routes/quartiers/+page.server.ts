import type { PageServerLoad } from './$types';
import { quartiersIndexPage } from '$lib/pages/quartiers';
import { getCatalogue } from '$lib/server/catalogue';
import { getSql } from '$lib/server/store';

export const load: PageServerLoad = async () => quartiersIndexPage(await getCatalogue(getSql()));
