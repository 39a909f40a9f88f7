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
import { createHash, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { zodErrors, type FieldErrors } from '$lib/domain/errors';
import {
	changeProposalSchema,
	correctionForm,
	currentValues,
	editableFieldsOf,
	formDataToObject,
	initiativeProposalSchema,
	listFields,
	newRecordForm,
	organisationProposalSchema
} from '$lib/domain/proposal';
import {
	preparePlace,
	changedFields,
	checkZone,
	HONEYPOT_FIELD,
	moveZoneErrors,
	placeProposal,
	valuesAt,
	zoneValue,
	type GeocodeOutcome,
	type PlaceRefs
} from '$lib/domain/proposal-form';
import type { PublicRecord } from '$lib/domain/records';
import { route } from '$lib/links';
import type { Db } from './db/connection';
import { createProposal, forgetDecidedEmails, newReference, type ProposalType } from './db/proposals';
import { forgetClientHashes } from './db/proposal-retention';
import { releaseProposalSlot, reserveProposalSlot } from './db/proposal-slots';
import { getMeta, getRecordById, listCommunes, listQuartiers, listThematiques, setMeta } from './db/records';
import { geocodeAddress } from './geocoder';
import { getDb, getEnv } from './store';

export const LIMITS = {
	/** Far above a complete form (the longest fields add up to about 10 000 characters). */
	maxBodyBytes: 64 * 1024,
	perHour: 10,
	perDay: 30
} as const;

const HOUR_MS = 3_600_000;
/** The rate limit's longest window; client hashes are erased once older (stated on /confidentialite). */
const DAY_MS = 24 * HOUR_MS;

/** Submitters' e-mails are erased this long after the decision (stated on /confidentialite). */
export const EMAIL_RETENTION_MONTHS = 6;

export type FormValues = Record<string, unknown>;
export type SubmitOutcome =
	{ ok: true; reference: string } | { ok: false; status: number; errors: FieldErrors; values: FormValues };

export interface ProposalDeps {
	db: Db;
	/** The client's IP address (event.getClientAddress()); only its salted hash is stored. */
	clientAddress: string;
	geocode: (address: string, citycode: string) => Promise<GeocodeOutcome>;
	now?: Date;
}

const TOO_BIG = `Votre envoi dépasse ${LIMITS.maxBodyBytes / 1024} Ko : raccourcissez les textes (la description est limitée à 5 000 caractères).`;

function failure(status: number, message: string, values: FormValues = {}): SubmitOutcome {
	return { ok: false, status, errors: { _form: message }, values };
}

/** Reads a urlencoded or multipart form, refusing oversized bodies before and after parsing. */
async function readForm(
	request: Request
): Promise<{ ok: true; form: FormData } | { ok: false; outcome: SubmitOutcome }> {
	const declared = Number(request.headers.get('content-length') ?? '0');
	if (declared > LIMITS.maxBodyBytes) return { ok: false, outcome: failure(413, TOO_BIG) };
	let form: FormData;
	try {
		form = await request.formData();
	} catch {
		return { ok: false, outcome: failure(400, 'Le formulaire n’a pas pu être lu : réessayez.') };
	}
	// A chunked body has no content-length: measure what was actually sent.
	let size = 0;
	for (const [key, value] of form) {
		if (typeof value !== 'string') {
			return { ok: false, outcome: failure(400, 'Les fichiers ne sont pas acceptés dans ce formulaire.') };
		}
		size += key.length + value.length;
	}
	if (size > LIMITS.maxBodyBytes) return { ok: false, outcome: failure(413, TOO_BIG) };
	return { ok: true, form };
}

/**
 * sha256(per-install secret + IP): enough to count a client's posts without storing the address. The secret
 * lives in the same database, so the hash is kept only a day (forgetClientHashes).
 */
export function clientHash(db: Db, address: string): string {
	let secret = getMeta(db, 'proposal_client_secret');
	if (!secret) {
		secret = randomBytes(32).toString('hex');
		setMeta(db, 'proposal_client_secret', secret);
	}
	return createHash('sha256').update(`${secret}:${address}`).digest('hex');
}

/**
 * Takes one of the client's rate-limit slots, or says which limit is reached. The check and the reservation
 * are one SQLite statement run before anything is awaited, so posts sent in parallel see each other's slots
 * (counting stored proposals let them all pass while the first ones waited for the geocoder).
 */
function reserveSlot(
	db: Db,
	hash: string,
	now: Date
): { ok: true; slotId: number } | { ok: false; message: string } {
	const reserved = reserveProposalSlot(
		db,
		hash,
		{
			hour: { since: new Date(now.getTime() - HOUR_MS), max: LIMITS.perHour },
			day: { since: new Date(now.getTime() - DAY_MS), max: LIMITS.perDay }
		},
		now
	);
	if (reserved.ok) return reserved;
	return {
		ok: false,
		message:
			reserved.exceeded === 'hour'
				? 'Vous avez envoyé beaucoup de propositions en peu de temps. Réessayez dans une heure : vos textes sont conservés ci-dessous.'
				: 'Vous avez atteint le nombre de propositions possible en une journée. Réessayez demain : vos textes sont conservés ci-dessous.'
	};
}

/**
 * Runs a submission holding a reserved slot: the slot stays taken only when a proposal was stored, and is
 * given back when the proposal is refused (invalid, not placeable) or storing it throws.
 */
async function withSlot(
	db: Db,
	slotId: number,
	submit: () => Promise<SubmitOutcome>
): Promise<SubmitOutcome> {
	let outcome: SubmitOutcome | undefined;
	try {
		outcome = await submit();
		return outcome;
	} finally {
		if (!outcome?.ok) releaseProposalSlot(db, slotId);
	}
}

function monthsBefore(date: Date, months: number): Date {
	const d = new Date(date);
	d.setMonth(d.getMonth() - months);
	return d;
}

/**
 * Stores a validated proposal. The submitter's e-mail and note go to their own columns only, so that
 * forgetDecidedEmails really erases the e-mail (a copy inside the JSON payload would survive it).
 * Old e-mails and client hashes are erased here, on each new proposal (see /confidentialite).
 */
function store(
	deps: ProposalDeps,
	hash: string,
	input: {
		type: ProposalType;
		targetId?: string;
		payload: Record<string, unknown>;
		submitterEmail?: string;
		message?: string;
	}
): string {
	const now = deps.now ?? new Date();
	forgetDecidedEmails(deps.db, monthsBefore(now, EMAIL_RETENTION_MONTHS));
	forgetClientHashes(deps.db, new Date(now.getTime() - DAY_MS));
	const payload = Object.fromEntries(
		Object.entries(input.payload).filter(([k]) => k !== 'submitterEmail' && k !== 'message')
	);
	return createProposal(
		deps.db,
		{
			type: input.type,
			targetId: input.targetId ?? null,
			payload,
			message: input.message ?? null,
			submitterEmail: input.submitterEmail ?? null,
			clientHash: hash
		},
		now
	).id;
}

/** The checks every public form shares, before its own validation. */
async function guard(
	request: Request,
	deps: ProposalDeps,
	arrayFields: readonly string[]
): Promise<
	| { ok: true; raw: Record<string, unknown>; hash: string; slotId: number }
	| { ok: false; outcome: SubmitOutcome }
	| { ok: 'honeypot'; outcome: SubmitOutcome }
> {
	const read = await readForm(request);
	if (!read.ok) return read;
	const raw = formDataToObject(read.form, arrayFields);
	const trap = raw[HONEYPOT_FIELD];
	delete raw[HONEYPOT_FIELD];
	// A bot filled the invisible field: answer exactly like a success so it learns nothing, store nothing.
	if (typeof trap === 'string' && trap.trim() !== '') {
		return { ok: 'honeypot', outcome: { ok: true, reference: newReference() } };
	}
	const hash = clientHash(deps.db, deps.clientAddress);
	const slot = reserveSlot(deps.db, hash, deps.now ?? new Date());
	if (!slot.ok) return { ok: false, outcome: failure(429, slot.message, raw) };
	return { ok: true, raw, hash, slotId: slot.slotId };
}

function placeRefs(db: Db): PlaceRefs {
	return { communes: listCommunes(db), quartiers: listQuartiers(db) };
}

export type NewProposalKind = 'initiative' | 'structure';
/** The record kind each public form proposes (`structure` is the French URL's word). */
const RECORD_KIND = { initiative: 'initiative', structure: 'organisation' } as const;

/** A new initiative or structure proposed by a visitor. */
export async function submitNewProposal(
	kind: NewProposalKind,
	request: Request,
	deps: ProposalDeps
): Promise<SubmitOutcome> {
	const guarded = await guard(request, deps, listFields(RECORD_KIND[kind]));
	if (guarded.ok !== true) return guarded.outcome;
	return withSlot(deps.db, guarded.slotId, () => proposeNew(kind, guarded, deps));
}

async function proposeNew(
	kind: NewProposalKind,
	{ raw, hash }: { raw: Record<string, unknown>; hash: string },
	deps: ProposalDeps
): Promise<SubmitOutcome> {
	const input = structuredClone(raw);
	preparePlace(input);
	const schema: z.ZodType<
		z.infer<typeof initiativeProposalSchema> | z.infer<typeof organisationProposalSchema>
	> = kind === 'initiative' ? initiativeProposalSchema : organisationProposalSchema;
	const parsed = schema.safeParse(input);
	const errors: FieldErrors = parsed.success ? {} : moveZoneErrors(zodErrors(parsed.error));

	// Checks against the store, run on the raw codes too so every error shows at the first submit.
	const refs = placeRefs(deps.db);
	const rawPlace = input.place as { communeCode?: unknown; quartierCode?: unknown };
	if (typeof rawPlace.communeCode === 'string' && !errors['place.zone']) {
		const quartierCode = typeof rawPlace.quartierCode === 'string' ? rawPlace.quartierCode : undefined;
		const zoneError = checkZone({ communeCode: rawPlace.communeCode, quartierCode }, refs);
		if (zoneError) errors['place.zone'] = zoneError;
	}
	const known = new Set(listThematiques(deps.db).map((t) => t.code));
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

	const reference = store(deps, hash, {
		type: kind === 'initiative' ? 'new-initiative' : 'new-organisation',
		payload: { ...data, place: placed.place },
		submitterEmail: data.submitterEmail,
		message: data.message
	});
	return { ok: true, reference };
}

/** What the change form shows: the record and its current public values. */
export function changeTarget(db: Db, id: string | null) {
	if (!id || !/^[a-z0-9][a-z0-9-]{1,79}$/.test(id)) return undefined;
	const record = getRecordById(db, id);
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
	return withSlot(deps.db, guarded.slotId, () => proposeChange(target, guarded, deps));
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

	const reference = store(deps, hash, {
		type: 'change',
		targetId: target.id,
		payload: parsed.data,
		submitterEmail: parsed.data.submitterEmail
	});
	return { ok: true, reference };
}

/** The production wiring: the shared store and the configured Géoplateforme endpoint. */
export function proposalDeps(clientAddress: string): ProposalDeps {
	const db = getDb();
	const baseUrl = getEnv().GEOCODER_URL;
	const allowedCitycodes = new Set(listCommunes(db).map((c) => c.code));
	return {
		db,
		clientAddress,
		geocode: (address, citycode) => geocodeAddress(address, { baseUrl, citycode, allowedCitycodes })
	};
}

/**
 * What the new-record forms need: the "quartier ou commune" select (Strasbourg's quartiers first, then the
 * communes), preselected from `?zone=<slug>` when a quartier page links here, and the thématiques.
 */
export function proposalFormData(db: Db, zoneSlug: string | null = null) {
	const communes = listCommunes(db);
	const strasbourg = communes.find((c) => c.code === '67482');
	const zones = {
		quartiers: listQuartiers(db).map((q) => ({
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
		thematiques: listThematiques(db).map((t) => ({ code: t.code, label: t.label }))
	};
}

/** A new-record form page: the zones, and the form itself, derived from the record fields. */
export function newProposalPage(db: Db, kind: NewProposalKind, zoneSlug: string | null) {
	const data = proposalFormData(db, zoneSlug);
	return { ...data, kind, form: newRecordForm(RECORD_KIND[kind], { thematique: data.thematiques }) };
}
