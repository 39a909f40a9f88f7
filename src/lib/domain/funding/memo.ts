/**
 * The printable memos by fiscal status, their summary tables (also the finder's memo's), the profile in
 * words, and the freshness lists (tools to re-verify, dates of the data).
 */
import { amountLabel, formatDate, formatEuros, frenchList, upperFirst } from '../format';
import type { FundingTool } from '../records';
import { labelOf, type Audience } from '../taxonomies';
import type { Criterion, CriterionKey, ToolEvaluation } from './criteria';
import { TOOL_KIND_LABELS, toolKind, type ToolKind } from './kind';
import { AUDIENCE_SINGULAR, stagesLabel } from './labels';
import type { FinderProfile } from './profile';
import { STAGE_HELP } from './stages';
import { concernsAmount, isOpenNow, isStale } from './tool';

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

// ---------------------------------------------------------------------------------------------------------
// Summary tables: the first page of every memo, one row per tool.

/** One row of a memo's summary table. */
export interface SummaryRow {
	id: string;
	slug: string;
	name: string;
	providerIds: string[];
	/** Kind of money (or guarantee, support, approval), in words. */
	kind: string;
	amount: string;
	availability: string;
	/** Not confirmed open today: the row says « disponibilité à vérifier ». */
	toVerify: boolean;
	/** Why it fits the profile (the finder's memo) or who it is for (the general memos). */
	why: string;
	/** The facts the row's French is written from, for a page in another language. */
	say: {
		kind: ToolKind;
		/** Undefined with `amount` false: the row shows « — ». */
		amount?: FundingTool['amount'];
		showsAmount: boolean;
		availability: FundingTool['availability'];
		deadline?: string;
	};
}

export function summaryRow(tool: FundingTool, why: string, now: Date = new Date()): SummaryRow {
	const deadline = tool.deadline ? ` (date limite : ${formatDate(tool.deadline)})` : '';
	return {
		id: tool.id,
		slug: tool.slug,
		name: tool.name,
		providerIds: tool.providerIds,
		kind: TOOL_KIND_LABELS[toolKind(tool)],
		amount: concernsAmount(tool) || tool.amount ? amountLabel(tool.amount) : '—',
		availability: labelOf('availability', tool.availability) + deadline,
		toVerify: !isOpenNow(tool, now),
		why,
		say: {
			kind: toolKind(tool),
			amount: tool.amount,
			showsAmount: concernsAmount(tool) || Boolean(tool.amount),
			availability: tool.availability,
			deadline: tool.deadline
		}
	};
}

/** « Associations non fiscalisées · émergence »: who a tool is for, in a general memo's table. */
export function audienceSummary(tool: FundingTool): string {
	const who = upperFirst(frenchList(tool.eligibility.audiences.map((a) => AUDIENCE_SHORT[a])));
	return `${who} · ${stagesLabel(tool.stages)}${tool.eligibility.qpvOnly ? ' · quartiers prioritaires' : ''}`;
}
const AUDIENCE_SHORT: Record<Audience, string> = {
	association: 'associations',
	fiscalisee: 'structures fiscalisées',
	porteur: 'porteurs de projet'
};

const CRITERION_WORDS: Record<CriterionKey, string> = {
	structure: 'public',
	forme: 'forme juridique',
	stade: 'stade',
	montant: 'montant',
	besoin: 'besoin',
	territoire: 'territoire',
	qpv: 'quartier prioritaire',
	disponibilite: 'disponibilité',
	agrement: 'agrément',
	condition: 'conditions',
	fraicheur: 'fiche ancienne'
};

/** The criteria in words, each once; conditions counted (« 2 conditions »). */
function criteriaWords(list: readonly Criterion[]): string {
	const keys = [...new Set(list.map((c) => c.key))];
	return frenchList(
		keys.map((k) => {
			const n = list.filter((c) => c.key === k).length;
			return k === 'condition' ? `${n} condition${n > 1 ? 's' : ''}` : CRITERION_WORDS[k];
		})
	);
}

/** « Correspond : public, stade et territoire · en partie : montant · à vérifier : disponibilité, 2 conditions ». */
export function fitSummary(e: ToolEvaluation): string {
	const parts: string[] = [];
	if (e.met.length) parts.push(`Correspond : ${criteriaWords(e.met)}`);
	const partial = e.unmet.filter((c) => !c.blocking);
	if (partial.length) parts.push(`en partie : ${criteriaWords(partial)}`);
	if (e.unchecked.length) parts.push(`à vérifier : ${criteriaWords(e.unchecked)}`);
	return parts.join(' · ');
}

/** The profile in words, every question with its answer (or « non précisé »), for the top of a memo. */
export function profileInWords(profile: FinderProfile): { label: string; value: string }[] {
	const none = 'non précisé';
	return [
		{
			label: 'Structure',
			value: profile.structure
				? upperFirst(AUDIENCE_SINGULAR[profile.structure]) +
					(profile.forme ? ` (${labelOf('legalForm', profile.forme)})` : '')
				: 'non précisée'
		},
		{
			label: 'Stade',
			value: profile.stade ? `${labelOf('stage', profile.stade)} : ${STAGE_HELP[profile.stade]}` : none
		},
		{
			label: 'Montant recherché',
			value: profile.montant !== undefined ? formatEuros(profile.montant) : none
		},
		{ label: 'Besoin', value: profile.besoin ? labelOf('purpose', profile.besoin) : none },
		{ label: 'Territoire', value: profile.territoire?.label ?? none }
	];
}
