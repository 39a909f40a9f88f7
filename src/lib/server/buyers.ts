/** The buyers' files: the search's suppliers as CSV or xlsx, the same rows as the page. */
import { todayIso } from '$lib/domain/common';
import {
	EXPORT_HEADERS,
	acheterPage,
	exportFileName,
	exportRows,
	type AcheterPage,
	type LocatedDelivery
} from '$lib/pages/acheter';
import { parseSourcingQuery } from '$lib/domain/buyers/query';
import { locateDeliveryFor } from './delivery-place';
import { writeCsv } from '$lib/io/csv';
import { writeXlsx } from '$lib/io/xlsx';
import type { Catalogue } from '$lib/domain/catalogue';

function aboutLines(page: AcheterPage, url: URL, site: string): string[] {
	return [
		`Recherche : ${site}${url.pathname.replace(/\/export\.(csv|xlsx)$/, '')}${url.search}`,
		page.basis ? `Base juridique : ${page.basis.label}` : 'Base juridique : non précisée',
		`Lignes : ${page.exported === 'selection' ? 'la sélection de l’acheteur' : 'les structures qui répondent au besoin'}`,
		`Données sous ${page.licence.name} (${page.licence.attribution}), ${page.licence.url}`,
		`Fichier du ${todayIso()} ; version des données ${page.dataVersion}.`
	];
}

export async function sourcingExport(
	catalogue: Catalogue,
	url: URL,
	format: 'csv' | 'xlsx',
	site: string,
	located?: LocatedDelivery
): Promise<Response> {
	const page = acheterPage(catalogue, url, located);
	const rows = exportRows(page, site);
	const name = exportFileName(format, todayIso());
	const headers: Record<string, string> = {
		'content-disposition': `attachment; filename="${name}"`,
		'cache-control': 'no-store',
		link: `<${page.licence.url}>; rel="license"`
	};
	if (format === 'csv')
		return new Response(writeCsv(EXPORT_HEADERS, rows, { excel: true }), {
			headers: { ...headers, 'content-type': 'text/csv; charset=utf-8' }
		});
	const bytes = await writeXlsx('Fournisseurs', EXPORT_HEADERS, rows, aboutLines(page, url, site));
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
