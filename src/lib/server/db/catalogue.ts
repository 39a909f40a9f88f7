/**
 * Reads for the catalogue (src/lib/server/catalogue.ts): every published record in one query, parsed once,
 * without the version column (pages never show it), so a rebuild after a write stays cheap at 100k records.
 */
import type { PublicRecord } from '$lib/domain/records';
import type { Db } from './connection';

export function listPublishedRecords(db: Db): PublicRecord[] {
	const rows = db.prepare("SELECT data FROM records WHERE status = 'published'").pluck().all() as string[];
	return rows.map((data) => JSON.parse(data) as PublicRecord);
}

/** Ids of every published record, any kind: what a public output may refer to. */
export function publishedRecordIds(db: Db): Set<string> {
	return new Set(db.prepare("SELECT id FROM records WHERE status = 'published'").pluck().all() as string[]);
}
