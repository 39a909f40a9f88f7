import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { todayIso } from '$lib/domain/today';
import { organiserEvents } from '$lib/pages/agenda';
import { organisationPage } from '$lib/pages/structure';
import { getCatalogue } from '$lib/server/catalogue';
import { qrSvg } from '$lib/server/qr';
import { getEnv, getSql } from '$lib/server/store';

export const load: PageServerLoad = async ({ params }) => {
	const catalogue = await getCatalogue(getSql());
	const page = organisationPage(catalogue, params.slug, getEnv().PUBLIC_SITE_URL);
	if (!page) error(404, 'Structure introuvable');
	return {
		...page,
		shareQr: qrSvg(page.canonical),
		events: organiserEvents(catalogue, page.record.id, todayIso())
	};
};
