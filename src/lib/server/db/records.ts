import type { Commune, Qpv, Quartier, Thematique } from '$lib/domain/geography';
import type { PublicRecord, RecordKind } from '$lib/domain/records';
import type { Db } from './connection';

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

export function listRecords<K extends RecordKind>(
	db: Db,
	kind: K,
	opts: { status?: 'published' | 'draft' | 'archived' | 'any' } = {}
): Stored<KindMap[K]>[] {
	const status = opts.status ?? 'published';
	const rows = (
		status === 'any'
			? db.prepare('SELECT data, version FROM records WHERE kind = ? ORDER BY name').all(kind)
			: db
					.prepare('SELECT data, version FROM records WHERE kind = ? AND status = ? ORDER BY name')
					.all(kind, status)
	) as Row[];
	return rows.map((r) => parse<KindMap[K]>(r));
}

export function getRecordBySlug<K extends RecordKind>(
	db: Db,
	kind: K,
	slug: string
): Stored<KindMap[K]> | undefined {
	const row = db.prepare('SELECT data, version FROM records WHERE kind = ? AND slug = ?').get(kind, slug) as
		Row | undefined;
	return row ? parse<KindMap[K]>(row) : undefined;
}

export function getRecordById(db: Db, id: string): Stored<PublicRecord> | undefined {
	const row = db.prepare('SELECT data, version FROM records WHERE id = ?').get(id) as Row | undefined;
	return row ? parse<PublicRecord>(row) : undefined;
}

/**
 * Records whose document holds `id` as a value (a link: parent, carrier, provider, combination), other than
 * that record. A coarse text match: callers check the actual links.
 */
export function recordsMentioning(db: Db, id: string): Stored<PublicRecord>[] {
	const rows = db
		.prepare('SELECT data, version FROM records WHERE data LIKE ? AND id != ?')
		.all(`%"${id}"%`, id) as Row[];
	return rows.map((row) => parse<PublicRecord>(row));
}

export function countRecords(db: Db): Record<RecordKind, number> {
	const rows = db.prepare('SELECT kind, COUNT(*) AS n FROM records GROUP BY kind').all() as {
		kind: RecordKind;
		n: number;
	}[];
	const counts = { organisation: 0, initiative: 0, 'funding-tool': 0, place: 0, event: 0 };
	for (const r of rows) counts[r.kind] = r.n;
	return counts;
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

export function insertRecord(db: Db, record: PublicRecord, opts: InsertOptions = {}): void {
	recordInserter(db, opts)(record);
	bumpDataVersion(db);
}

/**
 * Inserts new records with their first history entry, in one transaction, and bumps the data version
 * once: the statements are prepared once for all of them (250,000 synthetic records in seconds, where
 * one `insertRecord` per record prepares its statements each time and bumps the version each time).
 */
export function insertRecords(db: Db, records: Iterable<PublicRecord>, opts: InsertOptions = {}): number {
	const insert = recordInserter(db, opts);
	return db.transaction(() => {
		let n = 0;
		for (const record of records) {
			insert(record);
			n++;
		}
		if (n > 0) bumpDataVersion(db);
		return n;
	})();
}

/** Inserts one record and its first history entry (the data version is the caller's to bump). */
function recordInserter(db: Db, opts: InsertOptions): (record: PublicRecord) => void {
	const now = (opts.now ?? new Date()).toISOString();
	const insert = db.prepare(
		`INSERT INTO records (id, kind, slug, status, name, commune_code, quartier_code, last_verified, version, data, created_at, updated_at)
		 VALUES (@id, @kind, @slug, @status, @name, @commune, @quartier, @lastVerified, 1, @data, @now, @now)`
	);
	const history = db.prepare(
		'INSERT INTO record_history (record_id, version, data, action, changed_by, changed_at, note) VALUES (?, 1, ?, ?, ?, ?, ?)'
	);
	return (record) => {
		const place = 'communeCode' in record ? record : undefined;
		const data = JSON.stringify(record);
		insert.run({
			id: record.id,
			kind: record.kind,
			slug: record.slug,
			status: record.status,
			name: record.name,
			commune: place?.communeCode ?? null,
			quartier: place?.quartierCode ?? null,
			lastVerified: record.lastVerified,
			data,
			now
		});
		history.run(record.id, data, opts.action ?? 'create', opts.by ?? null, now, opts.note ?? null);
	};
}

export function listCommunes(db: Db): Commune[] {
	return (db.prepare('SELECT data FROM communes ORDER BY name').all() as Row[]).map((r) =>
		JSON.parse(r.data)
	);
}
export function listQuartiers(db: Db): Quartier[] {
	return (db.prepare('SELECT data FROM quartiers ORDER BY code').all() as Row[]).map((r) =>
		JSON.parse(r.data)
	);
}
export function listQpv(db: Db): Qpv[] {
	return (db.prepare('SELECT data FROM qpv ORDER BY name').all() as Row[]).map((r) => JSON.parse(r.data));
}
export function listThematiques(db: Db): Thematique[] {
	return (db.prepare('SELECT data FROM thematiques').all() as Row[]).map((r) => JSON.parse(r.data));
}

export function insertCommune(db: Db, c: Commune) {
	db.prepare('INSERT INTO communes (code, slug, name, data) VALUES (?, ?, ?, ?)').run(
		c.code,
		c.slug,
		c.name,
		JSON.stringify(c)
	);
}
export function insertQuartier(db: Db, q: Quartier) {
	db.prepare('INSERT INTO quartiers (code, slug, name, commune_code, data) VALUES (?, ?, ?, ?, ?)').run(
		q.code,
		q.slug,
		q.name,
		q.communeCode,
		JSON.stringify(q)
	);
}
export function insertQpv(db: Db, q: Qpv) {
	db.prepare('INSERT INTO qpv (slug, name, data) VALUES (?, ?, ?)').run(q.slug, q.name, JSON.stringify(q));
}
export function insertThematique(db: Db, t: Thematique) {
	db.prepare('INSERT INTO thematiques (code, label, data) VALUES (?, ?, ?)').run(
		t.code,
		t.label,
		JSON.stringify(t)
	);
}

export function getMeta(db: Db, key: string): string | undefined {
	return (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)
		?.value;
}
export function setMeta(db: Db, key: string, value: string) {
	db.prepare(
		'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'
	).run(key, value);
}

/** A counter bumped by every write: caches (API ETags, the search index) key on it. */
export function dataVersion(db: Db): number {
	return Number(getMeta(db, 'data_version') ?? '0');
}
export function bumpDataVersion(db: Db) {
	setMeta(db, 'data_version', String(dataVersion(db) + 1));
}

/**
 * Moves the data version on if it is still `expected`, atomically; true when this call moved it. For a
 * change of the public data that no write made (an event that ended yesterday): a writer that got there
 * first has already made the new version.
 */
export function bumpDataVersionFrom(db: Db, expected: number): boolean {
	return db
		.transaction(() => {
			if (dataVersion(db) !== expected) return false;
			bumpDataVersion(db);
			return true;
		})
		.immediate();
}

export type UpdateResult<T> = { ok: true; version: number } | { ok: false; current: Stored<T> | undefined };

/**
 * Replaces a record if nobody changed it since `expectedVersion` (optimistic concurrency).
 * On a conflict nothing is written and the current version is returned so the caller can show both.
 * Every successful write appends a history entry.
 */
export function updateRecord(
	db: Db,
	record: PublicRecord,
	opts: { expectedVersion: number; by?: string | null; action?: string; note?: string | null; now?: Date }
): UpdateResult<PublicRecord> {
	const now = (opts.now ?? new Date()).toISOString();
	return db.transaction((): UpdateResult<PublicRecord> => {
		const place = 'communeCode' in record ? record : undefined;
		const result = db
			.prepare(
				`UPDATE records SET slug = @slug, status = @status, name = @name, commune_code = @commune, quartier_code = @quartier,
				 last_verified = @lastVerified, data = @data, version = version + 1, updated_at = @now
				 WHERE id = @id AND kind = @kind AND version = @expected`
			)
			.run({
				id: record.id,
				kind: record.kind,
				slug: record.slug,
				status: record.status,
				name: record.name,
				commune: place?.communeCode ?? null,
				quartier: place?.quartierCode ?? null,
				lastVerified: record.lastVerified,
				data: JSON.stringify(record),
				now,
				expected: opts.expectedVersion
			});
		if (result.changes === 0) return { ok: false, current: getRecordById(db, record.id) };
		const version = opts.expectedVersion + 1;
		db.prepare(
			'INSERT INTO record_history (record_id, version, data, action, changed_by, changed_at, note) VALUES (?, ?, ?, ?, ?, ?, ?)'
		).run(
			record.id,
			version,
			JSON.stringify(record),
			opts.action ?? 'update',
			opts.by ?? null,
			now,
			opts.note ?? null
		);
		bumpDataVersion(db);
		return { ok: true, version };
	})();
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
export function listHistory(db: Db, recordId: string): HistoryEntry[] {
	const rows = db
		.prepare(
			'SELECT record_id, version, data, action, changed_by, changed_at, note FROM record_history WHERE record_id = ? ORDER BY version DESC'
		)
		.all(recordId) as {
		record_id: string;
		version: number;
		data: string;
		action: string;
		changed_by: string | null;
		changed_at: string;
		note: string | null;
	}[];
	return rows.map((r) => ({
		recordId: r.record_id,
		version: r.version,
		data: JSON.parse(r.data),
		action: r.action,
		changedBy: r.changed_by,
		changedAt: r.changed_at,
		note: r.note
	}));
}
