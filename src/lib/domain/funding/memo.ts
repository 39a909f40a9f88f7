/** The printable memos by fiscal status, and the freshness lists (tools to re-verify, dates of the data). */
import type { FundingTool } from '../records';
import type { Audience } from '../taxonomies';
import { isStale } from './tool';

export const MEMOS = {
	fiscalisees: {
		slug: 'fiscalisees',
		title: 'Mémo des outils de financement pour les structures fiscalisées',
		short: 'Structures fiscalisées',
		intro:
			'SCOP, SCIC, CAE, sociétés commerciales de l’ESS (SAS ESUS...), associations fiscalisées, et personnes qui créent leur structure.'
	},
	'non-fiscalisees': {
		slug: 'non-fiscalisees',
		title: 'Mémo des outils de financement pour les structures non fiscalisées',
		short: 'Structures non fiscalisées',
		intro: 'Associations non soumises aux impôts commerciaux.'
	}
} as const;
export type MemoSlug = keyof typeof MEMOS;

export function isMemoSlug(s: string): s is MemoSlug {
	return Object.hasOwn(MEMOS, s);
}

/**
 * Tools of a memo, by name. The seed memos split tools by fiscal status; tools for project holders without
 * a structure (prêts d'honneur, microcredit) go in the fiscalisées memo, as in the research fact sheet,
 * because the structures such founders create are nearly always fiscalisées. Closed tools are left out:
 * a printed memo is for applying.
 */
export function memoTools(tools: readonly FundingTool[], memo: MemoSlug): FundingTool[] {
	const wanted: Audience[] = memo === 'fiscalisees' ? ['fiscalisee', 'porteur'] : ['association'];
	return tools
		.filter((t) => t.availability !== 'ferme' && t.eligibility.audiences.some((a) => wanted.includes(a)))
		.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

/** Tools to re-verify, oldest first: the maintainers' list. */
export function staleTools(tools: readonly FundingTool[], now: Date = new Date()): FundingTool[] {
	return tools
		.filter((t) => isStale(t.lastVerified, now))
		.sort((a, b) => a.lastVerified.localeCompare(b.lastVerified) || a.name.localeCompare(b.name, 'fr'));
}

/** The most recent and oldest verification dates of a set of tools ("date of the data"). */
export function verificationSpan(
	tools: readonly FundingTool[]
): { oldest: string; newest: string } | undefined {
	if (tools.length === 0) return undefined;
	const dates = tools.map((t) => t.lastVerified).sort();
	return { oldest: dates[0], newest: dates[dates.length - 1] };
}
