/**
 * The fields of each record kind, read from the zod schemas and their metadata (field-meta.ts): in the
 * schema's order, nested objects flattened to dotted paths (`contact.website`, `location.lon`). The admin
 * forms, the CSV/GeoJSON columns, the import mapping, diffs, merges and the public proposal forms all iterate
 * over these specs, so adding a field is one schema entry with its metadata.
 */
import { z } from 'zod';
import {
	FIELD_GROUPS,
	KEEP,
	isOptional,
	maxItemsOf,
	maxLengthOf,
	metaOf,
	unwrap,
	type FieldType,
	type MergeRule,
	type ProposeMeta,
	type RefSource
} from './field-meta';
import { RECORD_SCHEMAS, type RecordKind } from './records';
import type { TaxonomyName } from './taxonomies';

export type { FieldType, RefSource } from './field-meta';

/** One field of a record kind: plain data, so it can be sent to a page. */
export interface FieldSpec {
	/** The dotted path in the record; also the admin form's input name. */
	path: string;
	/** The CSV column and GeoJSON property. */
	column: string;
	label: string;
	type: FieldType;
	/** The admin form's group, in French. */
	group: string;
	taxonomy?: TaxonomyName;
	ref?: RefSource;
	hint?: string;
	/** Required by the schema (shown with an asterisk; the schema still decides). */
	required: boolean;
	/** An optional flag: "no" is stored as absent, so an untouched checkbox changes nothing. */
	omitFalse?: boolean;
	maxLength?: number;
	/** For lists: the most items the schema accepts. */
	maxItems?: number;
	aliases?: readonly string[];
	jsonLd?: string;
	merge: MergeRule;
	propose?: ProposeMeta;
}

type AnyObject = z.ZodObject<z.ZodRawShape>;

/** The fields of an object schema, in order. Throws on a field declared without metadata. */
export function fieldSpecs(schema: AnyObject): FieldSpec[] {
	const out: FieldSpec[] = [];
	const walk = (shape: z.ZodRawShape, prefix: string, parentRequired: boolean) => {
		for (const [key, entry] of Object.entries(shape)) {
			const path = prefix ? `${prefix}.${key}` : key;
			const schema = entry as z.ZodType;
			const required = parentRequired && !isOptional(schema);
			const meta = metaOf(schema);
			const bare = unwrap(schema);
			if (meta) {
				out.push({
					path,
					column: meta.column ?? path,
					label: meta.label,
					type: meta.type,
					group: FIELD_GROUPS[meta.group],
					taxonomy: meta.taxonomy,
					ref: meta.ref,
					hint: meta.hint,
					// An unticked box is an answer (false), so a flag is never "required".
					required: meta.required ?? (required && meta.type !== 'boolean'),
					omitFalse: meta.type === 'boolean' && schema instanceof z.ZodOptional ? true : undefined,
					maxLength: maxLengthOf(schema),
					maxItems: maxItemsOf(schema),
					aliases: meta.aliases,
					jsonLd: meta.jsonLd,
					merge: meta.merge ?? KEEP,
					propose: meta.propose
				});
			} else if (bare instanceof z.ZodObject) walk(bare.shape, path, required);
			// `kind` says which schema this is: it is nobody's input.
			else if (!(bare instanceof z.ZodLiteral))
				throw new Error(`field « ${path} » has no metadata: declare it with field(schema, {...})`);
		}
	};
	walk(schema.shape, '', true);
	return out;
}

/** The schema of the field at a dotted path (with its `.optional()` / `.default()`), or undefined. */
export function schemaAt(schema: AnyObject, path: string): z.ZodType | undefined {
	let current: z.ZodType = schema;
	for (const part of path.split('.')) {
		const bare = unwrap(current);
		if (!(bare instanceof z.ZodObject)) return undefined;
		const next = (bare.shape as z.ZodRawShape)[part];
		if (!next) return undefined;
		current = next as z.ZodType;
	}
	return current;
}

export const FIELDS: Record<RecordKind, FieldSpec[]> = {
	organisation: fieldSpecs(RECORD_SCHEMAS.organisation),
	initiative: fieldSpecs(RECORD_SCHEMAS.initiative),
	'funding-tool': fieldSpecs(RECORD_SCHEMAS['funding-tool']),
	place: fieldSpecs(RECORD_SCHEMAS.place),
	event: fieldSpecs(RECORD_SCHEMAS.event)
};

export function fieldSpec(kind: RecordKind, path: string): FieldSpec | undefined {
	return FIELDS[kind].find((f) => f.path === path);
}

/** The groups of a list of fields, in order of first appearance. */
export function groupFields(fields: readonly FieldSpec[]): { name: string; fields: FieldSpec[] }[] {
	const groups = new Map<string, FieldSpec[]>();
	for (const f of fields) groups.set(f.group, [...(groups.get(f.group) ?? []), f]);
	return [...groups].map(([name, fields]) => ({ name, fields }));
}

/** The groups of a kind's admin form. */
export function groupsOf(kind: RecordKind): { name: string; fields: FieldSpec[] }[] {
	return groupFields(FIELDS[kind]);
}

const OTHER_LABELS: Record<string, string> = { kind: 'Type', version: 'Version' };

/**
 * The French label of a dotted path: a field, a part of one (`sources.0.url` is in « Sources »), or
 * `kind` / `version`; the path itself when unknown.
 */
export function labelOfPath(kind: RecordKind | undefined, path: string): string {
	const specs = kind ? FIELDS[kind] : [];
	const spec = specs.find((f) => f.path === path) ?? specs.find((f) => path.startsWith(`${f.path}.`));
	return spec?.label ?? OTHER_LABELS[path] ?? path;
}

/**
 * The input an error belongs to. Errors are keyed by the schema's path: a list item (`roles.1`) goes to its
 * list, a source row (`sources.0`) to its first input, an object (`location`, `amount`) to its first field.
 */
export function errorAnchor(key: string, kind?: RecordKind): string {
	if (/^sources\.\d+$/.test(key)) return `${key}.url`;
	if (/^sources\.\d+\./.test(key)) return key;
	const specs = kind ? FIELDS[kind] : Object.values(FIELDS).flat();
	if (specs.some((f) => f.path === key)) return key;
	const first = specs.find((f) => f.path.startsWith(`${key}.`));
	if (first) return first.path;
	const list = key.match(/^([a-zA-Z.]+)\.\d+$/);
	return list ? list[1] : key;
}

export const KIND_LABELS: Record<RecordKind, { one: string; many: string; slug: string }> = {
	organisation: { one: 'structure', many: 'structures', slug: 'organisations' },
	initiative: { one: 'initiative', many: 'initiatives', slug: 'initiatives' },
	'funding-tool': { one: 'outil de financement', many: 'outils de financement', slug: 'funding-tools' },
	place: { one: 'lieu', many: 'lieux', slug: 'lieux' },
	event: { one: 'événement', many: 'événements', slug: 'evenements' }
};

/** `organisations` -> 'organisation', as used in export file names and URLs. */
export function kindFromSlug(slug: string): RecordKind | undefined {
	return (Object.keys(KIND_LABELS) as RecordKind[]).find((k) => KIND_LABELS[k].slug === slug);
}
