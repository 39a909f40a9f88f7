import type { PageServerLoad } from './$types';
import { embedLanguage, integratePage } from '$lib/pages/embed';
import { embedFrameTitle } from '$lib/i18n/embed';
import { localeOfPath } from '$lib/i18n/paths';
import { getCatalogue } from '$lib/server/catalogue';
import { getEnv, getSql } from '$lib/server/store';

export const load: PageServerLoad = async ({ url }) =>
	integratePage(await getCatalogue(getSql()), url.searchParams, getEnv().PUBLIC_SITE_URL, {
		pageLanguage: localeOfPath(url.pathname),
		title: (v, zone) =>
			embedFrameTitle(v.display === 'quartier' ? 'initiatives' : 'map', embedLanguage(v), zone)
	});
