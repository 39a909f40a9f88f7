import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { todayIso } from '$lib/domain/today';
import { areaEvents } from '$lib/pages/agenda';
import { areaPage, shownInitiatives, shownStructures } from '$lib/pages/quartiers';
import { getCatalogue } from '$lib/server/catalogue';
import { getSql } from '$lib/server/store';

export const load: PageServerLoad = async ({ params, setHeaders }) => {
	const catalogue = await getCatalogue(getSql());
	const page = areaPage(catalogue, params.slug);
	if (!page) error(404, 'Quartier ou commune introuvable');
	// Its events « à venir » change at midnight: the page cache must not keep them.
	setHeaders({ 'cache-control': 'no-cache' });
	return {
		...page,
		...shownStructures(page.organisations),
		groups: shownInitiatives(page.groups),
		events: areaEvents(catalogue, page.area, todayIso())
	};
};
