/**
 * History queries of automated writers (the SIRENE import, batch geocoding): what a process last wrote into
 * a record, and which records a process changed last, for the workspace's « à relire » list.
 */
import type { PublicRecord } from '$lib/domain/records';
import type { Db } from './connection';

/** The newest version of a record written by `actor`, or undefined if it never wrote one. */
export function lastWrittenBy(
	db: Db,
	recordId: string,
	actor: string
): { version: number; action: string; data: PublicRecord } | undefined {
	const row = db
		.prepare(
			'SELECT version, action, data FROM record_history WHERE record_id = ? AND changed_by = ? ORDER BY version DESC LIMIT 1'
		)
		.get(recordId, actor) as { version: number; action: string; data: string } | undefined;
	return row ? { version: row.version, action: row.action, data: JSON.parse(row.data) } : undefined;
}

/** The newest history entry of a record (who and what), or undefined. */
export function latestEntry(
	db: Db,
	recordId: string
): { version: number; action: string; changedBy: string | null } | undefined {
	const row = db
		.prepare(
			'SELECT version, action, changed_by FROM record_history WHERE record_id = ? ORDER BY version DESC LIMIT 1'
		)
		.get(recordId) as { version: number; action: string; changed_by: string | null } | undefined;
	return row ? { version: row.version, action: row.action, changedBy: row.changed_by } : undefined;
}

/**
 * Ids of records whose last meaningful change was made by `actor`: nobody has looked at them since.
 * Entries whose action is in `ignore` (a confirmation that changed only dates) do not count as changes.
 */
export function idsLastChangedBy(db: Db, actor: string, ignore: readonly string[] = []): Set<string> {
	const placeholders = ignore.map(() => '?').join(', ');
	const rows = db
		.prepare(
			`SELECT h.record_id AS id, h.changed_by AS by FROM record_history h
			 JOIN (SELECT record_id, MAX(version) AS v FROM record_history
			       ${ignore.length ? `WHERE action NOT IN (${placeholders})` : ''} GROUP BY record_id) last
			   ON last.record_id = h.record_id AND last.v = h.version`
		)
		.all(...ignore) as { id: string; by: string | null }[];
	return new Set(rows.filter((r) => r.by === actor).map((r) => r.id));
}

/** One version of a record as it was written, or undefined. */
export function versionOf(db: Db, recordId: string, version: number): PublicRecord | undefined {
	const data = db
		.prepare('SELECT data FROM record_history WHERE record_id = ? AND version = ?')
		.pluck()
		.get(recordId, version) as string | undefined;
	return data ? (JSON.parse(data) as PublicRecord) : undefined;
}
