import type { PageServerLoad } from './$types';
import { acheterPage, SHOWN_SUPPLIERS } from '$lib/pages/acheter';
import { deliveryCacheHeaders, locatedDelivery } from '$lib/server/buyers';
import { getCatalogue } from '$lib/server/catalogue';
import { getEnv, getSql } from '$lib/server/store';

export const load: PageServerLoad = async ({ url, getClientAddress, setHeaders }) => {
	const catalogue = await getCatalogue(getSql());
	const located = await locatedDelivery(catalogue, url, getEnv().GEOCODER_URL, getClientAddress());
	setHeaders(deliveryCacheHeaders(located));
	return acheterPage(catalogue, url, located, SHOWN_SUPPLIERS);
};
