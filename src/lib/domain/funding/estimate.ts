/** The finder's estimate: what could be gathered from the eligible tools, roughly, by kind of money. */
import type { FundingTool } from '../records';
import type { FundingType } from '../taxonomies';
import { bringsMoney } from './tool';

export type MoneyKind = 'don' | 'pret' | 'fonds-propres';
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
export const MONEY_KIND_LABELS: Record<MoneyKind, string> = {
	don: 'Subventions, prix et dons (non remboursables)',
	pret: 'Prêts et avances (à rembourser)',
	'fonds-propres': 'Quasi-fonds propres et fonds propres'
};

export interface EstimatePart {
	toolId: string;
	name: string;
	kind: MoneyKind;
	amount: number;
	basis: 'plafond' | 'moyenne' | 'besoin';
}

export interface Estimate {
	/** Always shown with this word: the figures are published ceilings, often old. */
	label: 'estimation';
	need: number;
	total: number;
	covers: boolean;
	parts: EstimatePart[];
	byKind: { kind: MoneyKind; amount: number }[];
	leftOut: { toolId: string; name: string; reason: string }[];
}

/**
 * What could be gathered, roughly: each eligible tool that brings money counts for its ceiling (or its
 * average when no ceiling is published), capped at the need. One tool per lead provider and kind of money
 * (gift, loan, equity) is counted, so two alternative loans of the same financer are not added up. Tools
 * with unconfirmed availability or no published amount per project are listed apart, not counted.
 */
export function estimateTotal(matches: readonly FundingTool[], need: number): Estimate {
	const leftOut: Estimate['leftOut'] = [];
	const candidates: EstimatePart[] = [];
	for (const t of matches) {
		if (!bringsMoney(t)) {
			if (t.types.includes('garantie'))
				leftOut.push({
					toolId: t.id,
					name: t.name,
					reason: 'garantie : elle couvre un prêt, sans apporter de fonds'
				});
			continue;
		}
		if (t.availability === 'incertain') {
			leftOut.push({ toolId: t.id, name: t.name, reason: 'disponibilité non confirmée' });
			continue;
		}
		const upper = t.amount?.max ?? t.amount?.average;
		if (upper === undefined) {
			leftOut.push({ toolId: t.id, name: t.name, reason: 'montant par projet non publié' });
			continue;
		}
		const kind = t.types.map((x) => KIND_OF_TYPE[x]).find((k) => k !== undefined) ?? 'don';
		const basis = upper > need ? 'besoin' : t.amount?.max !== undefined ? 'plafond' : 'moyenne';
		candidates.push({ toolId: t.id, name: t.name, kind, amount: Math.min(upper, need), basis });
	}
	const lead = new Map(matches.map((t) => [t.id, t.providerIds[0]]));
	const best = new Map<string, EstimatePart>();
	for (const c of candidates) {
		const provider = `${lead.get(c.toolId)}/${c.kind}`;
		const current = best.get(provider);
		if (!current || c.amount > current.amount) {
			if (current)
				leftOut.push({
					toolId: current.toolId,
					name: current.name,
					reason: 'même financeur et même nature qu’un outil déjà compté'
				});
			best.set(provider, c);
		} else
			leftOut.push({
				toolId: c.toolId,
				name: c.name,
				reason: 'même financeur et même nature qu’un outil déjà compté'
			});
	}
	const parts = [...best.values()].sort((a, b) => b.amount - a.amount || a.name.localeCompare(b.name, 'fr'));
	const total = parts.reduce((s, p) => s + p.amount, 0);
	const byKind = (['don', 'pret', 'fonds-propres'] as MoneyKind[])
		.map((kind) => ({ kind, amount: parts.filter((p) => p.kind === kind).reduce((s, p) => s + p.amount, 0) }))
		.filter((k) => k.amount > 0);
	return { label: 'estimation', need, total, covers: total >= need, parts, byKind, leftOut };
}

/**
 * True when the need is above every published ceiling: no tool covers it alone. (Tools that publish only a
 * minimum, "from 25 000 €", are not counted as covering it: their ceiling is unknown.)
 */
export function amountAboveEveryCeiling(tools: readonly FundingTool[], montant: number): boolean {
	const maxima = tools.flatMap((t) => (t.amount?.max !== undefined ? [t.amount.max] : []));
	return maxima.length > 0 && maxima.every((m) => montant > m);
}
