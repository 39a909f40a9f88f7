/**
 * Records to files: CSV and GeoJSON with one column (property) per record field (src/lib/domain/fields.ts),
 * so that a file exported here and imported again gives back the same records (the import reads the same
 * names).
 */
import type { PublicRecord, RecordKind } from '$lib/domain/records';
import { getPath } from '$lib/domain/paths';
import { formatCell } from './cells';
import { writeCsv } from './csv';
import { FIELDS } from '$lib/domain/fields';

export function exportHeaders(kind: RecordKind): string[] {
	return FIELDS[kind].map((f) => f.column);
}

export function recordToCells(kind: RecordKind, record: PublicRecord): string[] {
	return FIELDS[kind].map((f) => formatCell(f, getPath(record, f.path)));
}

export function recordsToCsv(
	kind: RecordKind,
	records: PublicRecord[],
	opts: { excel?: boolean } = {}
): string {
	return writeCsv(
		exportHeaders(kind),
		records.map((r) => recordToCells(kind, r)),
		opts
	);
}

/** Every field as a GeoJSON property (dotted names, typed values); the position as a Point, or null. */
export function recordsToFullGeoJson(
	kind: RecordKind,
	records: PublicRecord[],
	meta: Record<string, unknown> = {}
) {
	const fields = FIELDS[kind].filter((f) => f.path !== 'location.lon' && f.path !== 'location.lat');
	return {
		type: 'FeatureCollection' as const,
		...meta,
		features: records.map((r) => {
			const properties: Record<string, unknown> = {};
			for (const f of fields) {
				const v = getPath(r, f.path);
				if (v !== undefined) properties[f.column] = v;
			}
			const loc = 'location' in r ? r.location : undefined;
			return {
				type: 'Feature' as const,
				id: r.id,
				geometry: loc ? { type: 'Point' as const, coordinates: [loc.lon, loc.lat] } : null,
				properties
			};
		})
	};
}
