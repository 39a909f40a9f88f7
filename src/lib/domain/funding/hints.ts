/** Tools usually combined, named among a finder's matches. */
import { frenchList, lowerFirst } from '../format';
import type { FundingTool } from '../records';
import type { FundingType } from '../taxonomies';
import { bringsMoney } from './tool';

export interface CombinationHint {
	toolIds: string[];
	text: string;
	/** The same hint as a code and the names it cites (record content), for another language. */
	say: HintSay;
}

export type HintSay =
	/** Two tools the data combines; `note` is the data's own note (French), absent for the default one. */
	| { code: 'pair'; a: string; b: string; note?: string }
	/** A guarantee and, among the results, loans it can back (`more`: more than the three named). */
	| { code: 'guarantee'; guarantee: string; loans: string[]; more: boolean }
	| { code: 'honour'; honour: string[]; loans: string[]; more: boolean }
	| { code: 'support'; support: string[] };

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
			const own = t.combinationNote ?? other.combinationNote;
			const note = lowerFirst(own ?? 'outils souvent demandés ensemble.');
			hints.push({
				toolIds: [t.id, other.id],
				text: `${t.name} et ${other.name} : ${note}`,
				say: { code: 'pair', a: t.name, b: other.name, note: own ? note : undefined }
			});
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
			text: `${g.name} garantit un prêt : elle n’apporte pas d’argent elle-même, elle rassure la banque et se demande en même temps que le prêt.${with_}`,
			say: {
				code: 'guarantee',
				guarantee: g.name,
				loans: loans.slice(0, 3).map((l) => l.name),
				more: loans.length > 3
			}
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
			}.`,
			say: {
				code: 'honour',
				honour: honour.map((t) => t.name),
				loans: bankLoans.slice(0, 3).map((l) => l.name),
				more: bankLoans.length > 3
			}
		});
	}
	const support = matches.filter((t) => !bringsMoney(t) && t.types.includes('accompagnement'));
	const money = matches.filter(bringsMoney);
	if (support.length && money.length)
		hints.push({
			toolIds: support.map((t) => t.id),
			text: `${frenchList(support.map((t) => t.name))} : un accompagnement qui aide à préparer et à assembler les financements ci-dessus.`,
			say: { code: 'support', support: support.map((t) => t.name) }
		});
	return hints;
}
