import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { recordList } from '$lib/server/admin/pages';
import { getSql } from '$lib/server/store';

export const load: PageServerLoad = ({ locals, url }) => {
	requireRole(locals, 'editor');
	return recordList(getSql(), url);
};
