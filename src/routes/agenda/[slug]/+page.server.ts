import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { todayIso } from '$lib/domain/today';
import { eventPage } from '$lib/pages/agenda';
import { getCatalogue } from '$lib/server/catalogue';
import { qrSvg } from '$lib/server/qr';
import { getEnv, getSql } from '$lib/server/store';

export const load: PageServerLoad = async ({ params, setHeaders }) => {
	const page = eventPage(await getCatalogue(getSql()), params.slug, getEnv().PUBLIC_SITE_URL, todayIso());
	if (!page) error(404, 'Événement introuvable');
	// « Passé » or « à venir » changes at midnight: the page cache must not keep it.
	setHeaders({ 'cache-control': 'no-cache' });
	return { ...page, shareQr: qrSvg(page.canonical) };
};
