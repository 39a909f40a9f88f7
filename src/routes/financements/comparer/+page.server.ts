import type { PageServerLoad } from './$types';
import { comparePage } from '$lib/server/funding';
import { getDb } from '$lib/server/store';

export const load: PageServerLoad = ({ url }) => comparePage(getDb(), url);
