import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { progressOf } from '$lib/server/admin/import';
import { getImportJob } from '$lib/server/db/admin';
import { getDb } from '$lib/server/store';

/** Polled by the import page while a dry run or an apply runs. */
export const GET: RequestHandler = ({ locals, params }) => {
	requireRole(locals, 'editor');
	const job = getImportJob(getDb(), params.id);
	if (!job) error(404, 'Cet import n’existe pas.');
	return json(
		{ status: job.status, progress: progressOf(params.id) ?? null },
		{ headers: { 'cache-control': 'no-store' } }
	);
};
