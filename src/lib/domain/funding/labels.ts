/**
 * Funding tools' taxonomy values in words, as the cards, the comparison table, the memos and the finder's
 * explanations write them.
 */
import { frenchList, upperFirst } from '../format';
import type { FundingTool } from '../records';
import {
	LEGAL_FORMS,
	labelOf,
	type Audience,
	type FundingType,
	type LegalFormCode,
	type Stage
} from '../taxonomies';

export const AUDIENCE_PLURAL: Record<Audience, string> = {
	association: 'associations non fiscalisées',
	fiscalisee: 'structures fiscalisées',
	porteur: 'porteurs de projet sans structure'
};
export const AUDIENCE_SINGULAR: Record<Audience, string> = {
	association: 'association non fiscalisée',
	fiscalisee: 'structure fiscalisée',
	porteur: 'porteur de projet sans structure'
};

export function audiencesLabel(audiences: readonly Audience[]): string {
	return upperFirst(frenchList(audiences.map((a) => AUDIENCE_PLURAL[a])));
}

const ASSOCIATION_FORMS: LegalFormCode[] = LEGAL_FORMS.filter((f) => f.family === 'association').map(
	(f) => f.code
);

/** Legal forms in words; the six association variants collapse to "associations (toutes formes)". */
export function legalFormsLabel(forms: readonly LegalFormCode[]): string {
	const all = ASSOCIATION_FORMS.every((f) => forms.includes(f));
	const rest = forms.filter((f) => !(all && ASSOCIATION_FORMS.includes(f)));
	const labels = rest.map((f) => labelOf('legalForm', f));
	if (all) labels.unshift('associations (toutes formes)');
	return frenchList(labels, 'ou');
}

export function stagesLabel(stages: readonly Stage[]): string {
	return frenchList(
		stages.map((s) => labelOf('stage', s).toLowerCase()),
		'ou'
	);
}

export function typesLabel(types: readonly FundingType[]): string {
	return types.map((t) => labelOf('fundingType', t)).join(' · ');
}

export function territoryLabel(tool: Pick<FundingTool, 'territory'>): string {
	return tool.territory === 'france' ? 'Toute la France' : labelOf('territory', tool.territory);
}
