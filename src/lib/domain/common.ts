import { z } from 'zod';
import { ALLOWED_BBOX } from './coordinates';
import { FILL, field } from './field-meta';
import { CONFIDENCE_CODES, PRECISION_CODES, STATUS_CODES } from './taxonomies';

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
		lon: field(z.number({ error: 'longitude : nombre attendu' }).min(-180).max(180), {
			label: 'Longitude',
			group: 'place',
			type: 'number',
			hint: 'vers 7,7 à Strasbourg ; point décimal ou virgule',
			aliases: ['longitude', 'lon', 'lng', 'x'],
			jsonLd: 'geo.longitude',
			merge: FILL
		}),
		lat: field(z.number({ error: 'latitude : nombre attendu' }).min(-90).max(90), {
			label: 'Latitude',
			group: 'place',
			type: 'number',
			hint: 'vers 48,6 à Strasbourg',
			aliases: ['latitude', 'lat', 'y'],
			jsonLd: 'geo.latitude',
			merge: FILL
		}),
		precision: field(
			z.enum(PRECISION_CODES, {
				error: 'précision invalide : address, street, quartier ou commune'
			}),
			{
				label: 'Précision de la position',
				group: 'place',
				type: 'enum',
				taxonomy: 'precision',
				aliases: ['precision'],
				merge: FILL
			}
		)
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

/** What visitors read about a record's website: the same in every public form. */
export const WEBSITE_PROPOSAL = {
	key: 'website',
	label: 'Site web ou page',
	hint: 'Commence par https:// ou http://',
	correct: true
} as const;

export const contactSchema = z.strictObject({
	website: field(httpUrlSchema, {
		label: 'Site web',
		group: 'contact',
		type: 'url',
		aliases: ['site', 'site web', 'site internet', 'website', 'url', 'lien', 'page web', 'adresse du site'],
		jsonLd: 'sameAs',
		merge: FILL,
		propose: { ...WEBSITE_PROPOSAL, create: 'contact' }
	}).optional(),
	email: field(emailSchema, {
		label: 'E-mail',
		group: 'contact',
		type: 'email',
		aliases: [
			'email',
			'e mail',
			'courriel',
			'mail',
			'adresse mail',
			'adresse e mail',
			'adresse electronique',
			'mel'
		],
		jsonLd: 'email',
		merge: FILL,
		propose: { key: 'email', label: 'E-mail de contact', create: 'contact', correct: true }
	}).optional(),
	phone: field(phoneSchema, {
		label: 'Téléphone',
		group: 'contact',
		type: 'tel',
		aliases: ['telephone', 'tel', 'phone', 'numero de telephone', 'n de telephone', 'portable'],
		jsonLd: 'telephone',
		merge: FILL,
		propose: { key: 'phone', create: 'contact', correct: true }
	}).optional()
});
export type Contact = z.infer<typeof contactSchema>;

/**
 * Fields every public record carries. They are split in two so that each kind lists its own fields between
 * them: the schema's order is the admin form's order and the CSV columns' order.
 */
export const recordHead = {
	id: field(idSchema, {
		label: 'Identifiant',
		group: 'identity',
		type: 'text',
		hint: 'stable, minuscules et tirets ; déduit du nom si vide à la création',
		// Derived from the name when left empty, so not marked as required in the form.
		required: false
	}),
	slug: field(slugSchema, {
		label: 'Adresse de la page (slug)',
		group: 'identity',
		type: 'text',
		hint: 'minuscules et tirets ; déduit du nom si vide',
		required: false
	}),
	name: field(plainText(200), {
		label: 'Nom',
		group: 'identity',
		type: 'text',
		aliases: [
			'nom',
			'raison sociale',
			'denomination',
			'title',
			'titre',
			'intitule',
			'nom de la structure',
			'structure',
			'organisme',
			'nom de l organisme',
			'nom de l initiative',
			'initiative',
			'nom du dispositif',
			'dispositif'
		],
		jsonLd: 'name',
		propose: {
			key: 'name',
			create: 'about',
			correct: true,
			label: { initiative: 'Nom de l’initiative', organisation: 'Nom de la structure', place: 'Nom du lieu' },
			min: { initiative: 3, organisation: 2, place: 2, correct: 2 }
		}
	}),
	status: field(z.enum(STATUS_CODES, { error: 'statut invalide : published, draft ou archived' }), {
		label: 'Statut',
		group: 'identity',
		type: 'enum',
		taxonomy: 'status',
		aliases: ['statut', 'statut de publication', 'publication']
	}),
	description: field(plainText(5000), {
		label: 'Description',
		group: 'description',
		type: 'longtext',
		aliases: ['presentation', 'descriptif', 'activite', 'activites', 'objet', 'resume'],
		jsonLd: 'description',
		propose: {
			key: 'description',
			create: 'about',
			correct: true,
			label: {
				initiative: 'Qu’est-ce que c’est ?',
				organisation: 'Que fait-elle ?',
				place: 'Quel est ce lieu ?'
			},
			hint: {
				initiative: 'Ce qui s’y fait et pour qui, en quelques phrases (20 caractères au moins).',
				organisation: 'Son activité et pour qui, en quelques phrases (20 caractères au moins).',
				place: 'Ce qu’on peut y faire et comment en profiter, en quelques phrases (20 caractères au moins).'
			},
			min: { initiative: 20, organisation: 20, place: 20 }
		}
	})
};

export const recordQuality = {
	sources: field(z.array(sourceSchema).min(1, { error: 'au moins une source est requise' }).max(20), {
		label: 'Sources',
		group: 'quality',
		type: 'sources',
		hint: 'une adresse web ou une référence, et la date de consultation',
		aliases: ['source', 'lien source', 'reference', 'references', 'source de l information'],
		jsonLd: 'isBasedOn',
		merge: { rule: 'union', by: ['url', 'reference'] }
	}),
	lastVerified: field(isoDateSchema, {
		label: 'Dernière vérification',
		group: 'quality',
		type: 'date',
		hint: 'AAAA-MM-JJ',
		aliases: [
			'derniere verification',
			'verifie le',
			'date de verification',
			'mis a jour le',
			'mise a jour',
			'date de mise a jour',
			'derniere mise a jour'
		],
		jsonLd: 'dateModified'
	}),
	confidence: field(z.enum(CONFIDENCE_CODES, { error: 'confiance invalide : high, medium ou low' }), {
		label: 'Confiance',
		group: 'quality',
		type: 'enum',
		taxonomy: 'confidence',
		aliases: ['fiabilite', 'niveau de confiance']
	}),
	/** Facts that are uncertain, conflicting or old, stated in words for visitors. */
	caveats: field(z.array(plainText(500)).max(20), {
		label: 'Réserves à signaler au public',
		group: 'quality',
		type: 'text-list',
		hint: 'une par ligne'
	}).default([]),
	/** Marks generated records (benchmarks, tests). Shown to visitors whenever true. */
	synthetic: field(z.boolean(), {
		label: 'Donnée synthétique (tests, démonstrations)',
		group: 'quality',
		type: 'boolean'
	}).optional()
};
