import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { indicatorsPage } from '$lib/server/admin/indicators';
import { getSql } from '$lib/server/store';

export const load: PageServerLoad = async ({ locals }) => {
	requireRole(locals, 'editor');
	return await indicatorsPage(getSql());
};
