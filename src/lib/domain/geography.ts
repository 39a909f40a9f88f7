import { z } from 'zod';
import { isoDateSchema, plainText, slugSchema, sourceSchema } from './common';

const pointSchema = z.strictObject({
	lon: z.number().min(-180).max(180),
	lat: z.number().min(-90).max(90)
});
export type Point = z.infer<typeof pointSchema>;

export const inseeCodeSchema = z
	.string({ error: 'code INSEE : texte attendu' })
	.regex(/^(?:\d{5}|2[AB]\d{3})$/, { error: 'code INSEE invalide : 5 caractères attendus (ex. 67482)' });

export const communeSchema = z.strictObject({
	code: inseeCodeSchema,
	slug: slugSchema,
	name: plainText(100),
	postcodes: z.array(z.string().regex(/^\d{5}$/, { error: 'code postal invalide' })).min(1),
	population: z.number().int().nonnegative().optional(),
	centroid: pointSchema,
	/** Joined in 2017 with the CC Les Châteaux; absent from the 2014 CUS. */
	inCus2014: z.boolean(),
	sources: z.array(sourceSchema).min(1)
});
export type Commune = z.infer<typeof communeSchema>;

export const quartierCodeSchema = z
	.string()
	.regex(/^SQ_\d{2}$/, { error: 'code de quartier invalide : SQ_01 à SQ_10 attendu' });

export const subQuartierSchema = z.strictObject({
	slug: slugSchema,
	name: plainText(100),
	point: pointSchema.optional()
});

export const quartierSchema = z.strictObject({
	code: quartierCodeSchema,
	slug: slugSchema,
	name: plainText(120),
	communeCode: inseeCodeSchema,
	subQuartiers: z.array(subQuartierSchema).min(1),
	/** A representative point (from the quartier’s Wikipedia infobox), not a centroid. */
	point: pointSchema,
	pointConfidence: z.enum(['high', 'medium', 'low']),
	sources: z.array(sourceSchema).min(1)
});
export type Quartier = z.infer<typeof quartierSchema>;

export const qpvSchema = z.strictObject({
	slug: slugSchema,
	name: plainText(100),
	/** Official QN code (data.gouv.fr, « Quartiers prioritaires de la politique de la ville ») when known. */
	code: z
		.string()
		.regex(/^Q[NP]\d{6,7}$/)
		.optional(),
	communeCode: inseeCodeSchema.optional(),
	quartierCode: quartierCodeSchema.optional(),
	sources: z.array(sourceSchema).min(1)
});
export type Qpv = z.infer<typeof qpvSchema>;

export const thematiqueSchema = z.strictObject({
	code: slugSchema,
	label: plainText(150),
	description: plainText(1000),
	/** The workshop's objective, as the seed document states it. */
	since: z.number().int().min(2010).max(2030).optional(),
	sources: z.array(sourceSchema).min(1),
	lastVerified: isoDateSchema
});
export type Thematique = z.infer<typeof thematiqueSchema>;
