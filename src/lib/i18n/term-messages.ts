/**
 * Each taxonomy's labels in the reader's language, as tables of message functions, one per taxonomy (and
 * one for the thématiques of data/thematiques.json). Written out, never looked up by a computed key: a
 * bundler keeps only the messages named in code, so a page ships the tables it imports and the messages
 * it calls, whatever else the site says. A computed `m[key]` would instead keep every message of the site,
 * in every language, in the first chunk of every page that shows a term.
 *
 * This module holds the taxonomies the explorer shows (its filters' values, a point's type, precision
 * and sectors): the map's first chunk carries them. The others, which only record pages show, are in
 * term-messages-records.ts. A code added to a taxonomy needs its line in its table (svelte-check refuses a
 * table that misses a code or names one that no longer exists) and its three messages
 * `term_<taxonomy>_<code>` (terms.test.ts).
 */
import { labelOf, type TaxonomyName, type TermCode } from '$lib/domain/taxonomies';
import { m } from '$lib/paraglide/messages';

/** A message without inputs, in the page's language. */
export type Message = () => string;

/** A taxonomy's table: a message for each of its codes, and nothing else. */
export type TermTable<T extends TaxonomyName> = Readonly<Record<TermCode<T>, Message>>;

/** A table's message for a code, if it has one (`undefined` for a code the taxonomy does not know). */
export function messageOf(table: Readonly<Record<string, Message>>, code: string): string | undefined {
	return Object.hasOwn(table, code) ? table[code]() : undefined;
}

const role = {
	acteur: m.term_role_acteur,
	financeur: m.term_role_financeur,
	accompagnateur: m.term_role_accompagnateur
} satisfies TermTable<'role'>;

const family = {
	association: m.term_family_association,
	cooperative: m.term_family_cooperative,
	mutuelle: m.term_family_mutuelle,
	fondation: m.term_family_fondation,
	'entreprise-ess': m.term_family_entreprise_ess,
	collectif: m.term_family_collectif,
	public: m.term_family_public,
	autre: m.term_family_autre
} satisfies TermTable<'family'>;

const legalForm = {
	'association-droit-local': m.term_legal_form_association_droit_local,
	'association-declaree': m.term_legal_form_association_declaree,
	'association-insertion': m.term_legal_form_association_insertion,
	'association-intermediaire': m.term_legal_form_association_intermediaire,
	'association-rup': m.term_legal_form_association_rup,
	'association-cooperative-inscrite': m.term_legal_form_association_cooperative_inscrite,
	association: m.term_legal_form_association,
	scop: m.term_legal_form_scop,
	scic: m.term_legal_form_scic,
	cae: m.term_legal_form_cae,
	cooperative: m.term_legal_form_cooperative,
	'union-cooperatives': m.term_legal_form_union_cooperatives,
	'banque-cooperative': m.term_legal_form_banque_cooperative,
	mutuelle: m.term_legal_form_mutuelle,
	fondation: m.term_legal_form_fondation,
	'societe-ess': m.term_legal_form_societe_ess,
	collectif: m.term_legal_form_collectif,
	public: m.term_legal_form_public,
	inconnue: m.term_legal_form_inconnue
} satisfies TermTable<'legalForm'>;

const approval = {
	esus: m.term_approval_esus,
	aci: m.term_approval_aci,
	ei: m.term_approval_ei,
	etti: m.term_approval_etti,
	ai: m.term_approval_ai,
	eiti: m.term_approval_eiti,
	ea: m.term_approval_ea,
	eatt: m.term_approval_eatt,
	esat: m.term_approval_esat,
	geiq: m.term_approval_geiq,
	oacas: m.term_approval_oacas,
	siae: m.term_approval_siae
} satisfies TermTable<'approval'>;

const stage = {
	emergence: m.term_stage_emergence,
	creation: m.term_stage_creation,
	developpement: m.term_stage_developpement,
	'changement-echelle': m.term_stage_changement_echelle,
	reprise: m.term_stage_reprise
} satisfies TermTable<'stage'>;

const fundingType = {
	subvention: m.term_funding_type_subvention,
	'pret-honneur': m.term_funding_type_pret_honneur,
	'pret-participatif': m.term_funding_type_pret_participatif,
	'pret-bancaire': m.term_funding_type_pret_bancaire,
	microcredit: m.term_funding_type_microcredit,
	garantie: m.term_funding_type_garantie,
	'apport-associatif': m.term_funding_type_apport_associatif,
	'fonds-propres': m.term_funding_type_fonds_propres,
	'titres-participatifs': m.term_funding_type_titres_participatifs,
	'financement-participatif': m.term_funding_type_financement_participatif,
	'avance-remboursable': m.term_funding_type_avance_remboursable,
	accompagnement: m.term_funding_type_accompagnement,
	'prix-concours': m.term_funding_type_prix_concours,
	agrement: m.term_funding_type_agrement
} satisfies TermTable<'fundingType'>;

const precision = {
	address: m.term_precision_address,
	street: m.term_precision_street,
	quartier: m.term_precision_quartier,
	commune: m.term_precision_commune
} satisfies TermTable<'precision'>;

const sector = {
	accompagnement: m.term_sector_accompagnement,
	finance: m.term_sector_finance,
	insertion: m.term_sector_insertion,
	reemploi: m.term_sector_reemploi,
	alimentation: m.term_sector_alimentation,
	jardins: m.term_sector_jardins,
	mobilite: m.term_sector_mobilite,
	numerique: m.term_sector_numerique,
	culture: m.term_sector_culture,
	habitat: m.term_sector_habitat,
	'lien-social': m.term_sector_lien_social,
	consommation: m.term_sector_consommation,
	emploi: m.term_sector_emploi,
	jeunesse: m.term_sector_jeunesse
} satisfies TermTable<'sector'>;

const initiativeType = {
	'centre-socioculturel': m.term_initiative_type_centre_socioculturel,
	'jardin-partage': m.term_initiative_type_jardin_partage,
	'association-habitants': m.term_initiative_type_association_habitants,
	'repair-cafe': m.term_initiative_type_repair_cafe,
	'epicerie-solidaire': m.term_initiative_type_epicerie_solidaire,
	'fete-de-quartier': m.term_initiative_type_fete_de_quartier,
	'tiers-lieu': m.term_initiative_type_tiers_lieu,
	'cafe-associatif': m.term_initiative_type_cafe_associatif,
	'equipement-public': m.term_initiative_type_equipement_public,
	entraide: m.term_initiative_type_entraide,
	accompagnement: m.term_initiative_type_accompagnement
} satisfies TermTable<'initiativeType'>;

const activityFamily = {
	'action-sociale': m.term_activity_family_action_sociale,
	'insertion-emploi': m.term_activity_family_insertion_emploi,
	'environnement-reemploi': m.term_activity_family_environnement_reemploi,
	alimentation: m.term_activity_family_alimentation,
	culture: m.term_activity_family_culture,
	'sport-loisirs': m.term_activity_family_sport_loisirs,
	'education-formation': m.term_activity_family_education_formation,
	sante: m.term_activity_family_sante,
	habitat: m.term_activity_family_habitat,
	finance: m.term_activity_family_finance,
	'commerce-artisanat': m.term_activity_family_commerce_artisanat,
	'services-entreprises': m.term_activity_family_services_entreprises,
	'transport-mobilite': m.term_activity_family_transport_mobilite,
	'organisations-reseaux': m.term_activity_family_organisations_reseaux,
	autre: m.term_activity_family_autre
} satisfies TermTable<'activityFamily'>;

const sizeBand = {
	NN: m.term_size_band__n_n,
	'00': m.term_size_band_00,
	'01': m.term_size_band_01,
	'02': m.term_size_band_02,
	'03': m.term_size_band_03,
	'11': m.term_size_band_11,
	'12': m.term_size_band_12,
	'21': m.term_size_band_21,
	'22': m.term_size_band_22,
	'31': m.term_size_band_31,
	'32': m.term_size_band_32,
	'41': m.term_size_band_41,
	'42': m.term_size_band_42,
	'51': m.term_size_band_51,
	'52': m.term_size_band_52,
	'53': m.term_size_band_53
} satisfies TermTable<'sizeBand'>;

const serviceType = {
	prestation: m.term_service_type_prestation,
	'mise-a-disposition': m.term_service_type_mise_a_disposition,
	fabrication: m.term_service_type_fabrication
} satisfies TermTable<'serviceType'>;

const placeType = {
	'tiers-lieu': m.term_place_type_tiers_lieu,
	coworking: m.term_place_type_coworking,
	salle: m.term_place_type_salle,
	'atelier-partage': m.term_place_type_atelier_partage,
	'cuisine-partagee': m.term_place_type_cuisine_partagee,
	'boutique-test': m.term_place_type_boutique_test,
	incubateur: m.term_place_type_incubateur
} satisfies TermTable<'placeType'>;

/** The explorer's taxonomies (the map and the annuaire). */
export const EXPLORER_TERM_TABLES = {
	role,
	family,
	legalForm,
	approval,
	stage,
	fundingType,
	precision,
	sector,
	initiativeType,
	activityFamily,
	sizeBand,
	serviceType,
	placeType
};

export type ExplorerTaxonomy = keyof typeof EXPLORER_TERM_TABLES;

/** A code's label in the reader's language, among the explorer's taxonomies (French when not translated). */
export function explorerTermLabel(taxonomy: ExplorerTaxonomy, code: string): string {
	return messageOf(EXPLORER_TERM_TABLES[taxonomy], code) ?? labelOf(taxonomy, code);
}

/** The thématiques of the data, by code. */
export const thematique = {
	'ess-politiques-publiques': m.term_thematique_ess_politiques_publiques,
	'initiatives-habitants': m.term_thematique_initiatives_habitants,
	'achat-public': m.term_thematique_achat_public,
	'creation-entreprises': m.term_thematique_creation_entreprises,
	'immobilier-ess': m.term_thematique_immobilier_ess,
	'maison-ess': m.term_thematique_maison_ess,
	'innovation-sociale': m.term_thematique_innovation_sociale
} satisfies Readonly<Record<string, Message>>;

/** A thématique's label in the reader's language; `french` (its label in the data) when not translated. */
export function thematiqueLabel(code: string, french: string): string {
	return messageOf(thematique, code) ?? french;
}
