/**
 * A profile left without any grant is told why and what to look at instead: at some stages the data holds
 * only loans, guarantees and quasi-equity (création), and a list without a single subsidy, unexplained,
 * reads as « nothing for you ».
 */
import { frenchList } from '../format';
import { AUDIENCE_PLURAL, stagesLabel } from './labels';
import type { Criterion, ToolEvaluation } from './criteria';
import type { Audience, Stage } from '../taxonomies';
import { isGrant, moneyKind, toolKind } from './kind';
import type { FinderProfile } from './profile';

export interface NoGrant {
	/** Why no grant fits, one sentence per reason, each naming its tools. */
	why: string[];
	/** What to look at instead. */
	instead: string[];
	/** The same sentences as codes and the facts they cite (tool names are record content). */
	whySay: NoGrantWhy[];
	insteadSay: NoGrantInstead[];
}

export type NoGrantWhy =
	| { code: 'stage'; groups: { stages: Stage[]; names: string[] }[] }
	| { code: 'audience'; tools: { name: string; audiences: Audience[] }[] }
	| { code: 'other'; tools: { name: string; reason?: Criterion }[] }
	| { code: 'closed'; names: string[] };

export type NoGrantInstead =
	{ code: 'neighbours' | 'equity' | 'support'; names: string[] } | { code: 'create' | 'local' };

const names = (list: readonly ToolEvaluation[]) => frenchList(list.map((e) => e.tool.name));
const firstBlocking = (e: ToolEvaluation) => e.unmet.find((c) => c.blocking);

/**
 * undefined when a grant (subsidy, prize, gift) is among the results; otherwise why none is, grouped by
 * the first reason that excludes each grant of the data, and what else helps.
 */
export function noGrantExplanation(
	matches: readonly ToolEvaluation[],
	neighbours: readonly ToolEvaluation[],
	excluded: readonly ToolEvaluation[],
	profile: FinderProfile
): NoGrant | undefined {
	if (matches.some((e) => isGrant(e.tool))) return undefined;
	const grants = [...neighbours, ...excluded].filter((e) => isGrant(e.tool));
	// A closed grant is said closed whatever else excludes it; the others by their first reason.
	const closed = grants.filter((e) => e.unmet.some((c) => c.blocking && c.key === 'disponibilite'));
	const open = grants.filter((e) => !closed.includes(e));
	const by = (key: string) => open.filter((e) => firstBlocking(e)?.key === key);
	const why: string[] = [];
	const whySay: NoGrantWhy[] = [];
	const insteadSay: NoGrantInstead[] = [];
	const toolNames = (list: readonly ToolEvaluation[]) => list.map((e) => e.tool.name);
	const stage = by('stade');
	if (stage.length) {
		const stages = new Map<string, ToolEvaluation[]>();
		for (const e of stage) {
			const label = stagesLabel(e.tool.stages);
			stages.set(label, [...(stages.get(label) ?? []), e]);
		}
		const byStages = new Map<string, { stages: Stage[]; names: string[] }>();
		for (const e of stage) {
			const key = stagesLabel(e.tool.stages);
			const group = byStages.get(key) ?? { stages: e.tool.stages, names: [] };
			group.names.push(e.tool.name);
			byStages.set(key, group);
		}
		whySay.push({ code: 'stage', groups: [...byStages.values()] });
		why.push(
			`Prévues pour une autre étape : ${[...stages].map(([label, list]) => `${label} (${names(list)})`).join(' ; ')}.`
		);
	}
	const audience = by('structure');
	if (audience.length) {
		whySay.push({
			code: 'audience',
			tools: audience.map((e) => ({ name: e.tool.name, audiences: e.tool.eligibility.audiences }))
		});
		why.push(
			`Réservées à d’autres publics : ${audience
				.map(
					(e) => `${e.tool.name} (${frenchList(e.tool.eligibility.audiences.map((a) => AUDIENCE_PLURAL[a]))})`
				)
				.join(' ; ')}.`
		);
	}
	const other = open.filter(
		(e) => !['stade', 'structure', 'disponibilite'].includes(firstBlocking(e)?.key ?? '')
	);
	if (other.length) {
		whySay.push({
			code: 'other',
			tools: other.map((e) => ({ name: e.tool.name, reason: firstBlocking(e) }))
		});
		why.push(
			`Écartées par une autre réponse : ${other.map((e) => `${e.tool.name} (${firstBlocking(e)?.text})`).join(' ; ')}.`
		);
	}
	if (closed.length) {
		whySay.push({ code: 'closed', names: toolNames(closed) });
		why.push(`Fermées : ${names(closed)}.`);
	}

	const instead: string[] = [];
	const nextDoor = neighbours.filter((e) => isGrant(e.tool));
	if (nextDoor.length) insteadSay.push({ code: 'neighbours', names: toolNames(nextDoor) });
	if (nextDoor.length)
		instead.push(
			`Les aides non remboursables prévues pour l’étape voisine, si votre projet y correspond encore : ${names(nextDoor)} (voir « Prévus pour une étape voisine »).`
		);
	const equity = matches.filter(
		(e) => moneyKind(e.tool) === 'fonds-propres' || e.tool.types.includes('pret-honneur')
	);
	if (equity.length) insteadSay.push({ code: 'equity', names: toolNames(equity) });
	if (equity.length)
		instead.push(
			`Des quasi-fonds propres ou des prêts d’honneur, qui renforcent vos fonds propres et aident à obtenir un prêt bancaire : ${names(equity)}.`
		);
	const support = matches.filter((e) => toolKind(e.tool) === 'accompagnement');
	if (support.length) insteadSay.push({ code: 'support', names: toolNames(support) });
	if (support.length)
		instead.push(`Un accompagnement pour bâtir votre plan de financement : ${names(support)}.`);
	if (profile.structure === 'porteur' && audience.length) insteadSay.push({ code: 'create' });
	if (profile.structure === 'porteur' && audience.length)
		instead.push(
			'Créer votre structure (association, coopérative, société) ouvre les aides réservées aux structures.'
		);
	insteadSay.push({ code: 'local' });
	instead.push(
		'Les subventions des collectivités (commune, Eurométropole, Région) et des fondations ne sont pas toutes recensées dans Carto ESS : renseignez-vous auprès de votre commune et des réseaux de l’ESS.'
	);
	return { why, instead, whySay, insteadSay };
}
