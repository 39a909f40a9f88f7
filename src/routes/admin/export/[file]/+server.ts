import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { exportResponse, parseExportName } from '$lib/server/admin/export';
import { getEnv, getSql } from '$lib/server/store';

/** The maintainers' export: every status, drafts and archives included. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	requireRole(locals, 'editor');
	const file = parseExportName(params.file);
	if (!file)
		error(404, 'Export inconnu : organisations, initiatives ou funding-tools, en .csv, .geojson ou .json.');
	return exportResponse(getSql(), {
		...file,
		scope: 'all',
		siteUrl: getEnv().PUBLIC_SITE_URL,
		path: url.pathname,
		excel: url.searchParams.get('excel') === '1'
	});
};
