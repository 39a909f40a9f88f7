import type { PageServerLoad } from './$types';
import { quartiersIndexPage } from '$lib/pages/quartiers';
import { getCatalogue } from '$lib/server/catalogue';
import { getDb } from '$lib/server/store';

export const load: PageServerLoad = () => quartiersIndexPage(getCatalogue(getDb()));
