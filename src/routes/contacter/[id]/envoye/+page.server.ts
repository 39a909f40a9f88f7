import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { contactPage } from '$lib/server/contact';
import { mailConfigured } from '$lib/server/env';
import { getCatalogue } from '$lib/server/catalogue';
import { getDb, getEnv } from '$lib/server/store';

/** After sending: where the message went, said again (a honeypot catch gets the same page). */
export const load: PageServerLoad = ({ params }) => {
	const page = contactPage(getCatalogue(getDb()), params.id, mailConfigured(getEnv()));
	if (!page) error(404, 'Fiche introuvable');
	return page;
};
