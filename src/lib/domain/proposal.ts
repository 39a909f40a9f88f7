/**
 * Public proposals (no account): the contract between the public forms (issue 6) and moderation (issue 7).
 * A proposal's payload is the output of one of these schemas, stored as JSON text and always shown as text.
 */
import { z } from 'zod';
import { emailSchema, httpUrlSchema, phoneSchema, plainText, slugSchema } from './common';
import { inseeCodeSchema, quartierCodeSchema } from './geography';
import {
	CARRIER_KIND_CODES,
	INITIATIVE_TYPE_CODES,
	LEGAL_FORM_CODES,
	NEED_CODES,
	PRECISION_CODES,
	ROLE_CODES,
	SECTOR_CODES
} from './taxonomies';

/** Empty form fields arrive as "": treat them as absent so optional fields stay optional. */
const optional = <T extends z.ZodType>(schema: T) =>
	z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

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

const submitterFields = {
	/** Private: kept only for the moderation follow-up (see /confidentialite). */
	submitterEmail: optional(emailSchema),
	/** A note to the moderators. */
	message: optional(plainText(2000))
};

const contactFields = {
	website: optional(httpUrlSchema),
	email: optional(emailSchema),
	phone: optional(phoneSchema)
};

export const initiativeProposalSchema = z.object({
	name: plainText(200, 3),
	description: plainText(5000, 20),
	initiativeType: z.enum(INITIATIVE_TYPE_CODES, { error: 'choisissez un type d’initiative' }),
	carrierKind: z.enum(CARRIER_KIND_CODES, { error: 'indiquez qui porte l’initiative' }),
	carrierName: optional(plainText(200)),
	howToJoin: optional(plainText(1000)),
	schedule: optional(plainText(300)),
	needs: z.array(z.enum(NEED_CODES, { error: 'besoin inconnu' })).default([]),
	thematiques: z.array(slugSchema).default([]),
	sectors: z.array(z.enum(SECTOR_CODES, { error: 'secteur inconnu' })).default([]),
	...contactFields,
	place: proposedPlaceSchema,
	...submitterFields
});
export type InitiativeProposal = z.infer<typeof initiativeProposalSchema>;

export const organisationProposalSchema = z.object({
	name: plainText(200, 2),
	description: plainText(5000, 20),
	legalForm: z.enum(LEGAL_FORM_CODES, { error: 'choisissez une forme juridique (ou « non connue »)' }),
	roles: z
		.array(z.enum(ROLE_CODES, { error: 'rôle inconnu' }))
		.min(1, { error: 'choisissez au moins un rôle' }),
	sectors: z.array(z.enum(SECTOR_CODES, { error: 'secteur inconnu' })).default([]),
	thematiques: z.array(slugSchema).default([]),
	siret: optional(
		z
			.string()
			.trim()
			.regex(/^\d{14}$/, { error: 'SIRET invalide : 14 chiffres' })
	),
	...contactFields,
	place: proposedPlaceSchema,
	...submitterFields
});
export type OrganisationProposal = z.infer<typeof organisationProposalSchema>;

/** Fields a visitor may propose to correct on an existing record; only the changed ones are stored. */
export const changeProposalSchema = z.object({
	targetId: z.string().regex(/^[a-z0-9][a-z0-9-]{1,79}$/, { error: 'fiche inconnue' }),
	changes: z
		.object({
			name: optional(plainText(200, 2)),
			description: optional(plainText(5000)),
			address: optional(plainText(300)),
			schedule: optional(plainText(300)),
			howToJoin: optional(plainText(1000)),
			...contactFields
		})
		.strict(),
	/** What is wrong, in the visitor's words: required so a moderator understands the request. */
	explanation: plainText(2000, 10),
	submitterEmail: optional(emailSchema)
});
export type ChangeProposal = z.infer<typeof changeProposalSchema>;

/** Field names that would reach Object.prototype through `target[part]` (prototype pollution). */
const UNSAFE_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

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

/** zod issues -> { 'place.address': 'message' } for showing errors next to fields. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
	const errors: Record<string, string> = {};
	for (const issue of error.issues) {
		const key = issue.path.join('.') || '_form';
		errors[key] ??= issue.message;
	}
	return errors;
}
