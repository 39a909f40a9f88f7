import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { dashboard } from '$lib/server/admin/pages';
import { getSql } from '$lib/server/store';

export const load: PageServerLoad = ({ locals }) => {
	requireRole(locals, 'editor');
	return dashboard(getSql());
};
