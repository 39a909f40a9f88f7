/** The comparison page's parameters, and the tools related to one tool (its page's "see also"). */
import type { FundingTool } from '../records';

export const COMPARE_MAX = 3;

/** A comparison's problem as a code and its value, beside its French message (another language's page). */
export type CompareProblem =
	| { code: 'invalid'; value: string }
	| { code: 'too-many'; count: number }
	| { code: 'unknown'; value: string };

/** `?outils=a,b,c` or `?outils=a&outils=b`: at most three slugs, duplicates dropped, in the given order. */
export function parseCompareParams(params: URLSearchParams): { slugs: string[]; errors: string[] } {
	const { slugs, errors } = readCompareParams(params);
	return { slugs, errors };
}

/** The same, with each problem also as a code (`problems`, in the order of `errors`). */
export function readCompareParams(params: URLSearchParams): {
	slugs: string[];
	errors: string[];
	problems: CompareProblem[];
} {
	const errors: string[] = [];
	const problems: CompareProblem[] = [];
	const raw = params
		.getAll('outils')
		.flatMap((v) => v.split(','))
		.map((v) => v.trim().toLowerCase())
		.filter((v) => v !== '');
	const slugs: string[] = [];
	for (const s of raw) {
		if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(s) || s.length > 100) {
			errors.push(`identifiant d’outil invalide : « ${s.slice(0, 100)} »`);
			problems.push({ code: 'invalid', value: s.slice(0, 100) });
			continue;
		}
		if (!slugs.includes(s)) slugs.push(s);
	}
	if (slugs.length > COMPARE_MAX) {
		errors.push(`vous avez choisi ${slugs.length} outils : seuls les ${COMPARE_MAX} premiers sont comparés`);
		problems.push({ code: 'too-many', count: slugs.length });
		slugs.length = COMPARE_MAX;
	}
	return { slugs, errors, problems };
}

/** Tools combined with this one (both directions) and tools of the same main type. */
export function relatedTools(
	tool: FundingTool,
	all: readonly FundingTool[]
): { combined: FundingTool[]; sameType: FundingTool[] } {
	const combined = all.filter(
		(t) => t.id !== tool.id && (tool.combinesWith.includes(t.id) || t.combinesWith.includes(tool.id))
	);
	const sameType = all
		.filter((t) => t.id !== tool.id && !combined.includes(t) && t.types.includes(tool.types[0]))
		.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
	return { combined, sameType };
}
