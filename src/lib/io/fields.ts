/**
 * The editable fields of each record kind, in one place: the admin forms, the CSV/GeoJSON columns and the
 * import mapping are all generated from this list, and every value still goes through the zod schemas of
 * src/lib/domain/records.ts (the source of truth). A field's `path` is its dotted path in the record, and
 * also its CSV column name and its form input name.
 */
import type { RecordKind } from '$lib/domain/records';
import type { TaxonomyName } from '$lib/domain/taxonomies';

/** Lists of records or places the form offers as choices (loaded from the store). */
export type RefSource =
	'commune' | 'quartier' | 'qpv' | 'thematique' | 'organisation' | 'provider' | 'funding-tool';

export type FieldType =
	| 'text'
	| 'longtext'
	| 'int'
	| 'number'
	| 'boolean'
	| 'date'
	| 'url'
	| 'enum'
	| 'enum-list'
	| 'text-list'
	| 'ref'
	| 'ref-list'
	| 'sources';

export interface FieldSpec {
	path: string;
	label: string;
	type: FieldType;
	/** For enum and enum-list. */
	taxonomy?: TaxonomyName;
	/** For ref and ref-list. */
	ref?: RefSource;
	/** A short help text shown under the input. */
	hint?: string;
	/** Required by the schema (shown with an asterisk; the schema still decides). */
	required?: boolean;
	/** An optional flag: "no" is stored as absent, so an untouched checkbox changes nothing. */
	omitFalse?: boolean;
	group: string;
}

const G = {
	identity: 'Identité',
	description: 'Description',
	classification: 'Classement',
	place: 'Lieu',
	contact: 'Contact',
	funding: 'Financement',
	eligibility: 'Éligibilité',
	quality: 'Sources et vérification'
} as const;

const head: FieldSpec[] = [
	{
		path: 'id',
		label: 'Identifiant',
		type: 'text',
		group: G.identity,
		hint: 'stable, minuscules et tirets ; déduit du nom si vide à la création'
	},
	{
		path: 'slug',
		label: 'Adresse de la page (slug)',
		type: 'text',
		group: G.identity,
		hint: 'minuscules et tirets ; déduit du nom si vide'
	},
	{ path: 'name', label: 'Nom', type: 'text', required: true, group: G.identity },
	{
		path: 'status',
		label: 'Statut',
		type: 'enum',
		taxonomy: 'status',
		required: true,
		group: G.identity
	},
	{ path: 'description', label: 'Description', type: 'longtext', required: true, group: G.description }
];

const place: FieldSpec[] = [
	{ path: 'communeCode', label: 'Commune', type: 'ref', ref: 'commune', required: true, group: G.place },
	{ path: 'quartierCode', label: 'Quartier (Strasbourg)', type: 'ref', ref: 'quartier', group: G.place },
	{
		path: 'subQuartier',
		label: 'Sous-quartier',
		type: 'text',
		group: G.place,
		hint: 'slug du sous-quartier, ex. meinau'
	},
	{ path: 'qpv', label: 'Quartier prioritaire (QPV)', type: 'ref', ref: 'qpv', group: G.place },
	{ path: 'address', label: 'Adresse', type: 'text', group: G.place },
	{
		path: 'location.lon',
		label: 'Longitude',
		type: 'number',
		group: G.place,
		hint: 'vers 7,7 à Strasbourg ; point décimal ou virgule'
	},
	{ path: 'location.lat', label: 'Latitude', type: 'number', group: G.place, hint: 'vers 48,6 à Strasbourg' },
	{
		path: 'location.precision',
		label: 'Précision de la position',
		type: 'enum',
		taxonomy: 'precision',
		group: G.place
	}
];

const contact: FieldSpec[] = [
	{ path: 'contact.website', label: 'Site web', type: 'url', group: G.contact },
	{ path: 'contact.email', label: 'E-mail', type: 'text', group: G.contact },
	{ path: 'contact.phone', label: 'Téléphone', type: 'text', group: G.contact }
];

const quality: FieldSpec[] = [
	{
		path: 'sources',
		label: 'Sources',
		type: 'sources',
		required: true,
		group: G.quality,
		hint: 'une adresse web ou une référence, et la date de consultation'
	},
	{
		path: 'lastVerified',
		label: 'Dernière vérification',
		type: 'date',
		required: true,
		group: G.quality,
		hint: 'AAAA-MM-JJ'
	},
	{
		path: 'confidence',
		label: 'Confiance',
		type: 'enum',
		taxonomy: 'confidence',
		required: true,
		group: G.quality
	},
	{
		path: 'caveats',
		label: 'Réserves à signaler au public',
		type: 'text-list',
		group: G.quality,
		hint: 'une par ligne'
	},
	{
		path: 'synthetic',
		label: 'Donnée synthétique (tests, démonstrations)',
		type: 'boolean',
		omitFalse: true,
		group: G.quality
	}
];

const tagsAndThemes: FieldSpec[] = [
	{ path: 'thematiques', label: 'Thématiques', type: 'ref-list', ref: 'thematique', group: G.classification },
	{ path: 'sectors', label: 'Secteurs', type: 'enum-list', taxonomy: 'sector', group: G.classification },
	{ path: 'tags', label: 'Mots-clés', type: 'text-list', group: G.classification, hint: 'un par ligne' }
];

export const FIELDS: Record<RecordKind, FieldSpec[]> = {
	organisation: [
		...head,
		{ path: 'shortName', label: 'Nom court', type: 'text', group: G.identity },
		{ path: 'siret', label: 'SIRET', type: 'text', group: G.identity, hint: '14 chiffres' },
		{
			path: 'roles',
			label: 'Rôles',
			type: 'enum-list',
			taxonomy: 'role',
			required: true,
			group: G.classification
		},
		{
			path: 'legalForm',
			label: 'Forme juridique',
			type: 'enum',
			taxonomy: 'legalForm',
			required: true,
			group: G.classification
		},
		{ path: 'isEss', label: 'Structure de l’ESS', type: 'boolean', group: G.classification },
		{
			path: 'approvals',
			label: 'Agréments',
			type: 'enum-list',
			taxonomy: 'approval',
			group: G.classification
		},
		{
			path: 'fiscalStatus',
			label: 'Statut fiscal',
			type: 'enum',
			taxonomy: 'fiscalStatus',
			group: G.classification
		},
		...tagsAndThemes,
		{ path: 'foundedYear', label: 'Année de création', type: 'int', group: G.description },
		{
			path: 'parentId',
			label: 'Structure parente',
			type: 'ref',
			ref: 'organisation',
			group: G.classification
		},
		...contact,
		...place,
		...quality
	],
	initiative: [
		...head,
		{
			path: 'initiativeType',
			label: 'Type d’initiative',
			type: 'enum',
			taxonomy: 'initiativeType',
			required: true,
			group: G.classification
		},
		{ path: 'isEss', label: 'Initiative de l’ESS', type: 'boolean', group: G.classification },
		{
			path: 'carrier.kind',
			label: 'Porteur',
			type: 'enum',
			taxonomy: 'carrierKind',
			required: true,
			group: G.classification
		},
		{ path: 'carrier.name', label: 'Nom du porteur', type: 'text', group: G.classification },
		{
			path: 'carrier.organisationId',
			label: 'Structure porteuse (fiche)',
			type: 'ref',
			ref: 'organisation',
			group: G.classification
		},
		{ path: 'howToJoin', label: 'Comment participer', type: 'longtext', group: G.description },
		{ path: 'schedule', label: 'Horaires ou dates', type: 'text', group: G.description },
		{ path: 'needs', label: 'Besoins', type: 'enum-list', taxonomy: 'need', group: G.classification },
		...tagsAndThemes,
		{ path: 'startedYear', label: 'Année de début', type: 'int', group: G.description },
		...contact,
		...place,
		...quality
	],
	'funding-tool': [
		...head,
		{
			path: 'providerIds',
			label: 'Financeurs ou opérateurs',
			type: 'ref-list',
			ref: 'provider',
			required: true,
			group: G.funding
		},
		{
			path: 'types',
			label: 'Types de financement',
			type: 'enum-list',
			taxonomy: 'fundingType',
			required: true,
			group: G.funding
		},
		{
			path: 'stages',
			label: 'Stades',
			type: 'enum-list',
			taxonomy: 'stage',
			required: true,
			group: G.funding
		},
		{ path: 'purposes', label: 'Objets', type: 'enum-list', taxonomy: 'purpose', group: G.funding },
		{ path: 'amount.min', label: 'Montant minimum (€)', type: 'number', group: G.funding },
		{ path: 'amount.max', label: 'Montant maximum (€)', type: 'number', group: G.funding },
		{ path: 'amount.average', label: 'Montant moyen (€)', type: 'number', group: G.funding },
		{ path: 'amount.year', label: 'Année des montants', type: 'int', group: G.funding },
		{ path: 'amount.note', label: 'Note sur les montants', type: 'text', group: G.funding },
		{ path: 'ratePercent', label: 'Taux annuel (%)', type: 'number', group: G.funding },
		{ path: 'termMonths.min', label: 'Durée minimum (mois)', type: 'int', group: G.funding },
		{ path: 'termMonths.max', label: 'Durée maximum (mois)', type: 'int', group: G.funding },
		{ path: 'deferralMonths.min', label: 'Différé minimum (mois)', type: 'int', group: G.funding },
		{ path: 'deferralMonths.max', label: 'Différé maximum (mois)', type: 'int', group: G.funding },
		{
			path: 'eligibility.audiences',
			label: 'Publics éligibles',
			type: 'enum-list',
			taxonomy: 'audience',
			required: true,
			group: G.eligibility
		},
		{
			path: 'eligibility.legalForms',
			label: 'Formes juridiques admises (vide : toutes)',
			type: 'enum-list',
			taxonomy: 'legalForm',
			group: G.eligibility
		},
		{
			path: 'eligibility.excludedLegalForms',
			label: 'Formes juridiques exclues',
			type: 'enum-list',
			taxonomy: 'legalForm',
			group: G.eligibility
		},
		{
			path: 'eligibility.requiredApprovals',
			label: 'Agréments exigés',
			type: 'enum-list',
			taxonomy: 'approval',
			group: G.eligibility
		},
		{ path: 'eligibility.qpvOnly', label: 'Réservé aux QPV', type: 'boolean', group: G.eligibility },
		{
			path: 'eligibility.unchecked',
			label: 'Conditions à vérifier',
			type: 'text-list',
			group: G.eligibility,
			hint: 'une par ligne'
		},
		{
			path: 'territory',
			label: 'Territoire',
			type: 'enum',
			taxonomy: 'territory',
			required: true,
			group: G.eligibility
		},
		{
			path: 'territoryCommune',
			label: 'Commune du territoire',
			type: 'ref',
			ref: 'commune',
			group: G.eligibility
		},
		{
			path: 'thematiques',
			label: 'Thématiques',
			type: 'ref-list',
			ref: 'thematique',
			group: G.classification
		},
		{
			path: 'howToApply',
			label: 'Comment candidater',
			type: 'longtext',
			required: true,
			group: G.description
		},
		{
			path: 'availability',
			label: 'Disponibilité',
			type: 'enum',
			taxonomy: 'availability',
			required: true,
			group: G.funding
		},
		{ path: 'deadline', label: 'Date limite', type: 'date', group: G.funding },
		{ path: 'recurrence', label: 'Récurrence', type: 'text', group: G.funding },
		{
			path: 'combinesWith',
			label: 'Se combine avec',
			type: 'ref-list',
			ref: 'funding-tool',
			group: G.funding
		},
		{ path: 'combinationNote', label: 'Note sur les combinaisons', type: 'text', group: G.funding },
		{ path: 'website', label: 'Site web', type: 'url', group: G.contact },
		...quality
	]
};

export function fieldsOf(kind: RecordKind): FieldSpec[] {
	return FIELDS[kind];
}

export function fieldSpec(kind: RecordKind, path: string): FieldSpec | undefined {
	return FIELDS[kind].find((f) => f.path === path);
}

/** The groups of a kind's form, in order of first appearance. */
export function groupsOf(kind: RecordKind): { name: string; fields: FieldSpec[] }[] {
	const groups = new Map<string, FieldSpec[]>();
	for (const f of FIELDS[kind]) groups.set(f.group, [...(groups.get(f.group) ?? []), f]);
	return [...groups].map(([name, fields]) => ({ name, fields }));
}

export const KIND_LABELS: Record<RecordKind, { one: string; many: string; slug: string }> = {
	organisation: { one: 'structure', many: 'structures', slug: 'organisations' },
	initiative: { one: 'initiative', many: 'initiatives', slug: 'initiatives' },
	'funding-tool': { one: 'outil de financement', many: 'outils de financement', slug: 'funding-tools' }
};

/** `organisations` -> 'organisation', as used in export file names and URLs. */
export function kindFromSlug(slug: string): RecordKind | undefined {
	return (Object.keys(KIND_LABELS) as RecordKind[]).find((k) => KIND_LABELS[k].slug === slug);
}
