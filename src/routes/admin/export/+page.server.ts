import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { exportFileNames } from '$lib/server/admin/export';

export const load: PageServerLoad = ({ locals }) => {
	requireRole(locals, 'editor');
	return { files: exportFileNames() };
};
