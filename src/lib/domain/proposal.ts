/**
 * Public proposals (no account): the contract between the public forms and moderation. What visitors may
 * propose is read from the record fields' metadata (`propose` in src/lib/domain/records.ts): the proposal
 * schemas take each such field's own schema, made stricter where the metadata says, and add what only a
 * proposal has (the place block, the submitter's e-mail and message, the explanation of a correction). The
 * public forms are derived from the same fields. A proposal's payload is the output of one of these schemas,
 * stored as JSON text and always shown as text.
 */
import { z } from 'zod';
import { emailSchema, plainText } from './common';
import {
	type ProposableKind,
	type PublicSection,
	type PublicText,
	type RefSource,
	unwrap
} from './field-meta';
import { fieldSpecs, schemaAt, type FieldSpec } from './fields';
import { inseeCodeSchema, quartierCodeSchema } from './geography';
import { getPath, setPath } from './paths';
import { HOURS_INPUT_HINT, hoursFromText, hoursToText } from './places/opening-hours-input';
import {
	RECORD_KINDS,
	RECORD_SCHEMAS,
	type PublicRecord,
	type PublicRecordInput,
	type RecordKind
} from './records';
import { PRECISION_CODES, termsOf, type TaxonomyName } from './taxonomies';

type AnyObject = z.ZodObject<z.ZodRawShape>;

const isBlank = (v: unknown) =>
	v === undefined ||
	v === null ||
	(typeof v === 'string' && v.trim() === '') ||
	(Array.isArray(v) && !v.length);

/** Empty form fields arrive as "": treat them as absent so optional fields stay optional. */
const optional = <T extends z.ZodType>(schema: T) =>
	z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

/** At least `min` characters once trimmed, as plainText counts them, before the field's own checks. */
const atLeast = (min: number, schema: z.ZodType) =>
	z
		.string({ error: 'doit être un texte' })
		.refine((s) => s.replace(/\r\n?/g, '\n').trim().length >= min, { error: `au moins ${min} caractères` })
		.pipe(schema as z.ZodType<unknown, string>);

const linesOf = (v: unknown) =>
	typeof v === 'string'
		? v
				.split(/\r?\n/)
				.map((line) => line.trim())
				.filter((line) => line !== '')
		: v;

/** Opening hours typed in words (places/opening-hours-input.ts), then the record field's own checks. */
const typedHours = (schema: z.ZodType) =>
	z
		.string({ error: 'doit être un texte' })
		.transform((text, ctx) => {
			const read = hoursFromText(text);
			if (read.ok) return read.line;
			ctx.addIssue({ code: 'custom', message: read.error });
			return z.NEVER;
		})
		.pipe(schema as z.ZodType<unknown, string>);

/** A required answer: `missing` when it is left empty, then the field's own checks. */
const answered = (missing: string, schema: z.ZodType) =>
	z
		.unknown()
		.refine((v) => !isBlank(v), { error: missing })
		.pipe(schema);

const coordinate = (min: number, max: number, what: string) =>
	z.coerce
		.number({ error: `${what} : nombre attendu` })
		.min(min, { error: `${what} hors limites` })
		.max(max, { error: `${what} hors limites` });

/** Where the proposed place is: a typed address (geocoded if possible), a pin on the map, or a quartier only. */
export const proposedPlaceSchema = z
	.object({
		communeCode: inseeCodeSchema,
		quartierCode: optional(quartierCodeSchema),
		address: optional(plainText(300)),
		locationMode: z.enum(['address', 'pin', 'quartier'], { error: 'choisissez comment situer le lieu' }),
		lon: optional(coordinate(-180, 180, 'longitude')),
		lat: optional(coordinate(-90, 90, 'latitude')),
		/** Set by the server after geocoding or from the pin; never trusted from the client for 'address'. */
		precision: optional(z.enum(PRECISION_CODES)),
		/** Set by the server for 'address': what the geocoder said, so a moderator knows whether to re-check. */
		geocodeStatus: optional(z.enum(['found', 'not-found', 'unavailable'])),
		/** Set by the server: the address the geocoder matched (e.g. "67 Avenue Racine 67200 Strasbourg"). */
		geocodedLabel: optional(plainText(300))
	})
	.superRefine((p, ctx) => {
		if (p.locationMode === 'address' && !p.address) {
			ctx.addIssue({
				code: 'custom',
				path: ['address'],
				message: 'indiquez l’adresse, ou choisissez une autre façon de situer le lieu'
			});
		}
		if (p.locationMode === 'pin' && (p.lon === undefined || p.lat === undefined)) {
			ctx.addIssue({
				code: 'custom',
				path: ['lon'],
				message: 'placez le repère sur la carte, ou choisissez une autre façon de situer le lieu'
			});
		}
	});
export type ProposedPlace = z.infer<typeof proposedPlaceSchema>;

const submitterFields = {
	/** Private: kept only for the moderation follow-up (see /confidentialite). */
	submitterEmail: optional(emailSchema),
	/** A note to the moderators. */
	message: optional(plainText(2000))
};

/** What every new-record proposal has besides the record fields. */
const proposalOwnShape = { place: proposedPlaceSchema, ...submitterFields };

/**
 * A new-record proposal: the place block and the submitter's fields, typed, and the record fields by their
 * proposal names (`name`, `carrierKind`...), which the record metadata lists at run time.
 */
export type NewProposal = z.infer<z.ZodObject<typeof proposalOwnShape>> & { [field: string]: unknown };
/** Its schema: parsing gives a NewProposal, and `.shape.place` is the place block's schema. */
export type NewProposalSchema = z.ZodType<NewProposal> & z.ZodObject<typeof proposalOwnShape>;

// ---------------------------------------------------------------------------------------------------------
// Which record fields visitors propose.

/** The fields a new-record form asks, in the record's order. */
export function createFields(schema: AnyObject): FieldSpec[] {
	return fieldSpecs(schema).filter((f) => f.propose?.create);
}

/** The fields the correction form offers, in the record's order. */
export function correctionFields(schema: AnyObject): FieldSpec[] {
	return fieldSpecs(schema).filter((f) => f.propose?.correct);
}

/** A record field as a form answer: its own schema, stricter where the metadata says, "" meaning absent. */
function answerSchema(
	recordSchema: AnyObject,
	f: FieldSpec,
	opts: { min?: number; required: boolean; correction?: boolean }
): z.ZodType {
	let schema = unwrap(schemaAt(recordSchema, f.path)!);
	if (opts.min !== undefined) schema = atLeast(opts.min, schema);
	// Hours are typed in words, one rule a line, and kept as the record's strict line.
	if (f.propose?.control === 'hours') schema = typedHours(schema);
	// A list of texts is typed one item per line, as in the admin form.
	if (f.type === 'text-list') schema = z.preprocess(linesOf, schema);
	const list = f.type === 'enum-list' || f.type === 'ref-list' || f.type === 'text-list';
	// A new record's missing list is an empty list; a correction stores only what the visitor changed.
	if (!opts.required) return list && !opts.correction ? schema.default([]) : optional(schema);
	return f.propose?.missing ? answered(f.propose.missing, schema) : schema;
}

/** The schema of a new-record proposal of `kind`, from that kind's record schema. */
export function newProposalSchema(recordSchema: AnyObject, kind: ProposableKind): NewProposalSchema {
	const shape: Record<string, z.ZodType> = {};
	for (const f of createFields(recordSchema))
		shape[f.propose!.key] = answerSchema(recordSchema, f, {
			min: f.propose!.min?.[kind],
			required: f.required
		});
	// The record fields' names are only known at run time: the type says so (NewProposal).
	return z.object({ ...shape, ...proposalOwnShape }) as unknown as NewProposalSchema;
}

export const initiativeProposalSchema = newProposalSchema(RECORD_SCHEMAS.initiative, 'initiative');
export const organisationProposalSchema = newProposalSchema(RECORD_SCHEMAS.organisation, 'organisation');
export const placeProposalSchema = newProposalSchema(RECORD_SCHEMAS.place, 'place');
export const eventProposalSchema = newProposalSchema(RECORD_SCHEMAS.event, 'event');

/** Every field any kind of record lets visitors correct, by its proposal name (a website is a website). */
function correctionShape(): Record<string, z.ZodType> {
	const shape: Record<string, z.ZodType> = {};
	for (const kind of RECORD_KINDS) {
		const schema = RECORD_SCHEMAS[kind];
		for (const f of correctionFields(schema))
			shape[f.propose!.key] ??= answerSchema(schema, f, {
				min: f.propose!.min?.correct,
				required: false,
				correction: true
			});
	}
	return shape;
}

/** Fields a visitor may propose to correct on an existing record; only the changed ones are stored. */
export const changeProposalSchema = z.object({
	targetId: z.string().regex(/^[a-z0-9][a-z0-9-]{1,79}$/, { error: 'fiche inconnue' }),
	changes: z.strictObject(correctionShape()),
	/** What is wrong, in the visitor's words: required so a moderator understands the request. */
	explanation: plainText(2000, 10),
	submitterEmail: optional(emailSchema)
});
export type ChangeProposal = z.infer<typeof changeProposalSchema>;

// ---------------------------------------------------------------------------------------------------------
// Proposals -> records.

/** The names of the fields a visitor may correct on a record of this kind. */
export function editableFieldsOf(kind: RecordKind): string[] {
	return correctionFields(RECORD_SCHEMAS[kind]).map((f) => f.propose!.key);
}

/** The record's current public values of the fields a visitor may correct, as the form shows them. */
export function currentValues(record: PublicRecord): Record<string, string> {
	const values: Record<string, string> = {};
	for (const f of correctionFields(RECORD_SCHEMAS[record.kind])) {
		const v = getPath(record, f.path);
		if (v === undefined || v === null) continue;
		// Shown as the visitor would type them: a list one item a line, hours one rule a line.
		values[f.propose!.key] = Array.isArray(v)
			? v.join('\n')
			: f.propose!.control === 'hours'
				? hoursToText(String(v))
				: String(v);
	}
	return values;
}

/** A record with a correction applied: only the fields the visitor changed. */
export function applyChanges<T extends PublicRecord>(record: T, changes: Record<string, unknown>): T {
	const out = structuredClone(record) as unknown as Record<string, unknown>;
	for (const f of correctionFields(RECORD_SCHEMAS[record.kind])) {
		const v = changes[f.propose!.key];
		if (v !== undefined) setPath(out, f.path, v);
	}
	return out as unknown as T;
}

/**
 * The record fields of a new-record proposal, at their places in the record (`carrierKind` ->
 * `carrier.kind`). The rest (identity, sources, place, status) is moderation's to add.
 */
export function proposedFields(
	payload: Record<string, unknown>,
	recordSchema: AnyObject
): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const f of createFields(recordSchema)) {
		const v = payload[f.propose!.key];
		if (v !== undefined) setPath(out, f.path, v);
	}
	return out;
}

/** The record a new-record proposal describes, with what moderation adds: still to be validated. */
export function proposalDraft(
	kind: ProposableKind,
	payload: NewProposal,
	added: Record<string, unknown>,
	recordSchema: AnyObject = RECORD_SCHEMAS[kind]
): PublicRecordInput {
	const { place } = payload;
	const draft: Record<string, unknown> = { kind, ...added, ...proposedFields(payload, recordSchema) };
	draft.communeCode = place.communeCode;
	if (place.quartierCode) draft.quartierCode = place.quartierCode;
	if (place.address) draft.address = place.address;
	if (place.lon !== undefined && place.lat !== undefined && place.precision)
		draft.location = { lon: place.lon, lat: place.lat, precision: place.precision };
	// Checked by the record schema before anything is written (validateRecord in moderation).
	return draft as PublicRecordInput;
}

// ---------------------------------------------------------------------------------------------------------
// The public forms, as plain data for the pages (src/routes/proposer/ProposalForm.svelte renders them).

export interface Option {
	code: string;
	label: string;
}

export interface PublicField {
	/** The input's name (`website`, `changes.website`). */
	name: string;
	/** The question visitors read. */
	label: string;
	/** The field's label in the error summary. */
	summary: string;
	hint?: string;
	control: 'text' | 'textarea' | 'email' | 'url' | 'tel' | 'select' | 'radio' | 'checkbox';
	required: boolean;
	maxlength?: number;
	rows?: number;
	inputmode?: 'numeric' | 'decimal';
	options?: Option[];
	/** Where the options come from, so that a page can write them in the reader's language. */
	choices?: { taxonomy: TaxonomyName } | { ref: RefSource };
}

export type FormBlock =
	| {
			block: 'fields';
			legend: string;
			hint?: string;
			/** A closing remark under the fields. */
			note?: string;
			/** Optional questions folded under this summary, open when one of them is in error. */
			folded?: string;
			fields: PublicField[];
	  }
	| { block: 'place' }
	| { block: 'submitter'; message: boolean };

export interface PublicForm {
	blocks: FormBlock[];
	/** Input name -> label in the error summary, in the order of the form. */
	labels: Record<string, string>;
}

/** Labels of the proposal's own fields in the error summary, in the order the forms show them. */
export const PLACE_LABELS: Record<string, string> = {
	'place.zone': 'Quartier ou commune',
	'place.locationMode': 'Comment situer le lieu',
	'place.address': 'Adresse',
	'place.lon': 'Longitude',
	'place.lat': 'Latitude'
};
const SUBMITTER_LABELS = { submitterEmail: 'Votre adresse e-mail', message: 'Un mot pour l’équipe' };

/** The fieldsets of the new-record forms, in order; `place` is the proposal's own block. */
const SECTIONS: (
	[PublicSection, { legend: PublicText; hint?: string; folded?: string }] | ['place', undefined]
)[] = [
	[
		'about',
		{
			legend: {
				initiative: 'L’initiative',
				organisation: 'La structure',
				place: 'Le lieu',
				event: 'L’événement'
			}
		}
	],
	['who', { legend: 'Qui, quand, comment' }],
	['place', undefined],
	[
		'contact',
		{
			legend: 'Contact public',
			hint: 'Ces informations seront publiées pour que les habitants puissent prendre contact.'
		}
	],
	[
		'classification',
		{ legend: 'Précisions facultatives', folded: 'Précisions facultatives : thématiques et domaines' }
	]
];

/** Text for a new record of `kind`, or for the correction form (kind undefined: only a text for all). */
function textFor(text: PublicText | undefined, kind: ProposableKind | undefined): string | undefined {
	if (text === undefined || typeof text === 'string') return text;
	return kind ? text[kind] : undefined;
}

function publicField(
	f: FieldSpec,
	name: string,
	kind: ProposableKind | undefined,
	refs: Partial<Record<RefSource, Option[]>>
): PublicField {
	const p = f.propose!;
	const control: PublicField['control'] =
		f.type === 'enum'
			? p.control === 'radio'
				? 'radio'
				: 'select'
			: f.type === 'enum-list' || f.type === 'ref-list'
				? 'checkbox'
				: f.type === 'longtext' || f.type === 'text-list' || p.control === 'hours'
					? 'textarea'
					: f.type === 'url' || f.type === 'email' || f.type === 'tel'
						? f.type
						: 'text';
	const options = f.taxonomy
		? termsOf(f.taxonomy).map((t) => ({ code: t.code, label: t.label }))
		: f.ref
			? (refs[f.ref] ?? [])
			: undefined;
	return {
		name,
		label: textFor(p.label, kind) ?? f.label,
		summary: f.label,
		hint: textFor(p.hint, kind) ?? (p.control === 'hours' ? HOURS_INPUT_HINT : undefined),
		control,
		required: kind !== undefined && f.required,
		maxlength: f.maxLength,
		rows: control === 'textarea' ? (p.rows ?? (p.control === 'hours' ? 4 : 6)) : undefined,
		inputmode: p.inputmode ?? (f.type === 'int' || f.type === 'number' ? 'decimal' : undefined),
		options: control === 'select' || control === 'radio' || control === 'checkbox' ? options : undefined,
		choices: f.taxonomy ? { taxonomy: f.taxonomy } : f.ref ? { ref: f.ref } : undefined
	};
}

function labelsOf(blocks: FormBlock[]): Record<string, string> {
	const labels: Record<string, string> = {};
	for (const b of blocks) {
		if (b.block === 'fields') for (const f of b.fields) labels[f.name] = f.summary;
		else if (b.block === 'place') Object.assign(labels, PLACE_LABELS);
		else
			Object.assign(
				labels,
				b.message ? SUBMITTER_LABELS : { submitterEmail: SUBMITTER_LABELS.submitterEmail }
			);
	}
	return labels;
}

/** The form proposing a new record of `kind`; `refs` gives the choices of reference fields (thématiques). */
export function newRecordForm(
	kind: ProposableKind,
	refs: Partial<Record<RefSource, Option[]>>,
	recordSchema: AnyObject = RECORD_SCHEMAS[kind]
): PublicForm {
	const fields = createFields(recordSchema);
	const blocks: FormBlock[] = [];
	for (const [section, layout] of SECTIONS) {
		if (section === 'place') {
			blocks.push({ block: 'place' });
			continue;
		}
		// Required questions first, then the optional ones, each in the record's order.
		const asked = fields
			.filter((f) => f.propose!.create === section)
			.map((f) => publicField(f, f.propose!.key, kind, refs))
			.sort((a, b) => Number(b.required) - Number(a.required));
		if (asked.length)
			blocks.push({
				block: 'fields',
				legend: textFor(layout!.legend, kind)!,
				hint: layout!.hint,
				folded: layout!.folded,
				fields: asked
			});
	}
	blocks.push({ block: 'submitter', message: true });
	return { blocks, labels: labelsOf(blocks) };
}

/** The correction form of a record of `kind`: its correctable fields, then the required explanation. */
export function correctionForm(kind: RecordKind): PublicForm {
	const fields = correctionFields(RECORD_SCHEMAS[kind]).map((f) =>
		publicField(f, `changes.${f.propose!.key}`, undefined, {})
	);
	const blocks: FormBlock[] = [
		{
			block: 'fields',
			legend: 'La fiche',
			note: 'Pour supprimer une information, dites-le dans l’explication ci-dessous.',
			fields
		},
		{
			block: 'fields',
			legend: 'Votre explication',
			fields: [
				{
					name: 'explanation',
					label: 'Qu’est-ce qui est faux ou a changé ?',
					summary: 'Ce qui ne va pas',
					hint: 'Par exemple : « le jardin a déménagé en 2026 », avec votre source si vous en avez une (10 caractères au moins).',
					control: 'textarea',
					required: true,
					maxlength: 2000,
					rows: 4
				}
			]
		},
		{ block: 'submitter', message: false }
	];
	return { blocks, labels: labelsOf(blocks) };
}

// ---------------------------------------------------------------------------------------------------------
// Form posts.

/** Field names that would reach Object.prototype through `target[part]` (prototype pollution). */
const UNSAFE_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

/** The names of a new-record form's repeated inputs (checkboxes), read as lists. */
export function listFields(kind: ProposableKind): string[] {
	return createFields(RECORD_SCHEMAS[kind])
		.filter((f) => f.type === 'enum-list' || f.type === 'ref-list')
		.map((f) => f.propose!.key);
}

/** Turns FormData into a plain object: repeated names become arrays, `place.x` names nest. */
export function formDataToObject(
	form: FormData,
	arrayFields: readonly string[] = []
): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const key of new Set(form.keys())) {
		const values = form.getAll(key).filter((v): v is string => typeof v === 'string');
		const value = arrayFields.includes(key) ? values : values[0];
		const path = key.split('.');
		if (path.some((part) => UNSAFE_KEYS.has(part))) continue;
		let target = out;
		for (const part of path.slice(0, -1)) {
			if (!Object.hasOwn(target, part) || typeof target[part] !== 'object' || target[part] === null)
				target[part] = {};
			target = target[part] as Record<string, unknown>;
		}
		target[path[path.length - 1]] = value;
	}
	for (const key of arrayFields) if (!(key in out) && !key.includes('.')) out[key] = [];
	return out;
}
