/**
 * Exports: the public ones (published records, /api/v1/export/...) and the maintainers' (every status,
 * /admin/export/...). Same columns as the import, so an export imported again changes nothing.
 */
import { publicView } from '$lib/domain/public-view';
import { publishedRecordIds } from '../db/catalogue';
import { DATA_LICENCE } from '$lib/domain/licence';
import type { PublicRecord, RecordKind } from '$lib/domain/records';
import { recordsToCsv, recordsToFullGeoJson } from '$lib/io/export';
import { KIND_LABELS, kindFromSlug } from '$lib/domain/fields';
import { listRecords } from '../db/records';
import type { SqlClient } from '../db/sql';

export type ExportFormat = 'csv' | 'geojson' | 'json';

/** `organisations.csv` -> { kind, format }; undefined for anything else. */
export function parseExportName(name: string): { kind: RecordKind; format: ExportFormat } | undefined {
	const m = /^([a-z-]+)\.(csv|geojson|json)$/.exec(name);
	const kind = m ? kindFromSlug(m[1]) : undefined;
	if (!m || !kind) return undefined;
	const format = m[2] as ExportFormat;
	if (format === 'geojson' && kind === 'funding-tool') return undefined;
	return { kind, format };
}

export function exportFileNames(): { kind: RecordKind; name: string; format: ExportFormat }[] {
	return (Object.keys(KIND_LABELS) as RecordKind[]).flatMap((kind) =>
		(['csv', 'geojson', 'json'] as const)
			.filter((f) => !(kind === 'funding-tool' && f === 'geojson'))
			.map((format) => ({ kind, format, name: `${KIND_LABELS[kind].slug}.${format}` }))
	);
}

const LICENCE_LINK = `<${DATA_LICENCE.url}>; rel="license"`;

export async function exportRecords(
	sql: SqlClient,
	kind: RecordKind,
	scope: 'public' | 'all'
): Promise<PublicRecord[]> {
	const records = await listRecords(sql, kind, { status: scope === 'public' ? 'published' : 'any' });
	// The public files refer to published records only (see publicView); the maintainers' file keeps all.
	const published = scope === 'public' ? await publishedRecordIds(sql) : undefined;
	return records
		.map(({ version: _version, ...r }) =>
			published ? publicView(r as PublicRecord, (id) => published.has(id)) : (r as PublicRecord)
		)
		.sort((a, b) => a.id.localeCompare(b.id));
}

export async function exportResponse(
	sql: SqlClient,
	opts: {
		kind: RecordKind;
		format: ExportFormat;
		scope: 'public' | 'all';
		siteUrl: string;
		path: string;
		excel?: boolean;
	}
): Promise<Response> {
	const records = await exportRecords(sql, opts.kind, opts.scope);
	const date = new Date().toISOString().slice(0, 10);
	const slug = KIND_LABELS[opts.kind].slug;
	const meta = {
		licence: DATA_LICENCE,
		source: `${opts.siteUrl}${opts.path}`,
		generatedAt: date,
		scope: opts.scope === 'public' ? 'published' : 'all-statuses',
		total: records.length
	};
	const headers: Record<string, string> = {
		link: LICENCE_LINK,
		// Maintainers' exports hold drafts: never cached by a shared cache.
		'cache-control': opts.scope === 'public' ? 'public, max-age=300' : 'private, no-store'
	};
	if (opts.scope === 'public') headers['access-control-allow-origin'] = '*';
	const suffix = opts.scope === 'all' ? '-complet' : '';
	let body: string;
	if (opts.format === 'csv') {
		body = recordsToCsv(opts.kind, records, { excel: opts.excel });
		headers['content-type'] = 'text/csv; charset=utf-8';
		headers['content-disposition'] =
			`attachment; filename="carto-ess-${slug}${suffix}-${date}${opts.excel ? '-excel' : ''}.csv"`;
	} else if (opts.format === 'geojson') {
		body = JSON.stringify(recordsToFullGeoJson(opts.kind, records, meta));
		headers['content-type'] = 'application/geo+json; charset=utf-8';
		headers['content-disposition'] = `attachment; filename="carto-ess-${slug}${suffix}-${date}.geojson"`;
	} else {
		body = JSON.stringify({ ...meta, items: records });
		headers['content-type'] = 'application/json; charset=utf-8';
		headers['content-disposition'] = `attachment; filename="carto-ess-${slug}${suffix}-${date}.json"`;
	}
	return new Response(body, { headers });
}
