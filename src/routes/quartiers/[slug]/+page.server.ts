import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { areaPage } from '$lib/pages/quartiers';
import { getCatalogue } from '$lib/server/catalogue';
import { getDb } from '$lib/server/store';

export const load: PageServerLoad = ({ params }) => {
	const page = areaPage(getCatalogue(getDb()), params.slug);
	if (!page) error(404, 'Quartier ou commune introuvable');
	return page;
};
