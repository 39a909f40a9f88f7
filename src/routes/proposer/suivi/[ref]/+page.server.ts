import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { followUpPage } from '$lib/server/follow-up';
import { getSql } from '$lib/server/store';

/** /proposer/suivi/<reference>: pending, published or declined; nothing private. */
export const load: PageServerLoad = async ({ params }) => {
	const page = await followUpPage(getSql(), params.ref);
	if (!page) error(404, 'Référence inconnue : vérifiez le numéro (par exemple ESS-7K3P-9QXA).');
	return page;
};
