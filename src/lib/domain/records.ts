import { z } from 'zod';
import {
	WEBSITE_PROPOSAL,
	contactSchema,
	httpUrlSchema,
	isoDateSchema,
	idSchema,
	locationSchema,
	plainText,
	recordHead,
	recordQuality,
	slugSchema
} from './common';
import { FILL, UNION, field, type FieldGroup, type MergeRule } from './field-meta';
import { inseeCodeSchema, quartierCodeSchema } from './geography';
import { ACTIVITY_FAMILIES, NAF_REV2, activityFamilyForNaf, activityFamilyLabel } from './activity-families';
import { SIZE_BANDS } from './size-bands';
import { parseOpeningHours } from './places/opening-hours';
import { datesProblems } from './events/schedule';
import {
	ACTION_TERRITORY_CODES,
	APPROVAL_CODES,
	AUDIENCE_CODES,
	AVAILABILITY_CODES,
	CARRIER_KIND_CODES,
	ESTABLISHMENT_TYPE_CODES,
	EVENT_STATUS_CODES,
	FISCAL_STATUS_CODES,
	FUNDING_TYPE_CODES,
	INITIATIVE_TYPE_CODES,
	LEGAL_FORM_CODES,
	NEED_CODES,
	PLACE_TERM_CODES,
	PLACE_TYPE_CODES,
	ORIGIN_CODES,
	PROJECT_KIND_CODES,
	PURPOSE_CODES,
	RECURRENCE_CODES,
	ROLE_CODES,
	SECTOR_CODES,
	SERVICE_TYPE_CODES,
	SUPPLIER_KINDS,
	labelOf,
	type SupplierKind,
	STAGE_CODES,
	SUPPORT_KIND_CODES,
	TERRITORY_CODES,
	legalForm
} from './taxonomies';

/*
 * Each field is declared once, here, with its metadata (field(schema, {...}), see field-meta.ts): label,
 * form group and input, help, merge rule, CSV column, schema.org property, public proposals. The order of
 * the keys is the order of the admin form and of the CSV columns.
 */

function unique<T>(items: T[]): boolean {
	return new Set(items).size === items.length;
}
const noDuplicates = { error: 'contient des doublons' };
/** Column names people give the « is it ESS? » flag in their spreadsheets. */
const ESS_ALIASES = [
	'ess',
	'structure ess',
	'acteur de l ess',
	'economie sociale et solidaire',
	'membre de l ess'
];

function thematiques() {
	return field(z.array(slugSchema).refine(unique, noDuplicates), {
		label: 'Thématiques',
		group: 'classification',
		type: 'ref-list',
		ref: 'thematique',
		aliases: ['thematique', 'theme', 'themes'],
		merge: UNION,
		propose: { key: 'thematiques', create: 'classification', label: 'Thématiques du Conseil de l’ESS' }
	}).default([]);
}

function sectors() {
	return field(z.array(z.enum(SECTOR_CODES, { error: 'secteur inconnu' })).refine(unique, noDuplicates), {
		label: 'Secteurs',
		group: 'classification',
		type: 'enum-list',
		taxonomy: 'sector',
		aliases: ['secteur', 'secteur d activite', 'domaine', 'domaine d activite'],
		merge: UNION,
		propose: { key: 'sectors', create: 'classification', label: 'Domaines' }
	}).default([]);
}

function tags(jsonLd: string) {
	return field(z.array(plainText(40)).max(20), {
		label: 'Mots-clés',
		group: 'classification',
		type: 'text-list',
		hint: 'un par ligne',
		aliases: ['mots cles', 'mot cle', 'tags'],
		jsonLd,
		merge: UNION
	}).default([]);
}

function year(
	label: string,
	group: FieldGroup,
	extra: { jsonLd?: string; merge?: MergeRule; aliases?: readonly string[] } = {}
) {
	return field(z.number().int().min(1800).max(2100), { label, group, type: 'int', ...extra }).optional();
}

/** Where a record is: its commune, quartier and sub-quartier when known, position when placed. */
const placeFields = {
	communeCode: field(inseeCodeSchema, {
		label: 'Commune',
		group: 'place',
		type: 'ref',
		ref: 'commune',
		aliases: [
			'commune',
			'code commune',
			'code insee',
			'insee',
			'citycode',
			'ville',
			'localite',
			'nom de la commune'
		],
		jsonLd: 'address.addressLocality'
	}),
	quartierCode: field(quartierCodeSchema, {
		label: 'Quartier (Strasbourg)',
		group: 'place',
		type: 'ref',
		ref: 'quartier',
		aliases: ['quartier', 'code quartier', 'quartier de strasbourg', 'nom du quartier'],
		// A quartier taken from the other record must be in the kept record's commune.
		merge: { rule: 'fill', sameAs: 'communeCode' }
	}).optional(),
	subQuartier: field(slugSchema, {
		label: 'Sous-quartier',
		group: 'place',
		type: 'text',
		hint: 'slug du sous-quartier, ex. meinau',
		merge: { rule: 'fill', sameAs: 'quartierCode' }
	}).optional(),
	qpv: field(slugSchema, {
		label: 'Quartier prioritaire (QPV)',
		group: 'place',
		type: 'ref',
		ref: 'qpv'
	}).optional(),
	/** The address as the source gives it; a record without one is still listed. */
	address: field(plainText(300), {
		label: 'Adresse',
		group: 'place',
		type: 'text',
		aliases: ['adresse', 'adresse postale', 'rue', 'adresse complete', 'adresse du siege'],
		jsonLd: 'address.streetAddress',
		merge: FILL,
		// A new record's address is asked in the proposal's own place block.
		propose: { key: 'address', correct: true }
	}).optional(),
	location: locationSchema.optional()
};

/**
 * An organisation's place. A national or regional body (a financer, the Région, a network) has no commune in
 * the Eurométropole: it gets a territory of action instead, is listed but not drawn on the map, and counts
 * in no quartier or commune.
 */
const organisationPlaceFields = {
	communeCode: placeFields.communeCode.optional(),
	territory: field(z.enum(ACTION_TERRITORY_CODES, { error: 'territoire inconnu' }), {
		label: 'Territoire d’action',
		group: 'place',
		type: 'enum',
		taxonomy: 'actionTerritory',
		hint: 'pour une structure sans implantation connue dans une commune de l’Eurométropole',
		aliases: ['territoire', 'territoire d action'],
		jsonLd: 'areaServed',
		merge: FILL
	}).optional(),
	quartierCode: placeFields.quartierCode,
	subQuartier: placeFields.subQuartier,
	qpv: placeFields.qpv,
	address: placeFields.address,
	location: placeFields.location
};

const familyCodes = ACTIVITY_FAMILIES.map((f) => f.code) as [
	(typeof ACTIVITY_FAMILIES)[number]['code'],
	...(typeof ACTIVITY_FAMILIES)[number]['code'][]
];
const sizeCodes = SIZE_BANDS.map((b) => b.code) as [
	(typeof SIZE_BANDS)[number]['code'],
	...(typeof SIZE_BANDS)[number]['code'][]
];
/**
 * What the SIRENE register says of an organisation's establishment (filled by `npm run import:sirene`, or
 * typed), and where the record comes from. Labels (catégorie juridique, NAF) are derived from the codes.
 */
const registerFields = {
	siren: field(
		z
			.string()
			.trim()
			.regex(/^\d{9}$/, { error: 'SIREN invalide : 9 chiffres attendus' }),
		{
			label: 'SIREN',
			group: 'register',
			type: 'text',
			hint: '9 chiffres : l’unité légale, les 9 premiers chiffres du SIRET',
			aliases: ['n siren', 'numero siren'],
			merge: FILL
		}
	).optional(),
	rna: field(
		z
			.string()
			.trim()
			.regex(/^W[\dA-Z]{9}$/, { error: 'numéro RNA invalide : W suivi de 9 caractères' }),
		{
			label: 'Numéro RNA',
			group: 'register',
			type: 'text',
			hint: 'associations : W suivi de 9 caractères',
			aliases: ['rna', 'numero rna', 'identifiant association'],
			merge: FILL
		}
	).optional(),
	legalCategory: field(
		z
			.string()
			.trim()
			.regex(/^\d{4}$/, { error: 'catégorie juridique invalide : code INSEE à 4 chiffres attendu' }),
		{
			label: 'Catégorie juridique (INSEE)',
			group: 'register',
			type: 'text',
			hint: 'code à 4 chiffres, par ex. 9220 (association déclarée)',
			aliases: ['categorie juridique', 'code categorie juridique'],
			merge: FILL
		}
	).optional(),
	naf: field(
		z
			.string()
			.trim()
			.regex(/^\d{2}\.?\d{1,2}[A-Z]?$/, { error: 'code NAF invalide : par ex. 88.99B' }),
		{
			label: 'Code NAF (APE)',
			group: 'register',
			type: 'text',
			hint: 'NAF rév. 2, par ex. 88.99B ; la famille d’activité en découle',
			aliases: ['naf', 'ape', 'code naf', 'code ape', 'activite principale'],
			merge: FILL
		}
	).optional(),
	activityFamily: field(z.enum(familyCodes, { error: 'famille d’activité inconnue' }), {
		label: 'Famille d’activité',
		group: 'register',
		type: 'enum',
		taxonomy: 'activityFamily',
		hint: 'déduite du code NAF (rév. 2) quand il est connu, sinon choisie d’après l’activité décrite par les sources',
		aliases: ['famille activite'],
		merge: FILL
	}).optional(),
	sizeBand: field(z.enum(sizeCodes, { error: 'tranche d’effectifs inconnue' }), {
		label: 'Tranche d’effectifs salariés',
		group: 'register',
		type: 'enum',
		taxonomy: 'sizeBand',
		aliases: ['tranche effectifs', 'effectifs'],
		merge: FILL
	}).optional(),
	sizeBandYear: field(z.number().int().min(1970).max(2100), {
		label: 'Année de la tranche d’effectifs',
		group: 'register',
		type: 'int',
		aliases: ['annee effectifs'],
		merge: FILL
	}).optional(),
	createdOn: field(z.iso.date({ error: 'date de création invalide : AAAA-MM-JJ' }), {
		label: 'Date de création de l’établissement',
		group: 'register',
		type: 'date',
		hint: 'AAAA-MM-JJ, selon le répertoire SIRENE',
		aliases: ['date creation', 'date de creation'],
		merge: FILL
	}).optional(),
	establishment: field(z.enum(ESTABLISHMENT_TYPE_CODES, { error: 'siège ou établissement secondaire' }), {
		label: 'Siège ou établissement secondaire',
		group: 'register',
		type: 'enum',
		taxonomy: 'establishment',
		aliases: ['siege', 'etablissement siege'],
		merge: FILL
	}).optional(),
	origin: field(z.enum(ORIGIN_CODES, { error: 'origine inconnue : curated ou sirene' }), {
		label: 'Origine de la fiche',
		group: 'register',
		type: 'enum',
		taxonomy: 'origin',
		hint: 'vide : fiche éditoriale ; « sirene » : créée par l’import du répertoire'
	}).optional(),
	sireneStock: field(z.iso.date({ error: 'date du stock SIRENE invalide : AAAA-MM-JJ' }), {
		label: 'Stock SIRENE de référence',
		group: 'register',
		type: 'date',
		hint: 'date du stock SIRENE d’où viennent les champs du répertoire',
		merge: FILL
	}).optional()
};

/** Short names of the supplier kinds, as buyers and the approvals' own texts write them. */
const KIND_SHORT: Record<SupplierKind, string> = {
	ei: 'EI',
	etti: 'ETTI',
	ai: 'AI',
	aci: 'ACI',
	eiti: 'EITI',
	geiq: 'GEIQ',
	ea: 'EA',
	eatt: 'EATT',
	esat: 'ESAT',
	esus: 'ESUS'
};

/**
 * The proof of one supplier kind: the publication that states it (its title, the site that published it,
 * its address when known) and its date. A buyer cites it in the contract file, so it is a publication a
 * reader can open, never our notes.
 */
function kindProof(kind: SupplierKind) {
	const short = KIND_SHORT[kind];
	return z
		.strictObject({
			title: field(plainText(300), {
				label: `Preuve ${short} : titre de la publication`,
				group: 'buyers',
				type: 'text',
				merge: FILL
			}),
			site: field(plainText(200), {
				label: `Preuve ${short} : site ou éditeur`,
				group: 'buyers',
				type: 'text',
				merge: FILL
			}),
			url: field(httpUrlSchema, {
				label: `Preuve ${short} : adresse web`,
				group: 'buyers',
				type: 'url',
				merge: FILL
			}).optional(),
			date: field(isoDateSchema, {
				label: `Preuve ${short} : date`,
				group: 'buyers',
				type: 'date',
				hint: 'AAAA-MM-JJ : date de la publication, ou à défaut de sa consultation',
				merge: FILL
			})
		})
		.optional();
}

/**
 * What a buyer needs to know of a supplier besides its approvals: the proof of each kind it claims, the
 * kinds of service it offers and where it intervenes (a radius, or a list of communes). The QPV location is
 * the place's own `qpv`.
 */
const supplierFields = {
	approvalProofs: z
		.strictObject(
			Object.fromEntries(SUPPLIER_KINDS.map((k) => [k, kindProof(k)])) as Record<
				SupplierKind,
				ReturnType<typeof kindProof>
			>
		)
		.optional(),
	serviceTypes: field(
		z.array(z.enum(SERVICE_TYPE_CODES, { error: 'type de prestation inconnu' })).refine(unique, noDuplicates),
		{
			label: 'Types de prestation',
			group: 'buyers',
			type: 'enum-list',
			taxonomy: 'serviceType',
			aliases: ['type de prestation', 'types de prestation'],
			merge: UNION
		}
	).optional(),
	interventionKm: field(z.number().int().min(1, { error: 'au moins 1 km' }).max(1000), {
		label: 'Rayon d’intervention (km)',
		group: 'buyers',
		type: 'int',
		hint: 'distance jusqu’où la structure intervient, depuis son adresse',
		aliases: ['rayon d intervention', 'perimetre d intervention km'],
		merge: FILL
	}).optional(),
	interventionCommunes: field(z.array(inseeCodeSchema).refine(unique, noDuplicates), {
		label: 'Communes d’intervention',
		group: 'buyers',
		type: 'ref-list',
		ref: 'commune',
		hint: 'les communes de l’Eurométropole où la structure intervient, si elle les déclare',
		aliases: ['communes d intervention', 'zone d intervention'],
		merge: UNION
	}).optional()
};

export const organisationSchema = z
	.strictObject({
		kind: z.literal('organisation', { error: 'kind doit valoir "organisation"' }),
		...recordHead,
		shortName: field(plainText(60), {
			label: 'Nom court',
			group: 'identity',
			type: 'text',
			aliases: ['sigle', 'acronyme'],
			jsonLd: 'alternateName',
			merge: FILL
		}).optional(),
		siret: field(
			z
				.string()
				.trim()
				.regex(/^\d{14}$/, { error: 'SIRET invalide : 14 chiffres attendus' }),
			{
				label: 'SIRET',
				group: 'identity',
				type: 'text',
				hint: '14 chiffres',
				aliases: ['n siret', 'numero siret', 'siret etablissement'],
				jsonLd: 'identifier',
				merge: FILL,
				propose: {
					key: 'siret',
					create: 'about',
					label: 'Numéro SIRET',
					hint: '14 chiffres, si vous le connaissez.',
					inputmode: 'numeric'
				}
			}
		).optional(),
		roles: field(
			z
				.array(z.enum(ROLE_CODES, { error: 'rôle invalide : acteur, financeur ou accompagnateur' }))
				.min(1, { error: 'au moins un rôle est requis' })
				.refine(unique, noDuplicates),
			{
				label: 'Rôles',
				group: 'classification',
				type: 'enum-list',
				taxonomy: 'role',
				aliases: ['role', 'role dans l ess', 'type d acteur'],
				propose: {
					key: 'roles',
					create: 'about',
					label: 'Rôle',
					hint: 'Une ou plusieurs réponses.',
					missing: 'choisissez au moins un rôle'
				}
			}
		),
		legalForm: field(z.enum(LEGAL_FORM_CODES, { error: 'forme juridique inconnue' }), {
			label: 'Forme juridique',
			group: 'classification',
			type: 'enum',
			taxonomy: 'legalForm',
			aliases: ['forme juridique', 'statut juridique', 'forme'],
			propose: {
				key: 'legalForm',
				create: 'about',
				hint: 'Choisissez « Forme juridique non connue » si vous ne savez pas.',
				missing: 'choisissez une forme juridique (ou « non connue »)'
			}
		}),
		/** False for useful resources that are not ESS (a municipal venue, a tech incubator). */
		isEss: field(z.boolean(), {
			label: 'Structure de l’ESS',
			group: 'classification',
			type: 'boolean',
			aliases: ESS_ALIASES
		}),
		approvals: field(
			z.array(z.enum(APPROVAL_CODES, { error: 'agrément inconnu' })).refine(unique, noDuplicates),
			{ label: 'Agréments', group: 'classification', type: 'enum-list', taxonomy: 'approval' }
		).default([]),
		fiscalStatus: field(z.enum(FISCAL_STATUS_CODES, { error: 'statut fiscal invalide' }), {
			label: 'Statut fiscal',
			group: 'classification',
			type: 'enum',
			taxonomy: 'fiscalStatus'
		}).default('inconnu'),
		thematiques: thematiques(),
		sectors: sectors(),
		tags: tags('knowsAbout'),
		foundedYear: year('Année de création', 'description', {
			jsonLd: 'foundingDate',
			merge: FILL,
			aliases: ['creation', 'date de creation', 'cree en']
		}),
		/** The parent organisation for a site, antenna or project of another record. */
		parentId: field(idSchema, {
			label: 'Structure parente',
			group: 'classification',
			type: 'ref',
			ref: 'organisation'
		}).optional(),
		contact: contactSchema.default({}),
		...organisationPlaceFields,
		...supplierFields,
		...registerFields,
		...recordQuality
	})
	.superRefine((o, ctx) => {
		if (o.communeCode === undefined) {
			if (o.territory === undefined)
				ctx.addIssue({
					code: 'custom',
					path: ['communeCode'],
					message:
						'indiquez la commune, ou, pour une structure sans implantation dans l’Eurométropole, son territoire d’action'
				});
			for (const key of ['quartierCode', 'subQuartier', 'qpv', 'location'] as const)
				if (o[key] !== undefined)
					ctx.addIssue({
						code: 'custom',
						path: [key],
						message:
							'sans commune, une fiche n’a ni quartier ni position : indiquez la commune ou retirez cette valeur'
					});
		}
		if (o.siren && o.siret && !o.siret.startsWith(o.siren))
			ctx.addIssue({
				code: 'custom',
				path: ['siren'],
				message: `le SIREN doit être les 9 premiers chiffres du SIRET (${o.siret.slice(0, 9)})`
			});
		if (o.naf && o.activityFamily && NAF_REV2.test(o.naf)) {
			const expected = activityFamilyForNaf(o.naf);
			if (expected !== o.activityFamily)
				ctx.addIssue({
					code: 'custom',
					path: ['activityFamily'],
					message: `ne correspond pas au code NAF ${o.naf} : « ${activityFamilyLabel(expected)} » attendue`
				});
		}
		for (const kind of SUPPLIER_KINDS)
			if (o.approvalProofs?.[kind] && !o.approvals.includes(kind))
				ctx.addIssue({
					code: 'custom',
					path: ['approvalProofs', kind, 'title'],
					message: `une preuve ${KIND_SHORT[kind]} suppose l’agrément « ${labelOf('approval', kind)} » dans Agréments`
				});
		if (o.origin === 'sirene' && (!o.siret || !o.sireneStock))
			ctx.addIssue({
				code: 'custom',
				path: ['origin'],
				message: 'une fiche créée d’après le répertoire SIRENE a un SIRET et la date de son stock'
			});
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
	kind: field(z.enum(CARRIER_KIND_CODES, { error: 'porteur invalide' }), {
		label: 'Porteur',
		group: 'classification',
		type: 'enum',
		taxonomy: 'carrierKind',
		aliases: ['porteur', 'type de porteur', 'porte par'],
		propose: {
			key: 'carrierKind',
			create: 'who',
			label: 'Qui la porte ?',
			control: 'radio',
			missing: 'indiquez qui porte l’initiative'
		}
	}),
	name: field(plainText(200), {
		label: 'Nom du porteur',
		group: 'classification',
		type: 'text',
		aliases: ['structure porteuse', 'porteur du projet'],
		propose: {
			key: 'carrierName',
			create: 'who',
			label: 'Nom du collectif, de l’association ou de la structure'
		}
	}).optional(),
	organisationId: field(idSchema, {
		label: 'Structure porteuse (fiche)',
		group: 'classification',
		type: 'ref',
		ref: 'organisation'
	}).optional()
});

export const initiativeSchema = z.strictObject({
	kind: z.literal('initiative', { error: 'kind doit valoir "initiative"' }),
	...recordHead,
	initiativeType: field(z.enum(INITIATIVE_TYPE_CODES, { error: "type d'initiative inconnu" }), {
		label: 'Type d’initiative',
		group: 'classification',
		type: 'enum',
		taxonomy: 'initiativeType',
		aliases: ['type', 'type d initiative'],
		jsonLd: 'keywords',
		propose: {
			key: 'initiativeType',
			create: 'about',
			label: 'Type',
			missing: 'choisissez un type d’initiative'
		}
	}),
	/** False for useful quartier resources that are not ESS (municipal gardens, venues). */
	isEss: field(z.boolean(), {
		label: 'Initiative de l’ESS',
		group: 'classification',
		type: 'boolean',
		aliases: ESS_ALIASES
	}),
	carrier: carrierSchema,
	howToJoin: field(plainText(1000), {
		label: 'Comment participer',
		group: 'description',
		type: 'longtext',
		aliases: ['participer', 'comment rejoindre'],
		propose: {
			key: 'howToJoin',
			create: 'who',
			correct: true,
			label: 'Comment participer ou prendre contact ?',
			rows: 3
		}
	}).optional(),
	/** A recurring schedule or dates, in words ("le premier samedi du mois"). */
	schedule: field(plainText(300), {
		label: 'Horaires ou dates',
		group: 'description',
		type: 'text',
		aliases: ['horaires', 'quand', 'dates', 'frequence'],
		propose: {
			key: 'schedule',
			create: 'who',
			correct: true,
			label: 'Quand ?',
			hint: 'Un rythme (« le premier samedi du mois, de 10 h à 12 h ») ou des dates.'
		}
	}).optional(),
	needs: field(z.array(z.enum(NEED_CODES, { error: 'besoin inconnu' })).refine(unique, noDuplicates), {
		label: 'Besoins',
		group: 'classification',
		type: 'enum-list',
		taxonomy: 'need',
		aliases: ['besoin'],
		propose: { key: 'needs', create: 'who', label: 'De quoi a-t-elle besoin ?' }
	}).default([]),
	thematiques: thematiques(),
	sectors: sectors(),
	tags: tags('keywords'),
	startedYear: year('Année de début', 'description', { aliases: ['depuis', 'annee de lancement'] }),
	contact: contactSchema.default({}),
	...placeFields,
	...recordQuality
});
export type Initiative = z.infer<typeof initiativeSchema>;
export type InitiativeInput = z.input<typeof initiativeSchema>;

const euros = z
	.number({ error: 'montant : nombre en euros attendu' })
	.nonnegative({ error: 'montant négatif' });

function amountField(label: string, jsonLd?: string) {
	return field(euros, { label, group: 'funding', type: 'number', jsonLd }).optional();
}

export const amountSchema = z
	.strictObject({
		min: amountField('Montant minimum (€)', 'amount.minValue'),
		max: amountField('Montant maximum (€)', 'amount.maxValue'),
		average: amountField('Montant moyen (€)'),
		/** Year of the figure: amounts in the research date from 2013 to 2020. */
		year: field(z.number().int().min(2000).max(2100), {
			label: 'Année des montants',
			group: 'funding',
			type: 'int'
		}).optional(),
		note: field(plainText(500), { label: 'Note sur les montants', group: 'funding', type: 'text' }).optional()
	})
	.refine((a) => a.min === undefined || a.max === undefined || a.min <= a.max, {
		error: 'montant minimum supérieur au maximum',
		path: ['min']
	});
export type Amount = z.infer<typeof amountSchema>;

/** A duration in months, as a range; `what` names it in the form ("Durée", "Différé"). */
function rangeMonths(what: string) {
	return z
		.strictObject({
			min: field(z.number().int().nonnegative(), {
				label: `${what} minimum (mois)`,
				group: 'funding',
				type: 'int'
			}).optional(),
			max: field(z.number().int().positive(), {
				label: `${what} maximum (mois)`,
				group: 'funding',
				type: 'int'
			}).optional()
		})
		.refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, {
			error: 'durée minimum supérieure au maximum'
		});
}

function legalForms(label: string) {
	return field(z.array(z.enum(LEGAL_FORM_CODES, { error: 'forme juridique inconnue' })), {
		label,
		group: 'eligibility',
		type: 'enum-list',
		taxonomy: 'legalForm'
	}).optional();
}

export const eligibilitySchema = z.strictObject({
	/** Who may apply: association non fiscalisée, structure fiscalisée, porteur de projet sans structure. */
	audiences: field(
		z
			.array(z.enum(AUDIENCE_CODES, { error: 'public invalide : association, fiscalisee ou porteur' }))
			.min(1, { error: 'au moins un public éligible' })
			.refine(unique, noDuplicates),
		{
			label: 'Publics éligibles',
			group: 'eligibility',
			type: 'enum-list',
			taxonomy: 'audience',
			jsonLd: 'audience.audienceType'
		}
	),
	/** When set, only these legal forms are eligible. */
	legalForms: legalForms('Formes juridiques admises (vide : toutes)'),
	/** Legal forms explicitly excluded (e.g. associations for Initiative France's prêt d'honneur). */
	excludedLegalForms: legalForms('Formes juridiques exclues'),
	/** Approvals the structure must hold (e.g. ESUS for 90/10 solidarity funds). */
	requiredApprovals: field(z.array(z.enum(APPROVAL_CODES, { error: 'agrément inconnu' })), {
		label: 'Agréments exigés',
		group: 'eligibility',
		type: 'enum-list',
		taxonomy: 'approval'
	}).optional(),
	/** Reserved to quartiers prioritaires de la politique de la ville. */
	qpvOnly: field(z.boolean(), { label: 'Réservé aux QPV', group: 'eligibility', type: 'boolean' }).default(
		false
	),
	/** Conditions the finder cannot check, shown in words ("au moins un salarié", "refusé par les banques"). */
	unchecked: field(z.array(plainText(300)), {
		label: 'Conditions à vérifier',
		group: 'eligibility',
		type: 'text-list',
		hint: 'une par ligne'
	}).default([])
});
export type Eligibility = z.infer<typeof eligibilitySchema>;

function codeList<C extends readonly [string, ...string[]]>(
	codes: C,
	error: string,
	least: string,
	meta: {
		label: string;
		taxonomy: 'fundingType' | 'stage';
		jsonLd?: string;
		aliases?: readonly string[];
	}
) {
	return field(z.array(z.enum(codes, { error })).min(1, { error: least }).refine(unique, noDuplicates), {
		...meta,
		group: 'funding',
		type: 'enum-list'
	});
}

export const fundingToolSchema = z.strictObject({
	kind: z.literal('funding-tool', { error: 'kind doit valoir "funding-tool"' }),
	...recordHead,
	providerIds: field(
		z.array(idSchema).min(1, { error: 'au moins un financeur ou opérateur' }).refine(unique, noDuplicates),
		{
			label: 'Financeurs ou opérateurs',
			group: 'funding',
			type: 'ref-list',
			ref: 'provider',
			aliases: ['financeur', 'financeurs', 'operateur', 'operateurs'],
			jsonLd: 'provider'
		}
	),
	types: codeList(FUNDING_TYPE_CODES, 'type de financement inconnu', 'au moins un type de financement', {
		label: 'Types de financement',
		taxonomy: 'fundingType',
		aliases: ['type de financement', 'type d aide', 'nature de l aide'],
		jsonLd: 'category'
	}),
	stages: codeList(STAGE_CODES, 'stade inconnu', 'au moins un stade', {
		label: 'Stades',
		taxonomy: 'stage',
		aliases: ['stade', 'stade du projet']
	}),
	purposes: field(z.array(z.enum(PURPOSE_CODES, { error: 'besoin inconnu' })).refine(unique, noDuplicates), {
		label: 'Objets',
		group: 'funding',
		type: 'enum-list',
		taxonomy: 'purpose'
	}).default([]),
	amount: amountSchema.optional(),
	/** Annual rate in percent when known (0 for a prêt à taux zéro). */
	ratePercent: field(z.number().min(0).max(100), {
		label: 'Taux annuel (%)',
		group: 'funding',
		type: 'number'
	}).optional(),
	termMonths: rangeMonths('Durée').optional(),
	deferralMonths: rangeMonths('Différé').optional(),
	eligibility: eligibilitySchema,
	territory: field(z.enum(TERRITORY_CODES, { error: 'territoire inconnu' }), {
		label: 'Territoire',
		group: 'eligibility',
		type: 'enum',
		taxonomy: 'territory',
		jsonLd: 'areaServed'
	}),
	/** INSEE code when territory is "commune". */
	territoryCommune: field(inseeCodeSchema, {
		label: 'Commune du territoire',
		group: 'eligibility',
		type: 'ref',
		ref: 'commune'
	}).optional(),
	thematiques: thematiques(),
	howToApply: field(plainText(2000), {
		label: 'Comment candidater',
		group: 'description',
		type: 'longtext',
		aliases: ['candidature', 'modalites']
	}),
	availability: field(z.enum(AVAILABILITY_CODES, { error: 'disponibilité inconnue' }), {
		label: 'Disponibilité',
		group: 'funding',
		type: 'enum',
		taxonomy: 'availability',
		aliases: ['ouverture']
	}),
	deadline: field(z.iso.date({ error: 'date limite invalide : AAAA-MM-JJ' }), {
		label: 'Date limite',
		group: 'funding',
		type: 'date',
		aliases: ['date limite de candidature', 'cloture']
	}).optional(),
	recurrence: field(plainText(200), { label: 'Récurrence', group: 'funding', type: 'text' }).optional(),
	/** Tools usually combined with this one (a guarantee with a bank loan...). */
	combinesWith: field(z.array(idSchema).refine(unique, noDuplicates), {
		label: 'Se combine avec',
		group: 'funding',
		type: 'ref-list',
		ref: 'funding-tool'
	}).default([]),
	combinationNote: field(plainText(500), {
		label: 'Note sur les combinaisons',
		group: 'funding',
		type: 'text'
	}).optional(),
	website: field(httpUrlSchema, {
		label: 'Site web',
		group: 'contact',
		type: 'url',
		aliases: ['site', 'site internet', 'website', 'url', 'lien'],
		jsonLd: 'sameAs',
		propose: WEBSITE_PROPOSAL
	}).optional(),
	// A support offer is a funding tool with a kind of support: one record kind, so moderation, history,
	// import, export and sources are shared; /creer and /api/v1/accompagnements show these tools.
	supportKinds: field(
		z
			.array(z.enum(SUPPORT_KIND_CODES, { error: 'type d’accompagnement inconnu' }))
			.refine(unique, noDuplicates),
		{
			label: 'Types d’accompagnement',
			group: 'support',
			type: 'enum-list',
			taxonomy: 'supportKind',
			hint: 'pour une offre d’accompagnement : la rend visible dans « Créer son activité »',
			aliases: ['type d accompagnement', 'accompagnement']
		}
	).default([]),
	projectKinds: field(
		z.array(z.enum(PROJECT_KIND_CODES, { error: 'type de projet inconnu' })).refine(unique, noDuplicates),
		{
			label: 'Projets accompagnés (vide : tous)',
			group: 'support',
			type: 'enum-list',
			taxonomy: 'projectKind',
			aliases: ['projets accompagnes', 'type de projet']
		}
	).default([]),
	cost: field(plainText(300), {
		label: 'Coût pour le porteur',
		group: 'support',
		type: 'text',
		hint: 'gratuit, payant, selon la structure… ; vide : non publié',
		aliases: ['cout', 'tarif', 'prix']
	}).optional(),
	...recordQuality
});
export type FundingTool = z.infer<typeof fundingToolSchema>;
export type FundingToolInput = z.input<typeof fundingToolSchema>;

/** Opening hours in one French line (places/opening-hours.ts), validated by its parser. */
const openingHoursSchema = plainText(1000).superRefine((line, ctx) => {
	const r = parseOpeningHours(line);
	if (!r.ok) ctx.addIssue({ code: 'custom', message: r.error });
});

/**
 * A place to work, meet and try: a tiers-lieu, a coworking, rooms lent to associations, a shared workshop
 * or kitchen, a test shop, an incubator's premises. Unknown hours stay absent (never guessed).
 */
export const placeSchema = z.strictObject({
	kind: z.literal('place', { error: 'kind doit valoir "place"' }),
	...recordHead,
	placeTypes: field(
		z
			.array(z.enum(PLACE_TYPE_CODES, { error: 'type de lieu inconnu' }))
			.min(1, { error: 'au moins un type de lieu' })
			.refine(unique, noDuplicates),
		{
			label: 'Types de lieu',
			group: 'classification',
			type: 'enum-list',
			taxonomy: 'placeType',
			aliases: ['type de lieu', 'type', 'types'],
			jsonLd: 'additionalType',
			propose: {
				key: 'placeTypes',
				create: 'about',
				label: 'Quel genre de lieu ?',
				hint: 'Une ou plusieurs réponses.',
				missing: 'choisissez au moins un type de lieu'
			}
		}
	),
	services: field(z.array(plainText(120)).max(30), {
		label: 'Services',
		group: 'description',
		type: 'text-list',
		hint: 'un par ligne : coworking, café associatif, salle de réunion…',
		aliases: ['service', 'equipements', 'offre'],
		jsonLd: 'amenityFeature',
		merge: UNION,
		propose: {
			key: 'services',
			create: 'who',
			correct: true,
			label: 'Ce qu’on y trouve',
			hint: 'Un service par ligne.',
			rows: 3
		}
	}).default([]),
	audience: field(plainText(300), {
		label: 'Pour qui',
		group: 'description',
		type: 'text',
		aliases: ['public', 'pour qui'],
		merge: FILL,
		propose: { key: 'audience', create: 'who', correct: true, label: 'Pour qui ?' }
	}).optional(),
	terms: field(z.enum(PLACE_TERM_CODES, { error: 'conditions inconnues' }), {
		label: 'Conditions d’accès',
		group: 'description',
		type: 'enum',
		taxonomy: 'placeTerms',
		aliases: ['tarif', 'conditions', 'prix'],
		propose: { key: 'terms', create: 'who', correct: true, label: 'À quelles conditions ?' }
	}).default('inconnu'),
	priceNote: field(plainText(300), {
		label: 'Tarifs',
		group: 'description',
		type: 'text',
		hint: 'fourchette de prix, adhésion, gratuité…',
		aliases: ['tarifs', 'fourchette de prix'],
		merge: FILL
	}).optional(),
	accessibility: field(plainText(500), {
		label: 'Accessibilité',
		group: 'description',
		type: 'text',
		aliases: ['accessibilite', 'acces pmr', 'handicap'],
		merge: FILL,
		propose: { key: 'accessibility', create: 'who', correct: true, label: 'Accessibilité' }
	}).optional(),
	capacity: field(z.number().int().positive().max(100000), {
		label: 'Capacité (personnes)',
		group: 'description',
		type: 'int',
		aliases: ['capacite', 'jauge'],
		jsonLd: 'maximumAttendeeCapacity',
		merge: FILL
	}).optional(),
	openingHours: field(openingHoursSchema, {
		label: 'Horaires d’ouverture',
		group: 'description',
		type: 'text',
		hint: 'ex. lu-ve 09:00-18:00; sa 10:00-12:00; fériés fermé; 2026-12-24 09:00-12:00 ; vide : non connus',
		aliases: ['horaires', 'heures d ouverture', 'ouverture'],
		merge: FILL,
		propose: {
			key: 'openingHours',
			create: 'who',
			correct: true,
			control: 'hours'
		}
	}).optional(),
	operatorId: field(idSchema, {
		label: 'Structure qui anime le lieu',
		group: 'classification',
		type: 'ref',
		ref: 'organisation',
		jsonLd: 'parentOrganization'
	}).optional(),
	thematiques: thematiques(),
	tags: tags('keywords'),
	contact: contactSchema.default({}),
	...placeFields,
	...recordQuality
});
export type Place = z.infer<typeof placeSchema>;
export type PlaceInput = z.input<typeof placeSchema>;

const timeSchema = z
	.string({ error: 'doit être un texte' })
	.trim()
	.regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'heure invalide : format attendu HH:MM, par ex. 14:30' });

/**
 * An event of the ESS in time: a fair, a plenary session, a month of events. Its dates follow the small model
 * of events/schedule.ts (one day, several days, or a repetition up to an end date). Where it happens is an
 * address with an honest position, a quartier or commune only, or a place record (`placeId`); an event of the
 * whole Eurométropole has no commune.
 */
export const eventSchema = z
	.strictObject({
		kind: z.literal('event', { error: 'kind doit valoir "event"' }),
		...recordHead,
		name: field(plainText(200), {
			label: 'Titre',
			group: 'identity',
			type: 'text',
			aliases: ['titre', 'intitule', 'nom', 'nom de l evenement', 'evenement', 'title'],
			jsonLd: 'name',
			propose: {
				key: 'name',
				create: 'about',
				correct: true,
				label: 'Titre de l’événement',
				min: { correct: 2 }
			}
		}),
		eventStatus: field(z.enum(EVENT_STATUS_CODES, { error: 'état inconnu : annonce, annule ou reporte' }), {
			label: 'État de l’événement',
			group: 'identity',
			type: 'enum',
			taxonomy: 'eventStatus',
			aliases: ['etat', 'etat de l evenement', 'annule', 'reporte'],
			jsonLd: 'eventStatus'
		}).default('annonce'),
		startDate: field(isoDateSchema, {
			label: 'Date de début',
			group: 'description',
			type: 'date',
			hint: 'AAAA-MM-JJ : le jour de l’événement, ou son premier jour',
			aliases: ['date', 'debut', 'date de debut', 'le'],
			jsonLd: 'startDate',
			propose: {
				key: 'startDate',
				create: 'about',
				label: 'Date (ou premier jour)',
				hint: 'Au format AAAA-MM-JJ, par exemple 2027-06-12.',
				missing: 'indiquez la date de l’événement'
			}
		}),
		endDate: field(isoDateSchema, {
			label: 'Date de fin',
			group: 'description',
			type: 'date',
			hint: 'AAAA-MM-JJ : le dernier jour d’un événement sur plusieurs jours ; vide pour un seul jour',
			aliases: ['fin', 'date de fin', 'jusqu au'],
			jsonLd: 'endDate',
			propose: {
				key: 'endDate',
				create: 'about',
				label: 'Dernier jour, s’il dure plusieurs jours',
				hint: 'Au format AAAA-MM-JJ ; laissez vide pour un seul jour.'
			}
		}).optional(),
		startTime: field(timeSchema, {
			label: 'Heure de début',
			group: 'description',
			type: 'text',
			hint: 'HH:MM, heure de Strasbourg ; vide si non publiée',
			aliases: ['heure', 'heure de debut', 'a partir de'],
			propose: {
				key: 'startTime',
				create: 'who',
				label: 'Heure de début',
				hint: 'Par exemple 14:00 ; vide si vous ne savez pas.'
			}
		}).optional(),
		endTime: field(timeSchema, {
			label: 'Heure de fin',
			group: 'description',
			type: 'text',
			hint: 'HH:MM',
			aliases: ['heure de fin'],
			propose: { key: 'endTime', create: 'who', label: 'Heure de fin', hint: 'Par exemple 18:00.' }
		}).optional(),
		recurrence: field(
			z.enum(RECURRENCE_CODES, {
				error: 'répétition inconnue : aucune, hebdomadaire, mensuelle ou annuelle'
			}),
			{
				label: 'Répétition',
				group: 'description',
				type: 'enum',
				taxonomy: 'recurrence',
				aliases: ['repetition', 'frequence', 'recurrence']
			}
		).default('aucune'),
		recurrenceUntil: field(isoDateSchema, {
			label: 'Fin de la répétition',
			group: 'description',
			type: 'date',
			hint: 'AAAA-MM-JJ : le dernier jour où l’événement peut revenir',
			aliases: ['fin de la repetition', 'repete jusqu au']
		}).optional(),
		placeId: field(idSchema, {
			label: 'Lieu de la carte',
			group: 'place',
			type: 'ref',
			ref: 'place',
			hint: 'un lieu déjà décrit dans Carto ESS (tiers-lieu, salle…)',
			jsonLd: 'location'
		}).optional(),
		organiserIds: field(z.array(idSchema).max(20).refine(unique, noDuplicates), {
			label: 'Organisateurs',
			group: 'classification',
			type: 'ref-list',
			ref: 'organisation',
			aliases: ['organisateur', 'organisateurs', 'organise par'],
			jsonLd: 'organizer',
			merge: UNION
		}).default([]),
		url: field(httpUrlSchema, {
			label: 'Lien',
			group: 'description',
			type: 'url',
			hint: 'la page de l’événement (programme, inscription)',
			aliases: ['lien', 'site', 'programme', 'inscription'],
			jsonLd: 'url',
			merge: FILL,
			propose: {
				key: 'eventUrl',
				create: 'who',
				correct: true,
				label: 'Lien vers le programme ou l’inscription',
				hint: 'Adresse commençant par https://'
			}
		}).optional(),
		thematiques: thematiques(),
		tags: tags('keywords'),
		contact: contactSchema.default({}),
		...placeFields,
		communeCode: placeFields.communeCode.optional(),
		...recordQuality
	})
	.superRefine((e, ctx) => {
		for (const p of datesProblems(e)) ctx.addIssue({ code: 'custom', path: [p.path], message: p.message });
	});
export type EventRecord = z.infer<typeof eventSchema>;
export type EventInput = z.input<typeof eventSchema>;

export type PublicRecord = Organisation | Initiative | FundingTool | Place | EventRecord;
/** A record as written before validation (defaults not applied yet): drafts, history entries, proposals. */
export type PublicRecordInput =
	OrganisationInput | InitiativeInput | FundingToolInput | PlaceInput | EventInput;
export type RecordKind = PublicRecord['kind'];
export const RECORD_KINDS = ['organisation', 'initiative', 'funding-tool', 'place', 'event'] as const;

export const RECORD_SCHEMAS = {
	organisation: organisationSchema,
	initiative: initiativeSchema,
	'funding-tool': fundingToolSchema,
	place: placeSchema,
	event: eventSchema
} as const;
