/**
 * Reads for the observatory, the feeds and the CRESS's indicators: dates of the published records, and the
 * history and proposals counted by month. Aggregation that is not plain counting is done by the pure
 * modules of lib/domain/observatory.
 */
import type { RecordKind } from '$lib/domain/records';
import { all, get, perform, type Conn, type Out } from './query';

/*
 * Column aliases in camelCase are quoted: PostgreSQL folds unquoted names to lower case.
 */

/** When the published data last changed (ISO timestamp), or undefined on an empty store. */
export function lastPublishedChange<C extends Conn>(conn: C): Out<C, string | undefined> {
	return perform(
		conn,
		(function* () {
			const row = yield* get<{ at: string | null }>(
				"SELECT max(updated_at) AS at FROM records WHERE status = 'published'"
			);
			return row?.at ?? undefined;
		})()
	);
}

export interface RecordTimes {
	id: string;
	createdAt: string;
	updatedAt: string;
}

/** Published records of a kind, most recently changed first, with when they were created and changed. */
export function publishedRecordTimes<C extends Conn>(
	conn: C,
	kind: RecordKind,
	limit: number
): Out<C, RecordTimes[]> {
	return perform(
		conn,
		all<RecordTimes>(
			`SELECT id, created_at AS "createdAt", updated_at AS "updatedAt" FROM records
			 WHERE status = 'published' AND kind = ? ORDER BY updated_at DESC, id LIMIT ?`,
			[kind, limit]
		)
	);
}

export interface HistoryMonth {
	/** AAAA-MM */
	month: string;
	action: string;
	count: number;
}

/** History entries counted by month and action (who wrote is not needed for the indicators). */
export function historyByMonth<C extends Conn>(conn: C): Out<C, HistoryMonth[]> {
	return perform(
		conn,
		all<HistoryMonth>(
			`SELECT substr(changed_at, 1, 7) AS month, action, count(*) AS count FROM record_history
			 GROUP BY substr(changed_at, 1, 7), action ORDER BY month, action`
		)
	);
}

export interface ProposalFacts {
	type: string;
	status: string;
	createdAt: string;
	decidedAt: string | null;
	/** The payload's JSON text: the fields a correction asks to change are read from it. */
	payload: string;
}

/** Every proposal's dates, status and payload; no e-mail address nor message leaves this query. */
export function proposalFacts<C extends Conn>(conn: C): Out<C, ProposalFacts[]> {
	return perform(
		conn,
		all<ProposalFacts>(
			`SELECT type, status, created_at AS "createdAt", decided_at AS "decidedAt", payload FROM proposals
			 ORDER BY created_at, id`
		)
	);
}
