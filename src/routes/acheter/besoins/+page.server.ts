import type { PageServerLoad } from './$types';
import { todayIso } from '$lib/domain/today';
import { needsListPage } from '$lib/pages/needs';
import { getCatalogue } from '$lib/server/catalogue';
import { listOpenNeeds } from '$lib/server/needs';
import { getSql } from '$lib/server/store';

/** /acheter/besoins: the open needs by activity, each with the suppliers that match it. */
export const load: PageServerLoad = async ({ url, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	const needs = await listOpenNeeds(getSql(), todayIso());
	return {
		...needsListPage(await getCatalogue(getSql()), needs),
		published: url.searchParams.has('publie')
	};
};
