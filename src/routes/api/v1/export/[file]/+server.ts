import type { RequestHandler } from './$types';
import { exportResponse, parseExportName } from '$lib/server/admin/export';
import { jsonError } from '$lib/server/http';
import { getEnv, getSql } from '$lib/server/store';

/** Public bulk exports of published records, every field, under the data licence (Link header and body). */
export const GET: RequestHandler = ({ params, url }) => {
	const file = parseExportName(params.file);
	if (!file)
		return jsonError(404, {
			message:
				'export inconnu : organisations, initiatives, funding-tools, lieux ou evenements, en .csv, .geojson ou .json (pas de .geojson pour funding-tools)'
		});
	return exportResponse(getSql(), {
		...file,
		scope: 'public',
		siteUrl: getEnv().PUBLIC_SITE_URL,
		path: url.pathname
	});
};
