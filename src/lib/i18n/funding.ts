/**
 * The funding finder's and the support path's words in the reader's language: reasons, hints, notices,
 * the QPV answer, why no grant fits, the estimate, the form's errors, the memos' rows, amounts and dates.
 *
 * lib/domain/funding composes these sentences in French for the API, the exports and the tests, and puts a
 * code and its facts beside each (`say`). A French page shows the domain's sentence as it was; another
 * language writes it here from the code. Names of tools and places and texts quoted from the data
 * (conditions, recurrences) are record content: they stay French and come back marked as such (`Rich`),
 * so a page can say so to screen readers with `lang="fr"`.
 */
import type { Amount, FundingTool } from '$lib/domain/records';
import type { CompareProblem } from '$lib/domain/funding/compare';
import {
	amountLabel as frenchAmountLabel,
	formatEuros as frenchEuros,
	monthsRangeLabel as frenchMonthsRange,
	rateLabel as frenchRate
} from '$lib/domain/format';
import * as french from '$lib/domain/funding/labels';
import type {
	Criterion,
	CriterionKey,
	CriterionSay,
	ToolEvaluation,
	ToolPlace
} from '$lib/domain/funding/criteria';
import type { LeftOutCode } from '$lib/domain/funding/estimate';
import type { MemoSlug, SummaryRow } from '$lib/domain/funding/memo';
import type { PathStep, StepTitle, StepWhy } from '$lib/domain/support/path';
import type { CreateProfile, CreateStage, SupportNeed } from '$lib/domain/support/profile';
import type { FinderNotice, NeighbourEvaluation } from '$lib/domain/funding/finder';
import type { CombinationHint } from '$lib/domain/funding/hints';
import type { NoGrant } from '$lib/domain/funding/grants';
import type { MoneyKind, ToolKind } from '$lib/domain/funding/kind';
import type { FieldError, FinderProfile, TerritoryProfile } from '$lib/domain/funding/profile';
import { EUROMETROPOLE_PLACE, type QpvAnswer } from '$lib/domain/funding/qpv';
import type { Audience, FundingType, LegalFormCode, Stage } from '$lib/domain/taxonomies';
import { LEGAL_FORMS } from '$lib/domain/taxonomies';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { formatDay, intlLocale } from './explorer';
import { termLabel } from './terms';

// ---------------------------------------------------------------------------------------------------------
// Record content inside a translated sentence.

/** A piece of a sentence; `fr` marks record content (a tool's or a place's name, a quoted condition). */
export interface Segment {
	text: string;
	fr?: boolean;
}
/** A sentence in pieces, rendered by the Said component. */
export type Rich = Segment[];

const OPEN = '\uE000';
const CLOSE = '\uE001';
/** Marks French record content inside a message's parameters; `rich` splits the result on the marks. */
const fr = (text: string) => `${OPEN}${text}${CLOSE}`;

/** A message's output, with the marked content as French segments. */
export function rich(text: string): Rich {
	const out: Rich = [];
	for (const part of text.split(new RegExp(`(${OPEN}[^${CLOSE}]*${CLOSE})`))) {
		if (!part) continue;
		if (part.startsWith(OPEN)) out.push({ text: part.slice(1, -1), fr: true });
		else out.push({ text: part });
	}
	return out;
}

/** The sentence as plain text (titles, attributes, tests). */
export const plain = (r: Rich | string) => (typeof r === 'string' ? r : r.map((s) => s.text).join(''));

const isFrench = () => getLocale() === 'fr';

/** A sentence as French wrote it: on a French page, record content needs no mark. */
const asIs = (text: string): Rich => [{ text }];

// ---------------------------------------------------------------------------------------------------------
// Numbers, amounts, lists.

/** An amount in euros in the reader's format (« 20 000 € », « 20.000 € », « €20,000 »). */
export function formatEuros(n: number): string {
	if (isFrench()) return frenchEuros(n);
	return new Intl.NumberFormat(intlLocale(), {
		style: 'currency',
		currency: 'EUR',
		maximumFractionDigits: 0
	}).format(n);
}

/** A tool's published amount in words (« Jusqu’à 10 000 € », « Up to €10,000 »). */
export function amountLabel(amount: Amount | undefined): string {
	if (isFrench()) return frenchAmountLabel(amount);
	if (!amount) return m.fin_amount_unpublished();
	const { min, max, average, year } = amount;
	let text: string;
	if (min !== undefined && max !== undefined)
		text =
			min === max ? formatEuros(min) : m.fin_amount_range({ min: formatEuros(min), max: formatEuros(max) });
	else if (max !== undefined) text = m.fin_amount_up_to({ max: formatEuros(max) });
	else if (min !== undefined) text = m.fin_amount_from({ min: formatEuros(min) });
	else if (average !== undefined) text = m.fin_amount_average({ average: formatEuros(average) });
	else return m.fin_amount_per_project_unpublished();
	if (average !== undefined && (min !== undefined || max !== undefined))
		text = m.fin_amount_with_average({ text, average: formatEuros(average) });
	return year ? m.fin_amount_year({ text, year: String(year) }) : text;
}

/** « 18 mois », « 2 years », « 7 Jahre ». */
function months(n: number): string {
	return n % 12 === 0 ? m.fin_years({ count: n / 12 }) : m.fin_months({ count: n });
}

/** A duration in months in words: « 5 à 7 ans », « up to 7 years »; undefined when unknown. */
export function monthsRangeLabel(range: { min?: number; max?: number } | undefined): string | undefined {
	if (isFrench()) return frenchMonthsRange(range);
	if (!range || (range.min === undefined && range.max === undefined)) return undefined;
	const { min, max } = range;
	if (min !== undefined && max !== undefined) {
		if (min === max) return months(min);
		if (min % 12 === 0 && max % 12 === 0) return m.fin_range({ min: String(min / 12), max: months(max) });
		return m.fin_range({ min: months(min), max: months(max) });
	}
	if (max !== undefined) return m.fin_at_most({ value: months(max) });
	return m.fin_at_least({ value: months(min as number) });
}

/** « Taux zéro (0 %) », « 1.5% a year »; undefined when unknown. */
export function rateLabel(rate: number | undefined): string | undefined {
	if (isFrench()) return frenchRate(rate);
	if (rate === undefined) return undefined;
	if (rate === 0) return m.fin_rate_zero();
	const percent = new Intl.NumberFormat(intlLocale(), { style: 'percent', maximumFractionDigits: 2 }).format(
		rate / 100
	);
	return m.fin_rate_yearly({ percent });
}

/** « a, b et c », « a, b und c », « a, b and c » (or « ou », « oder », « or »). */
export function list(items: readonly string[], type: 'and' | 'or' = 'and'): string {
	return new Intl.ListFormat(intlLocale(), {
		type: type === 'and' ? 'conjunction' : 'disjunction'
	}).format(items);
}

/** Names of records (tools, places) listed in the reader's language, each marked French. */
const names = (items: readonly string[], type: 'and' | 'or' = 'and') =>
	list(
		items.map((n) => fr(n)),
		type
	);

/**
 * A label inside a sentence: French writes it in lower case (as lib/domain does), English lowers its first
 * letter unless it is an acronym, German nouns keep their capital.
 */
function inSentence(label: string): string {
	const locale = getLocale();
	if (locale === 'fr') return label.toLowerCase();
	if (locale === 'en' && !/^[A-Z]{2}/.test(label)) return label.charAt(0).toLowerCase() + label.slice(1);
	return label;
}

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

// ---------------------------------------------------------------------------------------------------------
// Taxonomy values in sentences.

const AUDIENCE_MANY: Record<Audience, () => string> = {
	association: m.fin_audience_many_association,
	fiscalisee: m.fin_audience_many_fiscalisee,
	porteur: m.fin_audience_many_porteur
};
const AUDIENCE_ONE: Record<Audience, () => string> = {
	association: m.fin_audience_one_association,
	fiscalisee: m.fin_audience_one_fiscalisee,
	porteur: m.fin_audience_one_porteur
};
/** « associations non fiscalisées », in the reader's language. */
export const audiencePlural = (a: Audience) => AUDIENCE_MANY[a]();
/** « association non fiscalisée », in the reader's language. */
export const audienceSingular = (a: Audience) => AUDIENCE_ONE[a]();

const ASSOCIATION_FORMS: LegalFormCode[] = LEGAL_FORMS.filter((f) => f.family === 'association').map(
	(f) => f.code
);

/** Legal forms in words; the association variants collapse to « associations (toutes formes) ». */
export function legalFormsLabel(forms: readonly LegalFormCode[]): string {
	if (isFrench()) return french.legalFormsLabel(forms);
	const all = ASSOCIATION_FORMS.every((f) => forms.includes(f));
	const labels = forms
		.filter((f) => !(all && ASSOCIATION_FORMS.includes(f)))
		.map((f) => termLabel('legalForm', f));
	if (all) labels.unshift(m.fin_forms_all_associations());
	return list(labels, 'or');
}

/** Stages in words (« émergence ou création »). */
export function stagesLabel(stages: readonly Stage[]): string {
	if (isFrench()) return french.stagesLabel(stages);
	return list(
		stages.map((s) => inSentence(termLabel('stage', s))),
		'or'
	);
}

/** A tool's types, « Subvention · Prêt ». */
export function typesLabel(types: readonly FundingType[]): string {
	if (isFrench()) return french.typesLabel(types);
	return types.map((t) => termLabel('fundingType', t)).join(' · ');
}

/** Who a tool is for, « Associations non fiscalisées et structures fiscalisées ». */
export function audiencesLabel(audiences: readonly Audience[]): string {
	if (isFrench()) return french.audiencesLabel(audiences);
	return upperFirst(list(audiences.map(audiencePlural)));
}

/** Where a tool is open, « Toute la France », « Eurométropole de Strasbourg ». */
export function territoryLabel(tool: Pick<FundingTool, 'territory'>): string {
	if (isFrench()) return french.territoryLabel(tool);
	return tool.territory === 'france' ? m.fin_territory_all_france() : termLabel('territory', tool.territory);
}

const where = (place: ToolPlace | undefined) =>
	place?.commune !== undefined ? fr(place.commune) : termLabel('territory', place?.territory ?? 'france');

const TERRITORY_KEYWORDS: Record<string, () => string> = {
	eurometropole: m.fin_territory_eurometropole,
	qpv: m.fin_territory_qpv_any,
	'hors-ems': m.fin_territory_outside
};

/** The visitor's answer to « Où se situe votre projet » in words (names of places stay French). */
export function territoryName(t: TerritoryProfile): string {
	if (isFrench()) return t.label;
	return plain(rich(markedTerritory(t)));
}

function markedTerritory(t: TerritoryProfile): string {
	switch (t.kind) {
		case 'keyword':
			return (TERRITORY_KEYWORDS[t.value] ?? (() => termLabel('territory', t.value)))();
		case 'qpv':
			return `QPV ${fr(t.name ?? t.label)}`;
		case 'commune':
			return fr(t.name ?? t.label);
		case 'insee': {
			const region =
				t.region === 'bas-rhin'
					? 'Bas-Rhin'
					: t.region === 'haut-rhin'
						? 'Haut-Rhin'
						: termLabel('territory', t.region ?? 'france');
			return m.fin_territory_insee({ code: t.value, region });
		}
		default:
			return fr(t.label);
	}
}

/** The visitor's territory with place names marked French. */
export function territoryRich(t: TerritoryProfile): Rich {
	return isFrench() ? asIs(t.label) : rich(markedTerritory(t));
}

/** One line summary of a profile, for headings and titles (the domain's French on a French page). */
export function profileSummary(p: FinderProfile, french: string): string {
	if (isFrench()) return french;
	const parts: string[] = [];
	if (p.structure) parts.push(audienceSingular(p.structure));
	if (p.forme) parts.push(termLabel('legalForm', p.forme));
	if (p.stade) parts.push(m.fin_summary_stage({ stage: inSentence(termLabel('stage', p.stade)) }));
	if (p.montant !== undefined) parts.push(m.fin_summary_need({ amount: formatEuros(p.montant) }));
	if (p.besoin) parts.push(inSentence(termLabel('purpose', p.besoin)));
	if (p.territoire) parts.push(territoryName(p.territoire));
	return parts.join(' · ');
}

// ---------------------------------------------------------------------------------------------------------
// The criteria: « Ce qui correspond », « Ce qui ne correspond pas », « À vérifier ».

const recurrence = (quoted: string | undefined) => (quoted ? ` (${fr(quoted)})` : '');

function criterionMessage(s: CriterionSay): string {
	const forms = () => legalFormsLabel(s.forms ?? []);
	const form = () => termLabel('legalForm', s.form ?? 'inconnue');
	const stage = () => inSentence(termLabel('stage', s.stage ?? 'creation'));
	const purposes = () =>
		list(
			(s.purposes ?? []).map((p) => inSentence(termLabel('purpose', p))),
			'or'
		);
	const purpose = () => inSentence(termLabel('purpose', s.purpose ?? 'fonctionnement'));
	const need = () => formatEuros(s.need ?? 0);
	const range = () => amountLabel(s.amount);
	const yours = () => (s.yours ? markedTerritory(s.yours) : '');
	const date = () => formatDay(s.date ?? '');
	const projects = () =>
		list(
			(s.projects ?? []).map((p) => inSentence(termLabel('projectKind', p))),
			'or'
		);
	switch (s.code) {
		case 'structure-unknown':
			return m.fin_crit_structure_unknown({ audiences: list((s.audiences ?? []).map(audiencePlural)) });
		case 'structure-open':
			return m.fin_crit_structure_open({ audience: audiencePlural(s.audience ?? 'association') });
		case 'structure-reserved':
			return m.fin_crit_structure_reserved({
				audiences: list((s.audiences ?? []).map(audiencePlural)),
				yours: audienceSingular(s.audience ?? 'association')
			});
		case 'forme-to-create':
			return m.fin_crit_forme_to_create({ forms: forms() });
		case 'forme-unknown':
			return m.fin_crit_forme_unknown({ forms: forms() });
		case 'forme-ok':
			return m.fin_crit_forme_ok({ form: form() });
		case 'forme-reserved':
			return m.fin_crit_forme_reserved({ forms: forms(), form: form() });
		case 'forme-excluded-unknown':
			return m.fin_crit_forme_excluded_unknown({ forms: forms() });
		case 'forme-excluded':
			return m.fin_crit_forme_excluded({ form: form(), forms: forms() });
		case 'stade-unknown':
			return m.fin_crit_stade_unknown({ stages: stagesLabel(s.stages ?? []) });
		case 'stade-ok':
			return m.fin_crit_stade_ok({ stage: stage() });
		case 'stade-reserved':
			return m.fin_crit_stade_reserved({ stages: stagesLabel(s.stages ?? []), stage: stage() });
		case 'montant-unknown':
			return m.fin_crit_montant_unknown({ range: range() });
		case 'montant-unpublished':
			return m.fin_crit_montant_unpublished({ need: need() });
		case 'montant-no-ceiling':
			return m.fin_crit_montant_no_ceiling({ range: range(), need: need() });
		case 'montant-below-min':
			return m.fin_crit_montant_below_min({ min: formatEuros(s.euros ?? 0), need: need() });
		case 'montant-above-max':
			return m.fin_crit_montant_above_max({ max: formatEuros(s.euros ?? 0), need: need() });
		case 'montant-ok':
			return m.fin_crit_montant_ok({ need: need(), range: range() });
		case 'besoin-unknown':
			return m.fin_crit_besoin_unknown({ purposes: purposes() });
		case 'besoin-ok':
			return m.fin_crit_besoin_ok({ purpose: purpose() });
		case 'besoin-reserved':
			return m.fin_crit_besoin_reserved({ purposes: purposes(), purpose: purpose() });
		case 'territoire-everywhere':
			return s.scope === 'europe'
				? m.fin_crit_territoire_everywhere_europe()
				: m.fin_crit_territoire_everywhere_france();
		case 'territoire-reserved-unknown':
			return m.fin_crit_territoire_reserved_unknown({ where: where(s.place) });
		case 'territoire-commune-ok':
			return m.fin_crit_territoire_commune_ok({ where: where(s.place) });
		case 'territoire-reserved':
			return m.fin_crit_territoire_reserved({ where: where(s.place), yours: yours() });
		case 'territoire-commune-unknown':
			return m.fin_crit_territoire_commune_unknown({ where: where(s.place) });
		case 'territoire-inside':
			return m.fin_crit_territoire_inside({ where: where(s.place) });
		case 'territoire-check':
			return m.fin_crit_territoire_check({ where: where(s.place), yours: yours() });
		case 'qpv-cited-met':
			return m.fin_crit_qpv_cited_met({ cited: fr(s.quoted ?? '') });
		case 'qpv-cited-unknown':
			return m.fin_crit_qpv_cited_unknown({ cited: fr(s.quoted ?? '') });
		case 'qpv-met':
			return m.fin_crit_qpv_met();
		case 'qpv-unmet':
			return m.fin_crit_qpv_unmet();
		case 'qpv-unknown':
			return m.fin_crit_qpv_unknown();
		case 'disponibilite-open':
			return m.fin_crit_dispo_open();
		case 'disponibilite-closed':
			return m.fin_crit_dispo_closed({ recurrence: recurrence(s.quoted) });
		case 'disponibilite-uncertain':
			return m.fin_crit_dispo_uncertain({ recurrence: recurrence(s.quoted) });
		case 'disponibilite-call':
			return m.fin_crit_dispo_call({ recurrence: recurrence(s.quoted) });
		case 'disponibilite-call-open':
			return m.fin_crit_dispo_call_open({ date: date() });
		case 'disponibilite-call-recurring':
			return m.fin_crit_dispo_call_recurring({ date: date(), recurrence: fr(s.quoted ?? '') });
		case 'disponibilite-call-closed':
			return m.fin_crit_dispo_call_closed({ date: date() });
		case 'agrement':
			return m.fin_crit_agrement({ approval: termLabel('approval', s.approval ?? 'esus') });
		case 'condition':
			return fr(s.quoted ?? '');
		case 'fraicheur':
			return m.fin_crit_fraicheur({ date: date() });
		case 'projet-unknown':
			return m.fin_crit_projet_unknown({ projects: projects() });
		case 'projet-ok':
			return m.fin_crit_projet_ok({
				project: inSentence(termLabel('projectKind', s.project ?? 'association'))
			});
		case 'projet-reserved':
			return m.fin_crit_projet_reserved({
				projects: projects(),
				project: inSentence(termLabel('projectKind', s.project ?? 'association'))
			});
	}
}

/** One criterion in the reader's language (the domain's French on a French page). */
export function criterionText(c: Criterion): Rich {
	return isFrench() ? asIs(c.text) : rich(criterionMessage(c.say));
}

/** A tool's blocking reasons, « ; »-separated as the list of excluded tools writes them. */
export function blockingText(e: ToolEvaluation): Rich {
	const blocking = e.unmet.filter((c) => c.blocking);
	return blocking.flatMap((c, i) =>
		i ? [{ text: m.fin_semicolon() }, ...criterionText(c)] : criterionText(c)
	);
}

const CRITERION_WORDS: Record<CriterionKey, () => string> = {
	structure: m.fin_word_structure,
	forme: m.fin_word_forme,
	stade: m.fin_word_stade,
	montant: m.fin_word_montant,
	besoin: m.fin_word_besoin,
	territoire: m.fin_word_territoire,
	qpv: m.fin_word_qpv,
	disponibilite: m.fin_word_disponibilite,
	agrement: m.fin_word_agrement,
	condition: m.fin_word_condition,
	fraicheur: m.fin_word_fraicheur
};

function criteriaWords(items: readonly Criterion[]): string {
	const keys = [...new Set(items.map((c) => c.key))];
	return list(
		keys.map((k) =>
			k === 'condition'
				? m.fin_word_conditions({ count: items.filter((c) => c.key === k).length })
				: CRITERION_WORDS[k]()
		)
	);
}

/** « Correspond : public, stade et territoire · en partie : montant · à vérifier : disponibilité ». */
export function fitSummary(e: ToolEvaluation, french: string): string {
	if (isFrench()) return french;
	const parts: string[] = [];
	if (e.met.length) parts.push(m.fin_fit_met({ words: criteriaWords(e.met) }));
	const partial = e.unmet.filter((c) => !c.blocking);
	if (partial.length) parts.push(m.fin_fit_partial({ words: criteriaWords(partial) }));
	if (e.unchecked.length) parts.push(m.fin_fit_unchecked({ words: criteriaWords(e.unchecked) }));
	return parts.join(' · ');
}

// ---------------------------------------------------------------------------------------------------------
// The neighbouring stage.

const STILL_FITS: Record<string, () => string> = {
	'creation>emergence': m.fin_fits_creation_emergence,
	'emergence>creation': m.fin_fits_emergence_creation,
	'creation>developpement': m.fin_fits_creation_developpement,
	'developpement>creation': m.fin_fits_developpement_creation,
	'developpement>changement-echelle': m.fin_fits_developpement_changement_echelle,
	'changement-echelle>developpement': m.fin_fits_changement_echelle_developpement,
	'creation>reprise': m.fin_fits_creation_reprise,
	'developpement>reprise': m.fin_fits_developpement_reprise,
	'reprise>creation': m.fin_fits_reprise_creation,
	'reprise>developpement': m.fin_fits_reprise_developpement
};
const ORDER: readonly Stage[] = ['emergence', 'creation', 'developpement', 'changement-echelle'];

/** « Prévu pour l’étape d’émergence : peut encore convenir si … » (without the final full stop). */
export function neighbourReason(g: Pick<NeighbourEvaluation, 'stage' | 'profileStage' | 'reason'>): string {
	if (isFrench()) return upperFirst(g.reason);
	const fits = (STILL_FITS[`${g.profileStage}>${g.stage}`] ?? m.fin_fits_default)();
	const stage = inSentence(termLabel('stage', g.stage));
	if (g.profileStage === 'reprise' || g.stage === 'reprise') return m.fin_neighbour_also({ stage, fits });
	return ORDER.indexOf(g.stage) < ORDER.indexOf(g.profileStage)
		? m.fin_neighbour_still({ stage, fits })
		: m.fin_neighbour_already({ stage, fits });
}

// ---------------------------------------------------------------------------------------------------------
// Hints, notices, the QPV answer, no grant.

/** A combination hint; the data's own note about a pair is record content. */
export function hintText(h: CombinationHint): Rich {
	if (isFrench()) return asIs(h.text);
	const s = h.say;
	switch (s.code) {
		case 'pair':
			return rich(
				s.note
					? m.fin_hint_pair_note({ a: fr(s.a), b: fr(s.b), note: fr(s.note) })
					: m.fin_hint_pair({ a: fr(s.a), b: fr(s.b) })
			);
		case 'guarantee': {
			const loans = s.loans.length ? names(s.loans, 'or') + (s.more ? m.fin_hint_among_others() : '') : '';
			return rich(
				loans
					? m.fin_hint_guarantee_with({ guarantee: fr(s.guarantee), loans })
					: m.fin_hint_guarantee({ guarantee: fr(s.guarantee) })
			);
		}
		case 'honour': {
			const loans = s.loans.length ? names(s.loans, 'or') + (s.more ? m.fin_hint_among_others() : '') : '';
			return rich(
				loans
					? m.fin_hint_honour_with({ honour: names(s.honour, 'or'), loans })
					: m.fin_hint_honour({ honour: names(s.honour, 'or') })
			);
		}
		case 'support':
			return rich(m.fin_hint_support({ support: names(s.support) }));
	}
}

/** A remark about the profile as a whole. */
export function noticeText(n: FinderNotice, french: string): string {
	if (isFrench()) return french;
	return n.code === 'outside-eurometropole'
		? m.fin_notice_outside()
		: m.fin_notice_above_ceilings({ need: formatEuros(n.need), highest: formatEuros(n.highest) });
}

/** What the QPV answer changes, sentence by sentence. */
export function qpvText(q: QpvAnswer): Rich[] {
	if (isFrench()) return q.text.map(asIs);
	return q.say.map((s) => {
		switch (s.code) {
			case 'changes': {
				const parts: string[] = [];
				if (s.reserved.length)
					parts.push(m.fin_qpv_reserved({ names: names(s.reserved), count: s.reserved.length }));
				if (s.favoured.length)
					parts.push(m.fin_qpv_favoured({ names: names(s.favoured), count: s.favoured.length }));
				return rich(m.fin_qpv_changes({ answer: markedTerritory(s.yours), parts: parts.join('; ') }));
			}
			case 'elsewhere':
				return rich(
					m.fin_qpv_elsewhere({
						answer: markedTerritory(s.yours),
						names: names(s.names),
						count: s.names.length
					})
				);
			case 'none':
				return rich(
					m.fin_qpv_none({
						answer: markedTerritory(s.yours),
						place: s.samePlace === EUROMETROPOLE_PLACE ? m.fin_qpv_same_eurometropole() : fr(s.samePlace)
					})
				);
			case 'closed-one':
				return rich(
					s.others
						? m.fin_qpv_closed_one_other({ name: fr(s.name) })
						: m.fin_qpv_closed_one_only({ name: fr(s.name) })
				);
			case 'closed-many':
				return rich(
					s.others
						? m.fin_qpv_closed_many_other({ names: names(s.names) })
						: m.fin_qpv_closed_many_only({ names: names(s.names) })
				);
			case 'credits':
				return rich(m.fin_qpv_credits());
		}
	});
}

/** Why no grant fits, and what to look at instead. */
export function noGrantText(n: NoGrant): { why: Rich[]; instead: Rich[] } {
	if (isFrench()) return { why: n.why.map(asIs), instead: n.instead.map(asIs) };
	const why = n.whySay.map((s) => {
		switch (s.code) {
			case 'stage':
				return rich(
					m.fin_nogrant_stage({
						groups: s.groups.map((g) => `${stagesLabel(g.stages)} (${names(g.names)})`).join('; ')
					})
				);
			case 'audience':
				return rich(
					m.fin_nogrant_audience({
						tools: s.tools.map((t) => `${fr(t.name)} (${list(t.audiences.map(audiencePlural))})`).join('; ')
					})
				);
			case 'other':
				return rich(
					m.fin_nogrant_other({
						tools: s.tools
							.map((t) => `${fr(t.name)} (${t.reason ? criterionMessage(t.reason.say) : ''})`)
							.join('; ')
					})
				);
			case 'closed':
				return rich(m.fin_nogrant_closed({ names: names(s.names) }));
		}
	});
	const instead = n.insteadSay.map((s) => {
		switch (s.code) {
			case 'neighbours':
				return rich(m.fin_nogrant_instead_neighbours({ names: names(s.names) }));
			case 'equity':
				return rich(m.fin_nogrant_instead_equity({ names: names(s.names) }));
			case 'support':
				return rich(m.fin_nogrant_instead_support({ names: names(s.names) }));
			case 'create':
				return rich(m.fin_nogrant_instead_create());
			case 'local':
				return rich(m.fin_nogrant_instead_local());
		}
	});
	return { why, instead };
}

// ---------------------------------------------------------------------------------------------------------
// The estimate.

const MONEY_KINDS: Record<MoneyKind, () => string> = {
	don: m.fin_money_don,
	pret: m.fin_money_pret,
	'fonds-propres': m.fin_money_fonds_propres
};
/** « Subventions, prix et dons (non remboursables) »… */
export const moneyKindLabel = (k: MoneyKind) => MONEY_KINDS[k]();

const LEFT_OUT: Record<LeftOutCode, () => string> = {
	guarantee: m.fin_leftout_guarantee,
	'no-amount': m.fin_leftout_no_amount,
	'same-provider': m.fin_leftout_same_provider
};
/** Why a tool is not counted in the estimate. */
export const leftOutReason = (code: LeftOutCode) => LEFT_OUT[code]();

const TOOL_KINDS: Record<ToolKind, () => string> = {
	don: m.fin_kind_don,
	pret: m.fin_kind_pret,
	'fonds-propres': m.fin_kind_fonds_propres,
	garantie: m.fin_kind_garantie,
	accompagnement: m.fin_kind_accompagnement,
	agrement: m.fin_kind_agrement
};
/** A tool's kind, as a memo's summary table writes it. */
export const toolKindLabel = (k: ToolKind) => TOOL_KINDS[k]();
/** What each kind means, under a memo's table. */
export const kindLegend = () => m.fin_kind_legend();

// ---------------------------------------------------------------------------------------------------------
// The finder's form errors.

/** A form error in the reader's language (the domain's French on a French page). */
export function fieldErrorText(e: FieldError): string {
	if (isFrench() || !e.code) return e.message;
	const input = e.input ?? '';
	switch (e.code) {
		case 'repeated':
			return m.fin_error_repeated({ field: e.field });
		case 'montant-format':
			return m.fin_error_montant_format();
		case 'montant-min':
			return m.fin_error_montant_min();
		case 'montant-max':
			return m.fin_error_montant_max();
		case 'forme-porteur':
			return m.fin_error_forme_porteur();
		case 'forme-association':
			return m.fin_error_forme_association({ form: termLabel('legalForm', input) });
		case 'unknown-value':
			return e.field === 'territoire'
				? m.fin_error_territoire({ input })
				: e.field === 'tri'
					? m.fin_error_tri({ input })
					: m.fin_error_value({ input });
	}
}

/** A comparison's problem in the reader's language (the domain's French on a French page). */
export function compareProblemText(p: CompareProblem | undefined, french: string): string {
	if (isFrench() || !p) return french;
	switch (p.code) {
		case 'invalid':
			return m.fin_compare_invalid({ value: p.value });
		case 'too-many':
			return m.fin_compare_too_many({ count: p.count, max: 3 });
		case 'unknown':
			return m.fin_compare_unknown({ value: p.value });
	}
}

// ---------------------------------------------------------------------------------------------------------
// The memos.

const MEMO_WORDS: Record<MemoSlug, { title: () => string; short: () => string; intro: () => string }> = {
	fiscalisees: {
		title: m.fin_memo_fiscalisees_title,
		short: m.fin_memo_fiscalisees_short,
		intro: m.fin_memo_fiscalisees_intro
	},
	'non-fiscalisees': {
		title: m.fin_memo_non_fiscalisees_title,
		short: m.fin_memo_non_fiscalisees_short,
		intro: m.fin_memo_non_fiscalisees_intro
	}
};
/** A general memo's title, short name and introduction. */
export const memoWords = (slug: MemoSlug) => ({
	title: MEMO_WORDS[slug].title(),
	short: MEMO_WORDS[slug].short(),
	intro: MEMO_WORDS[slug].intro()
});

/** A summary row's kind, amount and availability in the reader's language. */
export function summaryCells(r: SummaryRow): { kind: string; amount: string; availability: string } {
	if (isFrench()) return { kind: r.kind, amount: r.amount, availability: r.availability };
	const s = r.say;
	return {
		kind: toolKindLabel(s.kind),
		amount: s.showsAmount ? amountLabel(s.amount) : '—',
		availability:
			termLabel('availability', s.availability) +
			(s.deadline ? ` (${m.fin_facts_deadline({ date: formatDay(s.deadline) })})` : '')
	};
}

const AUDIENCE_SHORT: Record<Audience, () => string> = {
	association: m.fin_audience_short_association,
	fiscalisee: m.fin_audience_many_fiscalisee,
	porteur: m.fin_audience_short_porteur
};

/** « Associations non fiscalisées · émergence »: who a tool is for, in a general memo's table. */
export function audienceSummary(tool: FundingTool, french: string): string {
	if (isFrench()) return french;
	const who = upperFirst(list(tool.eligibility.audiences.map((a) => AUDIENCE_SHORT[a]())));
	return `${who} · ${stagesLabel(tool.stages)}${tool.eligibility.qpvOnly ? ` · ${m.fin_memo_qpv()}` : ''}`;
}

/** The profile in words, every question with its answer, for the top of the finder's memo. */
export function profileInWords(
	p: FinderProfile,
	french: { label: string; value: string }[]
): { label: string; value: string }[] {
	if (isFrench()) return french;
	const none = m.fin_none_unspecified_m();
	const help = (s: Stage) =>
		({
			emergence: m.fin_stage_help_emergence,
			creation: m.fin_stage_help_creation,
			developpement: m.fin_stage_help_developpement,
			'changement-echelle': m.fin_stage_help_changement_echelle,
			reprise: m.fin_stage_help_reprise
		})[s]();
	return [
		{
			label: m.fin_memo_structure(),
			value: p.structure
				? upperFirst(audienceSingular(p.structure)) + (p.forme ? ` (${termLabel('legalForm', p.forme)})` : '')
				: none
		},
		{
			label: m.fin_f_stade(),
			value: p.stade ? `${termLabel('stage', p.stade)}${m.fin_colon()}${help(p.stade)}` : none
		},
		{ label: m.fin_f_montant_words(), value: p.montant !== undefined ? formatEuros(p.montant) : none },
		{ label: m.fin_f_besoin(), value: p.besoin ? termLabel('purpose', p.besoin) : none },
		{ label: m.fin_f_territoire(), value: p.territoire ? territoryName(p.territoire) : none }
	];
}

/** « Données vérifiées le 4 mars 2025 » / « entre le … et le … ». */
export function verifiedSpan(span: { oldest: string; newest: string }): string {
	return span.oldest === span.newest
		? m.fin_memo_verified_on({ date: formatDay(span.newest) })
		: m.fin_memo_verified_between({ oldest: formatDay(span.oldest), newest: formatDay(span.newest) });
}

/** The finder's errors by field, in the reader's language (the shape ErrorSummary reads). */
export function finderErrors(list: readonly FieldError[]): Record<string, string> {
	const errors: Record<string, string> = {};
	for (const e of list) errors[e.field] ??= fieldErrorText(e);
	return errors;
}

// ---------------------------------------------------------------------------------------------------------
// « Créer son activité » (/creer): the support path.

const STEP_TITLE: Record<StepTitle, () => string> = {
	diagnostic: m.create_title_diagnostic,
	accompagnement: m.create_title_accompagnement,
	'accompagnement-reprise': m.create_title_accompagnement_reprise,
	formation: m.create_title_formation,
	'hebergement-juridique': m.create_title_hebergement,
	agrement: m.create_title_agrement,
	financement: m.create_title_financement,
	locaux: m.create_title_locaux,
	reseau: m.create_title_reseau
};
const STEP_WHY: Record<StepWhy, () => string> = {
	'asked-diagnostic': m.create_why_asked_diagnostic,
	'no-need-diagnostic': m.create_why_no_need_diagnostic,
	'idea-diagnostic': m.create_why_idea_diagnostic,
	'asked-accompagnement': m.create_why_asked_accompagnement,
	'build-accompagnement': m.create_why_build_accompagnement,
	'asked-formation': m.create_why_asked_formation,
	'asked-hebergement': m.create_why_asked_hebergement,
	'cae-hebergement': m.create_why_cae_hebergement,
	'esus-agrement': m.create_why_esus_agrement,
	'asked-financement': m.create_why_asked_financement,
	'plan-financement': m.create_why_plan_financement,
	'asked-locaux': m.create_why_asked_locaux,
	'asked-reseau': m.create_why_asked_reseau,
	'no-need-reseau': m.create_why_no_need_reseau
};
/** A step's title and why it is in the path, in the reader's language. */
export function stepWords(s: Pick<PathStep, 'title' | 'titleCode' | 'why' | 'whyCode'>) {
	if (isFrench()) return { title: s.title, why: s.why };
	return { title: STEP_TITLE[s.titleCode](), why: STEP_WHY[s.whyCode]() };
}

const CREATE_STAGE: Record<CreateStage, { label: () => string; help: () => string }> = {
	idee: { label: m.create_stage_idee, help: m.create_stage_help_idee },
	emergence: { label: m.create_stage_emergence, help: m.create_stage_help_emergence },
	creation: { label: m.create_stage_creation, help: m.create_stage_help_creation },
	developpement: { label: m.create_stage_developpement, help: m.create_stage_help_developpement },
	reprise: { label: m.create_stage_reprise, help: m.create_stage_help_reprise }
};
/** /creer's stages in the reader's language (French from the messages, as lib/domain says them). */
export const createStage = (code: CreateStage) => ({
	label: CREATE_STAGE[code].label(),
	help: CREATE_STAGE[code].help()
});

const NEEDS: Record<SupportNeed, () => string> = {
	diagnostic: m.create_need_diagnostic,
	formation: m.create_need_formation,
	accompagnement: m.create_need_accompagnement,
	'hebergement-juridique': m.create_need_hebergement,
	financement: m.create_need_financement,
	locaux: m.create_need_locaux,
	reseau: m.create_need_reseau
};
/** A need of /creer's form in the reader's language. */
export const createNeed = (code: SupportNeed) => NEEDS[code]();

/** /creer's profile in one line (the domain's French on a French page). */
export function createSummary(p: CreateProfile, french: string): string {
	if (isFrench()) return french;
	const parts: string[] = [];
	if (p.projet) parts.push(termLabel('projectKind', p.projet));
	if (p.stade) parts.push(m.create_summary_stage({ stage: inSentence(createStage(p.stade).label) }));
	if (p.territoire) parts.push(territoryName(p.territoire));
	if (p.besoins.length)
		parts.push(m.create_summary_needs({ needs: p.besoins.map((b) => inSentence(createNeed(b))).join(', ') }));
	return parts.join(' · ');
}
