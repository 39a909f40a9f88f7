import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { rejectedDownload } from '$lib/server/admin/import';
import { getSql } from '$lib/server/store';

/** The rows in error of the dry run, with the reasons in a first column, to fix and import again. */
export const GET: RequestHandler = async ({ locals, params }) => {
	requireRole(locals, 'editor');
	const response = await rejectedDownload(getSql(), params.id);
	if (!response) error(404, 'Pas de simulation pour cet import : lancez-la d’abord.');
	return response;
};
