/**
 * Queries of the maintainers' workspace (/admin): lists, counts, import jobs, dismissed duplicates. On either
 * connection (./query.ts): the workspace passes the asynchronous client; the moderation and the scripts
 * that have not moved yet still pass the synchronous one.
 */
import type { PublicRecord, RecordKind } from '$lib/domain/records';
import { all, get, perform, run, transaction, type Conn, type Out, type Query } from './query';
import type { Stored } from './records';
import type { SqlClient } from './sql';

export interface RecordSummary {
	id: string;
	kind: RecordKind;
	slug: string;
	name: string;
	status: 'published' | 'draft' | 'archived';
	lastVerified: string;
	updatedAt: string;
	version: number;
}

interface SummaryRow {
	id: string;
	kind: RecordKind;
	slug: string;
	name: string;
	status: RecordSummary['status'];
	last_verified: string;
	updated_at: string;
	version: number;
}

const toSummary = (r: SummaryRow): RecordSummary => ({
	id: r.id,
	kind: r.kind,
	slug: r.slug,
	name: r.name,
	status: r.status,
	lastVerified: r.last_verified,
	updatedAt: r.updated_at,
	version: r.version
});

export function listSummaries<C extends Conn>(
	conn: C,
	opts: { kind?: RecordKind; status?: RecordSummary['status'] } = {}
): Out<C, RecordSummary[]> {
	const where: string[] = [];
	const args: string[] = [];
	if (opts.kind) {
		where.push('kind = ?');
		args.push(opts.kind);
	}
	if (opts.status) {
		where.push('status = ?');
		args.push(opts.status);
	}
	const sql = `SELECT id, kind, slug, name, status, last_verified, updated_at, version FROM records
		${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY name, id`;
	return perform(
		conn,
		(function* () {
			return (yield* all<SummaryRow>(sql, args)).map(toSummary);
		})()
	);
}

/** Records not archived whose last verification is before `before` (YYYY-MM-DD), oldest first. */
export function listStale<C extends Conn>(conn: C, before: string): Out<C, RecordSummary[]> {
	return perform(
		conn,
		(function* () {
			const rows = yield* all<SummaryRow>(
				`SELECT id, kind, slug, name, status, last_verified, updated_at, version FROM records
				 WHERE status != 'archived' AND last_verified < ? ORDER BY last_verified, name, id`,
				[before]
			);
			return rows.map(toSummary);
		})()
	);
}

function count<C extends Conn>(conn: C, sql: string, params: unknown[] = []): Out<C, number> {
	return perform(
		conn,
		(function* () {
			return (yield* get<{ n: number }>(sql, params))?.n ?? 0;
		})()
	);
}

export function countStale<C extends Conn>(conn: C, before: string): Out<C, number> {
	return count(conn, "SELECT COUNT(*) AS n FROM records WHERE status != 'archived' AND last_verified < ?", [
		before
	]);
}

export function statusCounts<C extends Conn>(
	conn: C
): Out<C, { kind: RecordKind; status: RecordSummary['status']; n: number }[]> {
	return perform(
		conn,
		all<{ kind: RecordKind; status: RecordSummary['status']; n: number }>(
			'SELECT kind, status, COUNT(*) AS n FROM records GROUP BY kind, status'
		)
	);
}

export function countPendingProposals<C extends Conn>(conn: C): Out<C, number> {
	return count(conn, "SELECT COUNT(*) AS n FROM proposals WHERE status = 'pending'");
}

/** Every record with its version, all kinds and statuses: the import dry run compares against them. */
export function* allRecordRows(): Query<Stored<PublicRecord>[]> {
	// In id order: the import's plan and the duplicates' list read them in a stable order on both engines.
	const rows = yield* all<{ data: string; version: number }>('SELECT data, version FROM records ORDER BY id');
	return rows.map((r) => ({ ...(JSON.parse(r.data) as PublicRecord), version: r.version }));
}

export function allRecords<C extends Conn>(conn: C): Out<C, Stored<PublicRecord>[]> {
	return perform(conn, allRecordRows());
}

export interface RecentChange {
	recordId: string;
	name: string;
	kind: RecordKind;
	version: number;
	action: string;
	changedBy: string | null;
	changedAt: string;
}

export function recentChanges<C extends Conn>(conn: C, limit = 10): Out<C, RecentChange[]> {
	return perform(
		conn,
		(function* () {
			const rows = yield* all<{
				record_id: string;
				name: string;
				kind: RecordKind;
				version: number;
				action: string;
				changed_by: string | null;
				changed_at: string;
			}>(
				`SELECT h.record_id, r.name, r.kind, h.version, h.action, h.changed_by, h.changed_at
				 FROM record_history h JOIN records r ON r.id = h.record_id
				 WHERE h.action != 'seed' ORDER BY h.changed_at DESC, h.version DESC, h.record_id LIMIT ?`,
				[limit]
			);
			return rows.map((r) => ({
				recordId: r.record_id,
				name: r.name,
				kind: r.kind,
				version: r.version,
				action: r.action,
				changedBy: r.changed_by,
				changedAt: r.changed_at
			}));
		})()
	);
}

// Duplicates marked "not a duplicate".

const pair = (a: string, b: string) => (a < b ? [a, b] : [b, a]);

export function dismissDuplicate<C extends Conn>(
	conn: C,
	a: string,
	b: string,
	by: string,
	now = new Date()
): Out<C, void> {
	const [x, y] = pair(a, b);
	return perform(
		conn,
		(function* () {
			yield* run(
				'INSERT INTO duplicate_dismissals (a_id, b_id, dismissed_by, dismissed_at) VALUES (?, ?, ?, ?) ON CONFLICT (a_id, b_id) DO NOTHING',
				[x, y, by, now.toISOString()]
			);
		})()
	);
}

export function dismissedPairs<C extends Conn>(conn: C): Out<C, Set<string>> {
	return perform(
		conn,
		(function* () {
			const rows = yield* all<{ a_id: string; b_id: string }>('SELECT a_id, b_id FROM duplicate_dismissals');
			return new Set(rows.map((r) => `${r.a_id}|${r.b_id}`));
		})()
	);
}

// Import jobs.

export type ImportStatus = 'uploaded' | 'planning' | 'planned' | 'applying' | 'applied' | 'failed';
export type ImportFormat = 'csv' | 'geojson' | 'xlsx';

export interface ImportJob {
	id: string;
	kind: RecordKind;
	format: ImportFormat;
	fileName: string;
	/** The file's text (CSV, GeoJSON), or the table read from a workbook's first sheet as JSON (xlsx). */
	source: string;
	encoding: string;
	delimiter: string | null;
	mapping: string[] | null;
	/** The maintainer's choices besides the mapping (policies, values for the whole file, source). */
	options: unknown;
	status: ImportStatus;
	plan: unknown;
	summary: unknown;
	error: string | null;
	dataVersion: number | null;
	createdBy: string;
	createdAt: string;
	updatedAt: string;
}

interface JobRow {
	id: string;
	kind: RecordKind;
	format: ImportFormat;
	file_name: string;
	source: string;
	encoding: string;
	delimiter: string | null;
	mapping: string | null;
	options: string | null;
	status: ImportStatus;
	plan: string | null;
	summary: string | null;
	error: string | null;
	data_version: number | null;
	created_by: string;
	created_at: string;
	updated_at: string;
}

const toJob = (r: JobRow): ImportJob => ({
	id: r.id,
	kind: r.kind,
	format: r.format,
	fileName: r.file_name,
	source: r.source,
	encoding: r.encoding,
	delimiter: r.delimiter,
	mapping: r.mapping ? JSON.parse(r.mapping) : null,
	options: r.options ? JSON.parse(r.options) : null,
	status: r.status,
	plan: r.plan ? JSON.parse(r.plan) : null,
	summary: r.summary ? JSON.parse(r.summary) : null,
	error: r.error,
	dataVersion: r.data_version,
	createdBy: r.created_by,
	createdAt: r.created_at,
	updatedAt: r.updated_at
});

export function insertImportJob<C extends Conn>(
	conn: C,
	job: Pick<
		ImportJob,
		'id' | 'kind' | 'format' | 'fileName' | 'source' | 'encoding' | 'delimiter' | 'createdBy'
	>,
	now = new Date()
): Out<C, void> {
	return perform(
		conn,
		(function* () {
			yield* run(
				`INSERT INTO import_jobs (id, kind, format, file_name, source, encoding, delimiter, status, created_by, created_at, updated_at)
				 VALUES (?, ?, ?, ?, ?, ?, ?, 'uploaded', ?, ?, ?)`,
				[
					job.id,
					job.kind,
					job.format,
					job.fileName,
					job.source,
					job.encoding,
					job.delimiter,
					job.createdBy,
					now.toISOString(),
					now.toISOString()
				]
			);
		})()
	);
}

export function getImportJob<C extends Conn>(conn: C, id: string): Out<C, ImportJob | undefined> {
	return perform(
		conn,
		(function* () {
			const row = yield* get<JobRow>('SELECT * FROM import_jobs WHERE id = ?', [id]);
			return row ? toJob(row) : undefined;
		})()
	);
}

export interface ImportJobListItem {
	id: string;
	kind: RecordKind;
	format: ImportFormat;
	fileName: string;
	status: ImportStatus;
	summary: unknown;
	error: string | null;
	createdBy: string;
	createdAt: string;
}

/** Recent jobs without their (possibly large) file text and plan. */
export function listImportJobs<C extends Conn>(conn: C, limit = 20): Out<C, ImportJobListItem[]> {
	return perform(
		conn,
		(function* () {
			const rows = yield* all<
				Omit<JobRow, 'source' | 'plan' | 'mapping' | 'options' | 'encoding' | 'delimiter' | 'data_version'>
			>(
				`SELECT id, kind, format, file_name, status, summary, error, created_by, created_at, updated_at
				 FROM import_jobs ORDER BY created_at DESC, id LIMIT ?`,
				[limit]
			);
			return rows.map((r) => ({
				id: r.id,
				kind: r.kind,
				format: r.format,
				fileName: r.file_name,
				status: r.status,
				summary: r.summary ? JSON.parse(r.summary) : null,
				error: r.error,
				createdBy: r.created_by,
				createdAt: r.created_at
			}));
		})()
	);
}

export interface TransitionFields {
	mapping?: string[];
	options?: unknown;
	plan?: unknown;
	summary?: unknown;
	error?: string | null;
	dataVersion?: number;
}

/**
 * Moves a job to a new status, only from the statuses given: two clicks on "apply" cannot both start it,
 * on one instance or two (the status is checked by the UPDATE itself).
 * Returns false when the job was not in one of `from`.
 */
export function transitionImportJob<C extends Conn>(
	conn: C,
	id: string,
	from: ImportStatus[],
	to: ImportStatus,
	fields: TransitionFields = {},
	now = new Date()
): Out<C, boolean> {
	return perform(conn, transitionJob(id, from, to, fields, now));
}

/** The same move as a statement of a larger transaction (an import's apply). */
export function* transitionJob(
	id: string,
	from: ImportStatus[],
	to: ImportStatus,
	fields: TransitionFields = {},
	now = new Date()
): Query<boolean> {
	const sets = ['status = ?', 'updated_at = ?'];
	const args: (string | number | null)[] = [to, now.toISOString()];
	if (fields.mapping !== undefined) {
		sets.push('mapping = ?');
		args.push(JSON.stringify(fields.mapping));
	}
	if (fields.options !== undefined) {
		sets.push('options = ?');
		args.push(JSON.stringify(fields.options));
	}
	if (fields.plan !== undefined) {
		sets.push('plan = ?');
		args.push(fields.plan === null ? null : JSON.stringify(fields.plan));
	}
	if (fields.summary !== undefined) {
		sets.push('summary = ?');
		args.push(fields.summary === null ? null : JSON.stringify(fields.summary));
	}
	if (fields.error !== undefined) {
		sets.push('error = ?');
		args.push(fields.error);
	}
	if (fields.dataVersion !== undefined) {
		sets.push('data_version = ?');
		args.push(fields.dataVersion);
	}
	const placeholders = from.map(() => '?').join(', ');
	const moved = yield* run(
		`UPDATE import_jobs SET ${sets.join(', ')} WHERE id = ? AND status IN (${placeholders})`,
		[...args, id, ...from]
	);
	return moved.changes === 1;
}

/**
 * How long a running job (planning, applying) may go without a heartbeat before it counts as interrupted.
 * The instance running a job refreshes its `updated_at` every IMPORT_HEARTBEAT_MS (import.ts), so only a job
 * whose process stopped (a restart, a crash, a killed instance) stays silent that long; a job running on a
 * live sibling instance is never failed by another instance starting. Ten missed heartbeats: a busy event
 * loop or a slow database delays a heartbeat, never by minutes.
 */
export const IMPORT_HEARTBEAT_MS = 10_000;
export const IMPORT_SILENCE_MS = 10 * IMPORT_HEARTBEAT_MS;

const RUNNING: ImportStatus[] = ['planning', 'applying'];

/** A running job's heartbeat: it is alive. False when it is no longer running. */
export function touchImportJob<C extends Conn>(conn: C, id: string, now = new Date()): Out<C, boolean> {
	return perform(
		conn,
		(function* () {
			const moved = yield* run(
				"UPDATE import_jobs SET updated_at = ? WHERE id = ? AND status IN ('planning', 'applying')",
				[now.toISOString(), id]
			);
			return moved.changes === 1;
		})()
	);
}

/**
 * Running jobs silent for longer than IMPORT_SILENCE_MS cannot finish: their process is gone. Marked failed
 * (one statement: two instances sweeping at once fail each job once). Run when an instance starts and when
 * a job's page is read, so a job interrupted by a restart ends failed within the margin.
 */
export function failInterruptedImports<C extends Conn>(conn: C, now = new Date()): Out<C, number> {
	const silentSince = new Date(now.getTime() - IMPORT_SILENCE_MS).toISOString();
	return perform(
		conn,
		(function* () {
			const moved = yield* run(
				`UPDATE import_jobs SET status = 'failed', error = 'interrompu par un redémarrage du serveur : rien n’a été écrit', updated_at = ?
				 WHERE status IN (${RUNNING.map(() => '?').join(', ')}) AND updated_at < ?`,
				[now.toISOString(), ...RUNNING, silentSince]
			);
			return moved.changes;
		})()
	);
}

/**
 * The data version inside a writing transaction, locked on PostgreSQL until it ends: no other instance's
 * write moves it meanwhile (SQLite's write transaction already keeps every other writer out). An import's
 * apply compares it with the version its check read.
 */
export async function lockedDataVersion(tx: SqlClient): Promise<number> {
	const lock = tx.dialect === 'postgres' ? ' FOR UPDATE' : '';
	const row = await tx.get<{ value: string }>(`SELECT value FROM meta WHERE key = 'data_version'${lock}`);
	return Number(row?.value ?? '0');
}

// Column mappings remembered per kind of record and column name (see lib/io/mapping.ts).

export interface RememberedMappingRow {
	header: string;
	target: string;
	policy: string | null;
}

export function rememberedMappings<C extends Conn>(
	conn: C,
	kind: RecordKind
): Out<C, RememberedMappingRow[]> {
	return perform(
		conn,
		all<RememberedMappingRow>(
			'SELECT header, target, policy FROM import_mappings WHERE kind = ? ORDER BY header',
			[kind]
		)
	);
}

export function rememberMappings<C extends Conn>(
	conn: C,
	kind: RecordKind,
	rows: readonly RememberedMappingRow[],
	by: string | null,
	now = new Date()
): Out<C, void> {
	return perform(
		conn,
		transaction(function* () {
			for (const r of rows)
				yield* run(
					`INSERT INTO import_mappings (kind, header, target, policy, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)
					 ON CONFLICT (kind, header) DO UPDATE SET target = excluded.target, policy = excluded.policy,
					 updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
					[kind, r.header, r.target, r.policy, by, now.toISOString()]
				);
		})
	);
}
