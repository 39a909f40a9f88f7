/**
 * The admin record form <-> records. The inputs are generated from fields.ts (names = dotted paths), and
 * the assembled object is validated by the kind's zod schema: the form has no rules of its own.
 */
import type { z } from 'zod';
import { RECORD_SCHEMAS, type PublicRecord, type RecordKind } from '$lib/domain/records';
import {
	formatFormValue,
	getPath,
	parseFormField,
	pruneEmptyObjects,
	setPath,
	sourceRows,
	type FormRaw
} from './cells';
import { FIELDS } from './fields';
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
export function recordToForm(record: Partial<PublicRecord> & { kind: RecordKind }): FormState {
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
	const parsed = parseFormField({ path: 'sources', label: '', type: 'sources', group: '' }, raw);
	return { values, sources: sourceRows(parsed.ok ? parsed.value : []) };
}

export type FormResult = { ok: true; record: PublicRecord } | { ok: false; errors: Record<string, string> };

/**
 * Validates a posted form. When editing, the id stays the record's (it is the stable key of imports and
 * links); when creating, an empty id or slug is derived from the name.
 */
export function formToRecord(kind: RecordKind, raw: FormRaw, existing?: PublicRecord): FormResult {
	const errors: Record<string, string> = {};
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
	if (!parsed.success) {
		for (const issue of parsed.error.issues) {
			const key = issue.path.map(String).join('.') || '_form';
			errors[key] ??= issue.message;
		}
		return { ok: false, errors };
	}
	return { ok: true, record: parsed.data };
}

/** The input id an error key belongs to: errors on sources.0.url go to that input, on location to lon. */
export function errorAnchor(key: string): string {
	if (key === 'location') return 'location.lon';
	if (/^sources\.\d+$/.test(key)) return `${key}.url`;
	if (/^(amount|termMonths|deferralMonths)$/.test(key)) return `${key}.min`;
	if (key === 'eligibility') return 'eligibility.audiences';
	if (key === 'carrier') return 'carrier.kind';
	const list = key.match(/^([a-zA-Z.]+)\.\d+$/);
	return list ? list[1] : key;
}
