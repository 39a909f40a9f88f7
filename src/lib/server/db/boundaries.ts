/**
 * Official outlines (communes, quartiers, QPV) loaded by `npm run geo:import`, and the one write that
 * point-in-polygon makes to records. Geometry is stored as GeoJSON text (migration 2).
 */
import type { Boundary, BoundaryKind } from '$lib/geo/point-in-polygon';
import type { PublicRecord } from '$lib/domain/records';
import type { Db } from './connection';
import { bumpDataVersion } from './records';

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
export function replaceBoundaries(
	db: Db,
	kind: BoundaryKind,
	boundaries: readonly Boundary[],
	source: string,
	now = new Date()
): { replaced: number; inserted: number } {
	return db.transaction(() => {
		const replaced = db.prepare('DELETE FROM boundaries WHERE kind = ?').run(kind).changes;
		const insert = db.prepare(
			'INSERT INTO boundaries (kind, code, name, geometry, source, imported_at) VALUES (?, ?, ?, ?, ?, ?)'
		);
		for (const b of boundaries) {
			if (b.kind !== kind)
				throw new Error(`contour ${b.code} de type ${b.kind} dans un import de type ${kind}`);
			insert.run(kind, b.code, b.name, JSON.stringify(b.geometry), source, now.toISOString());
		}
		bumpDataVersion(db);
		return { replaced, inserted: boundaries.length };
	})();
}

export function listBoundaries(db: Db, kinds?: readonly BoundaryKind[]): StoredBoundary[] {
	const rows = db
		.prepare('SELECT kind, code, name, geometry, source, imported_at FROM boundaries ORDER BY kind, code')
		.all() as BoundaryRow[];
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
}

export function countBoundaries(db: Db): Record<BoundaryKind, number> {
	const counts: Record<BoundaryKind, number> = { commune: 0, quartier: 0, qpv: 0 };
	for (const r of db.prepare('SELECT kind, COUNT(*) AS n FROM boundaries GROUP BY kind').all() as {
		kind: BoundaryKind;
		n: number;
	}[])
		counts[r.kind] = r.n;
	return counts;
}

export type PlaceWrite = { ok: true; version: number } | { ok: false; reason: 'conflict' | 'missing' };

/**
 * Writes a record whose place (commune, quartier, QPV) point-in-polygon changed: the document and its
 * commune_code / quartier_code columns in one statement, version + 1, and a history entry 'geo-assign',
 * all in one transaction. Refuses if the record changed since it was read (optimistic concurrency).
 */
export function writeAssignedPlace(
	db: Db,
	record: PublicRecord,
	expectedVersion: number,
	note: string,
	now = new Date()
): PlaceWrite {
	if (record.kind === 'funding-tool') throw new Error('un outil de financement n’a pas de lieu');
	return db.transaction((): PlaceWrite => {
		const at = now.toISOString();
		const result = db
			.prepare(
				`UPDATE records SET data = @data, commune_code = @commune, quartier_code = @quartier,
				 version = version + 1, updated_at = @now WHERE id = @id AND version = @expected`
			)
			.run({
				id: record.id,
				data: JSON.stringify(record),
				commune: record.communeCode,
				quartier: record.quartierCode ?? null,
				now: at,
				expected: expectedVersion
			});
		if (result.changes === 0) {
			const exists = db.prepare('SELECT 1 FROM records WHERE id = ?').get(record.id);
			return { ok: false, reason: exists ? 'conflict' : 'missing' };
		}
		const version = expectedVersion + 1;
		db.prepare(
			'INSERT INTO record_history (record_id, version, data, action, changed_by, changed_at, note) VALUES (?, ?, ?, ?, ?, ?, ?)'
		).run(record.id, version, JSON.stringify(record), 'geo-assign', null, at, note);
		bumpDataVersion(db);
		return { ok: true, version };
	})();
}
