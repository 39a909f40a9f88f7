/**
 * The import itself, shared by the workspace (/admin/import, in steps) and the command line
 * (`npm run import`, in one go): reading an upload (CSV, GeoJSON, Excel), what the plan needs from the
 * store, the mapping proposed from memory and names, and the apply (every row in one transaction, or none).
 */
import type { RecordKind } from '$lib/domain/records';
import { fieldSpec } from '$lib/domain/fields';
import { decodeText, parseCsv } from '$lib/io/csv';
import { parseGeoJson } from '$lib/io/geojson-table';
import { headerKey, proposeMapping, type RememberedColumn } from '$lib/io/mapping';
import type { ImportPlan, PlanContext } from '$lib/io/plan';
import type { RefNames } from '$lib/io/ref-names';
import { LIMITS, type ReadResult, type Table } from '$lib/io/table';
import { readXlsx } from '$lib/io/xlsx';
import type { UpdatePolicy } from '$lib/domain/record-update';
import {
	allRecords,
	lockedDataVersion,
	rememberMappings,
	rememberedMappings,
	transitionImportJob,
	type ImportFormat
} from '../db/admin';
import {
	insertRecord,
	listCommunes,
	listQpv,
	listQuartiers,
	listThematiques,
	updateRecord
} from '../db/records';
import type { SqlClient } from '../db/sql';
import { placeRefs } from './context';
import type { Actor } from './records';

export class ImportFailure extends Error {}

/** Excel by extension or by its zip signature, GeoJSON by extension or content, CSV otherwise. */
export function detectFormat(fileName: string, bytes: Uint8Array): ImportFormat {
	if (/\.xlsx$/i.test(fileName)) return 'xlsx';
	if (/\.(xls|ods)$/i.test(fileName)) return 'xlsx';
	if (/\.(geo)?json$/i.test(fileName)) return 'geojson';
	if (/\.(csv|txt|tsv)$/i.test(fileName)) return 'csv';
	if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'xlsx';
	const start = new TextDecoder().decode(bytes.subarray(0, 200)).replace(/^\ufeff/, '');
	return start.trimStart().startsWith('{') ? 'geojson' : 'csv';
}

/** The stored form of a job's file back to a table (workbooks are stored as the table read from them). */
export function readTable(
	format: ImportFormat,
	source: string,
	delimiter?: string | null
): ReadResult & { delimiter?: string } {
	if (format === 'xlsx') {
		try {
			return { ok: true, table: JSON.parse(source) as Table };
		} catch {
			return { ok: false, message: 'classeur enregistré illisible : envoyez le fichier à nouveau' };
		}
	}
	return format === 'geojson' ? parseGeoJson(source) : parseCsv(source, delimiter ? { delimiter } : {});
}

export interface Upload {
	format: ImportFormat;
	table: Table;
	/** What a job stores to read the file again. */
	source: string;
	encoding: string;
	delimiter: string | null;
}

/** Bytes of a CSV or GeoJSON file to a table (synchronous: no workbook). */
export function readTextUpload(
	fileName: string,
	bytes: Uint8Array
): { ok: true; upload: Upload } | { ok: false; message: string } {
	const { text, encoding } = decodeText(bytes);
	const format = detectFormat(fileName, bytes) === 'geojson' ? 'geojson' : 'csv';
	const read = readTable(format, text);
	if (!read.ok) return read;
	return {
		ok: true,
		upload: { format, table: read.table, source: text, encoding, delimiter: read.delimiter ?? null }
	};
}

/** Any upload (CSV, GeoJSON, Excel) to a table, or a French message saying why not. */
export async function readUpload(
	fileName: string,
	bytes: Uint8Array
): Promise<{ ok: true; upload: Upload } | { ok: false; message: string }> {
	if (bytes.length === 0) return { ok: false, message: 'le fichier est vide' };
	if (bytes.length > LIMITS.maxBytes)
		return { ok: false, message: `fichier trop lourd : ${LIMITS.maxBytes / 1024 / 1024} Mo au plus` };
	if (detectFormat(fileName, bytes) !== 'xlsx') return readTextUpload(fileName, bytes);
	const read = await readXlsx(bytes);
	if (!read.ok) return read;
	return {
		ok: true,
		upload: {
			format: 'xlsx',
			table: read.table,
			source: JSON.stringify(read.table),
			encoding: 'xlsx',
			delimiter: null
		}
	};
}

/** The names of places and thématiques, for cells that name them. */
export async function refNames(sql: SqlClient): Promise<RefNames> {
	return {
		communes: (await listCommunes(sql)).map((c) => ({
			code: c.code,
			name: c.name,
			slug: c.slug,
			postcodes: c.postcodes
		})),
		quartiers: (await listQuartiers(sql)).map((q) => ({
			code: q.code,
			name: q.name,
			slug: q.slug,
			communeCode: q.communeCode,
			subQuartiers: q.subQuartiers.map((s) => ({ slug: s.slug, name: s.name }))
		})),
		qpv: (await listQpv(sql)).map((q) => ({ slug: q.slug, name: q.name })),
		thematiques: (await listThematiques(sql)).map((t) => ({ code: t.code, label: t.label }))
	};
}

/** What planning needs from the store, now. */
export async function planContext(sql: SqlClient): Promise<PlanContext> {
	return {
		existing: (await allRecords(sql)).map((r) => ({ record: r, version: r.version })),
		refs: await placeRefs(sql),
		names: await refNames(sql)
	};
}

/** The remembered choices of a kind, by folded column name. */
export async function rememberedColumns(
	sql: SqlClient,
	kind: RecordKind
): Promise<Map<string, RememberedColumn>> {
	return new Map(
		(await rememberedMappings(sql, kind)).map((r) => [
			r.header,
			{ target: r.target, policy: (r.policy as UpdatePolicy | null) ?? undefined }
		])
	);
}

/** The mapping proposed for a file: remembered choices first, then names. */
export async function proposedMapping(sql: SqlClient, kind: RecordKind, headers: string[]) {
	return proposeMapping(kind, headers, await rememberedColumns(sql, kind));
}

/**
 * Remembers a confirmed mapping (and each mapped column's policy but « remplacer ») for the next import of
 * the kind.
 */
export async function rememberMapping(
	sql: SqlClient,
	kind: RecordKind,
	headers: string[],
	mapping: string[],
	policies: Partial<Record<string, UpdatePolicy>>,
	by: string | null
) {
	await rememberMappings(
		sql,
		kind,
		headers.map((h, i) => ({
			header: headerKey(h),
			target: mapping[i] ?? '',
			// « remplacer » is never proposed again by itself: overwriting stays a choice made for each file.
			policy: mapping[i] && policies[mapping[i]] !== 'replace' ? (policies[mapping[i]] ?? null) : null
		})),
		by
	);
}

export interface RecordLink {
	id: string;
	name: string;
	status: string;
	kind: RecordKind;
	/** For updates: the labels of the fields changed. */
	fields?: string[];
}

export interface ApplySummary {
	created: number;
	updated: number;
	unchanged: number;
	/** Rows in error left out by « Ignorer les lignes en erreur ». */
	skipped: number;
	appliedAt: string;
	appliedBy: string;
	/** The records written (the first ones on very large files), to link to them. */
	createdRecords: RecordLink[];
	updatedRecords: RecordLink[];
}

/** How many written records a summary lists; the counts stay exact. */
const LISTED = 500;

/**
 * All rows or none: one transaction for the inserts, the updates (each checked against the version the plan
 * saw) and, when given, the job's move to "applied". Throws (and writes nothing) on any conflict. Rows in
 * error stop everything, unless `skipErrors` says to leave them out. With `dataVersion`, the store must
 * still be at the version the plan was checked against, read inside the transaction: a write that landed
 * in between (on this instance or another) makes the whole apply write nothing.
 */
export async function applyPlan(
	sql: SqlClient,
	plan: ImportPlan,
	actor: Actor,
	opts: { note: string; jobId?: string; now?: Date; skipErrors?: boolean; dataVersion?: number }
): Promise<ApplySummary> {
	if (plan.counts.error > 0 && !opts.skipErrors)
		throw new ImportFailure('le fichier contient des erreurs : rien n’a été écrit');
	const now = opts.now ?? new Date();
	const summary: ApplySummary = {
		created: 0,
		updated: 0,
		unchanged: plan.counts.unchanged,
		skipped: plan.counts.error,
		appliedAt: now.toISOString(),
		appliedBy: actor.name,
		createdRecords: [],
		updatedRecords: []
	};
	await sql.transaction(async (tx) => {
		if (opts.dataVersion !== undefined) {
			if ((await lockedDataVersion(tx)) !== opts.dataVersion)
				throw new ImportFailure(
					'les fiches ont changé pendant la vérification : relancez la simulation ; rien n’a été écrit'
				);
		}
		for (const row of plan.rows) {
			if (row.status === 'new' && row.record) {
				await insertRecord(tx, row.record, { by: actor.id, action: 'import', note: opts.note, now });
				summary.created++;
				if (summary.createdRecords.length < LISTED)
					summary.createdRecords.push({
						id: row.record.id,
						name: row.record.name,
						status: row.record.status,
						kind: row.record.kind
					});
			} else if (row.status === 'update' && row.record && row.expectedVersion !== undefined) {
				const res = await updateRecord(tx, row.record, {
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
				if (summary.updatedRecords.length < LISTED)
					summary.updatedRecords.push({
						id: row.record.id,
						name: row.record.name,
						status: row.record.status,
						kind: row.record.kind,
						fields: row.changes ?? []
					});
			}
		}
		if (opts.jobId && !(await transitionImportJob(tx, opts.jobId, ['applying'], 'applied', { summary })))
			throw new ImportFailure('import déjà appliqué');
	});
	return summary;
}

/** A French label for a field path, for messages about mappings and options. */
export function fieldLabel(kind: RecordKind, path: string): string {
	return fieldSpec(kind, path)?.label ?? path;
}
