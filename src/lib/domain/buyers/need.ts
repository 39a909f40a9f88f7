/**
 * A buyer's published need (`/acheter/besoins`): what the buyer types, without an account, and what a
 * supplier answers. Published after moderation, open until its deadline, then archived. The buyer follows
 * the answers through a private link holding an unguessable token (only its hash is stored).
 */
import { z } from 'zod';
import { isActivityFamily, type ActivityFamily } from '../activity-families';
import { emailSchema, plainText } from '../common';
import { isLegalBasis, type LegalBasisCode } from './bases';

/** The longest a need stays open: a deadline further than this is refused. */
export const MAX_NEED_DAYS = 365;

export const NEED_FIELDS = {
	titre: 'Titre du besoin',
	activite: 'Activité',
	lieu: 'Lieu d’exécution',
	base: 'Base juridique',
	echeance: 'Date limite de réponse',
	description: 'Description du besoin',
	acheteur: 'Acheteur',
	email: 'E-mail de l’acheteur'
} as const;

export const INTEREST_FIELDS = {
	structure: 'Nom de la structure',
	email: 'E-mail de contact',
	telephone: 'Téléphone',
	message: 'Message à l’acheteur'
} as const;

const say = (field: keyof typeof NEED_FIELDS, why: string) => `${NEED_FIELDS[field]} : ${why}`;

/** Typed text checked like every public text (plainText), its message prefixed with the field's label. */
const typed = (name: string, max: number, min: number) =>
	z
		.string({ error: `${name} : texte attendu` })
		.optional()
		.transform((v, ctx) => {
			const r = plainText(max, min).safeParse(v ?? '');
			if (r.success) return r.data;
			ctx.addIssue({ code: 'custom', message: `${name} : ${r.error.issues[0].message}` });
			return z.NEVER;
		});

/** An e-mail address, its message naming the field. */
const email = (name: string) =>
	z
		.string({ error: `${name} : adresse attendue` })
		.optional()
		.transform((v, ctx) => {
			const r = emailSchema.safeParse((v ?? '').trim());
			if (r.success) return r.data;
			ctx.addIssue({ code: 'custom', message: `${name} : adresse e-mail invalide` });
			return z.NEVER;
		});

/** The publication form, checked against today's date and the known places (`lieux`: slugs). */
export function needFormSchema(today: string, lieux: ReadonlySet<string>) {
	const last = new Date(`${today}T00:00:00Z`);
	last.setUTCDate(last.getUTCDate() + MAX_NEED_DAYS);
	const latest = last.toISOString().slice(0, 10);
	return z.object({
		titre: typed(NEED_FIELDS.titre, 120, 5),
		activite: z
			.string({ error: say('activite', 'choisissez une activité') })
			.refine(isActivityFamily, { error: say('activite', 'choisissez une activité de la liste') })
			.transform((v) => v as ActivityFamily),
		lieu: z
			.string({ error: say('lieu', 'choisissez une commune ou un quartier') })
			.refine((v) => lieux.has(v), {
				error: say('lieu', 'choisissez une commune ou un quartier de la liste')
			}),
		base: z
			.string()
			.optional()
			.transform((v) => (v ? v : undefined))
			.refine((v) => v === undefined || isLegalBasis(v), {
				error: say('base', 'choisissez une base de la liste')
			})
			.transform((v) => v as LegalBasisCode | undefined),
		echeance: z
			.string({ error: say('echeance', 'date attendue') })
			.regex(/^\d{4}-\d{2}-\d{2}$/, { error: say('echeance', 'date attendue au format AAAA-MM-JJ') })
			// Date.parse rolls 30 February over to March: the day must read back the same.
			.refine(
				(v) => {
					const d = new Date(`${v}T00:00:00Z`);
					return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
				},
				{
					error: say('echeance', 'cette date n’existe pas')
				}
			)
			.refine((v) => v >= today, { error: say('echeance', 'la date est passée') })
			.refine((v) => v <= latest, {
				error: say('echeance', `au plus ${MAX_NEED_DAYS} jours après aujourd’hui (le ${latest})`)
			}),
		description: typed(NEED_FIELDS.description, 3000, 20),
		acheteur: typed(NEED_FIELDS.acheteur, 200, 2),
		email: email(NEED_FIELDS.email)
	});
}
export type NeedForm = z.infer<ReturnType<typeof needFormSchema>>;

export const interestFormSchema = z.object({
	structure: typed(INTEREST_FIELDS.structure, 200, 2),
	email: email(INTEREST_FIELDS.email),
	telephone: z
		.string()
		.trim()
		.max(30, { error: `${INTEREST_FIELDS.telephone} : 30 caractères au plus` })
		.optional()
		.transform((v) => (v ? v : undefined)),
	message: typed(INTEREST_FIELDS.message, 2000, 10)
});
export type InterestForm = z.infer<typeof interestFormSchema>;

export const NEED_STATUSES = ['pending', 'open', 'rejected', 'closed', 'archived'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];
export const NEED_STATUS_LABELS: Record<NeedStatus, string> = {
	pending: 'En attente de modération',
	open: 'Publié',
	rejected: 'Refusé par la modération',
	closed: 'Clos par l’acheteur',
	archived: 'Archivé (date limite passée)'
};

export const INTEREST_STATUSES = ['nouvelle', 'vue', 'retenue', 'declinee'] as const;
export type InterestStatus = (typeof INTEREST_STATUSES)[number];
export const INTEREST_STATUS_LABELS: Record<InterestStatus, string> = {
	nouvelle: 'Nouvelle',
	vue: 'Vue',
	retenue: 'Retenue',
	declinee: 'Non retenue'
};
export const isInterestStatus = (v: string): v is InterestStatus =>
	(INTEREST_STATUSES as readonly string[]).includes(v);
