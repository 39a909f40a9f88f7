import type { PageServerLoad } from './$types';
import { todayIso } from '$lib/domain/today';
import { acheterNotePage } from '$lib/pages/acheter';
import { deliveryCacheHeaders, locatedDelivery } from '$lib/server/buyers';
import { getCatalogue } from '$lib/server/catalogue';
import { getEnv, getSql } from '$lib/server/store';

export const load: PageServerLoad = async ({ url, getClientAddress, setHeaders }) => {
	const catalogue = await getCatalogue(getSql());
	const env = getEnv();
	const located = await locatedDelivery(catalogue, url, env.GEOCODER_URL, getClientAddress());
	setHeaders(deliveryCacheHeaders(located));
	return acheterNotePage(catalogue, url, env.PUBLIC_SITE_URL, todayIso(), located);
};
