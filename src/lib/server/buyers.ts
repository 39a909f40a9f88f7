/** The buyers' files: the search's suppliers as CSV or xlsx, the same rows as the page. */
import { todayIso } from '$lib/domain/today';
import { aboutLines, exportHeaders, exportWording } from '$lib/i18n/buyers';
import { acheterPage, exportFileName, exportRows, type LocatedDelivery } from '$lib/pages/acheter';
import { m } from '$lib/paraglide/messages';
import { parseSourcingQuery } from '$lib/domain/buyers/query';
import { locateDeliveryFor } from './delivery-place';
import { writeCsv } from '$lib/io/csv';
import { writeXlsx } from '$lib/io/xlsx';
import type { Catalogue } from '$lib/domain/catalogue';

export async function sourcingExport(
	catalogue: Catalogue,
	url: URL,
	format: 'csv' | 'xlsx',
	site: string,
	located?: LocatedDelivery
): Promise<Response> {
	const page = acheterPage(catalogue, url, located);
	// The language is the address's (`/de/acheter/export.csv` from the German page): headers and the site's
	// words follow it, the records' content stays as written.
	const rows = exportRows(page, site, exportWording());
	const headerRow = exportHeaders();
	const name = exportFileName(format, todayIso());
	const headers: Record<string, string> = {
		'content-disposition': `attachment; filename="${name}"`,
		'cache-control': 'no-store',
		link: `<${page.licence.url}>; rel="license"`
	};
	if (format === 'csv')
		return new Response(writeCsv(headerRow, rows, { excel: true }), {
			headers: { ...headers, 'content-type': 'text/csv; charset=utf-8' }
		});
	const search = `${site}${url.pathname.replace(/\/export\.(csv|xlsx)$/, '')}${url.search}`;
	const bytes = await writeXlsx(m.buy_export_sheet(), headerRow, rows, aboutLines(page, search, todayIso()));
	return new Response(bytes, {
		headers: {
			...headers,
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
		}
	});
}

/**
 * The place of a typed delivery address in the URL, for the page, its exports and its note alike (they
 * must agree); nothing when `lieu` is a commune, a quartier or absent.
 */
export async function locatedDelivery(
	catalogue: Catalogue,
	url: URL,
	geocoderUrl: string,
	clientAddress: string
): Promise<LocatedDelivery | undefined> {
	const { query } = parseSourcingQuery(url.searchParams, catalogue.geo);
	if (!query.adresse) return undefined;
	return locateDeliveryFor(query.adresse, catalogue.geo.communes, geocoderUrl, clientAddress);
}

/**
 * A page whose address could not be placed (geocoder down, slow, over the limit) must not be kept by the
 * page cache: the next buyer would get the fallback while the service is back.
 */
export function deliveryCacheHeaders(located: LocatedDelivery | undefined): Record<string, string> {
	return located && located.place?.kind !== 'adresse' ? { 'cache-control': 'no-store' } : {};
}
