/**
 * What the SIRENE pipeline reads (the fields of a kept row, checked) and what it yields (one normalised
 * establishment per selected SIRET), as zod schemas: the schema is the type.
 */
import { z } from 'zod';
import { LEGAL_FORM_CODES } from '$lib/domain/taxonomies';
import { ACTIVITY_FAMILIES } from '$lib/domain/activity-families';
import { SIZE_BANDS } from '$lib/domain/size-bands';

const nullable = z.string().nullable();
const date = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'date AAAA-MM-JJ attendue' })
	.nullable();
const number = z
	.string()
	.regex(/^-?\d+(\.\d+)?$/, { error: 'nombre attendu' })
	.nullable();
const diffusion = z.enum(['O', 'P', 'N'], { error: 'statut de diffusion O, P ou N attendu' });

/** A kept StockEtablissement row. Only what the pipeline relies on is constrained. */
export const etablissementFieldsSchema = z.object({
	siren: z.string().regex(/^\d{9}$/, { error: 'SIREN de 9 chiffres attendu' }),
	nic: z.string().regex(/^\d{5}$/, { error: 'NIC de 5 chiffres attendu' }),
	siret: z.string().regex(/^\d{14}$/, { error: 'SIRET de 14 chiffres attendu' }),
	statutDiffusionEtablissement: diffusion,
	dateCreationEtablissement: date,
	trancheEffectifsEtablissement: nullable,
	anneeEffectifsEtablissement: z
		.string()
		.regex(/^\d{4}$/, { error: 'année sur 4 chiffres attendue' })
		.nullable(),
	etablissementSiege: z.enum(['true', 'false'], { error: 'true ou false attendu' }),
	complementAdresseEtablissement: nullable,
	numeroVoieEtablissement: nullable,
	indiceRepetitionEtablissement: nullable,
	typeVoieEtablissement: nullable,
	libelleVoieEtablissement: nullable,
	codePostalEtablissement: nullable,
	libelleCommuneEtablissement: nullable,
	codeCommuneEtablissement: z.string().regex(/^\d[\dAB]\d{3}$/, { error: 'code commune INSEE attendu' }),
	coordonneeLambertAbscisseEtablissement: number,
	coordonneeLambertOrdonneeEtablissement: number,
	etatAdministratifEtablissement: z.literal('A'),
	enseigne1Etablissement: nullable,
	denominationUsuelleEtablissement: nullable,
	activitePrincipaleEtablissement: nullable,
	nomenclatureActivitePrincipaleEtablissement: nullable,
	caractereEmployeurEtablissement: nullable,
	activitePrincipaleNAF25Etablissement: nullable
});

/** A kept StockUniteLegale row. */
export const uniteLegaleFieldsSchema = z.object({
	siren: z.string().regex(/^\d{9}$/, { error: 'SIREN de 9 chiffres attendu' }),
	statutDiffusionUniteLegale: diffusion,
	identifiantAssociationUniteLegale: nullable,
	etatAdministratifUniteLegale: nullable,
	denominationUniteLegale: nullable,
	denominationUsuelle1UniteLegale: nullable,
	categorieJuridiqueUniteLegale: z
		.string()
		.regex(/^\d{4}$/, { error: 'catégorie juridique sur 4 chiffres attendue' })
		.nullable(),
	economieSocialeSolidaireUniteLegale: nullable
});

const familyCodes = ACTIVITY_FAMILIES.map((f) => f.code) as [
	(typeof ACTIVITY_FAMILIES)[number]['code'],
	...(typeof ACTIVITY_FAMILIES)[number]['code'][]
];
const sizeCodes = SIZE_BANDS.map((b) => b.code) as [
	(typeof SIZE_BANDS)[number]['code'],
	...(typeof SIZE_BANDS)[number]['code'][]
];

/**
 * One selected establishment, normalised: what the store's SIRENE merge will read. Privacy is already
 * applied: a partially diffusible establishment or unit (status P) has no address and no position; a natural
 * person has no name at all. `position: null` means the record stands at its commune's reference point.
 */
export const sireneEstablishmentSchema = z.strictObject({
	siret: z.string().regex(/^\d{14}$/),
	siren: z.string().regex(/^\d{9}$/),
	/** RNA id (W + 9 characters) of an association, the join key with the RNA. */
	rna: z
		.string()
		.regex(/^W[\dA-Z]{9}$/)
		.nullable(),
	/**
	 * The name to show: the establishment's enseigne or usual name when it differs from the legal unit's
	 * name, else the legal unit's name. Null only for natural persons (never published by name) and for the
	 * rare unit the register names nowhere.
	 */
	name: z.string().min(1).nullable(),
	/** True when `name` is the establishment's own enseigne or usual name rather than the legal unit's. */
	nameFromEstablishment: z.boolean(),
	/** The legal unit's name (dénomination), null for natural persons. */
	unitName: z.string().min(1).nullable(),
	legalCategory: z.strictObject({
		/** INSEE catégorie juridique, niveau III (`9220`). */
		code: z
			.string()
			.regex(/^\d{4}$/)
			.nullable(),
		label: z.string().nullable(),
		/** Our legal form (taxonomies' LEGAL_FORMS), 'inconnue' when the code maps to none. */
		legalForm: z.enum(LEGAL_FORM_CODES)
	}),
	activity: z.strictObject({
		/** APE code as INSEE writes it (`88.99B`). */
		code: z.string().nullable(),
		/** NAF rév. 2 label; null for codes of older nomenclatures. */
		label: z.string().nullable(),
		/** `NAFRev2`, or an older nomenclature (`NAFRev1`, `NAF1993`, `NAP`) for old establishments. */
		nomenclature: z.string().nullable(),
		family: z.enum(familyCodes),
		/** NAF 2025 code when the file has the column (official from 2027), no label yet. */
		naf2025: z.string().nullable()
	}),
	size: z
		.strictObject({ code: z.enum(sizeCodes), label: z.string(), year: z.number().int().nullable() })
		.nullable(),
	createdOn: z.iso.date().nullable(),
	headOffice: z.boolean(),
	/** caractereEmployeurEtablissement: O true, N false, absent null. */
	employer: z.boolean().nullable(),
	commune: z.strictObject({ code: z.string(), name: z.string().nullable() }),
	address: z
		.strictObject({
			number: z.string().nullable(),
			/** bis, ter, quater, quinquies, or the register's letter. */
			repetition: z.string().nullable(),
			/** The street type as a word (`avenue`), whether the register wrote a code or a word. */
			streetType: z.string().nullable(),
			/** As the register writes it (upper case, often without accents). */
			streetName: z.string().nullable(),
			complement: z.string().nullable(),
			postcode: z.string().nullable(),
			/** Number, repetition, type and name joined: `12 bis rue DU JEU DES ENFANTS`. */
			line: z.string().nullable()
		})
		.nullable(),
	/** WGS84, from the register's Lambert-93 coordinates; null when it has none or the record is protected. */
	position: z.strictObject({ lon: z.number(), lat: z.number(), precision: z.literal('address') }).nullable(),
	/** 'P' when the establishment or its legal unit is partially diffusible (or legacy N), else 'O'. */
	diffusion: z.enum(['O', 'P']),
	naturalPerson: z.boolean(),
	/** Why the unit counts as ESS: INSEE's flag, the ESS France list, or both. */
	ess: z.strictObject({ inseeFlag: z.boolean(), essFranceList: z.boolean() }),
	/** Date of the stock files (AAAA-MM-JJ). */
	stockDate: z.iso.date(),
	/** Lines of the two files the record comes from, for messages. */
	source: z.strictObject({ etablissementsLine: z.number().int(), unitesLegalesLine: z.number().int() })
});

export type SireneEstablishment = z.infer<typeof sireneEstablishmentSchema>;
export type EtablissementRow = z.infer<typeof etablissementFieldsSchema>;
export type UniteLegaleRow = z.infer<typeof uniteLegaleFieldsSchema>;
