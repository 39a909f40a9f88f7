/**
 * GeoJSON FeatureCollections to the same table as CSV: each feature is a row, its properties are columns
 * (nested objects flattened to dotted names such as contact.website), a Point geometry gives location.lon
 * and location.lat. Total: any text gives a table or a message.
 */
import { parseJsonWithLimits, RECORD_GEOJSON_LIMITS } from './json-limits';
import { LIMITS, type ReadResult, type TableRow } from './table';

function asCell(value: unknown): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return JSON.stringify(value);
}

function flatten(obj: Record<string, unknown>, prefix: string, out: Map<string, unknown>, depth = 0) {
	for (const [key, value] of Object.entries(obj)) {
		const name = prefix ? `${prefix}.${key}` : key;
		if (typeof value === 'object' && value !== null && !Array.isArray(value) && depth < 3)
			flatten(value as Record<string, unknown>, name, out, depth + 1);
		else out.set(name, value);
	}
}

export function parseGeoJson(text: string): ReadResult {
	const read = parseJsonWithLimits(text, RECORD_GEOJSON_LIMITS);
	if (!read.ok)
		return {
			ok: false,
			message:
				read.reason === 'syntax'
					? 'GeoJSON illisible : ce n’est pas du JSON valide'
					: `GeoJSON refusé : ${read.message}`
		};
	const doc = read.value;
	if (typeof doc !== 'object' || doc === null || (doc as { type?: unknown }).type !== 'FeatureCollection')
		return { ok: false, message: 'GeoJSON : une FeatureCollection est attendue' };
	const features = (doc as { features?: unknown }).features;
	if (!Array.isArray(features)) return { ok: false, message: 'GeoJSON : la liste « features » manque' };
	if (features.length > LIMITS.maxRows)
		return { ok: false, message: `trop d’objets : plus de ${LIMITS.maxRows} (découpez le fichier)` };

	const headers: string[] = [];
	const index = new Map<string, number>();
	const column = (name: string) => {
		let i = index.get(name);
		if (i === undefined) {
			i = headers.length;
			headers.push(name);
			index.set(name, i);
		}
		return i;
	};
	const flat: { line: number; values: Map<string, unknown>; error?: string }[] = [];
	features.forEach((f: unknown, n) => {
		const line = n + 1;
		const values = new Map<string, unknown>();
		if (typeof f !== 'object' || f === null || (f as { type?: unknown }).type !== 'Feature') {
			flat.push({ line, values, error: 'objet GeoJSON de type Feature attendu' });
			return;
		}
		const feature = f as { id?: unknown; properties?: unknown; geometry?: unknown };
		const props = feature.properties;
		if (props !== null && props !== undefined && (typeof props !== 'object' || Array.isArray(props))) {
			flat.push({ line, values, error: 'les propriétés doivent être un objet' });
			return;
		}
		flatten((props as Record<string, unknown>) ?? {}, '', values);
		if (!values.has('id') && (typeof feature.id === 'string' || typeof feature.id === 'number'))
			values.set('id', String(feature.id));
		let error: string | undefined;
		const g = feature.geometry as { type?: unknown; coordinates?: unknown } | null | undefined;
		if (g !== null && g !== undefined) {
			const c = g.coordinates;
			if (
				g.type === 'Point' &&
				Array.isArray(c) &&
				c.length >= 2 &&
				typeof c[0] === 'number' &&
				typeof c[1] === 'number'
			) {
				values.set('location.lon', c[0]);
				values.set('location.lat', c[1]);
			} else error = 'géométrie de type Point attendue (longitude, latitude)';
		}
		flat.push({ line, values, error });
	});
	for (const row of flat) for (const key of row.values.keys()) column(key);
	if (headers.length > LIMITS.maxColumns)
		return { ok: false, message: `trop de propriétés : ${headers.length} (${LIMITS.maxColumns} au plus)` };
	if (headers.length === 0) return { ok: false, message: 'GeoJSON : aucune propriété à importer' };
	const rows: TableRow[] = flat.map(({ line, values, error }) => {
		const cells = headers.map((h) => asCell(values.get(h)));
		const row: TableRow = { line, cells };
		if (error) row.error = error;
		else if (cells.some((c) => c.length > LIMITS.maxCell))
			row.error = `une valeur dépasse ${LIMITS.maxCell} caractères`;
		return row;
	});
	return { ok: true, table: { headers, rows } };
}
