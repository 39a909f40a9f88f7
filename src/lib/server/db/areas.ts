/**
 * Queries of the quartier and commune pages: published records of one area through the indexed
 * quartier_code / commune_code columns, and records positioned inside a box, filtered by SQLite's
 * json_extract so that only the few candidates are parsed in JavaScript (a page stays fast with tens of
 * thousands of records; see npm run bench:quartiers).
 */
import type { Bbox } from '$lib/geo/types';
import type { Initiative, Organisation } from '$lib/domain/records';
import type { Db } from './connection';

type AreaKind = 'organisation' | 'initiative';
type KindMap = { organisation: Organisation; initiative: Initiative };

const parse = <T>(rows: { data: string }[]): T[] => rows.map((r) => JSON.parse(r.data) as T);

/** Published records of a quartier (by its code) or of a commune (by its INSEE code), by name. */
export function listPublishedInArea<K extends AreaKind>(
	db: Db,
	kind: K,
	where: { quartierCode: string } | { communeCode: string }
): KindMap[K][] {
	const [column, value] =
		'quartierCode' in where ? ['quartier_code', where.quartierCode] : ['commune_code', where.communeCode];
	const rows = db
		.prepare(
			`SELECT data FROM records WHERE kind = ? AND status = 'published' AND ${column} = ? ORDER BY name`
		)
		.all(kind, value) as { data: string }[];
	return parse<KindMap[K]>(rows);
}

/** Published records whose position lies inside the box [west, south, east, north]. */
export function listPublishedInBbox<K extends AreaKind>(db: Db, kind: K, box: Bbox): KindMap[K][] {
	const rows = db
		.prepare(
			`SELECT data FROM records WHERE kind = ? AND status = 'published'
			 AND json_extract(data, '$.location.lon') BETWEEN ? AND ?
			 AND json_extract(data, '$.location.lat') BETWEEN ? AND ?
			 ORDER BY name`
		)
		.all(kind, box[0], box[2], box[1], box[3]) as { data: string }[];
	return parse<KindMap[K]>(rows);
}

/** How many published records of a kind each quartier and each commune holds. */
export function countPublishedByArea(
	db: Db,
	kind: AreaKind
): { byQuartier: Map<string, number>; byCommune: Map<string, number> } {
	const count = (column: 'quartier_code' | 'commune_code') =>
		new Map(
			(
				db
					.prepare(
						`SELECT ${column} AS code, COUNT(*) AS n FROM records
						 WHERE kind = ? AND status = 'published' AND ${column} IS NOT NULL GROUP BY ${column}`
					)
					.all(kind) as { code: string; n: number }[]
			).map((r) => [r.code, r.n])
		);
	return { byQuartier: count('quartier_code'), byCommune: count('commune_code') };
}
