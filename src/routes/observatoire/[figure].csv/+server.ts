import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { observatoryCsvFile } from '$lib/server/observatory/page';
import { getSql } from '$lib/server/store';
import { m } from '$lib/paraglide/messages';

/**
 * One figure's table as CSV, for the filters and in the language of the page it was downloaded from (the
 * address's prefix: `/de/observatoire/communes.csv`).
 */
export const GET: RequestHandler = async ({ params, url }) => {
	const file = await observatoryCsvFile(getSql(), params.figure, url);
	if (!file) error(404, m.obs_csv_not_found({ figure: params.figure }));
	return new Response(file.text, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${file.filename}"`,
			'cache-control': 'public, max-age=300'
		}
	});
};
