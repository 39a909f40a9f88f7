/**
 * Reads for the observatory, the feeds and the CRESS's indicators: dates of the published records, and the
 * history and proposals counted by month. Aggregation that is not plain counting is done by the pure
 * modules of lib/domain/observatory.
 */
import type { RecordKind } from '$lib/domain/records';
import type { Db } from './connection';

/** When the published data last changed (ISO timestamp), or undefined on an empty store. */
export function lastPublishedChange(db: Db): string | undefined {
	const row = db.prepare("SELECT max(updated_at) AS at FROM records WHERE status = 'published'").get() as
		{ at: string | null } | undefined;
	return row?.at ?? undefined;
}

export interface RecordTimes {
	id: string;
	createdAt: string;
	updatedAt: string;
}

/** Published records of a kind, most recently changed first, with when they were created and changed. */
export function publishedRecordTimes(db: Db, kind: RecordKind, limit: number): RecordTimes[] {
	return db
		.prepare(
			"SELECT id, created_at AS createdAt, updated_at AS updatedAt FROM records WHERE status = 'published' AND kind = ? ORDER BY updated_at DESC, id LIMIT ?"
		)
		.all(kind, limit) as RecordTimes[];
}

export interface HistoryMonth {
	/** AAAA-MM */
	month: string;
	action: string;
	count: number;
}

/** History entries counted by month and action (who wrote is not needed for the indicators). */
export function historyByMonth(db: Db): HistoryMonth[] {
	return db
		.prepare(
			'SELECT substr(changed_at, 1, 7) AS month, action, count(*) AS count FROM record_history GROUP BY month, action ORDER BY month'
		)
		.all() as HistoryMonth[];
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
export function proposalFacts(db: Db): ProposalFacts[] {
	return db
		.prepare(
			'SELECT type, status, created_at AS createdAt, decided_at AS decidedAt, payload FROM proposals ORDER BY created_at'
		)
		.all() as ProposalFacts[];
}
