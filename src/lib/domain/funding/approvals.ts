/**
 * Approvals and labels as steps « à obtenir »: what each opens, how to get it, and which tools among the
 * results ask for it. They bring no money, so they are never results among the money nor in the estimate.
 */
import type { FundingTool } from '../records';
import { APPROVAL_CODES, type Approval } from '../taxonomies';
import type { ToolEvaluation } from './criteria';

export interface ToolRef {
	id: string;
	slug: string;
	name: string;
}
const ref = (t: FundingTool): ToolRef => ({ id: t.id, slug: t.slug, name: t.name });

/**
 * Approvals a text names by their acronym, written in capitals as a word (« Agrément ESUS », « entreprise
 * ESUS », « SIAE »): every approval code is its acronym. Lower-case words (« ai », « ea ») are not acronyms.
 */
export function approvalsNamedIn(text: string): Approval[] {
	return APPROVAL_CODES.filter((code) =>
		new RegExp(`(?<![\\p{L}\\p{N}])${code.toUpperCase()}(?![\\p{L}\\p{N}])`, 'u').test(text)
	);
}

export interface ApprovalStep {
	evaluation: ToolEvaluation;
	/** The approvals the step grants, read from its name (« Agrément ESUS … » grants `esus`). */
	approvals: Approval[];
	/** Results whose eligibility requires one of them. */
	requiredBy: ToolRef[];
	/** Results whose conditions name one of them (« … ou entreprise ESUS »): one way in, not a requirement. */
	namedBy: ToolRef[];
}

/** The steps, each with the results (money or support) that require it or name it in their conditions. */
export function approvalSteps(
	steps: readonly ToolEvaluation[],
	results: readonly FundingTool[]
): ApprovalStep[] {
	return steps.map((evaluation) => {
		const approvals = approvalsNamedIn(evaluation.tool.name);
		const requires = (t: FundingTool) =>
			(t.eligibility.requiredApprovals ?? []).some((a) => approvals.includes(a));
		const requiredBy = results.filter(requires);
		const namedBy = results.filter(
			(t) =>
				!requires(t) &&
				t.eligibility.unchecked.some((c) => approvalsNamedIn(c).some((a) => approvals.includes(a)))
		);
		return { evaluation, approvals, requiredBy: requiredBy.map(ref), namedBy: namedBy.map(ref) };
	});
}
