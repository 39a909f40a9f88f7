/** The finder's estimate: what could be gathered from the eligible tools, roughly, by kind of money. */
import type { FundingTool } from '../records';
import { moneyKind, type MoneyKind } from './kind';
import { bringsMoney, isOpenNow } from './tool';

export type { MoneyKind } from './kind';
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
	/**
	 * Not confirmed open today (« disponibilité à vérifier »: no recent source says it is still offered, or a
	 * call for projects without a current date). Counted, and flagged wherever the part is shown.
	 */
	toVerify: boolean;
}

export interface Estimate {
	/** Always shown with this word: the figures are published ceilings, often old. */
	label: 'estimation';
	need: number;
	total: number;
	covers: boolean;
	/** The same estimate with the confirmed tools alone: the part that does not depend on a check. */
	confirmed: { total: number; covers: boolean };
	/** The flagged parts' share of `total` (confirmed.total is picked apart, so it is not total minus this). */
	toVerifyTotal: number;
	parts: EstimatePart[];
	byKind: { kind: MoneyKind; amount: number; toVerify: number }[];
	/** Tools not counted; `code` says why in a word a page translates (`reason` is the French). */
	leftOut: { toolId: string; name: string; reason: string; code: LeftOutCode }[];
}

export type LeftOutCode = 'guarantee' | 'no-amount' | 'same-provider';

const SAME_PROVIDER = 'même financeur et même nature qu’un outil déjà compté';

/** One tool per lead provider and kind of money, the largest; the others are returned as dropped. */
function pick(
	candidates: readonly EstimatePart[],
	lead: ReadonlyMap<string, string>
): { parts: EstimatePart[]; dropped: EstimatePart[] } {
	const best = new Map<string, EstimatePart>();
	const dropped: EstimatePart[] = [];
	for (const c of candidates) {
		const key = `${lead.get(c.toolId)}/${c.kind}`;
		const current = best.get(key);
		if (!current || c.amount > current.amount) {
			if (current) dropped.push(current);
			best.set(key, c);
		} else dropped.push(c);
	}
	const parts = [...best.values()].sort((a, b) => b.amount - a.amount || a.name.localeCompare(b.name, 'fr'));
	return { parts, dropped };
}

const sum = (parts: readonly EstimatePart[]) => parts.reduce((s, p) => s + p.amount, 0);

/**
 * What could be gathered, roughly: each eligible tool that brings money counts for its ceiling (or its
 * average when no ceiling is published), capped at the need. One tool per lead provider and kind of money
 * (gift, loan, equity) is counted, so two alternative loans of the same financer are not added up.
 *
 * Tools whose availability is to be checked are counted but flagged: leaving them out made the estimate
 * « 0 € » for every profile once the seed review marked old figures « incertain ». The confirmed part is
 * computed apart with the same rules (so a confirmed tool replaces an unconfirmed one of the same financer).
 * Guarantees, tools without a published amount per project, approvals and support are not counted.
 */
export function estimateTotal(
	matches: readonly FundingTool[],
	need: number,
	now: Date = new Date()
): Estimate {
	const leftOut: Estimate['leftOut'] = [];
	const candidates: EstimatePart[] = [];
	for (const t of matches) {
		if (!bringsMoney(t)) {
			if (t.types.includes('garantie'))
				leftOut.push({
					toolId: t.id,
					name: t.name,
					reason: 'garantie : elle couvre un prêt, sans apporter de fonds',
					code: 'guarantee'
				});
			continue;
		}
		const upper = t.amount?.max ?? t.amount?.average;
		if (upper === undefined) {
			leftOut.push({
				toolId: t.id,
				name: t.name,
				reason: 'montant par projet non publié',
				code: 'no-amount'
			});
			continue;
		}
		const kind = moneyKind(t) ?? 'don';
		const basis = upper > need ? 'besoin' : t.amount?.max !== undefined ? 'plafond' : 'moyenne';
		candidates.push({
			toolId: t.id,
			name: t.name,
			kind,
			amount: Math.min(upper, need),
			basis,
			toVerify: !isOpenNow(t, now)
		});
	}
	const lead = new Map(matches.map((t) => [t.id, t.providerIds[0]]));
	const all = pick(candidates, lead);
	for (const d of all.dropped)
		leftOut.push({ toolId: d.toolId, name: d.name, reason: SAME_PROVIDER, code: 'same-provider' });
	const confirmed = pick(
		candidates.filter((c) => !c.toVerify),
		lead
	).parts;
	const total = sum(all.parts);
	const confirmedTotal = sum(confirmed);
	const byKind = (['don', 'pret', 'fonds-propres'] as MoneyKind[])
		.map((kind) => {
			const ofKind = all.parts.filter((p) => p.kind === kind);
			return { kind, amount: sum(ofKind), toVerify: sum(ofKind.filter((p) => p.toVerify)) };
		})
		.filter((k) => k.amount > 0);
	return {
		label: 'estimation',
		need,
		total,
		covers: total >= need,
		confirmed: { total: confirmedTotal, covers: confirmedTotal >= need },
		toVerifyTotal: sum(all.parts.filter((p) => p.toVerify)),
		parts: all.parts,
		byKind,
		leftOut
	};
}

/**
 * True when the need is above every published ceiling: no tool covers it alone. (Tools that publish only a
 * minimum, "from 25 000 €", are not counted as covering it: their ceiling is unknown.)
 */
export function amountAboveEveryCeiling(tools: readonly FundingTool[], montant: number): boolean {
	const maxima = tools.flatMap((t) => (t.amount?.max !== undefined ? [t.amount.max] : []));
	return maxima.length > 0 && maxima.every((m) => montant > m);
}
