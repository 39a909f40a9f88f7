/**
 * /creer's answer: an ordered path of steps (take stock, be coached, test the activity in a CAE, obtain an
 * approval, find money, find a place, join a network), each with the support offers that fit and why, and
 * those that do not with the reason. Offers are funding tools with a kind of support; they are evaluated
 * with the funding finder's criteria (funding/criteria.ts) plus the kind of project they accompany.
 * The steps are one table (STEPS): when a step applies to a profile, which offers it lists.
 */
import { frenchList } from '../format';
import { evaluateTool, type Criterion, type ToolEvaluation } from '../funding/criteria';
import { findFunding } from '../funding/finder';
import { isStep } from '../funding/kind';
import type { FundingTool } from '../records';
import { labelOf, type ProjectKind, type SupportKind } from '../taxonomies';
import { toFinderProfile, type CreateProfile } from './profile';

export type StepKey =
	| 'diagnostic'
	| 'accompagnement'
	| 'formation'
	| 'hebergement-juridique'
	| 'agrement'
	| 'financement'
	| 'locaux'
	| 'reseau';

export interface OfferEvaluation extends ToolEvaluation {
	/** The kind of project criterion, when the offer names the projects it accompanies. */
	project?: Criterion;
}

export interface PathStep {
	key: StepKey;
	title: string;
	titleCode: StepTitle;
	/** Why the step is in this path, in words. */
	why: string;
	whyCode: StepWhy;
	/** Offers that fit, best first. */
	offers: OfferEvaluation[];
	/** Offers of this step the profile is not eligible for, with the blocking reasons. */
	others: OfferEvaluation[];
	/** Where the step continues on the site: the funding finder or the places. */
	continues?: 'financement' | 'lieux';
}

export interface SupportPath {
	steps: PathStep[];
	/** The first offer that fits, in path order: where to start. */
	start?: OfferEvaluation;
	/** Money tools the funding finder gives for the same profile (its first results). */
	funding: { count: number; first: FundingTool[] };
}

/** A support offer: a funding tool with at least one kind of support. */
export function isSupportOffer(tool: Pick<FundingTool, 'supportKinds'>): boolean {
	return tool.supportKinds.length > 0;
}

function projectCriterion(tool: FundingTool, projet: ProjectKind | undefined): Criterion | undefined {
	if (tool.projectKinds.length === 0) return undefined;
	const label = frenchList(
		tool.projectKinds.map((k) => labelOf('projectKind', k).toLowerCase()),
		'ou'
	);
	if (!projet)
		return {
			key: 'condition',
			status: 'unchecked',
			blocking: false,
			text: `Projets accompagnés : ${label} ; précisez le vôtre`,
			say: { code: 'projet-unknown', projects: tool.projectKinds }
		};
	if (tool.projectKinds.includes(projet))
		return {
			key: 'condition',
			status: 'met',
			blocking: false,
			text: `Projet : accompagne ${labelOf('projectKind', projet).toLowerCase()}`,
			say: { code: 'projet-ok', project: projet }
		};
	return {
		key: 'condition',
		status: 'unmet',
		blocking: true,
		text: `Projet : accompagne seulement ${label} (vous : ${labelOf('projectKind', projet).toLowerCase()})`,
		say: { code: 'projet-reserved', projects: tool.projectKinds, project: projet }
	};
}

/** The finder's evaluation of an offer for the profile, with the kind of project on top. */
export function evaluateOffer(tool: FundingTool, profile: CreateProfile, now?: Date): OfferEvaluation {
	const base = evaluateTool(tool, toFinderProfile(profile), { now });
	const project = projectCriterion(tool, profile.projet);
	if (!project) return base;
	const met = project.status === 'met' ? [project, ...base.met] : base.met;
	const unmet = project.status === 'unmet' ? [project, ...base.unmet] : base.unmet;
	const unchecked = project.status === 'unchecked' ? [project, ...base.unchecked] : base.unchecked;
	// A project-specific offer that names the visitor's project beats a general one; one left unchecked costs a point.
	const score = base.score + (project.status === 'met' ? 3 : project.status === 'unchecked' ? -1 : 0);
	return { ...base, met, unmet, unchecked, project, eligible: base.eligible && !project.blocking, score };
}

function byFit(a: OfferEvaluation, b: OfferEvaluation): number {
	return b.score - a.score || a.tool.name.localeCompare(b.tool.name, 'fr');
}

const early = (p: CreateProfile) => p.stade === 'idee' || p.stade === 'emergence';
const none = (p: CreateProfile) => p.besoins.length === 0;
const asks = (p: CreateProfile, need: CreateProfile['besoins'][number]) => p.besoins.includes(need);

interface StepRule {
	key: StepKey;
	title: (p: CreateProfile) => StepTitle;
	/** Why the step is there for this profile; undefined: the step is left out. */
	when: (p: CreateProfile) => StepWhy | undefined;
	/** The offers it lists (by kind of support), or the approvals (tools of type « Agrément »). */
	offers?: (t: FundingTool) => boolean;
	continues?: 'financement' | 'lieux';
}

const withKinds =
	(...kinds: SupportKind[]) =>
	(t: FundingTool) =>
		t.supportKinds.some((k) => kinds.includes(k));

/** Why a step is in the path, by code: the French a page shows (another language writes it from the code). */
export const STEP_WHY = {
	'asked-diagnostic': 'vous avez demandé un diagnostic',
	'no-need-diagnostic': 'sans besoin précisé, un premier diagnostic aide à choisir la suite',
	'idea-diagnostic': 'à l’étape de l’idée, un premier point évite de partir dans la mauvaise direction',
	'asked-accompagnement': 'vous avez demandé un accompagnement',
	'build-accompagnement':
		'un accompagnateur aide à construire le modèle, la forme juridique et le plan de financement',
	'asked-formation': 'vous avez demandé une formation',
	'asked-hebergement': 'vous avez demandé un hébergement juridique',
	'cae-hebergement': 'votre activité se lance à l’intérieur d’une CAE, qui l’héberge juridiquement',
	'esus-agrement': 'votre entreprise demande l’agrément ESUS',
	'asked-financement': 'vous avez demandé un financement',
	'plan-financement': 'le plan de financement suit le diagnostic et l’accompagnement',
	'asked-locaux': 'vous avez demandé un lieu',
	'asked-reseau': 'vous avez demandé un réseau',
	'no-need-reseau': 'un réseau d’acteurs de l’ESS aide à chaque étape'
} as const;
export type StepWhy = keyof typeof STEP_WHY;

/** Each step's title, by code (the accompaniment is worded for a reprise). */
export const STEP_TITLES = {
	diagnostic: 'Faire le point sur votre projet',
	accompagnement: 'Être accompagné pour construire le projet',
	'accompagnement-reprise': 'Préparer la reprise avec un accompagnateur',
	formation: 'Vous former',
	'hebergement-juridique': 'Tester votre activité dans une coopérative d’activité et d’emploi (CAE)',
	agrement: 'Obtenir l’agrément',
	financement: 'Financer le projet',
	locaux: 'Trouver un lieu pour travailler, se réunir ou tester',
	reseau: 'Rejoindre un réseau'
} as const;
export type StepTitle = keyof typeof STEP_TITLES;

/** Every step, in path order. */
export const STEPS: readonly StepRule[] = [
	{
		key: 'diagnostic',
		title: () => 'diagnostic',
		when: (p) =>
			asks(p, 'diagnostic')
				? 'asked-diagnostic'
				: none(p)
					? 'no-need-diagnostic'
					: p.stade === 'idee'
						? 'idea-diagnostic'
						: undefined,
		offers: withKinds('diagnostic')
	},
	{
		key: 'accompagnement',
		title: (p) => (p.stade === 'reprise' ? 'accompagnement-reprise' : 'accompagnement'),
		when: (p) =>
			asks(p, 'accompagnement')
				? 'asked-accompagnement'
				: none(p) || early(p) || p.stade === 'reprise'
					? 'build-accompagnement'
					: undefined,
		offers: withKinds('coaching', 'incubation')
	},
	{
		key: 'formation',
		title: () => 'formation',
		when: (p) => (asks(p, 'formation') ? 'asked-formation' : undefined),
		offers: withKinds('formation')
	},
	{
		key: 'hebergement-juridique',
		title: () => 'hebergement-juridique',
		when: (p) =>
			asks(p, 'hebergement-juridique')
				? 'asked-hebergement'
				: p.projet === 'cae'
					? 'cae-hebergement'
					: undefined,
		offers: withKinds('hebergement-juridique')
	},
	{
		key: 'agrement',
		title: () => 'agrement',
		when: (p) => (p.projet === 'esus' ? 'esus-agrement' : undefined),
		offers: (t) => isStep(t)
	},
	{
		key: 'financement',
		title: () => 'financement',
		when: (p) =>
			asks(p, 'financement')
				? 'asked-financement'
				: none(p) && p.stade !== 'idee'
					? 'plan-financement'
					: undefined,
		continues: 'financement'
	},
	{
		key: 'locaux',
		title: () => 'locaux',
		when: (p) => (asks(p, 'locaux') ? 'asked-locaux' : undefined),
		continues: 'lieux'
	},
	{
		key: 'reseau',
		title: () => 'reseau',
		when: (p) => (asks(p, 'reseau') ? 'asked-reseau' : none(p) ? 'no-need-reseau' : undefined),
		offers: withKinds('reseau')
	}
];

/** The path for a profile, from the published tools (support offers and money alike). */
export function buildPath(
	tools: readonly FundingTool[],
	profile: CreateProfile,
	opts: { now?: Date } = {}
): SupportPath {
	const steps: PathStep[] = [];
	for (const rule of STEPS) {
		const whyCode = rule.when(profile);
		if (whyCode === undefined) continue;
		const titleCode = rule.title(profile);
		const evaluated = rule.offers
			? tools.filter(rule.offers).map((t) => evaluateOffer(t, profile, opts.now))
			: [];
		steps.push({
			key: rule.key,
			title: STEP_TITLES[titleCode],
			titleCode,
			why: STEP_WHY[whyCode],
			whyCode,
			offers: evaluated.filter((e) => e.eligible).sort(byFit),
			others: evaluated.filter((e) => !e.eligible).sort(byFit),
			continues: rule.continues
		});
	}
	const money = findFunding(
		tools.filter((t) => !isSupportOffer(t)),
		toFinderProfile(profile),
		{ now: opts.now }
	).matches.map((e) => e.tool);
	return {
		steps,
		start: steps.flatMap((s) => s.offers)[0],
		funding: { count: money.length, first: money.slice(0, 3) }
	};
}
