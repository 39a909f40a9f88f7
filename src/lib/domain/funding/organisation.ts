/**
 * The funding finder applied to a known organisation: the profile its record gives, and the tools open
 * to it through the finder's own rules (shown on its page, /structures/[slug]).
 */
import type { FundingTool, Organisation } from '../records';
import { legalForm, type Audience } from '../taxonomies';
import { compareEvaluations, evaluateTool, type ToolEvaluation } from './criteria';
import { resolveTerritory, type FinderGeo, type FinderProfile } from './profile';

/** Legal forms that say nothing the finder can use ("association" of unknown exact form, unknown...). */
const GENERIC_FORMS = ['association', 'inconnue', 'collectif', 'public'];

/**
 * The finder's profile of an organisation: its tax status gives the audience (fiscalisée or association
 * non fiscalisée); an unknown status stays unknown unless the legal form settles it (a coopérative or a
 * commercial company is fiscalisée); the commune gives the territory.
 */
export function finderProfileOf(o: Organisation, geo: FinderGeo): FinderProfile {
	const family = legalForm(o.legalForm).family;
	let structure: Audience | undefined;
	if (o.fiscalStatus === 'fiscalisee') structure = 'fiscalisee';
	else if (o.fiscalStatus === 'non-fiscalisee') structure = 'association';
	else if (family === 'cooperative' || family === 'entreprise-ess' || family === 'mutuelle')
		structure = 'fiscalisee';
	return {
		structure,
		forme: GENERIC_FORMS.includes(o.legalForm) ? undefined : o.legalForm,
		territoire: resolveTerritory(o.communeCode ?? o.territory ?? '', geo)
	};
}

/**
 * Funding tools open to this organisation, best fit first, with the profile they were chosen for; undefined
 * for organisations that do not seek funding (financeurs and accompagnateurs only, public bodies).
 */
export function fittingTools(
	o: Organisation,
	tools: readonly FundingTool[],
	geo: FinderGeo,
	now: Date = new Date()
): { profile: FinderProfile; fitting: ToolEvaluation[] } | undefined {
	if (!o.roles.includes('acteur') || legalForm(o.legalForm).family === 'public') return undefined;
	const profile = finderProfileOf(o, geo);
	const communeName = (code: string) => geo.communes.find((c) => c.code === code)?.name ?? code;
	const fitting = tools
		.map((t) => evaluateTool(t, profile, { now, communeName }))
		.filter((e) => e.eligible)
		.sort(compareEvaluations);
	return { profile, fitting };
}
