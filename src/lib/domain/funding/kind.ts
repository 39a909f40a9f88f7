/**
 * What a tool brings, in one word: money (a gift, a loan, equity), a guarantee, support, or an approval to
 * obtain. The finder, the estimate and the memos' summary tables sort tools by it.
 */
import type { FundingTool } from '../records';
import type { FundingType } from '../taxonomies';
import { bringsMoney } from './tool';

export type MoneyKind = 'don' | 'pret' | 'fonds-propres';
export type ToolKind = MoneyKind | 'garantie' | 'accompagnement' | 'agrement';

const KIND_OF_TYPE: Partial<Record<FundingType, MoneyKind>> = {
	subvention: 'don',
	'prix-concours': 'don',
	'financement-participatif': 'don',
	'pret-honneur': 'pret',
	'pret-participatif': 'pret',
	'pret-bancaire': 'pret',
	microcredit: 'pret',
	'avance-remboursable': 'pret',
	'apport-associatif': 'fonds-propres',
	'fonds-propres': 'fonds-propres',
	'titres-participatifs': 'fonds-propres'
};

/** The kind of money a tool brings, from its first money type; undefined for a tool that brings none. */
export function moneyKind(tool: Pick<FundingTool, 'types'>): MoneyKind | undefined {
	return tool.types.map((t) => KIND_OF_TYPE[t]).find((k) => k !== undefined);
}

/** A grant in the broad sense: money that is not paid back (subsidy, prize, gift collected by crowdfunding). */
export function isGrant(tool: Pick<FundingTool, 'types'>): boolean {
	return moneyKind(tool) === 'don';
}

/**
 * An approval or a label (types `agrement`) is a status to obtain, not money: the finder shows it as a step
 * (what it opens, how to get it, which results ask for it), never among the results or in the estimate.
 */
export function isStep(tool: Pick<FundingTool, 'types'>): boolean {
	return tool.types.includes('agrement') && !bringsMoney(tool);
}

export function toolKind(tool: Pick<FundingTool, 'types'>): ToolKind {
	const money = moneyKind(tool);
	if (money) return money;
	if (isStep(tool)) return 'agrement';
	if (tool.types.includes('garantie')) return 'garantie';
	return 'accompagnement';
}

/** Short labels for tables (the memos' summaries); KIND_LEGEND says what they imply. */
export const TOOL_KIND_LABELS: Record<ToolKind, string> = {
	don: 'Subvention, prix ou don',
	pret: 'Prêt ou avance',
	'fonds-propres': 'Quasi-fonds propres',
	garantie: 'Garantie de prêt',
	accompagnement: 'Accompagnement',
	agrement: 'Agrément à obtenir'
};
export const KIND_LEGEND =
	'Subventions, prix et dons ne se remboursent pas ; prêts et avances se remboursent ; quasi-fonds propres et fonds propres renforcent la structure ; garanties, accompagnements et agréments n’apportent pas d’argent eux-mêmes.';
