import type { PageServerLoad } from './$types';
import { todayIso } from '$lib/domain/today';
import { needsListPage } from '$lib/pages/needs';
import { getCatalogue } from '$lib/server/catalogue';
import { listOpenNeeds } from '$lib/server/needs';
import { getDb } from '$lib/server/store';

/** /acheter/besoins: the open needs by activity, each with the suppliers that match it. */
export const load: PageServerLoad = ({ url, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	const db = getDb();
	return {
		...needsListPage(getCatalogue(db), listOpenNeeds(db, todayIso())),
		published: url.searchParams.has('publie')
	};
};
