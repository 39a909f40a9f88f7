/** The list page (/financements): profile filters plus type, thématique, open now; sorted by fit, name or amount. */
import type { FundingTool } from '../records';
import { FUNDING_TYPE_CODES, type FundingType } from '../taxonomies';
import { compareEvaluations, evaluateTool, type EvaluateOptions, type ToolEvaluation } from './criteria';
import { parseFinderParams, single, type FinderGeo, type FinderProfile, type ParsedFinder } from './profile';
import { isOpenNow } from './tool';

export const SORTS = [
	{ code: 'adequation', label: 'Adéquation à votre profil' },
	{ code: 'montant', label: 'Montant maximum (du plus élevé)' },
	{ code: 'nom', label: 'Nom (A à Z)' }
] as const;
export type SortCode = (typeof SORTS)[number]['code'];

export interface ListFiltersParsed {
	type?: FundingType;
	thematique?: string;
	ouvert: boolean;
	tri: SortCode;
}

export interface ParsedList extends ParsedFinder {
	filters: ListFiltersParsed;
	listValues: { type?: string; thematique?: string; ouvert?: string; tri?: string };
}

export function parseListParams(params: URLSearchParams, geo: FinderGeo, thematiques: string[]): ParsedList {
	const finder = parseFinderParams(params, geo);
	const errors = finder.errors;
	const filters: ListFiltersParsed = { ouvert: false, tri: 'adequation' };
	const listValues: ParsedList['listValues'] = {};
	const type = single(params, 'type', errors);
	if (type !== undefined) {
		listValues.type = type;
		if ((FUNDING_TYPE_CODES as readonly string[]).includes(type)) filters.type = type as FundingType;
		else errors.push({ field: 'type', message: `type de financement inconnu : « ${type} »` });
	}
	const theme = single(params, 'thematique', errors);
	if (theme !== undefined) {
		listValues.thematique = theme;
		if (thematiques.includes(theme)) filters.thematique = theme;
		else errors.push({ field: 'thematique', message: `thématique inconnue : « ${theme} »` });
	}
	const ouvert = single(params, 'ouvert', errors);
	if (ouvert !== undefined) {
		listValues.ouvert = ouvert;
		if (ouvert === 'oui' || ouvert === 'true' || ouvert === '1') filters.ouvert = true;
		else if (ouvert !== 'non' && ouvert !== 'false' && ouvert !== '0')
			errors.push({ field: 'ouvert', message: 'ouvert : valeur attendue « oui » ou « non »' });
	}
	const tri = single(params, 'tri', errors);
	if (tri !== undefined) {
		listValues.tri = tri;
		if (SORTS.some((s) => s.code === tri)) filters.tri = tri as SortCode;
		else
			errors.push({
				field: 'tri',
				message: `tri inconnu : « ${tri} » ; valeurs possibles : adequation, montant, nom`
			});
	}
	return {
		...finder,
		filters,
		listValues,
		answered: finder.answered || Object.keys(listValues).length > 0
	};
}

export interface ListResult {
	items: ToolEvaluation[];
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
	const kept = tools.filter(
		(t) =>
			(!filters.type || t.types.includes(filters.type)) &&
			(!filters.thematique || t.thematiques.includes(filters.thematique)) &&
			(!filters.ouvert || isOpenNow(t, now))
	);
	const evaluated = kept.map((t) => evaluateTool(t, profile, { ...opts, now }));
	// The list shows every tool, closed ones included (the "open now" filter is there for that): only the
	// profile's answers hide a tool.
	const items = evaluated.filter((e) => !e.unmet.some((c) => c.blocking && c.key !== 'disponibilite'));
	const byName = (a: ToolEvaluation, b: ToolEvaluation) => a.tool.name.localeCompare(b.tool.name, 'fr');
	const ceiling = (e: ToolEvaluation) =>
		e.tool.amount?.max ?? e.tool.amount?.average ?? e.tool.amount?.min ?? -1;
	const closedLast = (a: ToolEvaluation, b: ToolEvaluation) => Number(!a.eligible) - Number(!b.eligible);
	if (filters.tri === 'nom') items.sort(byName);
	else if (filters.tri === 'montant') items.sort((a, b) => ceiling(b) - ceiling(a) || byName(a, b));
	else items.sort((a, b) => closedLast(a, b) || compareEvaluations(a, b));
	return { items, hiddenIneligible: evaluated.length - items.length };
}
