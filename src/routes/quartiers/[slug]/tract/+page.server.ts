import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { flyerFormat, flyerPage } from '$lib/pages/flyer';
import { getCatalogue } from '$lib/server/catalogue';
import { qrSvg } from '$lib/server/qr';
import { getEnv, getSql } from '$lib/server/store';

export const load: PageServerLoad = async ({ params, url }) => {
	const format = flyerFormat(url.searchParams.get('format'));
	const page = flyerPage(await getCatalogue(getSql()), params.slug, getEnv().PUBLIC_SITE_URL, format);
	if (!page) error(404, 'Quartier ou commune introuvable');
	return { ...page, qr: qrSvg(page.areaUrl) };
};
