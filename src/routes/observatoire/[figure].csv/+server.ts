import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { observatoryCsvFile } from '$lib/server/observatory/page';
import { getDb } from '$lib/server/store';

/** One figure's table as CSV, for the filters of the page it was downloaded from. */
export const GET: RequestHandler = ({ params, url }) => {
	const file = observatoryCsvFile(getDb(), params.figure, url);
	if (!file)
		error(
			404,
			`Figure inconnue « ${params.figure} » : les figures sont listées sur la page de l’observatoire.`
		);
	return new Response(file.text, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${file.filename}"`,
			'cache-control': 'public, max-age=300'
		}
	});
};
