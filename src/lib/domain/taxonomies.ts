/**
 * Taxonomies as data: every value has a stable code (used in URLs, the API and data files) and a French label.
 * The zod enums in the schemas are built from these lists, so adding a value here is the only change needed.
 */
import { ACTIVITY_FAMILIES } from './activity-families';
import { SIZE_BANDS } from './size-bands';

export interface Term<C extends string = string> {
	readonly code: C;
	readonly label: string;
	readonly description?: string;
}

function codes<T extends readonly Term[]>(terms: T): [T[number]['code'], ...T[number]['code'][]] {
	return terms.map((t) => t.code) as [T[number]['code'], ...T[number]['code'][]];
}

export const ROLES = [
	{ code: 'acteur', label: "Structure de l'ESS" },
	{ code: 'financeur', label: 'Financeur' },
	{ code: 'accompagnateur', label: 'Accompagnateur' }
] as const satisfies readonly Term[];
export const ROLE_CODES = codes(ROLES);
export type Role = (typeof ROLE_CODES)[number];

/** The statutory families of the ESS (loi du 31 juillet 2014, art. 1), plus two honest non-ESS buckets. */
export const ESS_FAMILIES = [
	{ code: 'association', label: 'Association' },
	{ code: 'cooperative', label: 'Coopérative' },
	{ code: 'mutuelle', label: 'Mutuelle' },
	{ code: 'fondation', label: 'Fondation' },
	{ code: 'entreprise-ess', label: "Entreprise commerciale de l'ESS" },
	{ code: 'collectif', label: "Collectif d'habitants ou groupement de fait" },
	{ code: 'public', label: 'Acteur public' },
	{ code: 'autre', label: 'Autre ou non connue' }
] as const satisfies readonly Term[];
export const ESS_FAMILY_CODES = codes(ESS_FAMILIES);
export type EssFamily = (typeof ESS_FAMILY_CODES)[number];

export interface LegalForm extends Term {
	readonly family: EssFamily;
	/** INSEE catégories juridiques (niveau III) that this form maps to; empty when INSEE has no such category. */
	readonly insee: readonly string[];
}

/**
 * INSEE legal categories (niveau III, https://www.insee.fr/fr/information/7456564) as listed by Annuaire des
 * Entreprises (https://github.com/annuaire-entreprises-data-gouv-fr/site, categories-juridiques.ts).
 */
export const LEGAL_FORMS = [
	{
		code: 'association-droit-local',
		label: 'Association inscrite de droit local (Alsace-Moselle)',
		family: 'association',
		insee: ['9260']
	},
	{
		code: 'association-declaree',
		label: 'Association déclarée (loi 1901)',
		family: 'association',
		insee: ['9220']
	},
	{
		code: 'association-insertion',
		label: "Association déclarée d'insertion par l'économique",
		family: 'association',
		insee: ['9221']
	},
	{
		code: 'association-intermediaire',
		label: 'Association intermédiaire',
		family: 'association',
		insee: ['9222']
	},
	{
		code: 'association-rup',
		label: "Association reconnue d'utilité publique",
		family: 'association',
		insee: ['9230']
	},
	{
		code: 'association-cooperative-inscrite',
		label: 'Association coopérative inscrite (droit local)',
		family: 'cooperative',
		insee: ['5195']
	},
	{
		code: 'association',
		label: 'Association (forme exacte non vérifiée)',
		family: 'association',
		insee: ['9260', '9220', '9221', '9222', '9230', '5195']
	},
	{
		code: 'scop',
		label: 'Société coopérative de production (SCOP)',
		family: 'cooperative',
		insee: ['5458', '5558', '5658']
	},
	{
		code: 'scic',
		label: "Société coopérative d'intérêt collectif (SCIC)",
		family: 'cooperative',
		insee: ['5460', '5560', '5660', '5710']
	},
	{
		code: 'cae',
		label: "Coopérative d'activité et d'emploi (CAE, en SCOP ou SCIC)",
		family: 'cooperative',
		insee: ['5458', '5558', '5658', '5460', '5560', '5660', '5710']
	},
	{
		code: 'cooperative',
		label: 'Autre société coopérative',
		family: 'cooperative',
		insee: ['5460', '5560', '5660', '5443', '5543', '5643', '5451', '5551', '5651', '5453', '5553', '5653']
	},
	{
		code: 'union-cooperatives',
		label: 'Union de sociétés coopératives',
		family: 'cooperative',
		insee: ['5459', '5559', '5659']
	},
	{
		code: 'banque-cooperative',
		label: 'Banque coopérative ou mutualiste',
		family: 'cooperative',
		insee: ['5192', '5194', '5196', '6595', '6596']
	},
	{
		code: 'mutuelle',
		label: 'Mutuelle',
		family: 'mutuelle',
		insee: ['8210', '8250', '8290', '6411', '8510', '5191']
	},
	{ code: 'fondation', label: 'Fondation', family: 'fondation', insee: ['9300'] },
	{
		code: 'societe-ess',
		label: "Société commerciale de l'ESS (SAS, SARL...)",
		family: 'entreprise-ess',
		insee: ['5710', '5499']
	},
	{ code: 'collectif', label: 'Collectif sans personnalité juridique', family: 'collectif', insee: [] },
	{ code: 'public', label: 'Collectivité, service ou établissement public', family: 'public', insee: [] },
	{ code: 'inconnue', label: 'Forme juridique non connue', family: 'autre', insee: [] }
] as const satisfies readonly LegalForm[];
export const LEGAL_FORM_CODES = codes(LEGAL_FORMS);
export type LegalFormCode = (typeof LEGAL_FORM_CODES)[number];

/**
 * Approvals and labels: agréments de l'État and the employment-inclusion kinds of structure (as in the
 * enums of https://github.com/gip-inclusion/les-emplois).
 */
export const APPROVALS = [
	{ code: 'esus', label: "Agrément ESUS (entreprise solidaire d'utilité sociale)" },
	{ code: 'aci', label: "Atelier et chantier d'insertion (ACI)" },
	{ code: 'ei', label: "Entreprise d'insertion (EI)" },
	{ code: 'etti', label: "Entreprise de travail temporaire d'insertion (ETTI)" },
	{ code: 'ai', label: 'Association intermédiaire (AI)' },
	{ code: 'eiti', label: "Entreprise d'insertion par le travail indépendant (EITI)" },
	{ code: 'ea', label: 'Entreprise adaptée (EA)' },
	{ code: 'eatt', label: 'Entreprise adaptée de travail temporaire (EATT)' },
	{ code: 'esat', label: "Établissement et service d'aide par le travail (ESAT)" },
	{ code: 'geiq', label: "Groupement d'employeurs pour l'insertion et la qualification (GEIQ)" },
	{ code: 'oacas', label: "Organisme d'accueil communautaire et d'activités solidaires (OACAS)" },
	{ code: 'siae', label: "Structure d'insertion par l'activité économique (type non vérifié)" }
] as const satisfies readonly Term[];
export const APPROVAL_CODES = codes(APPROVALS);
export type Approval = (typeof APPROVAL_CODES)[number];

/**
 * The kinds of supplier a buyer asks about, each an approval above: the structures of the insertion by
 * economic activity (SIAE), GEIQ, the sheltered-work establishments (EA, EATT, ESAT) and the ESUS approval.
 * A record holds a proof (a publication and its date) for each of these it claims.
 */
export const SUPPLIER_KINDS = [
	'ei',
	'etti',
	'ai',
	'aci',
	'eiti',
	'geiq',
	'ea',
	'eatt',
	'esat',
	'esus'
] as const;
export type SupplierKind = (typeof SUPPLIER_KINDS)[number];

/** What a supplier does for a buyer (the three kinds of service public buyers distinguish). */
export const SERVICE_TYPES = [
	{ code: 'prestation', label: 'Prestation de services' },
	{ code: 'mise-a-disposition', label: 'Mise à disposition de personnel' },
	{ code: 'fabrication', label: 'Fabrication, production de biens' }
] as const satisfies readonly Term[];
export const SERVICE_TYPE_CODES = codes(SERVICE_TYPES);
export type ServiceType = (typeof SERVICE_TYPE_CODES)[number];

/** Tax status is independent of legal form: an association with a profit-making activity is fiscalisée. */
export const FISCAL_STATUSES = [
	{ code: 'fiscalisee', label: 'Structure fiscalisée' },
	{ code: 'non-fiscalisee', label: 'Structure non fiscalisée' },
	{ code: 'inconnu', label: 'Statut fiscal non connu' }
] as const satisfies readonly Term[];
export const FISCAL_STATUS_CODES = codes(FISCAL_STATUSES);
export type FiscalStatus = (typeof FISCAL_STATUS_CODES)[number];

export const STAGES = [
	{ code: 'emergence', label: 'Émergence' },
	{ code: 'creation', label: 'Création' },
	{ code: 'developpement', label: 'Développement' },
	{ code: 'changement-echelle', label: "Changement d'échelle" },
	{ code: 'reprise', label: 'Reprise' }
] as const satisfies readonly Term[];
export const STAGE_CODES = codes(STAGES);
export type Stage = (typeof STAGE_CODES)[number];

export const FUNDING_TYPES = [
	{ code: 'subvention', label: 'Subvention' },
	{ code: 'pret-honneur', label: "Prêt d'honneur" },
	{ code: 'pret-participatif', label: 'Prêt participatif' },
	{ code: 'pret-bancaire', label: 'Prêt bancaire' },
	{ code: 'microcredit', label: 'Microcrédit' },
	{ code: 'garantie', label: 'Garantie' },
	{ code: 'apport-associatif', label: 'Apport associatif / quasi-fonds propres' },
	{ code: 'fonds-propres', label: 'Fonds propres' },
	{ code: 'titres-participatifs', label: 'Titres participatifs' },
	{ code: 'financement-participatif', label: 'Financement participatif' },
	{ code: 'avance-remboursable', label: 'Avance remboursable' },
	{ code: 'accompagnement', label: 'Accompagnement' },
	{ code: 'prix-concours', label: 'Prix / concours' },
	{ code: 'agrement', label: 'Agrément' }
] as const satisfies readonly Term[];
export const FUNDING_TYPE_CODES = codes(FUNDING_TYPES);
export type FundingType = (typeof FUNDING_TYPE_CODES)[number];

/** Ordered from the narrowest to the widest perimeter: a tool open at a wide level covers the narrower ones. */
export const TERRITORIES = [
	{ code: 'commune', label: 'Commune' },
	{ code: 'eurometropole', label: 'Eurométropole de Strasbourg' },
	{ code: 'bas-rhin', label: 'Bas-Rhin' },
	{ code: 'alsace', label: 'Alsace' },
	{ code: 'grand-est', label: 'Grand Est' },
	{ code: 'france', label: 'France' },
	{ code: 'europe', label: 'Europe' }
] as const satisfies readonly Term[];
export const TERRITORY_CODES = codes(TERRITORIES);
export type Territory = (typeof TERRITORY_CODES)[number];

/**
 * Where an organisation without a commune acts (a national financer, the Région, a network of the whole
 * Eurométropole): the funding tools' territories without « Commune », which would need one.
 */
export const ACTION_TERRITORIES = TERRITORIES.filter(
	(t): t is Exclude<(typeof TERRITORIES)[number], { code: 'commune' }> => t.code !== 'commune'
);
export const ACTION_TERRITORY_CODES = codes(ACTION_TERRITORIES);
export type ActionTerritory = (typeof ACTION_TERRITORY_CODES)[number];

export const PURPOSES = [
	{ code: 'investissement', label: 'Investissement' },
	{ code: 'fonctionnement', label: 'Fonctionnement' },
	{ code: 'experimentation', label: 'Expérimentation' }
] as const satisfies readonly Term[];
export const PURPOSE_CODES = codes(PURPOSES);
export type Purpose = (typeof PURPOSE_CODES)[number];

export const AVAILABILITIES = [
	{ code: 'ouvert', label: 'Ouvert en continu' },
	{ code: 'appel-a-projets', label: 'Sur appel à projets' },
	{ code: 'ferme', label: 'Fermé ou terminé' },
	{ code: 'incertain', label: 'Disponibilité à vérifier' }
] as const satisfies readonly Term[];
export const AVAILABILITY_CODES = codes(AVAILABILITIES);
export type Availability = (typeof AVAILABILITY_CODES)[number];

export const PRECISIONS = [
	{ code: 'address', label: "À l'adresse" },
	{ code: 'street', label: 'Dans la rue' },
	{ code: 'quartier', label: 'Position approximative : centre du quartier' },
	{ code: 'commune', label: 'Position approximative : centre de la commune' }
] as const satisfies readonly Term[];
export const PRECISION_CODES = codes(PRECISIONS);
export type Precision = (typeof PRECISION_CODES)[number];

export const STATUSES = [
	{ code: 'published', label: 'Publié' },
	{ code: 'draft', label: 'Brouillon' },
	{ code: 'archived', label: 'Archivé' }
] as const satisfies readonly Term[];
export const STATUS_CODES = codes(STATUSES);
export type Status = (typeof STATUS_CODES)[number];

/** How sure we are of a record: read in a published source, secondary or old, or not verified. */
export const CONFIDENCES = [
	{ code: 'high', label: 'Lu dans une source publiée' },
	{ code: 'medium', label: 'Source secondaire, ancienne ou fait déduit' },
	{ code: 'low', label: 'Non vérifié' }
] as const satisfies readonly Term[];
export const CONFIDENCE_CODES = codes(CONFIDENCES);
export type Confidence = (typeof CONFIDENCE_CODES)[number];

/** Activity sectors: a second, practical axis beside the Conseil's 7 thématiques. */
export const SECTORS = [
	{ code: 'accompagnement', label: 'Accompagnement et création d’activité' },
	{ code: 'finance', label: 'Finance solidaire' },
	{ code: 'insertion', label: 'Insertion par l’activité économique' },
	{ code: 'reemploi', label: 'Réemploi, réparation, recyclage' },
	{ code: 'alimentation', label: 'Alimentation et solidarité alimentaire' },
	{ code: 'jardins', label: 'Jardins et nature en ville' },
	{ code: 'mobilite', label: 'Mobilité et vélo' },
	{ code: 'numerique', label: 'Inclusion numérique' },
	{ code: 'culture', label: 'Culture et création' },
	{ code: 'habitat', label: 'Habitat et tiers-lieux' },
	{ code: 'lien-social', label: 'Lien social et vie de quartier' },
	{ code: 'consommation', label: 'Consommation responsable et commerce équitable' },
	{ code: 'emploi', label: 'Emploi et formation' },
	{ code: 'jeunesse', label: 'Enfance et jeunesse' }
] as const satisfies readonly Term[];
export const SECTOR_CODES = codes(SECTORS);
export type Sector = (typeof SECTOR_CODES)[number];

export const INITIATIVE_TYPES = [
	{ code: 'centre-socioculturel', label: 'Centre socioculturel' },
	{ code: 'jardin-partage', label: 'Jardin partagé ou familial' },
	{ code: 'association-habitants', label: "Association d'habitants" },
	{ code: 'repair-cafe', label: 'Atelier de réparation' },
	{ code: 'epicerie-solidaire', label: 'Épicerie ou aide alimentaire solidaire' },
	{ code: 'fete-de-quartier', label: 'Fête ou événement de quartier' },
	{ code: 'tiers-lieu', label: 'Tiers-lieu ou lieu partagé' },
	{ code: 'cafe-associatif', label: 'Café associatif' },
	{ code: 'equipement-public', label: 'Équipement public de quartier' },
	{ code: 'entraide', label: 'Entraide et échange de services' },
	{ code: 'accompagnement', label: 'Accompagnement des habitants' }
] as const satisfies readonly Term[];
export const INITIATIVE_TYPE_CODES = codes(INITIATIVE_TYPES);
export type InitiativeType = (typeof INITIATIVE_TYPE_CODES)[number];

export const CARRIER_KINDS = [
	{ code: 'collectif-habitants', label: "Collectif d'habitants" },
	{ code: 'association', label: 'Association' },
	{ code: 'structure', label: "Structure de l'ESS" },
	{ code: 'collectivite', label: 'Collectivité' }
] as const satisfies readonly Term[];
export const CARRIER_KIND_CODES = codes(CARRIER_KINDS);
export type CarrierKind = (typeof CARRIER_KIND_CODES)[number];

export const NEEDS = [
	{ code: 'benevoles', label: 'Bénévoles' },
	{ code: 'local', label: 'Un local' },
	{ code: 'materiel', label: 'Du matériel' },
	{ code: 'financement', label: 'Un financement' }
] as const satisfies readonly Term[];
export const NEED_CODES = codes(NEEDS);
export type Need = (typeof NEED_CODES)[number];

/**
 * Support offers: what kind of help a funding tool of type « Accompagnement » gives, and for which kind of
 * project (the values of /creer's public `projet=` parameter, README « Créer »).
 */
export const SUPPORT_KINDS = [
	{ code: 'diagnostic', label: 'Diagnostic' },
	{ code: 'coaching', label: 'Accompagnement individuel' },
	{ code: 'formation', label: 'Formation' },
	{ code: 'incubation', label: 'Incubation' },
	{ code: 'hebergement-juridique', label: 'Hébergement juridique en CAE' },
	{ code: 'reseau', label: 'Réseau' }
] as const satisfies readonly Term[];
export const SUPPORT_KIND_CODES = codes(SUPPORT_KINDS);
export type SupportKind = (typeof SUPPORT_KIND_CODES)[number];

export const PROJECT_KINDS = [
	{ code: 'association', label: 'Une association' },
	{ code: 'cooperative', label: 'Une coopérative (SCOP, SCIC)' },
	{ code: 'cae', label: 'Une activité dans une coopérative d’activité et d’emploi (CAE)' },
	{ code: 'esus', label: 'Une entreprise qui demande l’agrément ESUS' },
	{ code: 'collectif', label: 'Un collectif d’habitants sans structure' }
] as const satisfies readonly Term[];
export const PROJECT_KIND_CODES = codes(PROJECT_KINDS);
export type ProjectKind = (typeof PROJECT_KIND_CODES)[number];

/** Places to work, meet and try (/lieux): what a place is. */
export const PLACE_TYPES = [
	{ code: 'tiers-lieu', label: 'Tiers-lieu' },
	{ code: 'coworking', label: 'Coworking' },
	{ code: 'salle', label: 'Salle prêtée ou louée aux associations' },
	{ code: 'atelier-partage', label: 'Atelier partagé' },
	{ code: 'cuisine-partagee', label: 'Cuisine partagée' },
	{ code: 'boutique-test', label: 'Boutique à l’essai' },
	{ code: 'incubateur', label: 'Locaux d’incubateur' }
] as const satisfies readonly Term[];
export const PLACE_TYPE_CODES = codes(PLACE_TYPES);
export type PlaceType = (typeof PLACE_TYPE_CODES)[number];

/** On what terms a place welcomes people. */
export const PLACE_TERMS = [
	{ code: 'gratuit', label: 'Gratuit' },
	{ code: 'prix-libre', label: 'Prix libre ou suspendu' },
	{ code: 'payant', label: 'Payant' },
	{ code: 'adhesion', label: 'Sur adhésion' },
	{ code: 'inconnu', label: 'Conditions non publiées' }
] as const satisfies readonly Term[];
export const PLACE_TERM_CODES = codes(PLACE_TERMS);
export type PlaceTerm = (typeof PLACE_TERM_CODES)[number];

/** Where an event stands: announced, cancelled, or postponed (a postponed event keeps its old dates). */
export const EVENT_STATUSES = [
	{ code: 'annonce', label: 'Annoncé' },
	{ code: 'annule', label: 'Annulé' },
	{ code: 'reporte', label: 'Reporté' }
] as const satisfies readonly Term[];
export const EVENT_STATUS_CODES = codes(EVENT_STATUSES);
export type EventStatus = (typeof EVENT_STATUS_CODES)[number];

/** How an event repeats: a small model that iCalendar's RRULE and French words both say exactly. */
export const RECURRENCES = [
	{ code: 'aucune', label: 'Pas de répétition' },
	{ code: 'hebdomadaire', label: 'Chaque semaine' },
	{ code: 'mensuelle', label: 'Chaque mois (même jour du mois)' },
	{ code: 'annuelle', label: 'Chaque année (même jour)' }
] as const satisfies readonly Term[];
export const RECURRENCE_CODES = codes(RECURRENCES);
export type Recurrence = (typeof RECURRENCE_CODES)[number];

/** Who a tool is for, in the finder's words: the values of its public `structure=` parameter (README). */
export const AUDIENCES = [
	{ code: 'association', label: 'Association non fiscalisée' },
	{ code: 'fiscalisee', label: 'Structure fiscalisée (SCOP, SCIC, SAS ESUS, association fiscalisée...)' },
	{ code: 'porteur', label: 'Porteur de projet sans structure' }
] as const satisfies readonly Term[];
export const AUDIENCE_CODES = codes(AUDIENCES);
export type Audience = (typeof AUDIENCE_CODES)[number];

/** Whether a SIRET is the legal unit's head office (siège) or another establishment (SIRENE). */
export const ESTABLISHMENT_TYPES = [
	{ code: 'siege', label: 'Siège' },
	{ code: 'secondaire', label: 'Établissement secondaire' }
] as const satisfies readonly Term[];
export const ESTABLISHMENT_TYPE_CODES = codes(ESTABLISHMENT_TYPES);

/** Where a record comes from: entered by the project's editors, or created from the SIRENE register. */
export const ORIGINS = [
	{ code: 'curated', label: 'Fiche éditoriale' },
	{ code: 'sirene', label: 'Créée d’après le répertoire SIRENE (INSEE)' }
] as const satisfies readonly Term[];
export const ORIGIN_CODES = codes(ORIGINS);
export type Origin = (typeof ORIGIN_CODES)[number];

const ALL = {
	role: ROLES,
	family: ESS_FAMILIES,
	legalForm: LEGAL_FORMS,
	approval: APPROVALS,
	fiscalStatus: FISCAL_STATUSES,
	stage: STAGES,
	fundingType: FUNDING_TYPES,
	territory: TERRITORIES,
	actionTerritory: ACTION_TERRITORIES,
	purpose: PURPOSES,
	availability: AVAILABILITIES,
	precision: PRECISIONS,
	status: STATUSES,
	confidence: CONFIDENCES,
	sector: SECTORS,
	initiativeType: INITIATIVE_TYPES,
	carrierKind: CARRIER_KINDS,
	need: NEEDS,
	audience: AUDIENCES,
	activityFamily: ACTIVITY_FAMILIES,
	sizeBand: SIZE_BANDS,
	serviceType: SERVICE_TYPES,
	establishment: ESTABLISHMENT_TYPES,
	origin: ORIGINS,
	supportKind: SUPPORT_KINDS,
	projectKind: PROJECT_KINDS,
	placeType: PLACE_TYPES,
	placeTerms: PLACE_TERMS,
	eventStatus: EVENT_STATUSES,
	recurrence: RECURRENCES
} as const;
export type TaxonomyName = keyof typeof ALL;
/** The codes of one taxonomy (`TermCode<'stage'>`: `'idee' | …`). */
export type TermCode<T extends TaxonomyName> = (typeof ALL)[T][number]['code'];
/** Every taxonomy's name (the display layer checks each has its labels in every language). */
export const TAXONOMY_NAMES = Object.keys(ALL) as TaxonomyName[];

/** French label of a code; falls back to the code itself so an unknown value is visible, not hidden. */
export function labelOf(taxonomy: TaxonomyName, code: string): string {
	const term = (ALL[taxonomy] as readonly Term[]).find((t) => t.code === code);
	return term ? term.label : code;
}

export function termsOf(taxonomy: TaxonomyName): readonly Term[] {
	return ALL[taxonomy];
}

export function legalForm(code: LegalFormCode): LegalForm {
	return LEGAL_FORMS.find((f) => f.code === code) as LegalForm;
}

/** INSEE catégorie juridique -> our legal form codes that include it (used by SIRENE imports). */
export function legalFormsForInsee(inseeCode: string): LegalFormCode[] {
	return LEGAL_FORMS.filter((f) => (f.insee as readonly string[]).includes(inseeCode)).map((f) => f.code);
}
