/**
 * The list page (/financements): the finder's profile, the registry's funding-list filters (type,
 * thématique, open today: src/lib/domain/filters/registry.ts) and a sort by fit, name or amount.
 */
import { selectionMatcher } from '../filters/match';
import type { FilterRef, FilterSelection } from '../filters/types';
import { readForm } from '../filters/url';
import type { FundingTool } from '../records';
import { compareEvaluations, evaluateTool, type EvaluateOptions, type ToolEvaluation } from './criteria';
import { approvalSteps, type ApprovalStep } from './approvals';
import { asNeighbour, type NeighbourEvaluation } from './finder';
import { isStep } from './kind';
import { single, type FieldError, type FinderGeo, type FinderProfile, type ParsedFinder } from './profile';
import { parseFinderParams } from './profile-parse';

export const SORTS = [
	{ code: 'adequation', label: 'Adéquation à votre profil' },
	{ code: 'montant', label: 'Montant maximum (du plus élevé)' },
	{ code: 'nom', label: 'Nom (A à Z)' }
] as const;
export type SortCode = (typeof SORTS)[number]['code'];

export interface ListFiltersParsed {
	/** The funding-list filters chosen, by filter key. */
	selection: FilterSelection;
	tri: SortCode;
}

export interface ParsedList extends ParsedFinder {
	filters: ListFiltersParsed;
	/** The list's own fields as sent (filters and `tri`), to refill the form. */
	listValues: Record<string, string>;
}

export function parseListParams(params: URLSearchParams, geo: FinderGeo & FilterRef): ParsedList {
	const finder = parseFinderParams(params, geo);
	const form = readForm(params, 'funding', geo);
	const errors: FieldError[] = [...finder.errors, ...form.errors];
	const filters: ListFiltersParsed = { selection: form.selection, tri: 'adequation' };
	const listValues: Record<string, string> = { ...form.raw };
	const tri = single(params, 'tri', errors);
	if (tri !== undefined) {
		listValues.tri = tri;
		if (SORTS.some((s) => s.code === tri)) filters.tri = tri as SortCode;
		else
			errors.push({
				field: 'tri',
				message: `tri inconnu : « ${tri} » ; valeurs possibles : adequation, montant, nom`,
				code: 'unknown-value',
				input: tri
			});
	}
	return {
		...finder,
		errors,
		filters,
		listValues,
		answered: finder.answered || Object.keys(listValues).length > 0
	};
}

export interface ListResult {
	/** Tools that bring money or support, closed ones included (last when sorted by fit). */
	items: ToolEvaluation[];
	/** Approvals and labels « à obtenir », shown apart from the money, with the listed tools that ask for them. */
	steps: ApprovalStep[];
	/** Tools hidden by the stage alone, written for the stage next to the profile's, with the reason. */
	neighbours: NeighbourEvaluation[];
	/** Tools hidden because the profile is clearly not eligible (the finder shows why). */
	hiddenIneligible: number;
}

export function listTools(
	tools: readonly FundingTool[],
	profile: FinderProfile,
	filters: ListFiltersParsed,
	opts: EvaluateOptions = {}
): ListResult {
	const now = opts.now ?? new Date();
	const kept = tools.filter(selectionMatcher(filters.selection, { now }));
	const evaluated = kept.map((t) => evaluateTool(t, profile, { ...opts, now }));
	// The list shows every tool, closed ones included (the "open now" filter is there for that): only the
	// profile's answers hide a tool.
	const byName = (a: ToolEvaluation, b: ToolEvaluation) => a.tool.name.localeCompare(b.tool.name, 'fr');
	const shown = evaluated.filter((e) => !e.unmet.some((c) => c.blocking && c.key !== 'disponibilite'));
	const items = shown.filter((e) => !isStep(e.tool));
	const stepEvaluations = shown.filter((e) => isStep(e.tool)).sort(byName);
	const neighbours = evaluated
		.flatMap((e) => asNeighbour(e, profile.stade) ?? [])
		.sort((a, b) => compareEvaluations(a.evaluation, b.evaluation));
	const ceiling = (e: ToolEvaluation) =>
		e.tool.amount?.max ?? e.tool.amount?.average ?? e.tool.amount?.min ?? -1;
	const closedLast = (a: ToolEvaluation, b: ToolEvaluation) => Number(!a.eligible) - Number(!b.eligible);
	if (filters.tri === 'nom') items.sort(byName);
	else if (filters.tri === 'montant') items.sort((a, b) => ceiling(b) - ceiling(a) || byName(a, b));
	else items.sort((a, b) => closedLast(a, b) || compareEvaluations(a, b));
	return {
		items,
		steps: approvalSteps(
			stepEvaluations,
			items.map((e) => e.tool)
		),
		neighbours,
		hiddenIneligible: evaluated.length - shown.length - neighbours.length
	};
}
