import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { templateDownload } from '$lib/server/admin/import';

/** Import templates: /admin/import/modele/organisations.csv, initiatives.xlsx, funding-tools.csv… */
export const GET: RequestHandler = async ({ locals, params }) => {
	requireRole(locals, 'editor');
	const response = await templateDownload(params.file);
	if (!response)
		error(404, 'Modèle inconnu : organisations, initiatives ou funding-tools, en .csv ou .xlsx.');
	return response;
};
