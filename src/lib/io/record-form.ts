/**
 * The admin record form <-> records. The inputs are generated from the record fields (src/lib/domain/
 * fields.ts; names = dotted paths), and the assembled object is validated by the kind's zod schema: the
 * form has no rules of its own.
 */
import type { z } from 'zod';
import { zodErrors, type FieldErrors } from '$lib/domain/errors';
import {
	RECORD_SCHEMAS,
	type PublicRecord,
	type PublicRecordInput,
	type RecordKind
} from '$lib/domain/records';
import { getPath, pruneEmptyObjects, setPath } from '$lib/domain/paths';
import { formatFormValue, parseFormField, sourceRows, type FormRaw } from './cells';
import { FIELDS, fieldSpec } from '$lib/domain/fields';
import { slugify } from './slug';

export interface FormState {
	values: Record<string, string | string[]>;
	sources: { url: string; reference: string; seen: string; note: string }[];
}

/** FormData to plain values: repeated names (checkboxes) become lists. Files are ignored. */
export function formDataToRaw(form: FormData): FormRaw {
	const raw: FormRaw = {};
	for (const key of new Set(form.keys())) {
		const values = form.getAll(key).filter((v): v is string => typeof v === 'string');
		raw[key] = values.length > 1 ? values : (values[0] ?? '');
	}
	return raw;
}

/** What the form shows for a record. */
export function recordToForm(
	record: (Partial<PublicRecord> | Partial<PublicRecordInput>) & { kind: RecordKind }
): FormState {
	const values: Record<string, string | string[]> = {};
	for (const f of FIELDS[record.kind]) {
		if (f.type === 'sources') continue;
		values[f.path] = formatFormValue(f, getPath(record, f.path));
	}
	return { values, sources: sourceRows((record as { sources?: unknown }).sources) };
}

/** What the form shows again after an error: exactly what was typed. */
export function rawToForm(kind: RecordKind, raw: FormRaw): FormState {
	const values: Record<string, string | string[]> = {};
	for (const f of FIELDS[kind]) {
		if (f.type === 'sources') continue;
		const v = raw[f.path];
		values[f.path] =
			f.type === 'enum-list' || f.type === 'ref-list'
				? Array.isArray(v)
					? v
					: v
						? [v]
						: []
				: Array.isArray(v)
					? (v[0] ?? '')
					: (v ?? '');
	}
	const parsed = parseFormField(fieldSpec(kind, 'sources')!, raw);
	return { values, sources: sourceRows(parsed.ok ? parsed.value : []) };
}

export type FormResult = { ok: true; record: PublicRecord } | { ok: false; errors: FieldErrors };

/**
 * Validates a posted form. When editing, the id stays the record's (it is the stable key of imports and
 * links); when creating, an empty id or slug is derived from the name.
 */
export function formToRecord(kind: RecordKind, raw: FormRaw, existing?: PublicRecord): FormResult {
	const errors: FieldErrors = {};
	const input: Record<string, unknown> = { kind };
	for (const f of FIELDS[kind]) {
		const parsed = parseFormField(f, raw);
		if (parsed.ok) setPath(input, f.path, parsed.value);
		else errors[f.path] = parsed.message;
	}
	if (existing) input.id = existing.id;
	else {
		const name = typeof input.name === 'string' ? input.name : '';
		if (input.id === undefined && name) input.id = slugify(name);
		if (input.slug === undefined && name) input.slug = slugify(name, 100);
	}
	pruneEmptyObjects(input);
	if (Object.keys(errors).length) return { ok: false, errors };
	const parsed = (RECORD_SCHEMAS[kind] as z.ZodType<PublicRecord>).safeParse(input);
	if (!parsed.success) return { ok: false, errors: zodErrors(parsed.error) };
	return { ok: true, record: parsed.data };
}
