/**
 * History queries of automated writers (the SIRENE import, batch geocoding): what a process last wrote into
 * a record, and which records a process changed last, for the workspace's « à relire » list. On either
 * connection (./query.ts).
 */
import type { PublicRecord } from '$lib/domain/records';
import { all, get, perform, type Conn, type Out } from './query';

/** The newest version of a record written by `actor`, or undefined if it never wrote one. */
export function lastWrittenBy<C extends Conn>(
	conn: C,
	recordId: string,
	actor: string
): Out<C, { version: number; action: string; data: PublicRecord } | undefined> {
	return perform(
		conn,
		(function* () {
			const row = yield* get<{ version: number; action: string; data: string }>(
				'SELECT version, action, data FROM record_history WHERE record_id = ? AND changed_by = ? ORDER BY version DESC LIMIT 1',
				[recordId, actor]
			);
			return row
				? { version: row.version, action: row.action, data: JSON.parse(row.data) as PublicRecord }
				: undefined;
		})()
	);
}

/** The newest history entry of a record (who and what), or undefined. */
export function latestEntry<C extends Conn>(
	conn: C,
	recordId: string
): Out<C, { version: number; action: string; changedBy: string | null } | undefined> {
	return perform(
		conn,
		(function* () {
			const row = yield* get<{ version: number; action: string; changed_by: string | null }>(
				'SELECT version, action, changed_by FROM record_history WHERE record_id = ? ORDER BY version DESC LIMIT 1',
				[recordId]
			);
			return row ? { version: row.version, action: row.action, changedBy: row.changed_by } : undefined;
		})()
	);
}

/**
 * Ids of records whose last meaningful change was made by `actor`: nobody has looked at them since.
 * Entries whose action is in `ignore` (a confirmation that changed only dates) do not count as changes.
 */
export function idsLastChangedBy<C extends Conn>(
	conn: C,
	actor: string,
	ignore: readonly string[] = []
): Out<C, Set<string>> {
	const placeholders = ignore.map(() => '?').join(', ');
	return perform(
		conn,
		(function* () {
			const rows = yield* all<{ id: string; by: string | null }>(
				`SELECT h.record_id AS id, h.changed_by AS by FROM record_history h
				 JOIN (SELECT record_id, MAX(version) AS v FROM record_history
				       ${ignore.length ? `WHERE action NOT IN (${placeholders})` : ''} GROUP BY record_id) last
				   ON last.record_id = h.record_id AND last.v = h.version`,
				ignore
			);
			return new Set(rows.filter((r) => r.by === actor).map((r) => r.id));
		})()
	);
}

/** One version of a record as it was written, or undefined. */
export function versionOf<C extends Conn>(
	conn: C,
	recordId: string,
	version: number
): Out<C, PublicRecord | undefined> {
	return perform(
		conn,
		(function* () {
			const row = yield* get<{ data: string }>(
				'SELECT data FROM record_history WHERE record_id = ? AND version = ?',
				[recordId, version]
			);
			return row ? (JSON.parse(row.data) as PublicRecord) : undefined;
		})()
	);
}
