import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { indicatorsPage } from '$lib/server/admin/indicators';
import { getDb } from '$lib/server/store';

export const load: PageServerLoad = ({ locals }) => {
	requireRole(locals, 'editor');
	return indicatorsPage(getDb());
};
