/**
 * What a maintainer chooses for a whole import besides the column mapping: per field, what an update may
 * do to a value already in the record (update policies, see domain/record-update.ts); values for the
 * whole file (« tous ces lieux sont des structures de l’ESS »); the publication the file comes from, for
 * rows without a source. Also what the import fills in by itself for a new record, said in every dry run.
 */
import { z } from 'zod';
import { FIELDS, type FieldSpec } from '$lib/domain/fields';
import { httpUrlSchema, plainText } from '$lib/domain/common';
import type { RecordKind } from '$lib/domain/records';
import { labelOf } from '$lib/domain/taxonomies';
import type { UpdatePolicy } from '$lib/domain/record-update';
import { parseImportCell, type ImportCellContext } from './import-cells';

export const importOptionsSchema = z.strictObject({
	/** Field path -> policy; absent fields take their default. */
	policies: z.record(z.string().max(100), z.enum(['fill', 'union', 'replace'])).default({}),
	/** Field path -> the value as typed, for every row whose cell is empty (or without such a column). */
	values: z.record(z.string().max(100), z.string().max(2000)).default({}),
	/** The publication the file's facts were read in, for rows without sources of their own. */
	source: z
		.strictObject({
			url: httpUrlSchema,
			title: plainText(300).optional()
		})
		.optional()
});
export type ImportOptions = z.infer<typeof importOptionsSchema>;
export const NO_OPTIONS: ImportOptions = { policies: {}, values: {} };

/**
 * Values the import gives a new record when its file says nothing, in this order of preference: the
 * row's cell, the value for the whole file, then these. Each one filled is listed in the dry run.
 * No default exists for what only the file can say (a name, a description, a commune) nor for sources:
 * « Import du fichier … » is not a publication a visitor could open, so a file without a source column
 * needs the address of its publication, given once at the mapping step.
 */
export function automaticDefaults(kind: RecordKind, today: string): { path: string; value: unknown }[] {
	const out: { path: string; value: unknown }[] = [
		{ path: 'status', value: 'draft' },
		{ path: 'lastVerified', value: today },
		{ path: 'confidence', value: 'medium' }
	];
	if (kind === 'organisation') out.push({ path: 'legalForm', value: 'inconnue' });
	return out;
}

/** The automatic defaults in words, for the page and the README. */
export function describeDefault(path: string, value: unknown): string {
	if (path === 'status') return labelOf('status', String(value)).toLowerCase();
	if (path === 'confidence') return `moyenne (« ${labelOf('confidence', String(value))} »)`;
	if (path === 'legalForm') return labelOf('legalForm', String(value));
	if (path === 'lastVerified') return `le jour de l’import (${String(value)})`;
	return String(value);
}

/** Fields a maintainer may give one value for the whole file: required ones that a row's text cannot default. */
export function fileWideFields(kind: RecordKind): FieldSpec[] {
	return FIELDS[kind].filter(
		(f) =>
			(f.required ||
				(f.type === 'boolean' && !f.omitFalse) ||
				f.path === 'status' ||
				f.path === 'confidence' ||
				f.path === 'lastVerified') &&
			!['id', 'slug', 'name', 'description'].includes(f.path) &&
			f.type !== 'sources' &&
			f.type !== 'longtext'
	);
}

export type OptionsResult = { ok: true; options: ImportOptions } | { ok: false; message: string };

/** Options as posted or read from a mapping file: known fields, policies and values that read. */
export function checkOptions(kind: RecordKind, input: unknown, ctx: ImportCellContext): OptionsResult {
	const parsed = importOptionsSchema.safeParse(input ?? {});
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		const where = issue.path[0] === 'source' ? 'Source pour tout le fichier' : 'Options';
		return { ok: false, message: `${where} : ${issue.message}` };
	}
	const options = parsed.data;
	const specs = new Map(FIELDS[kind].map((f) => [f.path, f]));
	for (const path of Object.keys(options.policies))
		if (!specs.has(path))
			return { ok: false, message: `champ inconnu « ${path} » dans les règles de mise à jour` };
	const values: Record<string, string> = {};
	for (const [path, text] of Object.entries(options.values)) {
		const spec = specs.get(path);
		if (!spec)
			return { ok: false, message: `champ inconnu « ${path} » dans les valeurs pour tout le fichier` };
		if (text.trim() === '') continue;
		const r = parseImportCell(spec, text, ctx);
		if (!r.ok) return { ok: false, message: `Valeur pour tout le fichier, « ${spec.label} » : ${r.message}` };
		values[path] = text.trim();
	}
	return {
		ok: true,
		options: { ...options, values, policies: options.policies as Record<string, UpdatePolicy> }
	};
}
