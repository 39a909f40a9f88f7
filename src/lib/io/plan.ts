/**
 * The import dry run: every row of the file becomes new, update, unchanged or error (with the reasons),
 * computed against the store's current records without writing anything. Re-imports find their record by
 * a stable key, in this order: the id column, then the SIRET, then the id derived from the name, so the same
 * file imported twice never creates duplicates. Pure and total: any table gives a plan, never an exception.
 *
 * A new record takes the row's values, then the values given for the whole file, then the automatic
 * defaults (import-options.ts); each value filled that way is listed with the row. An update applies each
 * column under its policy (domain/record-update.ts: fill empty fields only, add to lists, or replace), so
 * a curated value is replaced only where the maintainer chose « remplacer »; the values left out are listed
 * too, and every changed field is shown before and after.
 */
import type { z } from 'zod';
import { todayIso } from '$lib/domain/today';
import { RECORD_SCHEMAS, type PublicRecord, type RecordKind } from '$lib/domain/records';
import { getPath, pruneEmptyObjects, setPath } from '$lib/domain/paths';
import {
	applyOffers,
	isEmptyValue,
	sameValue,
	unionList,
	type FieldOffer,
	type UpdatePolicy
} from '$lib/domain/record-update';
import { canonical } from './cells';
import { diffRecords, displayValue, type FieldChange } from './diff';
import { FIELDS, errorAnchor, fieldSpec, type FieldSpec } from '$lib/domain/fields';
import { parseImportCell, type ImportCellContext } from './import-cells';
import { automaticDefaults } from './import-options';
import type { Mapping } from './mapping';
import { communeOfQuartier, namesFromRefs, recordsByName, type RefNames } from './ref-names';
import { checkRefs, type RefContext } from './refs';
import { slugify } from './slug';
import type { Table } from './table';
import { foldName, parseFrenchDate } from './values';

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
	/** Each field an update changes, before and after (as shown to people, long texts cut). */
	diff?: FieldChange[];
	/** Values of the file an update left out, because the record had one and the column only fills. */
	kept?: KeptCell[];
	/** Values the row did not give and the import filled in (new records, empty fields of updates). */
	defaults?: RowDefault[];
	errors: RowError[];
	/** The validated record to write (new and update); not kept in stored plans. */
	record?: PublicRecord;
}

export interface KeptCell {
	path: string;
	column?: string;
	current: string;
	offered: string;
}

export interface RowDefault {
	path: string;
	/** The value as shown to people. */
	value: string;
	/** Where it comes from: the automatic defaults, the values for the whole file, the row's quartier. */
	from: 'defaut' | 'fichier' | 'quartier';
}

/** The maintainer's choices for the whole import (import-options.ts). */
export interface PlanOptions {
	policies?: Partial<Record<string, UpdatePolicy>>;
	values?: Record<string, string>;
	source?: { url: string; title?: string };
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
	/** Names of places and thématiques, to read them as people write them; codes only when absent. */
	names?: RefNames;
	now?: Date;
}

const ID = /^[a-z0-9][a-z0-9-]{1,79}$/;

const NO_SOURCE =
	'aucune source : chaque fiche cite la publication où ses informations ont été lues ; ajoutez une colonne « Sources » (adresses web) ou donnez l’adresse de la publication pour tout le fichier à l’étape des colonnes';

/** Schema errors in words: a missing value says whether its column is empty or absent from the file. */
function zodErrors(
	kind: RecordKind,
	error: z.ZodError,
	input: Record<string, unknown>,
	columnOf: (path: string) => string | undefined
): RowError[] {
	return error.issues.map((issue) => {
		const field = issue.path.map(String).join('.') || '(fiche)';
		const column = columnOf(field);
		let message = issue.message;
		const missing = isEmptyValue(getPath(input, field));
		if (field === 'sources' && missing) message = NO_SOURCE;
		else if (missing && issue.code === 'invalid_type')
			message = column
				? 'obligatoire, et la case est vide'
				: fieldSpec(kind, errorAnchor(field, kind))
					? 'obligatoire, et aucune colonne du fichier ne le donne : associez-lui une colonne ou donnez une valeur pour tout le fichier (étape des colonnes)'
					: message;
		return { field, column, message };
	});
}

/** Before and after cut for the dry run's table: a plan is stored, and descriptions can be long. */
function shortChange(c: FieldChange): FieldChange {
	const cut = (s: string) => (s.length > 300 ? `${s.slice(0, 299)}…` : s);
	return { ...c, before: cut(c.before), after: cut(c.after) };
}

/** Splits a record into its stored document (no version) for comparison. */
function withoutVersion(r: PublicRecord): PublicRecord {
	const { version: _version, ...rest } = r as PublicRecord & { version?: number };
	return rest as PublicRecord;
}

export function emptyCounts(): Record<RowStatus, number> {
	return { new: 0, update: 0, unchanged: 0, error: 0 };
}

export function planImport(
	kind: RecordKind,
	table: Table,
	mapping: Mapping,
	ctx: PlanContext,
	options: PlanOptions = {}
): ImportPlan {
	const steps = planImportSteps(kind, table, mapping, ctx, options);
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
	options: PlanOptions = {},
	chunk = 500
): Generator<{ done: number; total: number }, ImportPlan> {
	const now = ctx.now ?? new Date();
	const today = todayIso(now);
	const specs = new Map(FIELDS[kind].map((f) => [f.path, f]));
	const names = ctx.names ?? namesFromRefs(ctx.refs);
	const byName = recordsByName(
		ctx.existing.map((s) => ({
			id: s.record.id,
			name: s.record.name,
			kind: s.record.kind,
			roles: s.record.kind === 'organisation' ? s.record.roles : undefined
		}))
	);
	const cellContext = (seen: string): ImportCellContext => ({ seen, names, recordsByName: byName });
	const display = (path: string, v: unknown) => displayValue(v, specs.get(path));
	// Values for the whole file, read once (the options were checked when chosen: a bad one is skipped).
	const fileValues: { path: string; value: unknown }[] = [];
	for (const [path, text] of Object.entries(options.values ?? {})) {
		const spec = specs.get(path);
		const parsed = spec ? parseImportCell(spec, text, cellContext(today)) : undefined;
		if (parsed?.ok && parsed.value !== undefined) fileValues.push({ path, value: parsed.value });
	}
	const defaults = automaticDefaults(kind, today);
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
	const byFoldedName = new Map<string, StoredRecord[]>();
	for (const s of ctx.existing) {
		if (s.record.kind === kind) {
			const key = foldName(s.record.name);
			const same = byFoldedName.get(key);
			if (same) same.push(s);
			else byFoldedName.set(key, [s]);
		}
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
		const siret = kind === 'organisation' ? cell(cells, 'siret').replace(/[\s.]/g, '') : '';
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
					column: columnFor.get('name')?.header,
					message:
						'vide : chaque ligne a besoin d’un nom (ou d’un identifiant), qui sert aussi à retrouver la fiche au prochain import'
				});
				continue;
			}
			// A record of this kind with exactly this name (its id may come from an older name), else the
			// first id candidate that is free or already this kind's: re-imports find the same record again.
			const named = name ? byFoldedName.get(foldName(name)) : undefined;
			if (named && named.length === 1 && byId.get(slugify(name))?.record.kind !== kind) {
				current = named[0];
				recordId = current.record.id;
			}
			for (let n = 1; n < 1000 && !recordId; n++) {
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

		// Read the row's cells. Sources without a date were seen on the row's verification day, else today.
		const verified = parseFrenchDate(cell(cells, 'lastVerified'));
		const ctxCells = cellContext(verified.ok ? verified.iso : today);
		const offers: FieldOffer[] = [];
		for (const m of mapped) {
			const parsedCell = parseImportCell(m.spec, cells[m.index] ?? '', ctxCells);
			if (parsedCell.ok) offers.push({ path: m.spec.path, value: parsedCell.value });
			else row.errors.push({ field: m.spec.path, column: m.header, message: parsedCell.message });
		}
		if (row.errors.length) continue;

		// Assemble: an update starts from the current record, so unmapped fields keep their values, and each
		// column only does what its policy allows; a new record starts from the row.
		let input: Record<string, unknown>;
		const filled: RowDefault[] = [];
		const fill = (path: string, value: unknown, from: RowDefault['from']) => {
			if (!isEmptyValue(getPath(input, path))) return;
			setPath(input, path, structuredClone(value));
			filled.push({ path, value: display(path, value), from });
		};
		const before = current ? withoutVersion(current.record) : undefined;
		if (before) {
			const applied = applyOffers(FIELDS[kind], before, offers, options.policies ?? {});
			input = applied.next as unknown as Record<string, unknown>;
			if (applied.kept.length)
				row.kept = applied.kept.map((k) => ({
					path: k.path,
					column: columnFor.get(k.path)?.header,
					current: display(k.path, k.current),
					offered: display(k.path, k.offered)
				}));
		} else {
			input = { kind };
			for (const o of offers) if (o.value !== undefined) setPath(input, o.path, o.value);
		}
		for (const v of fileValues) fill(v.path, v.value, 'fichier');
		const quartier = getPath(input, 'quartierCode');
		if (kind !== 'funding-tool' && typeof quartier === 'string') {
			const commune = communeOfQuartier(names, quartier);
			if (commune) fill('communeCode', commune, 'quartier');
		}
		const rowHasSources = offers.some((o) => o.path === 'sources' && !isEmptyValue(o.value));
		if (options.source && !rowHasSources) {
			const source = { ...options.source, seen: ctxCells.seen };
			if (!before) fill('sources', [source], 'fichier');
			else if (!sameValue(input, before)) {
				// An update the file makes cites the file's publication beside the record's own sources.
				const spec = specs.get('sources')!;
				const merged = unionList(spec, getPath(input, 'sources'), [source]);
				if (!sameValue(merged, getPath(input, 'sources'))) {
					setPath(input, 'sources', merged);
					filled.push({ path: 'sources', value: display('sources', [source]), from: 'fichier' });
				}
			}
		}
		if (!before) for (const d of defaults) fill(d.path, d.value, 'defaut');
		if (filled.length) row.defaults = filled;
		input.kind = kind;
		input.id = recordId;
		if (!current && input.slug === undefined && typeof input.name === 'string')
			input.slug = slugify(input.name, 100);
		pruneEmptyObjects(input);
		const parsed = (RECORD_SCHEMAS[kind] as z.ZodType<PublicRecord>).safeParse(input);
		if (!parsed.success) {
			row.errors.push(...zodErrors(kind, parsed.error, input, columnOf));
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
		if (current && before) {
			row.expectedVersion = current.version;
			row.status = canonical(record) === canonical(before) ? 'unchanged' : 'update';
			if (row.status === 'update') {
				const diff = diffRecords(before, record);
				row.changes = diff.map((c) => c.label);
				row.diff = diff.map(shortChange);
			}
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
