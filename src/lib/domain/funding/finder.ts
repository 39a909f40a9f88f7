/**
 * The funding finder: who can finance a project, and why. Every tool is evaluated against the profile
 * (criteria.ts) and lands in one of four groups: results (money and support), steps to obtain (approvals
 * and labels), tools written for the neighbouring stage (with the condition under which they may fit) and
 * tools the profile is not eligible for. The results come with combination hints and, given an amount, an
 * estimate; the profile as a whole gets notices (an amount no tool covers, a place outside the
 * Eurométropole), what its QPV answer changes, and why no grant fits when none does.
 */
import { formatEuros } from '../format';
import type { FundingTool } from '../records';
import { STAGE_CODES, type Stage } from '../taxonomies';
import { approvalSteps, type ApprovalStep } from './approvals';
import { compareEvaluations, evaluateTool, type EvaluateOptions, type ToolEvaluation } from './criteria';
import { amountAboveEveryCeiling, estimateTotal, type Estimate } from './estimate';
import { noGrantExplanation, type NoGrant } from './grants';
import { combinationHints, type CombinationHint } from './hints';
import { isStep } from './kind';
import type { FinderProfile } from './profile';
import { EUROMETROPOLE_PLACE, qpvAnswer, type QpvAnswer } from './qpv';
import { neighbourReason, neighbourStage } from './stages';

export interface NeighbourEvaluation {
	evaluation: ToolEvaluation;
	/** The tool's stage next to the profile's. */
	stage: Stage;
	/** « prévu pour l’étape d’émergence : peut encore convenir si … » */
	reason: string;
	/** The profile's stage: with `stage`, what the reason is written from in another language. */
	profileStage: Stage;
}

/** A remark about the profile as a whole, as a code and its facts (`notices` holds the French). */
export type FinderNotice =
	{ code: 'amount-above-every-ceiling'; need: number; highest: number } | { code: 'outside-eurometropole' };

export interface FinderResult {
	/** Tools that bring money or support and fit every answer, best first. */
	matches: ToolEvaluation[];
	/** Approvals and labels that fit: « à obtenir », never among the money. */
	steps: ApprovalStep[];
	/** Tools excluded by the stage alone, written for the stage next to the profile's. */
	neighbours: NeighbourEvaluation[];
	/** Tools the profile is clearly not eligible for, each with its blocking reasons. */
	excluded: ToolEvaluation[];
	hints: CombinationHint[];
	estimate?: Estimate;
	/** Remarks about the profile as a whole (an amount no tool covers, a place outside the Eurométropole). */
	notices: string[];
	/** The same remarks as codes, in the same order. */
	noticeSay: FinderNotice[];
	/** What the QPV answer changes, for a profile placed in a QPV. */
	qpv?: QpvAnswer;
	/** Why no grant fits and what to look at instead, when no result is a grant. */
	noGrant?: NoGrant;
}

/** A tool excluded by its stage alone, written for a stage next to the profile's. */
export function asNeighbour(e: ToolEvaluation, stage: Stage | undefined): NeighbourEvaluation | undefined {
	if (!stage || e.eligible || isStep(e.tool)) return undefined;
	if (!e.unmet.filter((c) => c.blocking).every((c) => c.key === 'stade')) return undefined;
	const next = neighbourStage(e.tool.stages, stage);
	return next
		? { evaluation: e, stage: next, reason: neighbourReason(next, stage), profileStage: stage }
		: undefined;
}

/** Neighbours grouped by their stage (so by reason), the earlier stage first, best fit first within. */
export function neighbourGroups(
	neighbours: readonly NeighbourEvaluation[]
): { stage: Stage; reason: string; profileStage: Stage; list: NeighbourEvaluation[] }[] {
	return STAGE_CODES.flatMap((stage) => {
		const list = neighbours.filter((n) => n.stage === stage);
		return list.length ? [{ stage, reason: list[0].reason, profileStage: list[0].profileStage, list }] : [];
	});
}

export function findFunding(
	tools: readonly FundingTool[],
	profile: FinderProfile,
	opts: EvaluateOptions = {}
): FinderResult {
	const now = opts.now ?? new Date();
	const evaluations = tools.map((t) => evaluateTool(t, profile, { ...opts, now })).sort(compareEvaluations);
	const eligible = evaluations.filter((e) => e.eligible);
	const matches = eligible.filter((e) => !isStep(e.tool));
	const neighbours = evaluations.flatMap((e) => asNeighbour(e, profile.stade) ?? []);
	const nextDoor = new Set(neighbours.map((n) => n.evaluation.tool.id));
	// Near misses first: a tool excluded for one reason is more useful to read than one excluded for four.
	const blockers = (e: ToolEvaluation) => e.unmet.filter((c) => c.blocking).length;
	const excluded = evaluations
		.filter((e) => !e.eligible && !nextDoor.has(e.tool.id))
		.sort((a, b) => blockers(a) - blockers(b) || a.tool.name.localeCompare(b.tool.name, 'fr'));
	const notices: string[] = [];
	const noticeSay: FinderNotice[] = [];
	if (profile.montant !== undefined) {
		const open = tools.filter((t) => t.availability !== 'ferme');
		if (amountAboveEveryCeiling(open, profile.montant)) {
			const highest = Math.max(...open.flatMap((t) => (t.amount?.max !== undefined ? [t.amount.max] : [])));
			noticeSay.push({ code: 'amount-above-every-ceiling', need: profile.montant, highest });
			notices.push(
				`Aucun outil de la liste ne couvre à lui seul ${formatEuros(profile.montant)} : le plus haut plafond publié est de ${formatEuros(highest)}. Il faudra combiner plusieurs financements ; un accompagnement (DLA, France Active Alsace) aide à monter ce plan.`
			);
		}
	}
	if (profile.territoire?.outside.includes('eurometropole')) {
		noticeSay.push({ code: 'outside-eurometropole' });
		notices.push(
			'Votre projet est situé hors de l’Eurométropole : les outils réservés à l’Eurométropole ne vous sont pas proposés. Carto ESS recense surtout les outils utiles à Strasbourg ; consultez aussi Aides-territoires et les réseaux de votre territoire.'
		);
	}
	const matchTools = matches.map((e) => e.tool);
	const steps = approvalSteps(
		eligible.filter((e) => isStep(e.tool)),
		matchTools
	);
	const commune = profile.territoire?.communeCode;
	const samePlace = commune && opts.communeName ? opts.communeName(commune) : EUROMETROPOLE_PLACE;
	const offered = [...eligible, ...neighbours.map((n) => n.evaluation)].map((e) => e.tool);
	return {
		matches,
		steps,
		neighbours,
		excluded,
		hints: combinationHints(matchTools),
		estimate: profile.montant !== undefined ? estimateTotal(matchTools, profile.montant, now) : undefined,
		notices,
		noticeSay,
		qpv: qpvAnswer(tools, offered, profile, samePlace),
		noGrant: noGrantExplanation(
			matches,
			neighbours.map((n) => n.evaluation),
			excluded,
			profile
		)
	};
}
