/** Tools usually combined, named among a finder's matches. */
import { frenchList, lowerFirst } from '../format';
import type { FundingTool } from '../records';
import type { FundingType } from '../taxonomies';
import { bringsMoney } from './tool';

export interface CombinationHint {
	toolIds: string[];
	text: string;
}

const LOAN_TYPES: FundingType[] = ['pret-bancaire', 'microcredit', 'pret-participatif'];

/**
 * Tools usually combined: the pairs the data names (combinesWith), a guarantee with a loan, a prêt d'honneur
 * as leverage for a bank loan. Only tools among the matches are named.
 */
export function combinationHints(matches: readonly FundingTool[]): CombinationHint[] {
	const hints: CombinationHint[] = [];
	const byId = new Map(matches.map((t) => [t.id, t]));
	const seen = new Set<string>();
	for (const t of matches) {
		for (const id of t.combinesWith) {
			const other = byId.get(id);
			if (!other) continue;
			const key = [t.id, other.id].sort().join('+');
			if (seen.has(key)) continue;
			seen.add(key);
			const note = lowerFirst(
				t.combinationNote ?? other.combinationNote ?? 'outils souvent demandés ensemble.'
			);
			hints.push({ toolIds: [t.id, other.id], text: `${t.name} et ${other.name} : ${note}` });
		}
	}
	const loans = matches.filter((t) => t.types.some((x) => LOAN_TYPES.includes(x)));
	const some = (tools: readonly FundingTool[]) =>
		frenchList(
			tools.slice(0, 3).map((l) => l.name),
			'ou'
		) + (tools.length > 3 ? ' (entre autres)' : '');
	// A pure guarantee brings no money; a tool that is also a loan (Socoden) is counted among the loans.
	for (const g of matches.filter((t) => t.types.includes('garantie') && !bringsMoney(t))) {
		const with_ = loans.length ? ` Parmi vos résultats, elle peut accompagner : ${some(loans)}.` : '';
		hints.push({
			toolIds: [g.id, ...loans.map((l) => l.id)],
			text: `${g.name} garantit un prêt : elle n’apporte pas d’argent elle-même, elle rassure la banque et se demande en même temps que le prêt.${with_}`
		});
	}
	const honour = matches.filter((t) => t.types.includes('pret-honneur'));
	if (honour.length) {
		const bankLoans = loans.filter((l) => !l.types.includes('pret-honneur'));
		hints.push({
			toolIds: [...honour.map((t) => t.id), ...bankLoans.map((l) => l.id)],
			text: `Un prêt d’honneur (${frenchList(
				honour.map((t) => t.name),
				'ou'
			)}) renforce les fonds propres de la personne qui crée et sert de levier pour obtenir un prêt bancaire${
				bankLoans.length ? `, par exemple ${some(bankLoans)}` : ''
			}.`
		});
	}
	const support = matches.filter((t) => !bringsMoney(t) && t.types.includes('accompagnement'));
	const money = matches.filter(bringsMoney);
	if (support.length && money.length)
		hints.push({
			toolIds: support.map((t) => t.id),
			text: `${frenchList(support.map((t) => t.name))} : un accompagnement qui aide à préparer et à assembler les financements ci-dessus.`
		});
	return hints;
}
