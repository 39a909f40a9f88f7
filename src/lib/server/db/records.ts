import type { Commune, Qpv, Quartier, Thematique } from '$lib/domain/geography';
import type { PublicRecord, RecordKind } from '$lib/domain/records';
import { all, get, perform, run, transaction, type Conn, type Out, type Query } from './query';

/*
 * The records and the data version, on either connection (./query.ts): the synchronous SQLite one the
 * modules not yet moved still pass, or the asynchronous client both engines share.
 */

type KindMap = {
	organisation: Extract<PublicRecord, { kind: 'organisation' }>;
	initiative: Extract<PublicRecord, { kind: 'initiative' }>;
	'funding-tool': Extract<PublicRecord, { kind: 'funding-tool' }>;
	place: Extract<PublicRecord, { kind: 'place' }>;
	event: Extract<PublicRecord, { kind: 'event' }>;
};

interface Row {
	data: string;
	version: number;
}

/** Stored records carry their optimistic-concurrency version beside the validated document. */
export type Stored<T> = T & { version: number };

function parse<T>(row: Row): Stored<T> {
	return { ...(JSON.parse(row.data) as T), version: row.version };
}

export function listRecords<C extends Conn, K extends RecordKind>(
	conn: C,
	kind: K,
	opts: { status?: 'published' | 'draft' | 'archived' | 'any' } = {}
): Out<C, Stored<KindMap[K]>[]> {
	const status = opts.status ?? 'published';
	return perform(
		conn,
		(function* () {
			const rows =
				status === 'any'
					? yield* all<Row>('SELECT data, version FROM records WHERE kind = ? ORDER BY name', [kind])
					: yield* all<Row>('SELECT data, version FROM records WHERE kind = ? AND status = ? ORDER BY name', [
							kind,
							status
						]);
			return rows.map((r) => parse<KindMap[K]>(r));
		})()
	);
}

export function* recordBySlug<K extends RecordKind>(
	kind: K,
	slug: string
): Query<Stored<KindMap[K]> | undefined> {
	const row = yield* get<Row>('SELECT data, version FROM records WHERE kind = ? AND slug = ?', [kind, slug]);
	return row ? parse<KindMap[K]>(row) : undefined;
}

export function getRecordBySlug<C extends Conn, K extends RecordKind>(
	conn: C,
	kind: K,
	slug: string
): Out<C, Stored<KindMap[K]> | undefined> {
	return perform(conn, recordBySlug(kind, slug));
}

/** The statements of getRecordById, for a larger query. */
export function* recordById(id: string): Query<Stored<PublicRecord> | undefined> {
	const row = yield* get<Row>('SELECT data, version FROM records WHERE id = ?', [id]);
	return row ? parse<PublicRecord>(row) : undefined;
}

export function getRecordById<C extends Conn>(conn: C, id: string): Out<C, Stored<PublicRecord> | undefined> {
	return perform(conn, recordById(id));
}

/**
 * Records whose document holds `id` as a value (a link: parent, carrier, provider, combination), other than
 * that record. A coarse text match: callers check the actual links.
 */
export function recordsMentioning<C extends Conn>(conn: C, id: string): Out<C, Stored<PublicRecord>[]> {
	return perform(
		conn,
		(function* () {
			const rows = yield* all<Row>('SELECT data, version FROM records WHERE data LIKE ? AND id != ?', [
				`%"${id}"%`,
				id
			]);
			return rows.map((row) => parse<PublicRecord>(row));
		})()
	);
}

export function* countRecordsQuery(): Query<Record<RecordKind, number>> {
	const rows = yield* all<{ kind: RecordKind; n: number }>(
		'SELECT kind, COUNT(*) AS n FROM records GROUP BY kind'
	);
	const counts = { organisation: 0, initiative: 0, 'funding-tool': 0, place: 0, event: 0 };
	for (const r of rows) counts[r.kind] = r.n;
	return counts;
}

export function countRecords<C extends Conn>(conn: C): Out<C, Record<RecordKind, number>> {
	return perform(conn, countRecordsQuery());
}

/**
 * Inserts a new record (validated by the caller) and its first history entry.
 * Throws on a duplicate id or (kind, slug).
 */
export interface InsertOptions {
	now?: Date;
	action?: string;
	by?: string | null;
	note?: string | null;
}

export function insertRecord<C extends Conn>(
	conn: C,
	record: PublicRecord,
	opts: InsertOptions = {}
): Out<C, void> {
	return perform(
		conn,
		transaction(function* () {
			yield* insertOne(record, (opts.now ?? new Date()).toISOString(), opts);
			yield* bumpDataVersionQuery();
		})
	);
}

/**
 * Inserts new records with their first history entry, in one transaction, and bumps the data version
 * once (250,000 synthetic records in seconds, where one `insertRecord` per record bumps the version each
 * time). The synchronous connection prepares the two statements once for all of them.
 */
export function insertRecords<C extends Conn>(
	conn: C,
	records: Iterable<PublicRecord>,
	opts: InsertOptions = {}
): Out<C, number> {
	return perform(conn, insertRecordsQuery(records, opts));
}

export function insertRecordsQuery(records: Iterable<PublicRecord>, opts: InsertOptions = {}): Query<number> {
	const now = (opts.now ?? new Date()).toISOString();
	return transaction(function* () {
		let n = 0;
		for (const record of records) {
			yield* insertOne(record, now, opts);
			n++;
		}
		if (n > 0) yield* bumpDataVersionQuery();
		return n;
	});
}

/**
 * The columns copied out of a record's document for the store's indexes, in the order both the insert and
 * the update name them: slug, status, name, commune_code, quartier_code, last_verified.
 */
function indexedColumns(record: PublicRecord): unknown[] {
	const place = 'communeCode' in record ? record : undefined;
	return [
		record.slug,
		record.status,
		record.name,
		place?.communeCode ?? null,
		place?.quartierCode ?? null,
		record.lastVerified
	];
}

/** One record and its first history entry (the data version is the caller's to bump). */
function* insertOne(record: PublicRecord, now: string, opts: InsertOptions): Query<void> {
	const data = JSON.stringify(record);
	yield* run(
		`INSERT INTO records (id, kind, slug, status, name, commune_code, quartier_code, last_verified, version, data, created_at, updated_at)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
		[record.id, record.kind, ...indexedColumns(record), data, now, now]
	);
	yield* run(
		'INSERT INTO record_history (record_id, version, data, action, changed_by, changed_at, note) VALUES (?, 1, ?, ?, ?, ?, ?)',
		[record.id, data, opts.action ?? 'create', opts.by ?? null, now, opts.note ?? null]
	);
}

function* listData<T>(sql: string): Query<T[]> {
	return (yield* all<Row>(sql)).map((r) => JSON.parse(r.data) as T);
}

/* The places and thématiques as statements, for larger queries (the workspace's reference checks). */
export const communeRows = () => listData<Commune>('SELECT data FROM communes ORDER BY name');
export const quartierRows = () => listData<Quartier>('SELECT data FROM quartiers ORDER BY code');
export const qpvRows = () => listData<Qpv>('SELECT data FROM qpv ORDER BY name');
// In the order they were written (data/thematiques.json's, which the pages show); the table has no
// column for it, so a PostgreSQL store relies on a small table's scan order until it gets one.
export const thematiqueRows = () => listData<Thematique>('SELECT data FROM thematiques');

export function listCommunes<C extends Conn>(conn: C): Out<C, Commune[]> {
	return perform(conn, communeRows());
}
export function listQuartiers<C extends Conn>(conn: C): Out<C, Quartier[]> {
	return perform(conn, quartierRows());
}
export function listQpv<C extends Conn>(conn: C): Out<C, Qpv[]> {
	return perform(conn, qpvRows());
}
export function listThematiques<C extends Conn>(conn: C): Out<C, Thematique[]> {
	return perform(conn, thematiqueRows());
}

function* write(sql: string, params: unknown[]): Query<void> {
	yield* run(sql, params);
}

export function insertCommuneQuery(c: Commune): Query<void> {
	return write('INSERT INTO communes (code, slug, name, data) VALUES (?, ?, ?, ?)', [
		c.code,
		c.slug,
		c.name,
		JSON.stringify(c)
	]);
}
export function insertQuartierQuery(q: Quartier): Query<void> {
	return write('INSERT INTO quartiers (code, slug, name, commune_code, data) VALUES (?, ?, ?, ?, ?)', [
		q.code,
		q.slug,
		q.name,
		q.communeCode,
		JSON.stringify(q)
	]);
}
export function insertQpvQuery(q: Qpv): Query<void> {
	return write('INSERT INTO qpv (slug, name, data) VALUES (?, ?, ?)', [q.slug, q.name, JSON.stringify(q)]);
}
export function insertThematiqueQuery(t: Thematique): Query<void> {
	return write('INSERT INTO thematiques (code, label, data) VALUES (?, ?, ?)', [
		t.code,
		t.label,
		JSON.stringify(t)
	]);
}
export function insertCommune<C extends Conn>(conn: C, c: Commune): Out<C, void> {
	return perform(conn, insertCommuneQuery(c));
}
export function insertQuartier<C extends Conn>(conn: C, q: Quartier): Out<C, void> {
	return perform(conn, insertQuartierQuery(q));
}
export function insertQpv<C extends Conn>(conn: C, q: Qpv): Out<C, void> {
	return perform(conn, insertQpvQuery(q));
}
export function insertThematique<C extends Conn>(conn: C, t: Thematique): Out<C, void> {
	return perform(conn, insertThematiqueQuery(t));
}

export function* metaQuery(key: string): Query<string | undefined> {
	return (yield* get<{ value: string }>('SELECT value FROM meta WHERE key = ?', [key]))?.value;
}

export function getMeta<C extends Conn>(conn: C, key: string): Out<C, string | undefined> {
	return perform(conn, metaQuery(key));
}
export function setMetaQuery(key: string, value: string): Query<void> {
	return write(
		'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
		[key, value]
	);
}
export function setMeta<C extends Conn>(conn: C, key: string, value: string): Out<C, void> {
	return perform(conn, setMetaQuery(key, value));
}

/** A counter bumped by every write: caches (API ETags, the search index) key on it. */
export function* dataVersionQuery(): Query<number> {
	return Number((yield* metaQuery('data_version')) ?? '0');
}

export function dataVersion<C extends Conn>(conn: C): Out<C, number> {
	return perform(conn, dataVersionQuery());
}

/**
 * One statement: two writers committing at once (two instances on PostgreSQL) each move the version on,
 * where reading it and writing it back would let both write the same number and hide one write from the
 * other instance's caches.
 */
export function* bumpDataVersionQuery(): Query<void> {
	yield* run(
		`INSERT INTO meta (key, value) VALUES ('data_version', '1')
		 ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(meta.value AS INTEGER) + 1 AS TEXT)`
	);
}

export function bumpDataVersion<C extends Conn>(conn: C): Out<C, void> {
	return perform(conn, bumpDataVersionQuery());
}

/**
 * Moves the data version on if it is still `expected`, atomically; true when this call moved it. For a
 * change of the public data that no write made (an event that ended yesterday): a writer that got there
 * first has already made the new version.
 */
export function bumpDataVersionFrom<C extends Conn>(conn: C, expected: number): Out<C, boolean> {
	return perform(
		conn,
		(function* () {
			const moved = yield* run("UPDATE meta SET value = ? WHERE key = 'data_version' AND value = ?", [
				String(expected + 1),
				String(expected)
			]);
			if (moved.changes > 0) return true;
			if (expected !== 0) return false;
			// A store that never had a version is at 0.
			const created = yield* run(
				"INSERT INTO meta (key, value) VALUES ('data_version', '1') ON CONFLICT (key) DO NOTHING"
			);
			return created.changes > 0;
		})()
	);
}

export type UpdateResult<T> = { ok: true; version: number } | { ok: false; current: Stored<T> | undefined };

/**
 * Replaces a record if nobody changed it since `expectedVersion` (optimistic concurrency: the version is
 * checked by the UPDATE itself, so two instances saving at once cannot both win).
 * On a conflict nothing is written and the current version is returned so the caller can show both.
 * Every successful write appends a history entry.
 */
export function updateRecord<C extends Conn>(
	conn: C,
	record: PublicRecord,
	opts: { expectedVersion: number; by?: string | null; action?: string; note?: string | null; now?: Date }
): Out<C, UpdateResult<PublicRecord>> {
	const now = (opts.now ?? new Date()).toISOString();
	return perform(
		conn,
		transaction(function* (): Query<UpdateResult<PublicRecord>> {
			const data = JSON.stringify(record);
			const result = yield* run(
				`UPDATE records SET slug = ?, status = ?, name = ?, commune_code = ?, quartier_code = ?,
				 last_verified = ?, data = ?, version = version + 1, updated_at = ?
				 WHERE id = ? AND kind = ? AND version = ?`,
				[...indexedColumns(record), data, now, record.id, record.kind, opts.expectedVersion]
			);
			if (result.changes === 0) return { ok: false, current: yield* recordById(record.id) };
			const version = opts.expectedVersion + 1;
			yield* run(
				'INSERT INTO record_history (record_id, version, data, action, changed_by, changed_at, note) VALUES (?, ?, ?, ?, ?, ?, ?)',
				[record.id, version, data, opts.action ?? 'update', opts.by ?? null, now, opts.note ?? null]
			);
			yield* bumpDataVersionQuery();
			return { ok: true, version };
		})
	);
}

export interface HistoryEntry {
	recordId: string;
	version: number;
	data: PublicRecord;
	action: string;
	changedBy: string | null;
	changedAt: string;
	note: string | null;
}

/** All versions of a record, newest first. */
export function listHistory<C extends Conn>(conn: C, recordId: string): Out<C, HistoryEntry[]> {
	return perform(
		conn,
		(function* () {
			const rows = yield* all<{
				record_id: string;
				version: number;
				data: string;
				action: string;
				changed_by: string | null;
				changed_at: string;
				note: string | null;
			}>(
				'SELECT record_id, version, data, action, changed_by, changed_at, note FROM record_history WHERE record_id = ? ORDER BY version DESC',
				[recordId]
			);
			return rows.map((r) => ({
				recordId: r.record_id,
				version: r.version,
				data: JSON.parse(r.data) as PublicRecord,
				action: r.action,
				changedBy: r.changed_by,
				changedAt: r.changed_at,
				note: r.note
			}));
		})()
	);
}
