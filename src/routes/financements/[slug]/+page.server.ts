import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { toolPage } from '$lib/pages/funding';
import { getCatalogue } from '$lib/server/catalogue';
import { qrSvg } from '$lib/server/qr';
import { getEnv, getSql } from '$lib/server/store';

export const load: PageServerLoad = async ({ params }) => {
	const page = toolPage(await getCatalogue(getSql()), params.slug, getEnv().PUBLIC_SITE_URL);
	if (!page) error(404, 'Outil de financement introuvable');
	return { ...page, shareQr: qrSvg(page.canonical) };
};
