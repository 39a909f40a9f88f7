/**
 * The labels of the taxonomies that only record pages show (territory, status, confidence, the events'
 * and places' terms…), in the same shape as term-messages.ts, whose header says why they are written out.
 * Kept apart so that the map's first chunk does not carry them.
 */
import { m } from '$lib/paraglide/messages';
import type { TermTable } from './term-messages';

const fiscalStatus = {
	fiscalisee: m.term_fiscal_status_fiscalisee,
	'non-fiscalisee': m.term_fiscal_status_non_fiscalisee,
	inconnu: m.term_fiscal_status_inconnu
} satisfies TermTable<'fiscalStatus'>;

const territory = {
	commune: m.term_territory_commune,
	eurometropole: m.term_territory_eurometropole,
	'bas-rhin': m.term_territory_bas_rhin,
	alsace: m.term_territory_alsace,
	'grand-est': m.term_territory_grand_est,
	france: m.term_territory_france,
	europe: m.term_territory_europe
} satisfies TermTable<'territory'>;

const purpose = {
	investissement: m.term_purpose_investissement,
	fonctionnement: m.term_purpose_fonctionnement,
	experimentation: m.term_purpose_experimentation
} satisfies TermTable<'purpose'>;

const availability = {
	ouvert: m.term_availability_ouvert,
	'appel-a-projets': m.term_availability_appel_a_projets,
	ferme: m.term_availability_ferme,
	incertain: m.term_availability_incertain
} satisfies TermTable<'availability'>;

const status = {
	published: m.term_status_published,
	draft: m.term_status_draft,
	archived: m.term_status_archived
} satisfies TermTable<'status'>;

const confidence = {
	high: m.term_confidence_high,
	medium: m.term_confidence_medium,
	low: m.term_confidence_low
} satisfies TermTable<'confidence'>;

const carrierKind = {
	'collectif-habitants': m.term_carrier_kind_collectif_habitants,
	association: m.term_carrier_kind_association,
	structure: m.term_carrier_kind_structure,
	collectivite: m.term_carrier_kind_collectivite
} satisfies TermTable<'carrierKind'>;

const need = {
	benevoles: m.term_need_benevoles,
	local: m.term_need_local,
	materiel: m.term_need_materiel,
	financement: m.term_need_financement
} satisfies TermTable<'need'>;

const audience = {
	association: m.term_audience_association,
	fiscalisee: m.term_audience_fiscalisee,
	porteur: m.term_audience_porteur
} satisfies TermTable<'audience'>;

const establishment = {
	siege: m.term_establishment_siege,
	secondaire: m.term_establishment_secondaire
} satisfies TermTable<'establishment'>;

const origin = {
	curated: m.term_origin_curated,
	sirene: m.term_origin_sirene
} satisfies TermTable<'origin'>;

const supportKind = {
	diagnostic: m.term_support_kind_diagnostic,
	coaching: m.term_support_kind_coaching,
	formation: m.term_support_kind_formation,
	incubation: m.term_support_kind_incubation,
	'hebergement-juridique': m.term_support_kind_hebergement_juridique,
	reseau: m.term_support_kind_reseau
} satisfies TermTable<'supportKind'>;

const projectKind = {
	association: m.term_project_kind_association,
	cooperative: m.term_project_kind_cooperative,
	cae: m.term_project_kind_cae,
	esus: m.term_project_kind_esus,
	collectif: m.term_project_kind_collectif
} satisfies TermTable<'projectKind'>;

const placeTerms = {
	gratuit: m.term_place_terms_gratuit,
	'prix-libre': m.term_place_terms_prix_libre,
	payant: m.term_place_terms_payant,
	adhesion: m.term_place_terms_adhesion,
	inconnu: m.term_place_terms_inconnu
} satisfies TermTable<'placeTerms'>;

const eventStatus = {
	annonce: m.term_event_status_annonce,
	annule: m.term_event_status_annule,
	reporte: m.term_event_status_reporte
} satisfies TermTable<'eventStatus'>;

const recurrence = {
	aucune: m.term_recurrence_aucune,
	hebdomadaire: m.term_recurrence_hebdomadaire,
	mensuelle: m.term_recurrence_mensuelle,
	annuelle: m.term_recurrence_annuelle
} satisfies TermTable<'recurrence'>;

/** Every taxonomy the explorer does not show. */
export const RECORD_TERM_TABLES = {
	fiscalStatus,
	territory,
	purpose,
	availability,
	status,
	confidence,
	carrierKind,
	need,
	audience,
	establishment,
	origin,
	supportKind,
	projectKind,
	placeTerms,
	eventStatus,
	recurrence
};
