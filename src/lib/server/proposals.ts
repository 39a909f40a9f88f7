/**
 * Public proposals without an account: reads a form post defensively, validates it with the zod
 * schemas shared with moderation (src/lib/domain/proposal.ts), places it, and stores it as pending.
 * Nothing here publishes anything: a maintainer decides in /admin.
 *
 * Anti-abuse, in the order applied: a body size cap (64 KB), a honeypot field (filled: pretend success,
 * store nothing), a per-client rate limit on a salted hash of the IP address (the address itself is never
 * stored), then the schemas' own length bounds. Text stays text: it is stored as typed and always rendered
 * escaped; links must be http(s).
 */
import { datesProblems, type EventDates } from '$lib/domain/events/schedule';
import type { z } from 'zod';
import { zodErrors, type FieldErrors } from '$lib/domain/errors';
import {
	changeProposalSchema,
	correctionForm,
	currentValues,
	editableFieldsOf,
	initiativeProposalSchema,
	eventProposalSchema,
	listFields,
	newRecordForm,
	type NewProposal,
	organisationProposalSchema,
	placeProposalSchema
} from '$lib/domain/proposal';
import {
	preparePlace,
	changedFields,
	checkZone,
	moveZoneErrors,
	placeProposal,
	valuesAt,
	zoneValue,
	type GeocodeOutcome,
	type PlaceRefs
} from '$lib/domain/proposal-form';
import type { PublicRecord } from '$lib/domain/records';
import { route } from '$lib/links';
import {
	createProposal,
	forgetDecidedEmails,
	newReference,
	type ProposalType,
	type WriterLocale
} from './db/proposals';
import { forgetClientHashes } from './db/proposal-retention';
import { getRecordById, listCommunes, listQuartiers, listThematiques } from './db/records';
import { geocodeAddress } from './geocoder';
import {
	DAY_MS,
	guardPublicForm,
	monthsBefore,
	withSlot,
	type FormValues,
	type PublicFormRules
} from './public-form';
import type { SqlClient } from './db/sql';
import { getEnv, getSql } from './store';

export { clientHash } from './public-form';

export const LIMITS = {
	/** Far above a complete form (the longest fields add up to about 10 000 characters). */
	maxBodyBytes: 64 * 1024,
	perHour: 10,
	perDay: 30
} as const;

/** Submitters' e-mails are erased this long after the decision (stated on /confidentialite). */
export const EMAIL_RETENTION_MONTHS = 6;

export type { FormValues };
export type SubmitOutcome =
	{ ok: true; reference: string } | { ok: false; status: number; errors: FieldErrors; values: FormValues };

export interface ProposalDeps {
	sql: SqlClient;
	/** The client's IP address (event.getClientAddress()); only its salted hash is stored. */
	clientAddress: string;
	geocode: (address: string, citycode: string) => Promise<GeocodeOutcome>;
	now?: Date;
	/** The language of the page the proposal is written from (its decision mail is written in it). */
	locale?: WriterLocale;
}

const RULES: Omit<PublicFormRules, 'arrayFields'> = {
	...LIMITS,
	tooBig: `Votre envoi dépasse ${LIMITS.maxBodyBytes / 1024} Ko : raccourcissez les textes (la description est limitée à 5 000 caractères).`,
	form: 'proposal',
	limited: {
		hour: 'Vous avez envoyé beaucoup de propositions en peu de temps. Réessayez dans une heure : vos textes sont conservés ci-dessous.',
		day: 'Vous avez atteint le nombre de propositions possible en une journée. Réessayez demain : vos textes sont conservés ci-dessous.'
	}
};

/**
 * Stores a validated proposal. The submitter's e-mail and note go to their own columns only, so that
 * forgetDecidedEmails really erases the e-mail (a copy inside the JSON payload would survive it).
 * Old e-mails and client hashes are erased here, on each new proposal (see /confidentialite).
 */
async function store(
	deps: ProposalDeps,
	hash: string,
	input: {
		type: ProposalType;
		targetId?: string;
		payload: Record<string, unknown>;
		submitterEmail?: string;
		message?: string;
	}
): Promise<string> {
	const now = deps.now ?? new Date();
	await forgetDecidedEmails(deps.sql, monthsBefore(now, EMAIL_RETENTION_MONTHS));
	await forgetClientHashes(deps.sql, new Date(now.getTime() - DAY_MS));
	const payload = Object.fromEntries(
		Object.entries(input.payload).filter(([k]) => k !== 'submitterEmail' && k !== 'message')
	);
	const proposal = await createProposal(
		deps.sql,
		{
			type: input.type,
			targetId: input.targetId ?? null,
			payload,
			message: input.message ?? null,
			submitterEmail: input.submitterEmail ?? null,
			clientHash: hash,
			locale: deps.locale
		},
		now
	);
	return proposal.id;
}

/** The checks every public form shares (src/lib/server/public-form.ts), before its own validation. */
async function guard(
	request: Request,
	deps: ProposalDeps,
	arrayFields: readonly string[]
): Promise<
	| { ok: true; raw: Record<string, unknown>; hash: string; slotId: number }
	| { ok: false; outcome: SubmitOutcome }
	| { ok: 'honeypot'; outcome: SubmitOutcome }
> {
	const guarded = await guardPublicForm(request, deps, { ...RULES, arrayFields });
	// A bot filled the invisible field: answer exactly like a success so it learns nothing, store nothing.
	if (guarded.ok === 'honeypot') return { ok: 'honeypot', outcome: { ok: true, reference: newReference() } };
	if (!guarded.ok) return { ok: false, outcome: { ok: false, ...guarded.failure } };
	return guarded;
}

async function placeRefs(sql: SqlClient): Promise<PlaceRefs> {
	return { communes: await listCommunes(sql), quartiers: await listQuartiers(sql) };
}

export type NewProposalKind = 'initiative' | 'structure' | 'lieu' | 'evenement';
/** The record kind each public form proposes (`structure`, `lieu` and `evenement` are the French URL's words). */
const RECORD_KIND = {
	initiative: 'initiative',
	structure: 'organisation',
	lieu: 'place',
	evenement: 'event'
} as const;
/** Each public form's schema and the type of the proposal it stores. */
const NEW_PROPOSAL = {
	initiative: { schema: initiativeProposalSchema, type: 'new-initiative' },
	structure: { schema: organisationProposalSchema, type: 'new-organisation' },
	lieu: { schema: placeProposalSchema, type: 'new-place' },
	evenement: { schema: eventProposalSchema, type: 'new-event' }
} as const satisfies Record<NewProposalKind, { schema: unknown; type: ProposalType }>;

/** A new initiative, structure or place proposed by a visitor. */
export async function submitNewProposal(
	kind: NewProposalKind,
	request: Request,
	deps: ProposalDeps
): Promise<SubmitOutcome> {
	const guarded = await guard(request, deps, listFields(RECORD_KIND[kind]));
	if (guarded.ok !== true) return guarded.outcome;
	return withSlot(deps.sql, guarded.slotId, () => proposeNew(kind, guarded, deps));
}

async function proposeNew(
	kind: NewProposalKind,
	{ raw, hash }: { raw: Record<string, unknown>; hash: string },
	deps: ProposalDeps
): Promise<SubmitOutcome> {
	const input = structuredClone(raw);
	preparePlace(input);
	const schema: z.ZodType<NewProposal> = NEW_PROPOSAL[kind].schema;
	const parsed = schema.safeParse(input);
	const errors: FieldErrors = parsed.success ? {} : moveZoneErrors(zodErrors(parsed.error));
	// An event's dates must agree with each other (the end after the start...), as its record will check.
	if (kind === 'evenement' && parsed.success)
		for (const p of datesProblems({
			recurrence: 'aucune',
			...(parsed.data as unknown as Omit<EventDates, 'recurrence'>)
		}))
			errors[p.path] ??= p.message;

	// Checks against the store, run on the raw codes too so every error shows at the first submit.
	const refs = await placeRefs(deps.sql);
	const rawPlace = input.place as { communeCode?: unknown; quartierCode?: unknown };
	if (typeof rawPlace.communeCode === 'string' && !errors['place.zone']) {
		const quartierCode = typeof rawPlace.quartierCode === 'string' ? rawPlace.quartierCode : undefined;
		const zoneError = checkZone({ communeCode: rawPlace.communeCode, quartierCode }, refs);
		if (zoneError) errors['place.zone'] = zoneError;
	}
	const known = new Set((await listThematiques(deps.sql)).map((t) => t.code));
	if (valuesAt(input, 'thematiques').some((t) => !known.has(t))) errors.thematiques ??= 'thématique inconnue';
	if (!parsed.success || Object.keys(errors).length) return { ok: false, status: 400, errors, values: raw };

	const data = parsed.data;
	const { place } = data;
	const geocode =
		place.locationMode === 'address' && place.address
			? await deps.geocode(place.address, place.communeCode)
			: undefined;
	const placed = placeProposal(place, refs, geocode);
	if (!placed.ok) return { ok: false, status: 400, errors: { [placed.field]: placed.message }, values: raw };

	const reference = await store(deps, hash, {
		type: NEW_PROPOSAL[kind].type,
		payload: { ...data, place: placed.place },
		submitterEmail: data.submitterEmail,
		message: data.message
	});
	return { ok: true, reference };
}

/** What the change form shows: the record and its current public values. */
export async function changeTarget(sql: SqlClient, id: string | null) {
	if (!id || !/^[a-z0-9][a-z0-9-]{1,79}$/.test(id)) return undefined;
	const record = await getRecordById(sql, id);
	if (!record || record.status !== 'published') return undefined;
	return {
		record: record as PublicRecord,
		summary: {
			id: record.id,
			kind: record.kind,
			name: record.name,
			path: route.record(record),
			fields: editableFieldsOf(record.kind),
			current: currentValues(record),
			form: correctionForm(record.kind)
		}
	};
}

/** A correction of a published record: only the fields that differ from its public values are stored. */
export async function submitChangeProposal(
	target: PublicRecord,
	request: Request,
	deps: ProposalDeps
): Promise<SubmitOutcome> {
	const guarded = await guard(request, deps, []);
	if (guarded.ok !== true) return guarded.outcome;
	return withSlot(deps.sql, guarded.slotId, () => proposeChange(target, guarded, deps));
}

async function proposeChange(
	target: PublicRecord,
	{ raw, hash }: { raw: Record<string, unknown>; hash: string },
	deps: ProposalDeps
): Promise<SubmitOutcome> {
	const submitted = (typeof raw.changes === 'object' && raw.changes !== null ? raw.changes : {}) as Record<
		string,
		unknown
	>;
	const changes = changedFields(currentValues(target), submitted, editableFieldsOf(target.kind));
	const parsed = changeProposalSchema.safeParse({
		targetId: target.id,
		changes,
		explanation: raw.explanation,
		submitterEmail: raw.submitterEmail
	});
	if (!parsed.success) return { ok: false, status: 400, errors: zodErrors(parsed.error), values: raw };

	const reference = await store(deps, hash, {
		type: 'change',
		targetId: target.id,
		payload: parsed.data,
		submitterEmail: parsed.data.submitterEmail
	});
	return { ok: true, reference };
}

/** The production wiring: the shared store and the configured Géoplateforme endpoint. */
export function proposalDeps(clientAddress: string, locale?: WriterLocale): ProposalDeps {
	const sql = getSql();
	const baseUrl = getEnv().GEOCODER_URL;
	return {
		sql,
		clientAddress,
		locale,
		geocode: async (address, citycode) => {
			const allowedCitycodes = new Set((await listCommunes(sql)).map((c) => c.code));
			return geocodeAddress(address, { baseUrl, citycode, allowedCitycodes });
		}
	};
}

/**
 * What the new-record forms need: the "quartier ou commune" select (Strasbourg's quartiers first, then the
 * communes), preselected from `?zone=<slug>` when a quartier page links here, and the thématiques.
 */
export async function proposalFormData(sql: SqlClient, zoneSlug: string | null = null) {
	const communes = await listCommunes(sql);
	const quartiers = await listQuartiers(sql);
	const thematiques = await listThematiques(sql);
	const strasbourg = communes.find((c) => c.code === '67482');
	const zones = {
		quartiers: quartiers.map((q) => ({
			value: zoneValue(q.communeCode, q.code),
			slug: q.slug,
			label: q.name,
			hint: q.subQuartiers.map((s) => s.name).join(', '),
			point: q.point
		})),
		communes: [
			...(strasbourg
				? [
						{
							value: zoneValue(strasbourg.code),
							slug: strasbourg.slug,
							label: 'Strasbourg (quartier non précisé)',
							point: strasbourg.centroid
						}
					]
				: []),
			...communes
				.filter((c) => c.code !== '67482')
				.map((c) => ({ value: zoneValue(c.code), slug: c.slug, label: c.name, point: c.centroid }))
		]
	};
	const preselectedZone = [...zones.quartiers, ...zones.communes].find((z) => z.slug === zoneSlug)?.value;
	return {
		zones,
		preselectedZone,
		thematiques: thematiques.map((t) => ({ code: t.code, label: t.label }))
	};
}

/** A new-record form page: the zones, and the form itself, derived from the record fields. */
export async function newProposalPage(sql: SqlClient, kind: NewProposalKind, zoneSlug: string | null) {
	const data = await proposalFormData(sql, zoneSlug);
	return { ...data, kind, form: newRecordForm(RECORD_KIND[kind], { thematique: data.thematiques }) };
}
