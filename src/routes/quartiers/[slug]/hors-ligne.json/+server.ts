import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { offlinePack } from '$lib/pages/offline';
import { getCatalogue } from '$lib/server/catalogue';
import { getSql } from '$lib/server/store';

/** The offline pack's list; `no-cache` so a pack saved or refreshed always compares with the current version. */
export const GET: RequestHandler = async ({ params }) => {
	const pack = offlinePack(await getCatalogue(getSql()), params.slug);
	if (!pack) error(404, 'Quartier ou commune introuvable');
	return json(pack, { headers: { 'cache-control': 'no-cache' } });
};
