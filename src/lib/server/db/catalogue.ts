/**
 * Reads for the catalogue (src/lib/server/catalogue.ts): every published record in one query, parsed once,
 * without the version column (pages never show it), so a rebuild after a write stays cheap at 100k records.
 * On either connection (./query.ts); the Query forms let the read model read them in its one transaction.
 */
import type { PublicRecord } from '$lib/domain/records';
import { all, perform, type Conn, type Out, type Query } from './query';

export function* listPublishedRecordsQuery(): Query<PublicRecord[]> {
	const rows = yield* all<{ data: string }>("SELECT data FROM records WHERE status = 'published'");
	return rows.map((r) => JSON.parse(r.data) as PublicRecord);
}

export function listPublishedRecords<C extends Conn>(conn: C): Out<C, PublicRecord[]> {
	return perform(conn, listPublishedRecordsQuery());
}

/** Ids of every published record, any kind: what a public output may refer to. */
export function publishedRecordIds<C extends Conn>(conn: C): Out<C, Set<string>> {
	return perform(
		conn,
		(function* () {
			const rows = yield* all<{ id: string }>("SELECT id FROM records WHERE status = 'published'");
			return new Set(rows.map((r) => r.id));
		})()
	);
}
