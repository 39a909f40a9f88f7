/**
 * The checks every public form without an account shares (proposals, contact messages), in the order
 * applied: a body size cap, read defensively; a honeypot field (filled: the caller pretends success and
 * stores nothing); a per-client rate limit on a salted hash of the IP address (the address itself is never
 * stored; each form has its own bucket of slots, reserved before anything is awaited).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FieldErrors } from '$lib/domain/errors';
import { formDataToObject } from '$lib/domain/proposal';
import { HONEYPOT_FIELD } from '$lib/domain/proposal-form';
import { releaseFormSlot, reserveFormSlot, type SlotForm } from './db/form-slots';
import { sharedSecret } from './db/login-failures';
import type { SqlClient } from './db/sql';

export type FormValues = Record<string, unknown>;
export interface FormFailure {
	status: number;
	errors: FieldErrors;
	values: FormValues;
}

const HOUR_MS = 3_600_000;
/** The rate limit's longest window; client hashes are erased once older (stated on /confidentialite). */
export const DAY_MS = 24 * HOUR_MS;

export interface PublicFormRules {
	maxBodyBytes: number;
	/** Shown when the body is too big. */
	tooBig: string;
	perHour: number;
	perDay: number;
	/** The rate limit's bucket: each form counts its own posts. */
	form: SlotForm;
	/** Shown when a limit is reached; what was typed stays in the form. */
	limited: { hour: string; day: string };
	/** Inputs that may repeat (checkboxes), read as lists. */
	arrayFields?: readonly string[];
}

export interface PublicFormClient {
	sql: SqlClient;
	/** The client's IP address (event.getClientAddress()); only its salted hash is stored. */
	clientAddress: string;
	now?: Date;
}

export type GuardOutcome =
	| { ok: true; raw: FormValues; hash: string; slotId: number }
	| { ok: false; failure: FormFailure }
	| { ok: 'honeypot' };

const formFailure = (status: number, message: string, values: FormValues = {}): FormFailure => ({
	status,
	errors: { _form: message },
	values
});

/** Reads a urlencoded or multipart form, refusing oversized bodies before and after parsing. */
async function readForm(
	request: Request,
	rules: Pick<PublicFormRules, 'maxBodyBytes' | 'tooBig'>
): Promise<{ ok: true; form: FormData } | { ok: false; failure: FormFailure }> {
	const declared = Number(request.headers.get('content-length') ?? '0');
	if (declared > rules.maxBodyBytes) return { ok: false, failure: formFailure(413, rules.tooBig) };
	let form: FormData;
	try {
		form = await request.formData();
	} catch {
		return { ok: false, failure: formFailure(400, 'Le formulaire n’a pas pu être lu : réessayez.') };
	}
	// A chunked body has no content-length: measure what was actually sent.
	let size = 0;
	for (const [key, value] of form) {
		if (typeof value !== 'string') {
			return {
				ok: false,
				failure: formFailure(400, 'Les fichiers ne sont pas acceptés dans ce formulaire.')
			};
		}
		size += key.length + value.length;
	}
	if (size > rules.maxBodyBytes) return { ok: false, failure: formFailure(413, rules.tooBig) };
	return { ok: true, form };
}

/**
 * sha256(per-install secret + IP): enough to count a client's posts without storing the address. The secret
 * lives in the same database, so the hash is kept only a day.
 */
export async function clientHash(sql: SqlClient, address: string): Promise<string> {
	// Written once by the first instance that needs it, read by all: two instances hashing one client with
	// two secrets would count its posts in two buckets.
	const secret = await sharedSecret(sql, 'proposal_client_secret', () => randomBytes(32).toString('hex'));
	return createHash('sha256').update(`${secret}:${address}`).digest('hex');
}

/** The checks of a public form, before its own validation. */
export async function guardPublicForm(
	request: Request,
	client: PublicFormClient,
	rules: PublicFormRules
): Promise<GuardOutcome> {
	const read = await readForm(request, rules);
	if (!read.ok) return read;
	const raw = formDataToObject(read.form, rules.arrayFields ?? []);
	const trap = raw[HONEYPOT_FIELD];
	delete raw[HONEYPOT_FIELD];
	// A bot filled the invisible field: the caller answers exactly like a success, and stores nothing.
	if (typeof trap === 'string' && trap.trim() !== '') return { ok: 'honeypot' };
	const hash = await clientHash(client.sql, client.clientAddress);
	const now = client.now ?? new Date();
	// The check and the reservation are one statement, run before the caller awaits anything else (the
	// geocoder): posts sent in parallel, to this instance or another, see each other's slots, where counting
	// stored posts let them all pass.
	const slot = await reserveFormSlot(
		client.sql,
		rules.form,
		hash,
		{
			hour: { since: new Date(now.getTime() - HOUR_MS), max: rules.perHour },
			day: { since: new Date(now.getTime() - DAY_MS), max: rules.perDay }
		},
		now
	);
	if (!slot.ok) return { ok: false, failure: formFailure(429, rules.limited[slot.exceeded], raw) };
	return { ok: true, raw, hash, slotId: slot.slotId };
}

/**
 * Runs a submission holding a reserved slot: the slot stays taken only when the post was stored, and is given
 * back when it is refused (invalid, not placeable) or storing it throws.
 */
export async function withSlot<T extends { ok: boolean }>(
	sql: SqlClient,
	slotId: number,
	submit: () => T | Promise<T>
): Promise<T> {
	let outcome: T | undefined;
	try {
		outcome = await submit();
		return outcome;
	} finally {
		if (!outcome?.ok) await releaseFormSlot(sql, slotId);
	}
}

/** `date` moved back by whole months (retention periods). */
export function monthsBefore(date: Date, months: number): Date {
	const d = new Date(date);
	d.setMonth(d.getMonth() - months);
	return d;
}
