import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { contactPage } from '$lib/server/contact';
import { mailConfigured } from '$lib/server/env';
import { getCatalogue } from '$lib/server/catalogue';
import { getEnv, getSql } from '$lib/server/store';

/** After sending: where the message went, said again (a honeypot catch gets the same page). */
export const load: PageServerLoad = async ({ params }) => {
	const page = contactPage(await getCatalogue(getSql()), params.id, mailConfigured(getEnv()));
	if (!page) error(404, 'Fiche introuvable');
	return page;
};
