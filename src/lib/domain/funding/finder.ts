/**
 * The funding finder: who can finance a project, and why. Every tool is evaluated against the profile
 * (criteria.ts); the eligible ones come with combination hints and, given an amount, an estimate.
 */
import { formatEuros } from '../format';
import type { FundingTool } from '../records';
import { compareEvaluations, evaluateTool, type EvaluateOptions, type ToolEvaluation } from './criteria';
import { amountAboveEveryCeiling, estimateTotal, type Estimate } from './estimate';
import { combinationHints, type CombinationHint } from './hints';
import type { FinderProfile } from './profile';

export interface FinderResult {
	matches: ToolEvaluation[];
	/** Tools the profile is clearly not eligible for, each with its blocking reasons. */
	excluded: ToolEvaluation[];
	hints: CombinationHint[];
	estimate?: Estimate;
	/** Remarks about the profile as a whole (an amount no tool covers, a place outside the Eurométropole). */
	notices: string[];
}

export function findFunding(
	tools: readonly FundingTool[],
	profile: FinderProfile,
	opts: EvaluateOptions = {}
): FinderResult {
	const evaluations = tools.map((t) => evaluateTool(t, profile, opts)).sort(compareEvaluations);
	const matches = evaluations.filter((e) => e.eligible);
	// Near misses first: a tool excluded for one reason is more useful to read than one excluded for four.
	const blockers = (e: ToolEvaluation) => e.unmet.filter((c) => c.blocking).length;
	const excluded = evaluations
		.filter((e) => !e.eligible)
		.sort((a, b) => blockers(a) - blockers(b) || a.tool.name.localeCompare(b.tool.name, 'fr'));
	const notices: string[] = [];
	if (profile.montant !== undefined) {
		const open = tools.filter((t) => t.availability !== 'ferme');
		if (amountAboveEveryCeiling(open, profile.montant)) {
			const highest = Math.max(...open.flatMap((t) => (t.amount?.max !== undefined ? [t.amount.max] : [])));
			notices.push(
				`Aucun outil de la liste ne couvre à lui seul ${formatEuros(profile.montant)} : le plus haut plafond publié est de ${formatEuros(highest)}. Il faudra combiner plusieurs financements ; un accompagnement (DLA, France Active Alsace) aide à monter ce plan.`
			);
		}
	}
	if (profile.territoire?.outside.includes('eurometropole'))
		notices.push(
			'Votre projet est situé hors de l’Eurométropole : les outils réservés à l’Eurométropole ne vous sont pas proposés. Carto ESS recense surtout les outils utiles à Strasbourg ; consultez aussi Aides-territoires et les réseaux de votre territoire.'
		);
	const matchTools = matches.map((e) => e.tool);
	return {
		matches,
		excluded,
		hints: combinationHints(matchTools),
		estimate: profile.montant !== undefined ? estimateTotal(matchTools, profile.montant) : undefined,
		notices
	};
}
