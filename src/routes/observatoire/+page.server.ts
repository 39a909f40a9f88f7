import type { PageServerLoad } from './$types';
import { observatoryData } from '$lib/server/observatory/page';
import { getDb } from '$lib/server/store';

export const load: PageServerLoad = ({ url }) => observatoryData(getDb(), url);
