/** /sitemap.xml: the pages every visitor can reach from the navigation, the quartiers, every published record. */
import type { Catalogue } from '$lib/domain/catalogue';
import { route } from '$lib/links';

const STATIC_PATHS = [
	route.home(),
	route.annuaire(),
	route.map(),
	route.funding(),
	route.quartiers(),
	route.openData(),
	route.accessibility()
];

const escapeXml = (s: string) =>
	s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function sitemapXml(c: Catalogue, siteUrl: string): string {
	const urls = [
		...STATIC_PATHS.map((p) => ({ loc: `${siteUrl}${p}`, lastmod: undefined as string | undefined })),
		...c.geo.quartiers.map((q) => ({ loc: `${siteUrl}${route.quartier(q)}`, lastmod: undefined })),
		...c.records.map((r) => ({ loc: `${siteUrl}${route.record(r)}`, lastmod: r.lastVerified }))
	];
	const body = urls
		.map(
			(u) => `<url><loc>${escapeXml(u.loc)}</loc>${u.lastmod ? `<lastmod>${u.lastmod}</lastmod>` : ''}</url>`
		)
		.join('\n');
	return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${body}\n</urlset>\n`;
}
