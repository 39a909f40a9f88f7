/**
 * A profile left without any grant is told why and what to look at instead: at some stages the data holds
 * only loans, guarantees and quasi-equity (création), and a list without a single subsidy, unexplained,
 * reads as « nothing for you ».
 */
import { frenchList } from '../format';
import { AUDIENCE_PLURAL, stagesLabel } from './labels';
import type { ToolEvaluation } from './criteria';
import { isGrant, moneyKind, toolKind } from './kind';
import type { FinderProfile } from './profile';

export interface NoGrant {
	/** Why no grant fits, one sentence per reason, each naming its tools. */
	why: string[];
	/** What to look at instead. */
	instead: string[];
}

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
	const stage = by('stade');
	if (stage.length) {
		const stages = new Map<string, ToolEvaluation[]>();
		for (const e of stage) {
			const label = stagesLabel(e.tool.stages);
			stages.set(label, [...(stages.get(label) ?? []), e]);
		}
		why.push(
			`Prévues pour une autre étape : ${[...stages].map(([label, list]) => `${label} (${names(list)})`).join(' ; ')}.`
		);
	}
	const audience = by('structure');
	if (audience.length)
		why.push(
			`Réservées à d’autres publics : ${audience
				.map(
					(e) => `${e.tool.name} (${frenchList(e.tool.eligibility.audiences.map((a) => AUDIENCE_PLURAL[a]))})`
				)
				.join(' ; ')}.`
		);
	const other = open.filter(
		(e) => !['stade', 'structure', 'disponibilite'].includes(firstBlocking(e)?.key ?? '')
	);
	if (other.length)
		why.push(
			`Écartées par une autre réponse : ${other.map((e) => `${e.tool.name} (${firstBlocking(e)?.text})`).join(' ; ')}.`
		);
	if (closed.length) why.push(`Fermées : ${names(closed)}.`);

	const instead: string[] = [];
	const nextDoor = neighbours.filter((e) => isGrant(e.tool));
	if (nextDoor.length)
		instead.push(
			`Les aides non remboursables prévues pour l’étape voisine, si votre projet y correspond encore : ${names(nextDoor)} (voir « Prévus pour une étape voisine »).`
		);
	const equity = matches.filter(
		(e) => moneyKind(e.tool) === 'fonds-propres' || e.tool.types.includes('pret-honneur')
	);
	if (equity.length)
		instead.push(
			`Des quasi-fonds propres ou des prêts d’honneur, qui renforcent vos fonds propres et aident à obtenir un prêt bancaire : ${names(equity)}.`
		);
	const support = matches.filter((e) => toolKind(e.tool) === 'accompagnement');
	if (support.length)
		instead.push(`Un accompagnement pour bâtir votre plan de financement : ${names(support)}.`);
	if (profile.structure === 'porteur' && audience.length)
		instead.push(
			'Créer votre structure (association, coopérative, société) ouvre les aides réservées aux structures.'
		);
	instead.push(
		'Les subventions des collectivités (commune, Eurométropole, Région) et des fondations ne sont pas toutes recensées dans Carto ESS : renseignez-vous auprès de votre commune et des réseaux de l’ESS.'
	);
	return { why, instead };
}
