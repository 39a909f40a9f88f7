import { z } from 'zod';
import { CONFIDENCE_CODES, PRECISION_CODES, STATUS_CODES } from './taxonomies';

/**
 * The Eurométropole's bounding box (of its 33 communes' outlines, IGN Admin Express), widened by about 5 km:
 * a record placed outside it is almost certainly a typo (swapped lon/lat, a missing digit).
 */
export const EMS_BBOX = [7.5381, 48.4341, 7.8963, 48.7019] as const;
const MARGIN = 0.07;
export const ALLOWED_BBOX = [
	EMS_BBOX[0] - MARGIN,
	EMS_BBOX[1] - MARGIN,
	EMS_BBOX[2] + MARGIN,
	EMS_BBOX[3] + MARGIN
] as const;

export const idSchema = z.string({ error: 'doit être un texte' }).regex(/^[a-z0-9][a-z0-9-]{1,79}$/, {
	error: 'identifiant invalide : minuscules, chiffres et tirets seulement (2 à 80 caractères)'
});

export const slugSchema = z
	.string({ error: 'doit être un texte' })
	.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
		error: 'slug invalide : minuscules sans accents, chiffres, mots séparés par un tiret'
	})
	.max(100, { error: 'slug trop long (100 caractères au plus)' });

/** A calendar date as written in the data files: YYYY-MM-DD, and a real date. */
export const isoDateSchema = z.iso.date({ error: 'date invalide : format attendu AAAA-MM-JJ' });

/** Text typed by people: trimmed, no control characters, bounded. Stored as text, always rendered escaped. */
export function plainText(max: number, min = 1) {
	return z
		.string({ error: 'doit être un texte' })
		.transform((s) => s.replace(/\r\n?/g, '\n').trim())
		.pipe(
			z
				.string()
				.min(min, { error: min <= 1 ? 'ne doit pas être vide' : `au moins ${min} caractères` })
				.max(max, { error: `trop long (${max} caractères au plus)` })
				// eslint-disable-next-line no-control-regex
				.refine((s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s), {
					error: 'contient des caractères de contrôle'
				})
		);
}

/** Only http(s) links: `javascript:` and `data:` URLs are refused at the boundary. */
export const httpUrlSchema = z
	.string({ error: 'doit être un texte' })
	.trim()
	.max(2000, { error: 'adresse web trop longue' })
	.refine(
		(s) => {
			try {
				const u = new URL(s);
				return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.includes('.');
			} catch {
				return false;
			}
		},
		{ error: 'adresse web invalide : elle doit commencer par http:// ou https://' }
	);

export const emailSchema = z.email({ error: 'adresse e-mail invalide' }).max(254);

export const phoneSchema = z
	.string()
	.trim()
	.regex(/^\+?[0-9 .()-]{6,25}$/, { error: 'numéro de téléphone invalide' });

/**
 * Marks of the project's own working notes (file names, table rows, report parts) in a source's text.
 * Visitors cannot open those notes: a source they see must be the publication the fact was read in.
 */
const NOTES_MARKS: RegExp[] = [
	/[\w-]+\.md\b/i,
	/\brows?\b/i,
	/\bPart\s+\d/,
	/\bresearch\b/i,
	/\b(?:notes?|rapports?) de recherche\b/i,
	/\b(?:structures|geo|buyers|sirene)-facts\b/i,
	/\b(?:funding|maps)-anchors\b/i,
	/\bseed-conseil\b/i
];

/** The first mark of our notes found in a text, if any. */
export function notesMark(text: string): string | undefined {
	for (const mark of NOTES_MARKS) {
		const m = mark.exec(text);
		if (m) return m[0];
	}
	return undefined;
}

const SOURCE_TEXT_FIELDS = [
	['title', 'Titre'],
	['site', 'Site'],
	['reference', 'Référence'],
	['note', 'Note']
] as const;

/**
 * Where a fact was read: a publication a visitor can open. Either its web address (`url`, with its `title`
 * and the `site` that published it when known), or, when no address is known, a `reference` naming the
 * publication (title, publisher, date). `seen` is the day it was read.
 */
export const sourceSchema = z
	.strictObject({
		url: httpUrlSchema.optional(),
		title: plainText(300).optional(),
		site: plainText(200).optional(),
		reference: plainText(500).optional(),
		seen: isoDateSchema,
		note: plainText(500).optional()
	})
	.superRefine((s, ctx) => {
		if (s.url === undefined && s.reference === undefined) {
			ctx.addIssue({
				code: 'custom',
				path: [],
				message:
					'une source doit avoir une adresse web (url) ou, à défaut, une référence (reference) qui nomme la publication : titre, éditeur, date'
			});
		}
		for (const [field, label] of SOURCE_TEXT_FIELDS) {
			const text = s[field];
			const mark = text === undefined ? undefined : notesMark(text);
			if (mark !== undefined) {
				ctx.addIssue({
					code: 'custom',
					path: [field],
					message: `${label} : « ${mark} » renvoie à des notes de travail, pas à une publication ; citez ce que le visiteur peut ouvrir (titre, site, adresse web)`
				});
			}
		}
	});
export type Source = z.infer<typeof sourceSchema>;

export const locationSchema = z
	.strictObject({
		lon: z.number({ error: 'longitude : nombre attendu' }).min(-180).max(180),
		lat: z.number({ error: 'latitude : nombre attendu' }).min(-90).max(90),
		precision: z.enum(PRECISION_CODES, {
			error: 'précision invalide : address, street, quartier ou commune'
		})
	})
	.refine(
		(l) =>
			l.lon >= ALLOWED_BBOX[0] &&
			l.lon <= ALLOWED_BBOX[2] &&
			l.lat >= ALLOWED_BBOX[1] &&
			l.lat <= ALLOWED_BBOX[3],
		{ error: "position hors de l'Eurométropole (longitude et latitude inversées ?)" }
	);
export type Location = z.infer<typeof locationSchema>;

export const contactSchema = z.strictObject({
	website: httpUrlSchema.optional(),
	email: emailSchema.optional(),
	phone: phoneSchema.optional()
});
export type Contact = z.infer<typeof contactSchema>;

/**
 * Fields every public record carries, whatever its kind: who it is (id, slug, name, description), whether it
 * is public, and what a visitor needs to judge it (sources, last verification, confidence, caveats).
 */
export const recordBase = {
	id: idSchema,
	slug: slugSchema,
	name: plainText(200),
	description: plainText(5000),
	status: z.enum(STATUS_CODES, { error: 'statut invalide : published, draft ou archived' }),
	sources: z.array(sourceSchema).min(1, { error: 'au moins une source est requise' }).max(20),
	lastVerified: isoDateSchema,
	confidence: z.enum(CONFIDENCE_CODES, { error: 'confiance invalide : high, medium ou low' }),
	/** Facts that are uncertain, conflicting or old, stated in words for visitors. */
	caveats: z.array(plainText(500)).max(20).default([]),
	/** Marks generated records (benchmarks, tests). Shown to visitors whenever true. */
	synthetic: z.boolean().optional()
};

/** Today's date in the Europe/Paris calendar as YYYY-MM-DD. */
export function todayIso(now: Date = new Date()): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(now);
}

/** Rejects dates in the future: a verification cannot have happened tomorrow. */
export function notInFuture(date: string, now: Date = new Date()): boolean {
	return date <= todayIso(now);
}
