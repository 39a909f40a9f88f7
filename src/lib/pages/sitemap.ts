/**
 * /sitemap.xml: the pages every visitor can reach from the navigation, the quartiers, every published record;
 * of the events, those to come and those of the last year.
 */
import type { Catalogue } from '$lib/domain/catalogue';
import { dayNumber, isoOfDay, nextOccurrence, allOccurrences } from '$lib/domain/events/schedule';
import type { PublicRecord } from '$lib/domain/records';
import { route } from '$lib/links';

const STATIC_PATHS = [
	route.home(),
	route.annuaire(),
	route.map(),
	route.agenda(),
	route.funding(),
	route.quartiers(),
	route.openData(),
	route.accessibility()
];

/** How long an event's page stays in the sitemap after its last day. */
const RECENT_PAST_DAYS = 365;

const escapeXml = (s: string) =>
	s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * An event's page is worth a crawler's visit while the event is to come and for a year after it (its
 * report, its photos); older ones stay reachable from the agenda's archive (`/agenda?passes=1`).
 */
function listed(r: PublicRecord, today: string): boolean {
	if (r.kind !== 'event') return true;
	if (nextOccurrence(r, today)) return true;
	const last = allOccurrences(r).at(-1)?.end ?? r.startDate;
	return last >= isoOfDay(dayNumber(today) - RECENT_PAST_DAYS);
}

/** `today`: the date in Strasbourg (which events are to come or recent). */
export function sitemapXml(c: Catalogue, siteUrl: string, today: string): string {
	const urls = [
		...STATIC_PATHS.map((p) => ({ loc: `${siteUrl}${p}`, lastmod: undefined as string | undefined })),
		...c.geo.quartiers.map((q) => ({ loc: `${siteUrl}${route.quartier(q)}`, lastmod: undefined })),
		...c.records
			.filter((r) => listed(r, today))
			.map((r) => ({ loc: `${siteUrl}${route.record(r)}`, lastmod: r.lastVerified }))
	];
	const body = urls
		.map(
			(u) => `<url><loc>${escapeXml(u.loc)}</loc>${u.lastmod ? `<lastmod>${u.lastmod}</lastmod>` : ''}</url>`
		)
		.join('\n');
	return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${body}\n</urlset>\n`;
}
