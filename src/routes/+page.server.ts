import type { PageServerLoad } from './$types';
import { homeSummary } from '$lib/server/pages';

export const load: PageServerLoad = () => homeSummary();
