/**
 * The import dry run: every row of the file becomes new, update, unchanged or error (with the reasons),
 * computed against the store's current records without writing anything. Re-imports find their record by
 * a stable key, in this order: the id column, then the SIRET, then the id derived from the name, so the same
 * file imported twice never creates duplicates. Pure and total: any table gives a plan, never an exception.
 */
import type { z } from 'zod';
import { todayIso } from '$lib/domain/common';
import { RECORD_SCHEMAS, type PublicRecord, type RecordKind } from '$lib/domain/records';
import { pruneEmptyObjects, setPath } from '$lib/domain/paths';
import { canonical, parseCell } from './cells';
import { diffRecords } from './diff';
import { FIELDS, type FieldSpec } from '$lib/domain/fields';
import type { Mapping } from './mapping';
import { checkRefs, type RefContext } from './refs';
import { slugify } from './slug';
import type { Table } from './table';

export type RowStatus = 'new' | 'update' | 'unchanged' | 'error';

export interface RowError {
	field: string;
	/** The file's column name, when the problem comes from one column. */
	column?: string;
	message: string;
}

export interface PlanRow {
	line: number;
	status: RowStatus;
	recordId?: string;
	name?: string;
	/** How the row found its record: 'id', 'siret' or 'nom' (id derived from the name). */
	keyBy?: 'id' | 'siret' | 'nom';
	/** The version the update was computed against: the apply refuses if the store moved since. */
	expectedVersion?: number;
	/** Labels of the fields an update changes. */
	changes?: string[];
	errors: RowError[];
	/** The validated record to write (new and update); not kept in stored plans. */
	record?: PublicRecord;
}

export interface ImportPlan {
	rows: PlanRow[];
	counts: Record<RowStatus, number>;
}

export interface StoredRecord {
	record: PublicRecord;
	version: number;
}

export interface PlanContext {
	/** Every record of the store (all kinds, all statuses). */
	existing: StoredRecord[];
	refs: Omit<RefContext, 'organisations' | 'fundingTools'>;
	now?: Date;
}

const ID = /^[a-z0-9][a-z0-9-]{1,79}$/;

function zodErrors(error: z.ZodError, columnOf: (path: string) => string | undefined): RowError[] {
	return error.issues.map((issue) => {
		const field = issue.path.map(String).join('.') || '(fiche)';
		return { field, column: columnOf(field), message: issue.message };
	});
}

/** Splits a record into its stored document (no version) for comparison. */
function withoutVersion(r: PublicRecord): PublicRecord {
	const { version: _version, ...rest } = r as PublicRecord & { version?: number };
	return rest as PublicRecord;
}

export function emptyCounts(): Record<RowStatus, number> {
	return { new: 0, update: 0, unchanged: 0, error: 0 };
}

export function planImport(kind: RecordKind, table: Table, mapping: Mapping, ctx: PlanContext): ImportPlan {
	const steps = planImportSteps(kind, table, mapping, ctx);
	for (;;) {
		const step = steps.next();
		if (step.done) return step.value;
	}
}

/**
 * The same, one step per `chunk` rows, so a server can plan a large file without blocking other requests
 * (yielding between steps) and report progress.
 */
export function* planImportSteps(
	kind: RecordKind,
	table: Table,
	mapping: Mapping,
	ctx: PlanContext,
	chunk = 500
): Generator<{ done: number; total: number }, ImportPlan> {
	const now = ctx.now ?? new Date();
	const today = todayIso(now);
	const specs = new Map(FIELDS[kind].map((f) => [f.path, f]));
	const mapped: { index: number; header: string; spec: FieldSpec }[] = [];
	mapping.forEach((target, index) => {
		const spec = specs.get(target);
		if (spec) mapped.push({ index, header: table.headers[index] ?? `colonne ${index + 1}`, spec });
	});
	const columnFor = new Map(mapped.map((m) => [m.spec.path, m]));
	const columnOf = (field: string): string | undefined => {
		for (const m of mapped)
			if (field === m.spec.path || field.startsWith(`${m.spec.path}.`) || m.spec.path.startsWith(`${field}.`))
				return m.header;
		return undefined;
	};
	const cell = (cells: string[], path: string) => {
		const m = columnFor.get(path);
		return m ? (cells[m.index] ?? '').trim() : '';
	};

	const byId = new Map(ctx.existing.map((s) => [s.record.id, s]));
	const bySiret = new Map<string, StoredRecord>();
	const bySlug = new Map<string, string>();
	for (const s of ctx.existing) {
		if (s.record.kind === 'organisation' && s.record.siret) bySiret.set(s.record.siret, s);
		bySlug.set(`${s.record.kind}:${s.record.slug}`, s.record.id);
	}

	// Pass 1: find each row's record, assemble and validate it with the schema.
	const rows: PlanRow[] = [];
	const claimedIds = new Map<string, number>();
	const claimedSlugs = new Map<string, number>();
	for (const [n, source] of table.rows.entries()) {
		if (n > 0 && n % chunk === 0) yield { done: n, total: table.rows.length };
		const row: PlanRow = { line: source.line, status: 'error', errors: [] };
		rows.push(row);
		const cells = source.cells;
		const name = cell(cells, 'name');
		if (name) row.name = name.slice(0, 200);
		if (source.error) {
			row.errors.push({ field: '(ligne)', message: source.error });
			continue;
		}

		// Find the record this row is about.
		const idCell = cell(cells, 'id');
		const siret = kind === 'organisation' ? cell(cells, 'siret').replace(/\s/g, '') : '';
		let current: StoredRecord | undefined;
		let recordId: string | undefined;
		if (idCell) {
			if (!ID.test(idCell)) {
				row.errors.push({
					field: 'id',
					column: columnFor.get('id')?.header,
					message: 'identifiant invalide : minuscules, chiffres et tirets (2 à 80 caractères)'
				});
				continue;
			}
			recordId = idCell;
			current = byId.get(idCell);
			row.keyBy = 'id';
			const other = siret ? bySiret.get(siret) : undefined;
			if (other && other.record.id !== idCell) {
				row.errors.push({
					field: 'siret',
					column: columnFor.get('siret')?.header,
					message: `ce SIRET est déjà celui de la fiche « ${other.record.id} »`
				});
				continue;
			}
		} else if (siret && bySiret.has(siret)) {
			current = bySiret.get(siret);
			recordId = current!.record.id;
			row.keyBy = 'siret';
		} else {
			const base = slugify(cell(cells, 'slug') || name || siret || '');
			if (!name && !cell(cells, 'slug')) {
				row.errors.push({
					field: 'name',
					message: 'ni identifiant, ni nom : impossible de reconnaître la fiche'
				});
				continue;
			}
			// The first candidate that is free or already this kind's: re-imports find the same record again.
			for (let n = 1; n < 1000; n++) {
				const candidate = n === 1 ? base : `${base.slice(0, 75)}-${n}`;
				const found = byId.get(candidate);
				if (!found || found.record.kind === kind) {
					recordId = candidate;
					current = found;
					break;
				}
			}
			row.keyBy = 'nom';
		}
		if (!recordId) {
			row.errors.push({ field: 'id', message: 'aucun identifiant libre trouvé pour ce nom' });
			continue;
		}
		if (current && current.record.kind !== kind) {
			row.errors.push({
				field: 'id',
				column: columnFor.get('id')?.header,
				message: `« ${recordId} » est déjà l’identifiant d’une fiche d’un autre type`
			});
			continue;
		}
		row.recordId = recordId;
		const firstLine = claimedIds.get(recordId);
		if (firstLine !== undefined) {
			row.errors.push({
				field: 'id',
				message: `même fiche que la ligne ${firstLine} (fiche « ${recordId} »)`
			});
			continue;
		}
		claimedIds.set(recordId, row.line);

		// Assemble: an update starts from the current record, so unmapped fields keep their values.
		const input: Record<string, unknown> = current
			? (structuredClone(withoutVersion(current.record)) as unknown as Record<string, unknown>)
			: { kind };
		const verified = cell(cells, 'lastVerified');
		const seen = /^\d{4}-\d{2}-\d{2}$/.test(verified) ? verified : today;
		for (const m of mapped) {
			const parsed = parseCell(m.spec, cells[m.index] ?? '', { seen });
			if (parsed.ok) setPath(input, m.spec.path, parsed.value);
			else row.errors.push({ field: m.spec.path, column: m.header, message: parsed.message });
		}
		input.kind = kind;
		input.id = recordId;
		if (!current) {
			if (input.slug === undefined && typeof input.name === 'string') input.slug = slugify(input.name, 100);
			if (input.status === undefined) input.status = 'draft';
		}
		pruneEmptyObjects(input);
		if (row.errors.length) continue;
		const parsed = (RECORD_SCHEMAS[kind] as z.ZodType<PublicRecord>).safeParse(input);
		if (!parsed.success) {
			row.errors.push(...zodErrors(parsed.error, columnOf));
			continue;
		}
		const record = parsed.data;
		const slugKey = `${kind}:${record.slug}`;
		const slugOwner = bySlug.get(slugKey);
		if (slugOwner && slugOwner !== recordId) {
			row.errors.push({
				field: 'slug',
				column: columnOf('slug'),
				message: `slug « ${record.slug} » déjà utilisé par la fiche « ${slugOwner} »`
			});
			continue;
		}
		const slugLine = claimedSlugs.get(slugKey);
		if (slugLine !== undefined) {
			row.errors.push({
				field: 'slug',
				column: columnOf('slug'),
				message: `slug déjà utilisé ligne ${slugLine}`
			});
			continue;
		}
		claimedSlugs.set(slugKey, row.line);
		if (record.kind === 'organisation' && record.siret) {
			const owner = bySiret.get(record.siret);
			if (owner && owner.record.id !== recordId) {
				row.errors.push({
					field: 'siret',
					column: columnOf('siret'),
					message: `ce SIRET est déjà celui de la fiche « ${owner.record.id} »`
				});
				continue;
			}
		}
		row.record = record;
		if (current) {
			row.expectedVersion = current.version;
			const before = withoutVersion(current.record);
			row.status = canonical(record) === canonical(before) ? 'unchanged' : 'update';
			if (row.status === 'update') row.changes = diffRecords(before, record).map((c) => c.label);
		} else row.status = 'new';
	}

	// Pass 2: links between records, against the store and the rows of this file.
	const organisations = new Map<string, { roles: readonly string[] }>();
	const fundingTools = new Set<string>();
	const note = (r: PublicRecord) => {
		if (r.kind === 'organisation') organisations.set(r.id, { roles: r.roles });
		if (r.kind === 'funding-tool') fundingTools.add(r.id);
	};
	for (const s of ctx.existing) note(s.record);
	for (const row of rows) if (row.record) note(row.record);
	const refCtx: RefContext = { ...ctx.refs, organisations, fundingTools, now };
	for (const row of rows) {
		if (!row.record || row.status === 'unchanged') continue;
		const errors = checkRefs(row.record, refCtx);
		if (errors.length) {
			row.status = 'error';
			row.errors.push(...errors.map((e) => ({ ...e, column: columnOf(e.field) })));
		}
	}
	for (const row of rows) if (row.status === 'error') row.record = undefined;

	const counts = emptyCounts();
	for (const row of rows) counts[row.status]++;
	return { rows, counts };
}
