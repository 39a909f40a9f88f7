import type { PageServerLoad } from './$types';
import { todayIso } from '$lib/domain/today';
import { agendaPage } from '$lib/pages/agenda';
import { getCatalogue } from '$lib/server/catalogue';
import { getSql } from '$lib/server/store';

export const load: PageServerLoad = async ({ url, setHeaders }) => {
	// What is « à venir » changes at midnight in Strasbourg: the page cache must not keep it.
	setHeaders({ 'cache-control': 'no-cache' });
	return agendaPage(await getCatalogue(getSql()), url, todayIso());
};
