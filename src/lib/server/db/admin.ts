/** Queries of the maintainers' workspace (/admin): lists, counts, import jobs, dismissed duplicates. */
import type { PublicRecord, RecordKind } from '$lib/domain/records';
import type { Db } from './connection';
import type { Stored } from './records';

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

export function listSummaries(db: Db, opts: { kind?: RecordKind; status?: RecordSummary['status'] } = {}) {
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
		${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY name`;
	return (db.prepare(sql).all(...args) as SummaryRow[]).map(toSummary);
}

/** Records not archived whose last verification is before `before` (YYYY-MM-DD), oldest first. */
export function listStale(db: Db, before: string): RecordSummary[] {
	return (
		db
			.prepare(
				`SELECT id, kind, slug, name, status, last_verified, updated_at, version FROM records
				 WHERE status != 'archived' AND last_verified < ? ORDER BY last_verified, name`
			)
			.all(before) as SummaryRow[]
	).map(toSummary);
}

export function countStale(db: Db, before: string): number {
	return (
		db
			.prepare("SELECT COUNT(*) AS n FROM records WHERE status != 'archived' AND last_verified < ?")
			.get(before) as { n: number }
	).n;
}

export function statusCounts(db: Db): { kind: RecordKind; status: RecordSummary['status']; n: number }[] {
	return db.prepare('SELECT kind, status, COUNT(*) AS n FROM records GROUP BY kind, status').all() as {
		kind: RecordKind;
		status: RecordSummary['status'];
		n: number;
	}[];
}

export function countPendingProposals(db: Db): number {
	return (db.prepare("SELECT COUNT(*) AS n FROM proposals WHERE status = 'pending'").get() as { n: number })
		.n;
}

/** Every record with its version, all kinds and statuses: the import dry run compares against them. */
export function allRecords(db: Db): Stored<PublicRecord>[] {
	return (db.prepare('SELECT data, version FROM records').all() as { data: string; version: number }[]).map(
		(r) => ({ ...(JSON.parse(r.data) as PublicRecord), version: r.version })
	);
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

export function recentChanges(db: Db, limit = 10): RecentChange[] {
	return (
		db
			.prepare(
				`SELECT h.record_id, r.name, r.kind, h.version, h.action, h.changed_by, h.changed_at
				 FROM record_history h JOIN records r ON r.id = h.record_id
				 WHERE h.action != 'seed' ORDER BY h.changed_at DESC, h.version DESC LIMIT ?`
			)
			.all(limit) as {
			record_id: string;
			name: string;
			kind: RecordKind;
			version: number;
			action: string;
			changed_by: string | null;
			changed_at: string;
		}[]
	).map((r) => ({
		recordId: r.record_id,
		name: r.name,
		kind: r.kind,
		version: r.version,
		action: r.action,
		changedBy: r.changed_by,
		changedAt: r.changed_at
	}));
}

// Duplicates marked "not a duplicate".

const pair = (a: string, b: string) => (a < b ? [a, b] : [b, a]);

export function dismissDuplicate(db: Db, a: string, b: string, by: string, now = new Date()) {
	const [x, y] = pair(a, b);
	db.prepare(
		'INSERT INTO duplicate_dismissals (a_id, b_id, dismissed_by, dismissed_at) VALUES (?, ?, ?, ?) ON CONFLICT (a_id, b_id) DO NOTHING'
	).run(x, y, by, now.toISOString());
}

export function dismissedPairs(db: Db): Set<string> {
	const rows = db.prepare('SELECT a_id, b_id FROM duplicate_dismissals').all() as {
		a_id: string;
		b_id: string;
	}[];
	return new Set(rows.map((r) => `${r.a_id}|${r.b_id}`));
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

export function insertImportJob(
	db: Db,
	job: Pick<
		ImportJob,
		'id' | 'kind' | 'format' | 'fileName' | 'source' | 'encoding' | 'delimiter' | 'createdBy'
	>,
	now = new Date()
) {
	db.prepare(
		`INSERT INTO import_jobs (id, kind, format, file_name, source, encoding, delimiter, status, created_by, created_at, updated_at)
		 VALUES (?, ?, ?, ?, ?, ?, ?, 'uploaded', ?, ?, ?)`
	).run(
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
	);
}

export function getImportJob(db: Db, id: string): ImportJob | undefined {
	const row = db.prepare('SELECT * FROM import_jobs WHERE id = ?').get(id) as JobRow | undefined;
	return row ? toJob(row) : undefined;
}

/** Recent jobs without their (possibly large) file text and plan. */
export function listImportJobs(db: Db, limit = 20) {
	return (
		db
			.prepare(
				`SELECT id, kind, format, file_name, status, summary, error, created_by, created_at, updated_at
				 FROM import_jobs ORDER BY created_at DESC LIMIT ?`
			)
			.all(limit) as Omit<
			JobRow,
			'source' | 'plan' | 'mapping' | 'options' | 'encoding' | 'delimiter' | 'data_version'
		>[]
	).map((r) => ({
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
}

/**
 * Moves a job to a new status, only from the statuses given: two clicks on "apply" cannot both start it.
 * Returns false when the job was not in one of `from`.
 */
export function transitionImportJob(
	db: Db,
	id: string,
	from: ImportStatus[],
	to: ImportStatus,
	fields: {
		mapping?: string[];
		options?: unknown;
		plan?: unknown;
		summary?: unknown;
		error?: string | null;
		dataVersion?: number;
	} = {},
	now = new Date()
): boolean {
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
	return (
		db
			.prepare(`UPDATE import_jobs SET ${sets.join(', ')} WHERE id = ? AND status IN (${placeholders})`)
			.run(...args, id, ...from).changes === 1
	);
}

/** Jobs left running by a stopped server cannot finish: mark them failed at start. */
export function failInterruptedImports(db: Db, now = new Date()): number {
	return db
		.prepare(
			`UPDATE import_jobs SET status = 'failed', error = 'interrompu par un redémarrage du serveur : rien n’a été écrit', updated_at = ?
			 WHERE status IN ('planning', 'applying')`
		)
		.run(now.toISOString()).changes;
}

// Column mappings remembered per kind of record and column name (see lib/io/mapping.ts).

export interface RememberedMappingRow {
	header: string;
	target: string;
	policy: string | null;
}

export function rememberedMappings(db: Db, kind: RecordKind): RememberedMappingRow[] {
	return db
		.prepare('SELECT header, target, policy FROM import_mappings WHERE kind = ?')
		.all(kind) as RememberedMappingRow[];
}

export function rememberMappings(
	db: Db,
	kind: RecordKind,
	rows: readonly RememberedMappingRow[],
	by: string | null,
	now = new Date()
) {
	const upsert = db.prepare(
		`INSERT INTO import_mappings (kind, header, target, policy, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)
		 ON CONFLICT (kind, header) DO UPDATE SET target = excluded.target, policy = excluded.policy,
		 updated_by = excluded.updated_by, updated_at = excluded.updated_at`
	);
	db.transaction(() => {
		for (const r of rows) upsert.run(kind, r.header, r.target, r.policy, by, now.toISOString());
	})();
}
