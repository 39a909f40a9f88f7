/**
 * Imports from /admin/import, in steps: upload (the file is read and kept), column mapping with the
 * maintainer's choices (update policies, values for the whole file, the file's source), dry run (every row
 * classified, each change shown before and after, nothing written), apply (all rows in one transaction, or
 * none; or, by an explicit choice, every valid row with the rows in error left out and downloadable).
 * Large files are planned in chunks with pauses so the site keeps answering, and the progress is polled by
 * the page. The import itself is import-core.ts, shared with `npm run import`.
 */
import { randomUUID } from 'node:crypto';
import { FIELDS, KIND_LABELS, groupFields, kindFromSlug } from '$lib/domain/fields';
import { route } from '$lib/links';
import type { RecordKind } from '$lib/domain/records';
import { policiesFor, UPDATE_POLICY_LABELS, type UpdatePolicy } from '$lib/domain/record-update';
import { termsOf } from '$lib/domain/taxonomies';
import {
	automaticDefaults,
	checkOptions,
	describeDefault,
	fileWideFields,
	importOptionsSchema,
	NO_OPTIONS,
	type ImportOptions
} from '$lib/io/import-options';
import { describeError, rejectedRowsCsv } from '$lib/io/import-messages';
import { checkMapping, headerKey, type Mapping, type MappingOrigin } from '$lib/io/mapping';
import { planImportSteps, type ImportPlan, type PlanRow, type RowStatus } from '$lib/io/plan';
import { recordsByName } from '$lib/io/ref-names';
import { templateCsv, templateFileName, templateXlsx } from '$lib/io/template';
import { todayIso } from '$lib/domain/today';
import { isDiskFull } from '../disk-full';
import {
	clearImportProgress,
	getImportProgress,
	setImportProgress,
	type Progress
} from '../db/import-progress';
import type { SqlClient } from '../db/sql';
import { isUniqueViolation } from '../db/users';
import {
	failInterruptedImports,
	getImportJob,
	IMPORT_HEARTBEAT_MS,
	insertImportJob,
	listImportJobs,
	touchImportJob,
	transitionImportJob,
	type ImportJob
} from '../db/admin';
import { dataVersion, listCommunes } from '../db/records';
import {
	applyPlan,
	detectFormat,
	ImportFailure,
	planContext,
	proposedMapping,
	readTable,
	readTextUpload,
	readUpload,
	refNames,
	rememberedColumns,
	rememberMapping,
	type ApplySummary,
	type Upload
} from './import-core';
import type { Actor } from './records';

export { applyPlan, detectFormat, ImportFailure, readTable, type ApplySummary } from './import-core';

export type UploadResult = { ok: true; id: string } | { ok: false; message: string };

async function storeJob(
	sql: SqlClient,
	kind: RecordKind,
	fileName: string,
	upload: Upload,
	actor: Actor
): Promise<UploadResult> {
	if (upload.table.rows.length === 0)
		return { ok: false, message: 'aucune ligne de données sous les en-têtes' };
	const id = randomUUID();
	await insertImportJob(sql, {
		id,
		kind,
		format: upload.format,
		fileName: fileName.slice(0, 200) || 'fichier',
		source: upload.source,
		encoding: upload.encoding,
		delimiter: upload.delimiter,
		createdBy: actor.id
	});
	return { ok: true, id };
}

/** A CSV or GeoJSON upload (read synchronously); workbooks go through uploadImport. */
export async function createImportJob(
	sql: SqlClient,
	input: { kind: RecordKind; fileName: string; bytes: Uint8Array },
	actor: Actor
): Promise<UploadResult> {
	if (input.bytes.length === 0) return { ok: false, message: 'le fichier est vide' };
	if (detectFormat(input.fileName, input.bytes) === 'xlsx')
		return { ok: false, message: 'classeur Excel : à envoyer par uploadImport' };
	const read = readTextUpload(input.fileName, input.bytes);
	if (!read.ok) return read;
	return storeJob(sql, input.kind, input.fileName, read.upload, actor);
}

/** Any upload: CSV, GeoJSON or Excel workbook. */
export async function uploadImport(
	sql: SqlClient,
	input: { kind: RecordKind; fileName: string; bytes: Uint8Array },
	actor: Actor
): Promise<UploadResult> {
	const read = await readUpload(input.fileName, input.bytes);
	if (!read.ok) return read;
	return storeJob(sql, input.kind, input.fileName, read.upload, actor);
}

/** What the plan keeps once stored: everything but the records (recomputed at apply time). */
export type StoredPlan = { counts: Record<RowStatus, number>; rows: Omit<PlanRow, 'record'>[] };

function storable(plan: ImportPlan): StoredPlan {
	return { counts: plan.counts, rows: plan.rows.map(({ record: _record, ...row }) => row) };
}

export type { Progress };

/** The job's progress, from the database: the instance running the job may not be the one asking. */
export function progressOf(sql: SqlClient, id: string): Promise<Progress | undefined> {
	return getImportProgress(sql, id);
}

/**
 * While a job runs on this instance, its heartbeat (the job's `updated_at`, every IMPORT_HEARTBEAT_MS):
 * another instance starting, or reading the job, fails only a job whose heartbeat stopped
 * (failInterruptedImports). Returns the function that stops it.
 */
function heartbeat(sql: SqlClient, id: string): () => void {
	const timer = setInterval(() => {
		touchImportJob(sql, id).catch((e: Error) =>
			console.error(`[import] battement de ${id} non enregistré : ${e.message}`)
		);
	}, IMPORT_HEARTBEAT_MS);
	timer.unref();
	return () => clearInterval(timer);
}

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

function jobOptions(job: ImportJob): ImportOptions {
	const parsed = importOptionsSchema.safeParse(job.options ?? {});
	return parsed.success ? parsed.data : NO_OPTIONS;
}

async function planJob(
	sql: SqlClient,
	job: ImportJob,
	mapping: Mapping,
	phase: Progress['phase']
): Promise<ImportPlan> {
	const read = readTable(job.format, job.source, job.delimiter);
	if (!read.ok) throw new ImportFailure(read.message);
	const total = read.table.rows.length;
	await setImportProgress(sql, job.id, { phase, done: 0, total });
	const steps = planImportSteps(job.kind, read.table, mapping, await planContext(sql), jobOptions(job), 250);
	for (;;) {
		const step = steps.next();
		if (step.done) {
			await setImportProgress(sql, job.id, { phase, done: total, total });
			return step.value;
		}
		await setImportProgress(sql, job.id, { phase, done: step.value.done, total });
		await pause();
	}
}

/**
 * Saves the mapping and the options, remembers the mapping for the next file of this kind, and starts the
 * dry run in the background; the page polls its progress.
 */
export async function startDryRun(
	sql: SqlClient,
	id: string,
	mappingInput: unknown,
	optionsInput: unknown = {},
	actor?: Actor
): Promise<{ ok: true } | { ok: false; message: string }> {
	const job = await getImportJob(sql, id);
	if (!job) return { ok: false, message: 'import introuvable' };
	const read = readTable(job.format, job.source, job.delimiter);
	if (!read.ok) return { ok: false, message: read.message };
	const checked = checkMapping(job.kind, read.table.headers, mappingInput);
	if (!checked.ok) return checked;
	const options = checkOptions(job.kind, optionsInput, {
		seen: todayIso(),
		names: await refNames(sql),
		recordsByName: recordsByName([])
	});
	if (!options.ok) return options;
	if (
		!(await transitionImportJob(sql, id, ['uploaded', 'planned', 'failed'], 'planning', {
			mapping: checked.mapping,
			options: options.options,
			plan: null,
			error: null
		}))
	)
		return { ok: false, message: 'cet import est déjà en cours ou appliqué' };
	await rememberMapping(
		sql,
		job.kind,
		read.table.headers,
		checked.mapping,
		options.options.policies,
		actor?.id ?? null
	);
	void runDryRun(sql, id);
	return { ok: true };
}

export async function runDryRun(sql: SqlClient, id: string): Promise<void> {
	const stop = heartbeat(sql, id);
	try {
		const job = await getImportJob(sql, id);
		if (!job?.mapping) throw new ImportFailure('correspondance des colonnes manquante');
		const version = await dataVersion(sql);
		const plan = await planJob(sql, job, job.mapping, 'planning');
		await transitionImportJob(sql, id, ['planning'], 'planned', {
			plan: storable(plan),
			dataVersion: version
		});
	} catch (e) {
		await markFailed(sql, id, 'planning', e, 'simulation');
	} finally {
		stop();
		await clearImportProgress(sql, id).catch((e: Error) =>
			console.error(`[import] progression de ${id} non effacée : ${e.message}`)
		);
	}
}

/** How often a failure that could not be stored (full disk) is tried again. */
export const FAILURE_RETRY_MS = 15_000;

/**
 * A job that failed in the background says why on its page. On a full disk even that status may not be
 * writable (SQLite writes a changed row's new copy before freeing the old one): the job then stays « en
 * cours » in the store, the failure is logged and stored again every FAILURE_RETRY_MS until space is freed
 * (or, its heartbeat stopped, failInterruptedImports marks it failed). Never a rejected promise: it would
 * stop the server.
 */
async function markFailed(
	sql: SqlClient,
	id: string,
	from: 'planning' | 'applying',
	e: unknown,
	what: string,
	retry = false
): Promise<void> {
	if (!retry && !(e instanceof ImportFailure)) console.error(`[import] ${what}`, id, e);
	try {
		await transitionImportJob(sql, id, [from], 'failed', { error: failureMessage(e) });
	} catch (again) {
		if (!isDiskFull(again)) {
			console.error(`[import] ${what} : échec impossible à enregistrer`, id, again);
			return;
		}
		if (!retry) console.error(`[import] ${what} : disque plein, échec enregistré dès que possible`, id);
		setTimeout(() => void markFailed(sql, id, from, e, what, true), FAILURE_RETRY_MS).unref();
	}
}

function failureMessage(e: unknown): string {
	if (e instanceof ImportFailure) return e.message;
	if (isDiskFull(e))
		return 'espace disque plein sur le serveur : rien n’a été écrit ; relancez la simulation une fois de la place libérée';
	if (isUniqueViolation(e) || String(e).includes('UNIQUE'))
		return 'une fiche de même identifiant ou slug a été créée entre-temps : relancez la simulation ; rien n’a été écrit';
	return 'erreur inattendue pendant l’import : rien n’a été écrit';
}

/**
 * Starts the apply. Rows in error stop it, unless the maintainer chose to leave them out (`skipErrors`),
 * which writes every valid row and keeps the others downloadable.
 */
export async function startApply(
	sql: SqlClient,
	id: string,
	actor: Actor,
	opts: { skipErrors?: boolean } = {}
): Promise<{ ok: true } | { ok: false; message: string }> {
	const job = await getImportJob(sql, id);
	if (!job) return { ok: false, message: 'import introuvable' };
	const plan = job.plan as StoredPlan | null;
	if (job.status !== 'planned' || !plan) return { ok: false, message: 'lancez d’abord la simulation' };
	if (plan.counts.error > 0 && !opts.skipErrors)
		return {
			ok: false,
			message: `${plan.counts.error} ligne(s) en erreur : corrigez le fichier et importez-le à nouveau, ou choisissez « Ignorer les lignes en erreur » ; rien n’a été écrit`
		};
	if (plan.counts.new + plan.counts.update === 0)
		return { ok: false, message: 'aucune ligne à écrire : rien n’a été écrit' };
	if (!(await transitionImportJob(sql, id, ['planned'], 'applying')))
		return { ok: false, message: 'cet import est déjà en cours ou appliqué' };
	void runApply(sql, id, actor, opts);
	return { ok: true };
}

/**
 * Re-plans against the store as it is now, checks that it gives the same result as the dry run the
 * maintainer approved, then writes every row in one transaction (the job's status included), only if the
 * store is still at the version the check read.
 */
export async function runApply(
	sql: SqlClient,
	id: string,
	actor: Actor,
	opts: { skipErrors?: boolean } = {}
): Promise<void> {
	const stop = heartbeat(sql, id);
	try {
		const job = await getImportJob(sql, id);
		const approved = job?.plan as StoredPlan | null;
		if (!job?.mapping || !approved) throw new ImportFailure('simulation manquante');
		const version = await dataVersion(sql);
		const plan = await planJob(sql, job, job.mapping, 'checking');
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
		await setImportProgress(sql, id, { phase: 'writing', done: 0, total: plan.rows.length });
		// Nothing may have been written since the check above: applyPlan compares the version in its transaction.
		await applyPlan(sql, plan, actor, {
			note: `import ${job.fileName} (${id.slice(0, 8)})`,
			jobId: id,
			skipErrors: opts.skipErrors,
			dataVersion: version
		});
	} catch (e) {
		await markFailed(sql, id, 'applying', e, 'application');
	} finally {
		stop();
		await clearImportProgress(sql, id).catch((e: Error) =>
			console.error(`[import] progression de ${id} non effacée : ${e.message}`)
		);
	}
}

/** The rows in error of a job's dry run as a CSV to fix, or undefined without a dry run. */
export async function rejectedRows(
	sql: SqlClient,
	id: string
): Promise<{ fileName: string; csv: string } | undefined> {
	const job = await getImportJob(sql, id);
	const plan = job?.plan as StoredPlan | null;
	if (!job || !plan) return undefined;
	const read = readTable(job.format, job.source, job.delimiter);
	if (!read.ok) return undefined;
	const base = job.fileName.replace(/\.[a-z0-9]+$/i, '');
	return {
		fileName: `${base}-lignes-en-erreur.csv`,
		csv: rejectedRowsCsv(job.kind, read.table, plan.rows)
	};
}

const PLAN_PAGE = 100;
const POLICY_ORDER: UpdatePolicy[] = ['fill', 'union', 'replace'];

/** The choices the mapping form offers for one field: its policies, and the values for the whole file. */
async function fieldChoices(sql: SqlClient, kind: RecordKind) {
	const communes = (await listCommunes(sql)).map((c) => ({ value: c.name, label: c.name }));
	return fileWideFields(kind).map((f) => {
		let options: { value: string; label: string }[] | undefined;
		if (f.type === 'boolean')
			options = [
				{ value: 'oui', label: 'oui' },
				{ value: 'non', label: 'non' }
			];
		else if (f.taxonomy) options = termsOf(f.taxonomy).map((t) => ({ value: t.code, label: t.label }));
		else if (f.ref === 'commune') options = communes;
		return { path: f.path, label: f.label, type: f.type, options };
	});
}

/** The import page: mapping step, progress, dry-run table (filtered by status, paged) or the result. */
export async function importPage(sql: SqlClient, id: string, url: URL) {
	// A job whose instance stopped is shown failed, not « en cours » for ever.
	await failInterruptedImports(sql);
	const job = await getImportJob(sql, id);
	if (!job) return undefined;
	const read = readTable(job.format, job.source, job.delimiter);
	const headers = read.ok ? read.table.headers : [];
	const samples = read.ok ? read.table.rows.slice(0, 3).map((r) => r.cells.map((c) => c.slice(0, 80))) : [];
	const proposed = read.ok
		? await proposedMapping(sql, job.kind, headers)
		: { mapping: [] as string[], origin: [] as MappingOrigin[] };
	const mapping = job.mapping ?? proposed.mapping;
	const options = jobOptions(job);
	const memory = job.mapping ? new Map() : await rememberedColumns(sql, job.kind);
	const specs = new Map(FIELDS[job.kind].map((f) => [f.path, f]));
	const plan = job.plan as StoredPlan | null;
	const filterParam = url.searchParams.get('lignes');
	const filter = (['new', 'update', 'unchanged', 'error'] as const).find((s) => s === filterParam);
	const all = plan ? (filter ? plan.rows.filter((r) => r.status === filter) : plan.rows) : [];
	const page = Math.max(1, Number(url.searchParams.get('page')) || 1);
	const shown = all.slice((page - 1) * PLAN_PAGE, page * PLAN_PAGE);
	const cellsByLine = new Map(read.ok ? read.table.rows.map((r) => [r.line, r.cells]) : []);
	const today = todayIso();

	// What the import filled in by itself, over all rows (« Confiance : moyenne, 4 lignes »).
	const defaultsSummary = new Map<string, { label: string; value: string; from: string; rows: number }>();
	let keptRows = 0;
	for (const row of plan?.rows ?? []) {
		if (row.kept?.length) keptRows++;
		for (const d of row.defaults ?? []) {
			const key = `${d.path}|${d.value}|${d.from}`;
			const entry = defaultsSummary.get(key) ?? {
				label: specs.get(d.path)?.label ?? d.path,
				value: d.value,
				from: d.from,
				rows: 0
			};
			entry.rows++;
			defaultsSummary.set(key, entry);
		}
	}
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
		notes: read.ok ? (read.table.notes ?? []) : [],
		headers,
		samples,
		mapping,
		origin: job.mapping ? headers.map(() => '' as MappingOrigin) : proposed.origin,
		policies: headers.map((h, i) => {
			const path = mapping[i];
			const spec = path ? specs.get(path) : undefined;
			if (!spec) return 'fill';
			const asked = options.policies[path] ?? memory.get(headerKey(h))?.policy;
			return asked && policiesFor(spec).includes(asked) ? asked : policiesFor(spec)[0];
		}),
		fields: groupFields(FIELDS[job.kind]).map((g) => ({
			name: g.name,
			fields: g.fields.map((f) => ({ path: f.path, label: f.label }))
		})),
		// « ajouter à la liste » is for list fields; chosen for another field, the field's default applies.
		policyChoices: POLICY_ORDER.map((p) => ({ value: p, label: UPDATE_POLICY_LABELS[p] })),
		fileWide: await fieldChoices(sql, job.kind),
		options: { values: options.values, source: options.source ?? null },
		automaticDefaults: automaticDefaults(job.kind, today).map((d) => ({
			label: specs.get(d.path)?.label ?? d.path,
			value: describeDefault(d.path, d.value)
		})),
		counts: plan?.counts ?? null,
		defaultsSummary: [...defaultsSummary.values()],
		keptRows,
		filter: filter ?? '',
		rows: shown.map((r) => ({
			line: r.line,
			status: r.status,
			recordId: r.recordId,
			name: r.name,
			keyBy: r.keyBy,
			errors: r.errors.map((e) => describeError(job.kind, e)),
			diff: r.diff ?? [],
			kept: (r.kept ?? []).map((k) => ({ ...k, label: specs.get(k.path)?.label ?? k.path })),
			defaults: (r.defaults ?? []).map((d) => ({ ...d, label: specs.get(d.path)?.label ?? d.path })),
			// A new record's values as the file gives them, column by column.
			values:
				r.status === 'new'
					? mapping
							.map((path, i) => ({
								label: path ? (specs.get(path)?.label ?? path) : '',
								value: (cellsByLine.get(r.line)?.[i] ?? '').trim().slice(0, 300)
							}))
							.filter((v) => v.label && v.value)
					: []
		})),
		page,
		pages: Math.max(1, Math.ceil(all.length / PLAN_PAGE)),
		progress: (await progressOf(sql, id)) ?? null
	};
}

/** The mapping form posts one select per column, named map-0, map-1... */
export function mappingFromForm(form: FormData, columns: number): string[] {
	return Array.from({ length: columns }, (_, i) => String(form.get(`map-${i}`) ?? ''));
}

/**
 * The options posted with the mapping: `policy-<i>` per column (kept for the field it is mapped to),
 * `value-<path>` for the whole file, `source-url` and `source-title`.
 */
export function optionsFromForm(form: FormData, mapping: string[]): unknown {
	const policies: Record<string, string> = {};
	mapping.forEach((path, i) => {
		const p = String(form.get(`policy-${i}`) ?? '');
		if (path && p) policies[path] = p;
	});
	const values: Record<string, string> = {};
	for (const [key, value] of form.entries()) {
		const m = /^value-([a-zA-Z.]{1,100})$/.exec(key);
		if (m && typeof value === 'string' && value.trim() !== '') values[m[1]] = value;
	}
	const url = String(form.get('source-url') ?? '').trim();
	const title = String(form.get('source-title') ?? '').trim();
	return { policies, values, ...(url || title ? { source: { url, ...(title ? { title } : {}) } } : {}) };
}

export async function importList(sql: SqlClient) {
	await failInterruptedImports(sql);
	return listImportJobs(sql, 20);
}

/** `organisations.csv`, `initiatives.xlsx`…: the import template of a kind, as a download. */
export async function templateDownload(file: string): Promise<Response | undefined> {
	const m = /^([a-z-]+)\.(csv|xlsx)$/.exec(file);
	const kind = m ? kindFromSlug(m[1]) : undefined;
	if (!m || !kind) return undefined;
	const format = m[2] as 'csv' | 'xlsx';
	const body = format === 'csv' ? templateCsv(kind) : await templateXlsx(kind);
	return new Response(body, {
		headers: {
			'content-type':
				format === 'csv'
					? 'text/csv; charset=utf-8'
					: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="${templateFileName(kind, format)}"`,
			'cache-control': 'no-store'
		}
	});
}

/** The rows in error of a dry run, as a download. */
export async function rejectedDownload(sql: SqlClient, id: string): Promise<Response | undefined> {
	const rejected = await rejectedRows(sql, id);
	if (!rejected) return undefined;
	return new Response(rejected.csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${rejected.fileName.replace(/[^\w.-]+/g, '_')}"`,
			'cache-control': 'no-store'
		}
	});
}

/** The templates offered on the upload page. */
export function templateLinks() {
	return (Object.keys(KIND_LABELS) as RecordKind[]).map((kind) => ({
		kind,
		csv: route.adminImportTemplate(KIND_LABELS[kind].slug, 'csv'),
		xlsx: route.adminImportTemplate(KIND_LABELS[kind].slug, 'xlsx')
	}));
}
