/**
 * Official outlines (communes, quartiers, QPV) loaded by `npm run geo:import`, and the one write that
 * point-in-polygon makes to records. Geometry is stored as GeoJSON text (migration 2).
 */
import type { Boundary, BoundaryKind } from '$lib/geo/point-in-polygon';
import type { PublicRecord } from '$lib/domain/records';
import { all, get, perform, run, transaction, type Conn, type Out, type Query } from './query';
import { bumpDataVersionQuery } from './records';

interface BoundaryRow {
	kind: BoundaryKind;
	code: string;
	name: string;
	geometry: string;
	source: string;
	imported_at: string;
}

export interface StoredBoundary extends Boundary {
	source: string;
	importedAt: string;
}

/**
 * Replaces every outline of one kind, all or nothing: a failed import leaves the previous outlines in place.
 * Returns how many outlines the kind had before.
 */
export function replaceBoundaries<C extends Conn>(
	conn: C,
	kind: BoundaryKind,
	boundaries: readonly Boundary[],
	source: string,
	now = new Date()
): Out<C, { replaced: number; inserted: number }> {
	return perform(
		conn,
		transaction(function* () {
			const replaced = (yield* run('DELETE FROM boundaries WHERE kind = ?', [kind])).changes;
			for (const b of boundaries) {
				if (b.kind !== kind)
					throw new Error(`contour ${b.code} de type ${b.kind} dans un import de type ${kind}`);
				yield* run(
					'INSERT INTO boundaries (kind, code, name, geometry, source, imported_at) VALUES (?, ?, ?, ?, ?, ?)',
					[kind, b.code, b.name, JSON.stringify(b.geometry), source, now.toISOString()]
				);
			}
			yield* bumpDataVersionQuery();
			return { replaced, inserted: boundaries.length };
		})
	);
}

export function listBoundaries<C extends Conn>(
	conn: C,
	kinds?: readonly BoundaryKind[]
): Out<C, StoredBoundary[]> {
	return perform(
		conn,
		(function* () {
			const rows = yield* all<BoundaryRow>(
				'SELECT kind, code, name, geometry, source, imported_at FROM boundaries ORDER BY kind, code'
			);
			return rows
				.filter((r) => !kinds || kinds.includes(r.kind))
				.map((r) => ({
					kind: r.kind,
					code: r.code,
					name: r.name,
					geometry: JSON.parse(r.geometry),
					source: r.source,
					importedAt: r.imported_at
				}));
		})()
	);
}

export function countBoundaries<C extends Conn>(conn: C): Out<C, Record<BoundaryKind, number>> {
	return perform(
		conn,
		(function* () {
			const counts: Record<BoundaryKind, number> = { commune: 0, quartier: 0, qpv: 0 };
			const rows = yield* all<{ kind: BoundaryKind; n: number }>(
				'SELECT kind, COUNT(*) AS n FROM boundaries GROUP BY kind'
			);
			for (const r of rows) counts[r.kind] = r.n;
			return counts;
		})()
	);
}

export type PlaceWrite = { ok: true; version: number } | { ok: false; reason: 'conflict' | 'missing' };

/**
 * Writes a record whose place (commune, quartier, QPV) point-in-polygon changed: the document and its
 * commune_code / quartier_code columns in one statement, version + 1, and a history entry 'geo-assign',
 * all in one transaction. Refuses if the record changed since it was read (optimistic concurrency).
 */
export function writeAssignedPlace<C extends Conn>(
	conn: C,
	record: PublicRecord,
	expectedVersion: number,
	note: string,
	now = new Date()
): Out<C, PlaceWrite> {
	if (record.kind === 'funding-tool') throw new Error('un outil de financement n’a pas de lieu');
	const at = now.toISOString();
	const data = JSON.stringify(record);
	return perform(
		conn,
		transaction(function* (): Query<PlaceWrite> {
			const result = yield* run(
				`UPDATE records SET data = ?, commune_code = ?, quartier_code = ?,
				 version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
				[data, record.communeCode, record.quartierCode ?? null, at, record.id, expectedVersion]
			);
			if (result.changes === 0) {
				const exists = yield* get('SELECT 1 AS one FROM records WHERE id = ?', [record.id]);
				return { ok: false, reason: exists ? 'conflict' : 'missing' };
			}
			const version = expectedVersion + 1;
			yield* run(
				'INSERT INTO record_history (record_id, version, data, action, changed_by, changed_at, note) VALUES (?, ?, ?, ?, ?, ?, ?)',
				[record.id, version, data, 'geo-assign', null, at, note]
			);
			yield* bumpDataVersionQuery();
			return { ok: true, version };
		})
	);
}
