import type { RequestHandler } from './$types';
import { todayIso } from '$lib/domain/today';
import { sitemapXml } from '$lib/pages/sitemap';
import { getCatalogue } from '$lib/server/catalogue';
import { getEnv, getSql } from '$lib/server/store';

export const GET: RequestHandler = async () =>
	new Response(sitemapXml(await getCatalogue(getSql()), getEnv().PUBLIC_SITE_URL, todayIso()), {
		headers: { 'content-type': 'application/xml; charset=utf-8', 'cache-control': 'public, max-age=3600' }
	});
