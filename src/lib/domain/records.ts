import { z } from 'zod';
import {
	contactSchema,
	httpUrlSchema,
	idSchema,
	locationSchema,
	plainText,
	recordBase,
	slugSchema
} from './common';
import { inseeCodeSchema, quartierCodeSchema } from './geography';
import {
	APPROVAL_CODES,
	AUDIENCE_CODES,
	AVAILABILITY_CODES,
	CARRIER_KIND_CODES,
	FISCAL_STATUS_CODES,
	FUNDING_TYPE_CODES,
	INITIATIVE_TYPE_CODES,
	LEGAL_FORM_CODES,
	NEED_CODES,
	PURPOSE_CODES,
	ROLE_CODES,
	SECTOR_CODES,
	STAGE_CODES,
	TERRITORY_CODES,
	legalForm
} from './taxonomies';

function unique<T>(items: T[]): boolean {
	return new Set(items).size === items.length;
}
const noDuplicates = { error: 'contient des doublons' };

/** Where a record is: commune always, quartier and sub-quartier when known, position when placed. */
const placeFields = {
	communeCode: inseeCodeSchema,
	quartierCode: quartierCodeSchema.optional(),
	subQuartier: slugSchema.optional(),
	qpv: slugSchema.optional(),
	/** The address as the source gives it; a record without one is still listed. */
	address: plainText(300).optional(),
	location: locationSchema.optional()
};

export const organisationSchema = z
	.strictObject({
		kind: z.literal('organisation', { error: 'kind doit valoir "organisation"' }),
		...recordBase,
		shortName: plainText(60).optional(),
		roles: z
			.array(z.enum(ROLE_CODES, { error: 'rôle invalide : acteur, financeur ou accompagnateur' }))
			.min(1, { error: 'au moins un rôle est requis' })
			.refine(unique, noDuplicates),
		legalForm: z.enum(LEGAL_FORM_CODES, { error: 'forme juridique inconnue' }),
		/** False for useful resources that are not ESS (a municipal venue, a tech incubator). */
		isEss: z.boolean(),
		approvals: z
			.array(z.enum(APPROVAL_CODES, { error: 'agrément inconnu' }))
			.refine(unique, noDuplicates)
			.default([]),
		fiscalStatus: z.enum(FISCAL_STATUS_CODES, { error: 'statut fiscal invalide' }).default('inconnu'),
		thematiques: z.array(slugSchema).refine(unique, noDuplicates).default([]),
		sectors: z
			.array(z.enum(SECTOR_CODES, { error: 'secteur inconnu' }))
			.refine(unique, noDuplicates)
			.default([]),
		tags: z.array(plainText(40)).max(20).default([]),
		foundedYear: z.number().int().min(1800).max(2100).optional(),
		siret: z
			.string()
			.regex(/^\d{14}$/, { error: 'SIRET invalide : 14 chiffres attendus' })
			.optional(),
		contact: contactSchema.default({}),
		/** The parent organisation for a site, antenna or project of another record. */
		parentId: idSchema.optional(),
		...placeFields
	})
	.superRefine((o, ctx) => {
		const family = legalForm(o.legalForm).family;
		if (
			o.fiscalStatus === 'non-fiscalisee' &&
			family !== 'association' &&
			family !== 'fondation' &&
			family !== 'collectif'
		) {
			ctx.addIssue({
				code: 'custom',
				path: ['fiscalStatus'],
				message: `une structure de forme « ${o.legalForm} » ne peut pas être non fiscalisée`
			});
		}
	});
export type Organisation = z.infer<typeof organisationSchema>;
export type OrganisationInput = z.input<typeof organisationSchema>;

export const carrierSchema = z.strictObject({
	kind: z.enum(CARRIER_KIND_CODES, { error: 'porteur invalide' }),
	name: plainText(200).optional(),
	organisationId: idSchema.optional()
});

export const initiativeSchema = z.strictObject({
	kind: z.literal('initiative', { error: 'kind doit valoir "initiative"' }),
	...recordBase,
	initiativeType: z.enum(INITIATIVE_TYPE_CODES, { error: "type d'initiative inconnu" }),
	/** False for useful quartier resources that are not ESS (municipal gardens, venues). */
	isEss: z.boolean(),
	carrier: carrierSchema,
	howToJoin: plainText(1000).optional(),
	/** A recurring schedule or dates, in words ("le premier samedi du mois"). */
	schedule: plainText(300).optional(),
	needs: z
		.array(z.enum(NEED_CODES, { error: 'besoin inconnu' }))
		.refine(unique, noDuplicates)
		.default([]),
	thematiques: z.array(slugSchema).refine(unique, noDuplicates).default([]),
	sectors: z
		.array(z.enum(SECTOR_CODES, { error: 'secteur inconnu' }))
		.refine(unique, noDuplicates)
		.default([]),
	tags: z.array(plainText(40)).max(20).default([]),
	contact: contactSchema.default({}),
	startedYear: z.number().int().min(1800).max(2100).optional(),
	...placeFields
});
export type Initiative = z.infer<typeof initiativeSchema>;
export type InitiativeInput = z.input<typeof initiativeSchema>;

const euros = z
	.number({ error: 'montant : nombre en euros attendu' })
	.nonnegative({ error: 'montant négatif' });

export const amountSchema = z
	.strictObject({
		min: euros.optional(),
		max: euros.optional(),
		average: euros.optional(),
		/** Year of the figure: amounts in the research date from 2013 to 2020. */
		year: z.number().int().min(2000).max(2100).optional(),
		note: plainText(500).optional()
	})
	.refine((a) => a.min === undefined || a.max === undefined || a.min <= a.max, {
		error: 'montant minimum supérieur au maximum',
		path: ['min']
	});
export type Amount = z.infer<typeof amountSchema>;

const rangeMonths = z
	.strictObject({
		min: z.number().int().nonnegative().optional(),
		max: z.number().int().positive().optional()
	})
	.refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, {
		error: 'durée minimum supérieure au maximum'
	});

export const eligibilitySchema = z.strictObject({
	/** Who may apply: association non fiscalisée, structure fiscalisée, porteur de projet sans structure. */
	audiences: z
		.array(z.enum(AUDIENCE_CODES, { error: 'public invalide : association, fiscalisee ou porteur' }))
		.min(1, { error: 'au moins un public éligible' })
		.refine(unique, noDuplicates),
	/** When set, only these legal forms are eligible. */
	legalForms: z.array(z.enum(LEGAL_FORM_CODES, { error: 'forme juridique inconnue' })).optional(),
	/** Legal forms explicitly excluded (e.g. associations for Initiative France's prêt d'honneur). */
	excludedLegalForms: z.array(z.enum(LEGAL_FORM_CODES, { error: 'forme juridique inconnue' })).optional(),
	/** Approvals the structure must hold (e.g. ESUS for 90/10 solidarity funds). */
	requiredApprovals: z.array(z.enum(APPROVAL_CODES, { error: 'agrément inconnu' })).optional(),
	/** Reserved to quartiers prioritaires de la politique de la ville. */
	qpvOnly: z.boolean().default(false),
	/** Conditions the finder cannot check, shown in words ("au moins un salarié", "refusé par les banques"). */
	unchecked: z.array(plainText(300)).default([])
});
export type Eligibility = z.infer<typeof eligibilitySchema>;

export const fundingToolSchema = z.strictObject({
	kind: z.literal('funding-tool', { error: 'kind doit valoir "funding-tool"' }),
	...recordBase,
	providerIds: z
		.array(idSchema)
		.min(1, { error: 'au moins un financeur ou opérateur' })
		.refine(unique, noDuplicates),
	types: z
		.array(z.enum(FUNDING_TYPE_CODES, { error: 'type de financement inconnu' }))
		.min(1, { error: 'au moins un type de financement' })
		.refine(unique, noDuplicates),
	eligibility: eligibilitySchema,
	stages: z
		.array(z.enum(STAGE_CODES, { error: 'stade inconnu' }))
		.min(1, { error: 'au moins un stade' })
		.refine(unique, noDuplicates),
	purposes: z
		.array(z.enum(PURPOSE_CODES, { error: 'besoin inconnu' }))
		.refine(unique, noDuplicates)
		.default([]),
	amount: amountSchema.optional(),
	/** Annual rate in percent when known (0 for a prêt à taux zéro). */
	ratePercent: z.number().min(0).max(100).optional(),
	termMonths: rangeMonths.optional(),
	deferralMonths: rangeMonths.optional(),
	territory: z.enum(TERRITORY_CODES, { error: 'territoire inconnu' }),
	/** INSEE code when territory is "commune". */
	territoryCommune: inseeCodeSchema.optional(),
	thematiques: z.array(slugSchema).refine(unique, noDuplicates).default([]),
	howToApply: plainText(2000),
	availability: z.enum(AVAILABILITY_CODES, { error: 'disponibilité inconnue' }),
	deadline: z.iso.date({ error: 'date limite invalide : AAAA-MM-JJ' }).optional(),
	recurrence: plainText(200).optional(),
	/** Tools usually combined with this one (a guarantee with a bank loan...). */
	combinesWith: z.array(idSchema).refine(unique, noDuplicates).default([]),
	combinationNote: plainText(500).optional(),
	website: httpUrlSchema.optional()
});
export type FundingTool = z.infer<typeof fundingToolSchema>;
export type FundingToolInput = z.input<typeof fundingToolSchema>;

export type PublicRecord = Organisation | Initiative | FundingTool;
export type RecordKind = PublicRecord['kind'];
export const RECORD_KINDS = ['organisation', 'initiative', 'funding-tool'] as const;

export const RECORD_SCHEMAS = {
	organisation: organisationSchema,
	initiative: initiativeSchema,
	'funding-tool': fundingToolSchema
} as const;
