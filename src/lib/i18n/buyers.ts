/**
 * The buyers' pages in the reader's language: legal bases, the reasons given criterion by criterion, the
 * potential, the notes about the URL, the files' headers. lib/domain/buyers keeps its French sentences (the
 * API, the exports reached in French and the tests read them) and gives codes and parameters beside them;
 * this module writes the same sentences from those, in French exactly as lib/domain does (buyers.test.ts
 * compares them on the seed's suppliers). Article numbers of the Code de la commande publique stay as they
 * are: they are references, explained in the reader's language around them.
 */
import type { ActivityFamily } from '$lib/domain/activity-families';
import type { EligibilityReason, LegalBasisCode } from '$lib/domain/buyers/bases';
import {
	ADDRESS_MAX,
	DEFAULT_RADIUS_KM,
	MAX_LOTS,
	MAX_RADIUS_KM,
	MAX_SHORTLIST,
	type DeliveryNote,
	type QueryIssue
} from '$lib/domain/buyers/query';
import {
	POTENTIAL_THRESHOLDS,
	type Check,
	type CheckReason,
	type Criterion,
	type NoneNearby,
	type Potential
} from '$lib/domain/buyers/sourcing';
import type { Answer } from '$lib/domain/buyers/bases';
import type { Approval } from '$lib/domain/taxonomies';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { formatDay, formatNumber, intlLocale } from './explorer';
import { termLabel } from './terms';

const french = () => intlLocale() === 'fr-FR';

/** A whole number of kilometres as lib/domain writes it in French (« 15 »), in the reader's format otherwise. */
const whole = (n: number) => (french() ? String(n) : formatNumber(n));

/**
 * A distance: « 3,2 km » under 10 km, « 12 km » above, as lib/domain writes it in French; « 3.2 km » in
 * English, « 3,2 km » in German.
 */
export function formatKm(n: number): string {
	if (french()) return `${n < 10 ? n.toFixed(1).replace('.', ',') : String(Math.round(n))} km`;
	return n < 10
		? `${new Intl.NumberFormat(intlLocale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n)} km`
		: `${formatNumber(Math.round(n))} km`;
}

/** « 3,2 km » or « environ 3,2 km » when measured from a reference point. */
export const formatDistanceKm = (km: number, approx: boolean) =>
	approx ? m.buy_about({ distance: formatKm(km) }) : formatKm(km);

// Legal bases ----------------------------------------------------------------------------------------------

const BASES: Record<LegalBasisCode, { label: () => string; who: () => string; limits: (() => string)[] }> = {
	'L2113-12': {
		label: m.buy_basis_l2113_12,
		who: m.buy_basis_l2113_12_who,
		limits: [m.buy_limit_share, m.buy_limit_notice]
	},
	'L2113-13': {
		label: m.buy_basis_l2113_13,
		who: m.buy_basis_l2113_13_who,
		limits: [m.buy_limit_share, m.buy_limit_notice]
	},
	'L2113-14': { label: m.buy_basis_l2113_14, who: m.buy_basis_l2113_14_who, limits: [m.buy_limit_notice] },
	'L2113-15': {
		label: m.buy_basis_l2113_15,
		who: m.buy_basis_l2113_15_who,
		limits: [
			m.buy_limit_ess_services,
			m.buy_limit_ess_mission,
			m.buy_limit_ess_duration,
			m.buy_limit_ess_once,
			m.buy_limit_ess_notice
		]
	},
	clause: {
		label: m.buy_basis_clause,
		who: m.buy_basis_clause_who,
		limits: [m.buy_limit_clause_not_reserved, m.buy_limit_clause_facilitator]
	},
	libre: { label: m.buy_basis_libre, who: m.buy_basis_libre_who, limits: [] }
};

/** A basis's name (« Marché réservé aux SIAE et structures équivalentes (article L2113-13) »). */
export const basisLabel = (code: LegalBasisCode) => BASES[code].label();
/** Who may answer under it, in a sentence. */
export const basisWho = (code: LegalBasisCode) => BASES[code].who();
/** Its conditions and limits, in the order lib/domain lists them. */
export const basisLimits = (code: LegalBasisCode) => BASES[code].limits.map((l) => l());

const REASONS: Record<EligibilityReason, () => string> = {
	disability: m.buy_reason_disability,
	'not-disability': m.buy_reason_not_disability,
	siae: m.buy_reason_siae,
	'siae-type-unknown': m.buy_reason_siae_type_unknown,
	'not-siae': m.buy_reason_not_siae,
	'siae-or-disability': m.buy_reason_siae_or_disability,
	neither: m.buy_reason_neither,
	'not-ess': m.buy_reason_not_ess,
	'ess-esus': m.buy_reason_ess_esus,
	'ess-form': m.buy_reason_ess_form,
	'form-unknown': m.buy_reason_form_unknown,
	'not-a-company': m.buy_reason_not_a_company,
	'clause-carrier': m.buy_reason_clause_carrier,
	'clause-any': m.buy_reason_clause_any,
	ess: m.buy_reason_ess,
	'outside-ess': m.buy_reason_outside_ess
};

/** Why a supplier may answer under a basis, or not. */
export const eligibilityText = (reason: EligibilityReason) => REASONS[reason]();

// Checks ---------------------------------------------------------------------------------------------------

const CRITERIA: Record<Criterion, () => string> = {
	base: m.buy_basis,
	activite: m.buy_activity,
	lieu: m.buy_criterion_place,
	prestation: m.buy_criterion_service,
	taille: m.buy_criterion_size
};
const ANSWERS: Record<Answer, () => string> = {
	yes: m.buy_answer_yes,
	no: m.buy_answer_no,
	unknown: m.buy_answer_unknown
};

/** A criterion's name (« Lieu »), and an answer's word (« oui », « non », « à vérifier »). */
export const criterionLabel = (c: Criterion) => CRITERIA[c]();
export const answerWord = (a: Answer) => ANSWERS[a]();
/** The head of a check's line: « Lieu : oui. » */
export const checkHead = (c: Pick<Check, 'criterion' | 'answer'>) =>
	m.buy_check({ criterion: criterionLabel(c.criterion), answer: answerWord(c.answer) });

const activity = (f: ActivityFamily) => termLabel('activityFamily', f);

/** A check's reason, as lib/domain's `text` says it in French. */
export function checkText(why: CheckReason): string {
	switch (why.code) {
		case 'basis':
			return eligibilityText(why.reason);
		case 'activity-unknown':
			return m.buy_why_activity_unknown();
		case 'activity':
			return activity(why.family);
		case 'activity-other':
			return m.buy_why_activity_other({ activity: activity(why.family) });
		case 'no-place':
			return m.buy_why_no_place();
		case 'near':
			return m.buy_why_near({ distance: formatDistanceKm(why.km, why.approx), place: why.place });
		case 'intervention-commune':
			return m.buy_why_intervention_commune();
		case 'intervention-radius':
			return m.buy_why_intervention_radius({
				distance: formatDistanceKm(why.km, why.approx),
				place: why.place,
				radius: whole(why.interventionKm)
			});
		case 'nowhere':
			return m.buy_why_nowhere();
		case 'beyond':
			return m.buy_why_beyond({
				distance: formatDistanceKm(why.km, why.approx),
				place: why.place,
				radius: whole(why.radius)
			});
		case 'service-unknown':
			return m.buy_why_service_unknown();
		case 'service':
			return termLabel('serviceType', why.service);
		case 'service-not': {
			// French and English write the kind of service in lower case inside the sentence; German nouns keep
			// their capital.
			const label = termLabel('serviceType', why.service);
			return m.buy_why_service_not({ service: getLocale() === 'de' ? label : label.toLowerCase() });
		}
		case 'size-unknown':
			return m.buy_why_size_unknown();
		case 'size':
			return termLabel('sizeBand', why.band);
		case 'size-other':
			return m.buy_why_size_other({ band: termLabel('sizeBand', why.band) });
	}
}

/** A piece of the line saying where a supplier is: `content` (a place name) stays French, marked so. */
export interface WherePart {
	/** « · » between pieces. */
	lead: string;
	/** Words of the site before the content (« QPV »). */
	label?: string;
	text: string;
	content?: boolean;
}

/** What `supplierWhere` reads of the page builder's supplier (lib/pages' SupplierView). */
export interface SupplierPlace {
	commune?: string;
	/** lib/domain's French wording of the distance (« environ 3,2 km »). */
	distance?: string;
	distanceKm?: number;
	approximate: boolean;
	qpv?: string;
	siret?: string;
}

/** What is known of a supplier's place, piece by piece: « Strasbourg · environ 3,2 km · QPV … · SIRET … ». */
export function supplierWhere(s: SupplierPlace): WherePart[] {
	const parts: Omit<WherePart, 'lead'>[] = [];
	if (s.commune) parts.push({ text: s.commune, content: true });
	// French keeps lib/domain's own wording, measured before the view rounds the distance to 100 m.
	if (s.distanceKm !== undefined && s.distance)
		parts.push({ text: french() ? s.distance : formatDistanceKm(s.distanceKm, s.approximate) });
	if (s.qpv) parts.push({ label: `${m.buy_where_qpv()} `, text: s.qpv, content: true });
	if (s.siret) parts.push({ text: `SIRET ${s.siret}` });
	return parts.map((p, i) => ({ lead: i ? ' · ' : '', ...p }));
}

// Potential and what the search found ---------------------------------------------------------------------

const TITLES: Record<Potential['kind'], () => string> = {
	'reserve-all': m.buy_potential_reserve_all,
	'reserve-lot': m.buy_potential_reserve_lot,
	clause: m.buy_potential_clause
};

export const potentialTitle = (p: Pick<Potential, 'kind'>) => TITLES[p.kind]();

/** The potential's reasoning: the count, what it allows, and the site's benchmarks. */
export function potentialReasoning(p: Potential): string[] {
	const count = whole(p.count);
	const counted = p.within
		? {
				disability: m.buy_potential_within_disability,
				siae: m.buy_potential_within_siae,
				both: m.buy_potential_within_both
			}[p.pool]({ count, radius: whole(p.within.radius), place: p.within.place })
		: {
				disability: m.buy_potential_count_disability,
				siae: m.buy_potential_count_siae,
				both: m.buy_potential_count_both
			}[p.pool]({ count });
	const why =
		p.kind === 'reserve-all'
			? m.buy_potential_enough()
			: p.kind === 'reserve-lot'
				? m.buy_potential_few()
				: p.count === 1
					? m.buy_potential_one()
					: m.buy_potential_none();
	const method = m.buy_potential_method({
		all: whole(POTENTIAL_THRESHOLDS.reserveAll),
		lot: whole(POTENTIAL_THRESHOLDS.reserveLot),
		lotMax: whole(POTENTIAL_THRESHOLDS.reserveAll - 1)
	});
	return [counted, why, method];
}

/** Said when a reserved basis finds nobody within the radius. */
export function noneNearbyText(f: NoneNearby): string {
	const within = f.within && { basis: f.basis, radius: whole(f.within.radius), place: f.within.place };
	const first = within
		? f.activity
			? m.buy_none_activity_within(within)
			: m.buy_none_within(within)
		: f.activity
			? m.buy_none_activity({ basis: f.basis })
			: m.buy_none({ basis: f.basis });
	return f.further ? `${first} ${m.buy_none_further()}` : first;
}

// Notes about the URL and the place of delivery -------------------------------------------------------------

/** What the page says about a value of its URL it dropped. */
export function issueText(issue: QueryIssue): string {
	switch (issue.code) {
		case 'activite':
			return m.buy_issue_activite({ value: issue.value });
		case 'lieu':
			return m.buy_issue_lieu({ value: issue.value, max: whole(ADDRESS_MAX) });
		case 'rayon':
			return m.buy_issue_rayon({
				value: issue.value,
				max: whole(MAX_RADIUS_KM),
				default: whole(DEFAULT_RADIUS_KM)
			});
		case 'base':
			return m.buy_issue_base({ value: issue.value });
		case 'prestation':
			return m.buy_issue_prestation({ value: issue.value });
		case 'taille':
			return m.buy_issue_taille({ value: issue.value });
		case 'lot':
			return m.buy_issue_lot({ value: issue.value });
		case 'lot-max':
			return m.buy_issue_lot_max({ max: whole(MAX_LOTS), lot: activity(issue.lot) });
		case 'choix':
			return m.buy_issue_choix({ value: issue.value });
		case 'choix-max':
			return m.buy_issue_choix_max({ max: whole(MAX_SHORTLIST) });
	}
}

const WHY_NOT_PLACED = {
	limit: m.buy_delivery_limit,
	slow: m.buy_delivery_slow,
	down: m.buy_delivery_down
} as const;

/** Why a typed address was not used as such, and where the distances are measured from instead. */
export function deliveryNoteText(note: DeliveryNote): string {
	if (note.code === 'street') return m.buy_delivery_street({ label: note.label });
	const why =
		note.code === 'not-found'
			? m.buy_delivery_not_found({ address: note.address })
			: WHY_NOT_PLACED[note.code]();
	return note.commune
		? m.buy_delivery_from_commune({ why, commune: note.commune })
		: m.buy_delivery_nowhere({ why });
}

/**
 * The page's notes in the reader's language, in the page's order: the URL's, the address's, the shortlist's.
 * French reads lib/domain's own (the address limit's note gives its minutes there).
 */
export function pageNotes(page: {
	notes: string[];
	issues: QueryIssue[];
	deliveryNote?: DeliveryNote;
	unknownChoices: string[];
}) {
	if (french()) return page.notes;
	return [
		...page.issues.map(issueText),
		...(page.deliveryNote ? [deliveryNoteText(page.deliveryNote)] : []),
		...page.unknownChoices.map((id) => m.buy_issue_unknown_choice({ id }))
	];
}

// Files -----------------------------------------------------------------------------------------------------

/** The files' column headers, in the order of `exportRows`. */
export function exportHeaders(): string[] {
	return [
		m.buy_export_name(),
		'SIRET',
		m.buy_export_address(),
		m.buy_export_commune(),
		m.buy_export_distance(),
		m.buy_export_qpv(),
		m.buy_export_family(),
		m.buy_export_kinds(),
		m.buy_export_proofs(),
		m.buy_export_basis(),
		m.buy_export_admitted(),
		m.buy_export_website(),
		m.buy_export_email(),
		m.buy_export_phone(),
		m.buy_export_record()
	];
}

/**
 * What the files write in the site's own words, in the reader's language: the `ExportWording` of lib/pages'
 * `exportRows`, over the parts of its rows it reads.
 */
export function exportWording() {
	return {
		distance: (km: number) =>
			french()
				? String(km).replace('.', ',')
				: new Intl.NumberFormat(intlLocale(), { maximumFractionDigits: 1, useGrouping: false }).format(km),
		family: (s: { familyCode?: ActivityFamily }) => (s.familyCode ? activity(s.familyCode) : ''),
		kind: (k: { approval: Approval }) => termLabel('approval', k.approval),
		proofDate: (proof: { day: string }) => formatDay(proof.day),
		basis: (page: { basis?: { code: LegalBasisCode } }) => (page.basis ? basisLabel(page.basis.code) : ''),
		admitted: (check: { answer: Answer; why: CheckReason }) =>
			m.buy_export_admitted_cell({ answer: answerWord(check.answer), reason: checkText(check.why) })
	};
}

/** The xlsx's « À propos » sheet: the search, the basis, the rows, the licence, the file's date. */
export function aboutLines(
	page: {
		basis?: { code: LegalBasisCode };
		exported: 'selection' | 'resultats';
		licence: { name: string; attribution: string; url: string };
		dataVersion: number;
	},
	searchUrl: string,
	today: string
): string[] {
	return [
		m.buy_about_search({ url: searchUrl }),
		page.basis ? m.buy_about_basis({ basis: basisLabel(page.basis.code) }) : m.buy_about_basis_none(),
		page.exported === 'selection' ? m.buy_about_rows_selection() : m.buy_about_rows_results(),
		m.buy_about_licence({
			licence: page.licence.name,
			attribution: page.licence.attribution,
			url: page.licence.url
		}),
		m.buy_about_file({ date: today, version: String(page.dataVersion) })
	];
}
