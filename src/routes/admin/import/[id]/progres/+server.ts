import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { importStatus } from '$lib/server/admin/import-status';
import { getSql } from '$lib/server/store';

/** Polled by the import page while a dry run or an apply runs. */
export const GET: RequestHandler = async ({ locals, params }) => {
	requireRole(locals, 'editor');
	const status = await importStatus(getSql(), params.id);
	if (!status) error(404, 'Cet import n’existe pas.');
	return json(status, { headers: { 'cache-control': 'no-store' } });
};
