/**
 * What a record field is besides its validation: its French label, form group and input, help text, the
 * taxonomy or reference list it takes its values from, whether visitors may propose it, how a merge of two
 * records treats it, its CSV column and its schema.org property. It rides on the zod schema itself, in a
 * typed registry (like uMap's `schema.js`, "a centered place where all properties are specified"), so that
 * a field is declared once, in src/lib/domain/records.ts, and the admin forms, imports, exports, diffs,
 * merges and public forms are all derived from it (src/lib/domain/fields.ts walks the schemas).
 */
import { z } from 'zod';
import type { TaxonomyName } from './taxonomies';

/** Lists of records or places a form offers as choices (loaded from the store). */
export type RefSource =
	'commune' | 'quartier' | 'qpv' | 'thematique' | 'organisation' | 'provider' | 'funding-tool' | 'place';

/** How a field is typed in and read from a CSV cell. */
export type FieldType =
	| 'text'
	| 'longtext'
	| 'email'
	| 'tel'
	| 'url'
	| 'int'
	| 'number'
	| 'boolean'
	| 'date'
	| 'enum'
	| 'enum-list'
	| 'text-list'
	| 'ref'
	| 'ref-list'
	| 'sources';

/** The admin form's groups, in the order they are shown. */
export const FIELD_GROUPS = {
	identity: 'Identité',
	description: 'Description',
	classification: 'Classement',
	place: 'Lieu',
	contact: 'Contact',
	funding: 'Financement',
	eligibility: 'Éligibilité',
	support: 'Accompagnement',
	register: 'Répertoire SIRENE (INSEE)',
	buyers: 'Achats : fournisseur',
	quality: 'Sources et vérification'
} as const;
export type FieldGroup = keyof typeof FIELD_GROUPS;

/**
 * What `mergeRecords` keeps when two records are merged into the kept one:
 * - keep: the kept record's value, even when it has none;
 * - fill: the other's value when the kept record has none, and, with `sameAs`, only when that other field
 *   (merged first, so earlier in the schema) is equal in both (a quartier is only valid in its commune);
 * - union: both lists, the kept record's items first, without repeats; `by` names the item properties
 *   that identify an item (the first one present), and the list's `max` in the schema caps the result.
 */
export type MergeRule =
	{ rule: 'keep' } | { rule: 'fill'; sameAs?: string } | { rule: 'union'; by?: readonly string[] };

export const KEEP: MergeRule = { rule: 'keep' };
export const FILL: MergeRule = { rule: 'fill' };
export const UNION: MergeRule = { rule: 'union' };

/** Record kinds visitors can propose from scratch (funding tools are only corrected). */
export type ProposableKind = 'organisation' | 'initiative' | 'place' | 'event';
/** Fieldsets of the public new-record forms (the place block and "Vous" are the proposal's own). */
export type PublicSection = 'about' | 'who' | 'contact' | 'classification';

/** Text shown to visitors: one for every form, or one per kind of new record (the correction form then uses the label). */
export type PublicText = string | Partial<Record<ProposableKind, string>>;

export interface ProposeMeta {
	/**
	 * The field's name in proposal payloads and public form inputs (flat: `website`, `carrierKind`).
	 * Stored proposals use these names, so one is never renamed.
	 */
	key: string;
	/** Asked in the new-record forms of the kinds whose schema has the field, in this fieldset. */
	create?: PublicSection;
	/** Offered in the correction form (`/proposer/modification`). */
	correct?: boolean;
	/** The question visitors read, when it is not the field's label. */
	label?: PublicText;
	hint?: PublicText;
	/** Stricter than the record: at least this many characters in a new record of a kind, or in a correction. */
	min?: Partial<Record<ProposableKind | 'correct', number>>;
	/** The message when a required answer is missing (a select left on « Choisissez… », no box ticked). */
	missing?: string;
	/**
	 * `radio`: an enum asked with radio buttons rather than a select. `hours`: opening hours typed one rule a
	 * line in words (places/opening-hours-input.ts), stored as the record's strict line.
	 */
	control?: 'radio' | 'hours';
	rows?: number;
	inputmode?: 'numeric' | 'decimal';
}

export interface FieldMeta {
	/** The French label: admin form, history and moderation diffs, error summaries, import mapping. */
	label: string;
	group: FieldGroup;
	type: FieldType;
	/** A short help text shown under the admin input. */
	hint?: string;
	/** For enum and enum-list. */
	taxonomy?: TaxonomyName;
	/** For ref and ref-list. */
	ref?: RefSource;
	/** Overrides what the schema says (an id is required but derived from the name when left empty). */
	required?: boolean;
	/** The CSV column and GeoJSON property; the dotted path when absent. Files in the wild use these names. */
	column?: string;
	/** Other column names an import recognises (normalised: lower case, no accents, single spaces). */
	aliases?: readonly string[];
	/** The schema.org property a JSON-LD description of the record puts the value in (dotted for nested). */
	jsonLd?: string;
	/** How mergeRecords treats the field; `keep` when absent. */
	merge?: MergeRule;
	/** Whether and how visitors may propose it. */
	propose?: ProposeMeta;
}

export const fieldRegistry = z.registry<FieldMeta>();

/**
 * Declares a record field: a copy of `schema` carrying `meta`. The copy matters because shared schemas
 * (httpUrlSchema, plainText...) stand for several fields with different labels.
 */
export function field<T extends z.ZodType>(schema: T, meta: FieldMeta): T {
	const copy = schema.clone() as T;
	fieldRegistry.add(copy, meta);
	return copy;
}

/** Wrappers that do not change what a field is: `.optional()`, `.default()`, `.nullable()`... */
function inner(schema: z.ZodType): z.ZodType | undefined {
	if (
		schema instanceof z.ZodOptional ||
		schema instanceof z.ZodDefault ||
		schema instanceof z.ZodNullable ||
		schema instanceof z.ZodPrefault ||
		schema instanceof z.ZodReadonly ||
		schema instanceof z.ZodCatch
	)
		return schema.def.innerType as z.ZodType;
	return undefined;
}

/** The metadata of a field, whichever side of `.optional()` / `.default()` it was declared on. */
export function metaOf(schema: z.ZodType): FieldMeta | undefined {
	for (let s: z.ZodType | undefined = schema; s; s = inner(s)) {
		const meta = fieldRegistry.get(s);
		if (meta) return meta;
	}
	return undefined;
}

/** The schema under its wrappers. */
export function unwrap(schema: z.ZodType): z.ZodType {
	let s = schema;
	for (let next = inner(s); next; next = inner(s)) s = next;
	return s;
}

/** True when the field may be absent: `.optional()` or `.default()` somewhere around it. */
export function isOptional(schema: z.ZodType): boolean {
	for (let s: z.ZodType | undefined = schema; s; s = inner(s))
		if (s instanceof z.ZodOptional || s instanceof z.ZodDefault) return true;
	return false;
}

/** The longest text a field accepts, when its schema says (plainText's `max`, `.max()` on a string). */
export function maxLengthOf(schema: z.ZodType): number | undefined {
	const s = unwrap(schema);
	if (s instanceof z.ZodPipe)
		return maxLengthOf(s.def.out as z.ZodType) ?? maxLengthOf(s.def.in as z.ZodType);
	const max = (s as { maxLength?: unknown }).maxLength;
	return typeof max === 'number' && Number.isFinite(max) ? max : undefined;
}

/** The most items a list field accepts (`.max()` on a zod array), read from the array's checks. */
export function maxItemsOf(schema: z.ZodType): number | undefined {
	const s = unwrap(schema);
	if (!(s instanceof z.ZodArray)) return undefined;
	for (const check of s.def.checks ?? []) {
		const def = check._zod.def as { check?: string; maximum?: number };
		if (def.check === 'max_length' && typeof def.maximum === 'number') return def.maximum;
	}
	return undefined;
}
