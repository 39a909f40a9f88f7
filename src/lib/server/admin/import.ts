/**
 * Imports from /admin/import, in steps: upload (the file is read and kept), column mapping, dry run (every
 * row classified, nothing written), apply (all rows in one transaction, or none). Large files are planned in
 * chunks with pauses so the site keeps answering, and the progress is polled by the page.
 */
import { randomUUID } from 'node:crypto';
import type { RecordKind } from '$lib/domain/records';
import { decodeText, parseCsv } from '$lib/io/csv';
import { parseGeoJson } from '$lib/io/geojson-table';
import { FIELDS } from '$lib/domain/fields';
import { checkMapping, suggestMapping, type Mapping } from '$lib/io/mapping';
import { planImportSteps, type ImportPlan, type PlanRow, type RowStatus } from '$lib/io/plan';
import { LIMITS, type ReadResult } from '$lib/io/table';
import type { Db } from '../db/connection';
import {
	allRecords,
	getImportJob,
	insertImportJob,
	listImportJobs,
	transitionImportJob,
	type ImportJob
} from '../db/admin';
import { dataVersion, insertRecord, updateRecord } from '../db/records';
import { placeRefs } from './context';
import type { Actor } from './records';

export type Format = 'csv' | 'geojson';

/** GeoJSON by extension (.geojson, .json) or by content; CSV otherwise. */
export function detectFormat(fileName: string, text: string): Format {
	if (/\.(geo)?json$/i.test(fileName)) return 'geojson';
	if (/\.(csv|txt|tsv)$/i.test(fileName)) return 'csv';
	return text.trimStart().startsWith('{') ? 'geojson' : 'csv';
}

export function readTable(
	format: Format,
	text: string,
	delimiter?: string | null
): ReadResult & { delimiter?: string } {
	return format === 'geojson' ? parseGeoJson(text) : parseCsv(text, delimiter ? { delimiter } : {});
}

export type UploadResult = { ok: true; id: string } | { ok: false; message: string };

export function createImportJob(
	db: Db,
	input: { kind: RecordKind; fileName: string; bytes: Uint8Array },
	actor: Actor
): UploadResult {
	if (input.bytes.length === 0) return { ok: false, message: 'le fichier est vide' };
	if (input.bytes.length > LIMITS.maxBytes)
		return { ok: false, message: `fichier trop lourd : ${LIMITS.maxBytes / 1024 / 1024} Mo au plus` };
	const { text, encoding } = decodeText(input.bytes);
	const format = detectFormat(input.fileName, text);
	const read = readTable(format, text);
	if (!read.ok) return { ok: false, message: read.message };
	if (read.table.rows.length === 0)
		return { ok: false, message: 'aucune ligne de données sous les en-têtes' };
	const id = randomUUID();
	insertImportJob(db, {
		id,
		kind: input.kind,
		format,
		fileName: input.fileName.slice(0, 200) || 'fichier',
		source: text,
		encoding,
		delimiter: read.delimiter ?? null,
		createdBy: actor.id
	});
	return { ok: true, id };
}

/** What the plan keeps once stored: everything but the records (recomputed at apply time). */
export type StoredPlan = { counts: Record<RowStatus, number>; rows: Omit<PlanRow, 'record'>[] };

function storable(plan: ImportPlan): StoredPlan {
	return { counts: plan.counts, rows: plan.rows.map(({ record: _record, ...row }) => row) };
}

export interface Progress {
	phase: 'planning' | 'checking' | 'writing';
	done: number;
	total: number;
}

// Progress of running jobs, by id. One server process runs the site, so memory is shared by every request.
const progress = new Map<string, Progress>();

export function progressOf(id: string): Progress | undefined {
	return progress.get(id);
}

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

async function planJob(
	db: Db,
	job: ImportJob,
	mapping: Mapping,
	phase: Progress['phase']
): Promise<ImportPlan> {
	const read = readTable(job.format, job.source, job.delimiter);
	if (!read.ok) throw new ImportFailure(read.message);
	const ctx = {
		existing: allRecords(db).map((r) => ({ record: r, version: r.version })),
		refs: placeRefs(db)
	};
	const total = read.table.rows.length;
	progress.set(job.id, { phase, done: 0, total });
	const steps = planImportSteps(job.kind, read.table, mapping, ctx, 250);
	for (;;) {
		const step = steps.next();
		if (step.done) {
			progress.set(job.id, { phase, done: total, total });
			return step.value;
		}
		progress.set(job.id, { phase, done: step.value.done, total });
		await pause();
	}
}

class ImportFailure extends Error {}

/** Saves the mapping and starts the dry run in the background; the page polls its progress. */
export function startDryRun(
	db: Db,
	id: string,
	mappingInput: unknown
): { ok: true } | { ok: false; message: string } {
	const job = getImportJob(db, id);
	if (!job) return { ok: false, message: 'import introuvable' };
	const read = readTable(job.format, job.source, job.delimiter);
	if (!read.ok) return { ok: false, message: read.message };
	const checked = checkMapping(job.kind, read.table.headers, mappingInput);
	if (!checked.ok) return checked;
	if (
		!transitionImportJob(db, id, ['uploaded', 'planned', 'failed'], 'planning', {
			mapping: checked.mapping,
			plan: null,
			error: null
		})
	)
		return { ok: false, message: 'cet import est déjà en cours ou appliqué' };
	void runDryRun(db, id);
	return { ok: true };
}

export async function runDryRun(db: Db, id: string): Promise<void> {
	try {
		const job = getImportJob(db, id);
		if (!job?.mapping) throw new ImportFailure('correspondance des colonnes manquante');
		const version = dataVersion(db);
		const plan = await planJob(db, job, job.mapping, 'planning');
		transitionImportJob(db, id, ['planning'], 'planned', { plan: storable(plan), dataVersion: version });
	} catch (e) {
		transitionImportJob(db, id, ['planning'], 'failed', { error: failureMessage(e) });
		if (!(e instanceof ImportFailure)) console.error('[import] simulation', id, e);
	} finally {
		progress.delete(id);
	}
}

function failureMessage(e: unknown): string {
	if (e instanceof ImportFailure) return e.message;
	if (String(e).includes('UNIQUE'))
		return 'une fiche de même identifiant ou slug a été créée entre-temps : relancez la simulation ; rien n’a été écrit';
	return 'erreur inattendue pendant l’import : rien n’a été écrit';
}

export function startApply(db: Db, id: string, actor: Actor): { ok: true } | { ok: false; message: string } {
	const job = getImportJob(db, id);
	if (!job) return { ok: false, message: 'import introuvable' };
	const plan = job.plan as StoredPlan | null;
	if (job.status !== 'planned' || !plan) return { ok: false, message: 'lancez d’abord la simulation' };
	if (plan.counts.error > 0)
		return {
			ok: false,
			message: `${plan.counts.error} ligne(s) en erreur : corrigez le fichier et importez-le à nouveau ; rien n’a été écrit`
		};
	if (!transitionImportJob(db, id, ['planned'], 'applying'))
		return { ok: false, message: 'cet import est déjà en cours ou appliqué' };
	void runApply(db, id, actor);
	return { ok: true };
}

export interface ApplySummary {
	created: number;
	updated: number;
	unchanged: number;
	appliedAt: string;
	appliedBy: string;
}

/**
 * Re-plans against the store as it is now, checks that it gives the same result as the dry run the
 * maintainer approved, then writes every row in one transaction (the job's status included).
 */
export async function runApply(db: Db, id: string, actor: Actor): Promise<void> {
	try {
		const job = getImportJob(db, id);
		const approved = job?.plan as StoredPlan | null;
		if (!job?.mapping || !approved) throw new ImportFailure('simulation manquante');
		const version = dataVersion(db);
		const plan = await planJob(db, job, job.mapping, 'checking');
		const same =
			plan.rows.length === approved.rows.length &&
			plan.rows.every(
				(r, i) =>
					r.status === approved.rows[i].status &&
					r.recordId === approved.rows[i].recordId &&
					r.expectedVersion === approved.rows[i].expectedVersion
			);
		if (!same)
			throw new ImportFailure(
				'les fiches ont changé depuis la simulation : relancez la simulation pour voir le nouveau résultat ; rien n’a été écrit'
			);
		progress.set(id, { phase: 'writing', done: 0, total: plan.rows.length });
		// Nothing may have been written between the check above and this synchronous transaction.
		if (dataVersion(db) !== version)
			throw new ImportFailure(
				'les fiches ont changé pendant la vérification : relancez la simulation ; rien n’a été écrit'
			);
		applyPlan(db, plan, actor, { note: `import ${job.fileName} (${id.slice(0, 8)})`, jobId: id });
	} catch (e) {
		transitionImportJob(db, id, ['applying'], 'failed', { error: failureMessage(e) });
		if (!(e instanceof ImportFailure)) console.error('[import] application', id, e);
	} finally {
		progress.delete(id);
	}
}

/**
 * All rows or none: one transaction for the inserts, the updates (each checked against the version the plan
 * saw) and, when given, the job's move to "applied". Throws (and writes nothing) on any conflict.
 */
export function applyPlan(
	db: Db,
	plan: ImportPlan,
	actor: Actor,
	opts: { note: string; jobId?: string; now?: Date }
): ApplySummary {
	if (plan.counts.error > 0) throw new ImportFailure('le fichier contient des erreurs : rien n’a été écrit');
	const now = opts.now ?? new Date();
	const summary: ApplySummary = {
		created: 0,
		updated: 0,
		unchanged: plan.counts.unchanged,
		appliedAt: now.toISOString(),
		appliedBy: actor.name
	};
	db.transaction(() => {
		for (const row of plan.rows) {
			if (row.status === 'new' && row.record) {
				insertRecord(db, row.record, { by: actor.id, action: 'import', note: opts.note, now });
				summary.created++;
			} else if (row.status === 'update' && row.record && row.expectedVersion !== undefined) {
				const res = updateRecord(db, row.record, {
					expectedVersion: row.expectedVersion,
					by: actor.id,
					action: 'import',
					note: opts.note,
					now
				});
				if (!res.ok)
					throw new ImportFailure(
						`ligne ${row.line} : la fiche « ${row.recordId} » a été modifiée entre-temps ; rien n’a été écrit`
					);
				summary.updated++;
			}
		}
		if (opts.jobId && !transitionImportJob(db, opts.jobId, ['applying'], 'applied', { summary }))
			throw new ImportFailure('import déjà appliqué');
	})();
	return summary;
}

export { ImportFailure };

const PLAN_PAGE = 100;

/** The import page: mapping step, progress, dry-run table (filtered by status, paged) or the result. */
export function importPage(db: Db, id: string, url: URL) {
	const job = getImportJob(db, id);
	if (!job) return undefined;
	const read = readTable(job.format, job.source, job.delimiter);
	const headers = read.ok ? read.table.headers : [];
	const samples = read.ok ? read.table.rows.slice(0, 3).map((r) => r.cells.map((c) => c.slice(0, 80))) : [];
	const mapping = job.mapping ?? (read.ok ? suggestMapping(job.kind, headers) : []);
	const plan = job.plan as StoredPlan | null;
	const filterParam = url.searchParams.get('lignes');
	const filter = (['new', 'update', 'unchanged', 'error'] as const).find((s) => s === filterParam);
	const rows = plan ? (filter ? plan.rows.filter((r) => r.status === filter) : plan.rows) : [];
	const page = Math.max(1, Number(url.searchParams.get('page')) || 1);
	return {
		job: {
			id: job.id,
			kind: job.kind,
			format: job.format,
			fileName: job.fileName,
			encoding: job.encoding,
			delimiter: job.delimiter,
			status: job.status,
			error: job.error,
			summary: job.summary as ApplySummary | null,
			createdAt: job.createdAt,
			rowCount: read.ok ? read.table.rows.length : 0
		},
		headers,
		samples,
		mapping,
		fields: FIELDS[job.kind].map((f) => ({ path: f.path, label: f.label })),
		counts: plan?.counts ?? null,
		filter: filter ?? '',
		rows: rows.slice((page - 1) * PLAN_PAGE, page * PLAN_PAGE),
		page,
		pages: Math.max(1, Math.ceil(rows.length / PLAN_PAGE)),
		progress: progressOf(id) ?? null
	};
}

/** The mapping form posts one select per column, named map-0, map-1... */
export function mappingFromForm(form: FormData, columns: number): string[] {
	return Array.from({ length: columns }, (_, i) => String(form.get(`map-${i}`) ?? ''));
}

export function importList(db: Db) {
	return listImportJobs(db, 20);
}
