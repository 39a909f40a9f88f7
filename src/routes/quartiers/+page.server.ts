import type { PageServerLoad } from './$types';
import { quartiersIndex } from '$lib/server/quartiers';
import { getDb } from '$lib/server/store';

export const load: PageServerLoad = () => quartiersIndex(getDb());
