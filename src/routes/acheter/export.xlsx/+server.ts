import type { RequestHandler } from './$types';
import { locatedDelivery, sourcingExport } from '$lib/server/buyers';
import { getCatalogue } from '$lib/server/catalogue';
import { getEnv, getSql } from '$lib/server/store';

export const GET: RequestHandler = async ({ url, getClientAddress }) => {
	const catalogue = await getCatalogue(getSql());
	const env = getEnv();
	const located = await locatedDelivery(catalogue, url, env.GEOCODER_URL, getClientAddress());
	return sourcingExport(catalogue, url, 'xlsx', env.PUBLIC_SITE_URL, located);
};
