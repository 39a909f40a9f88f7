/**
 * What the QPV answer changes. A project in a quartier prioritaire de la politique de la ville may open
 * tools reserved to QPV (`eligibility.qpvOnly`) or get a priority written in a tool's conditions; when no
 * tool of the data depends on it, the finder says so plainly instead of giving the same list in silence.
 */
import { frenchList } from '../format';
import type { FundingTool } from '../records';
import { type ToolRef } from './approvals';
import type { FinderProfile, TerritoryProfile } from './profile';

const QPV_WORDS = /(?<![\p{L}\p{N}])QPV(?![\p{L}\p{N}])|quartiers? prioritaires?|politique de la ville/iu;

/** The tool's conditions that name the quartiers prioritaires (a priority, a bonus, a reserved share). */
export function qpvConditions(tool: Pick<FundingTool, 'eligibility'>): string[] {
	return tool.eligibility.unchecked.filter((c) => QPV_WORDS.test(c));
}

/** Reserved to QPV, or citing them in its conditions. */
export function dependsOnQpv(tool: Pick<FundingTool, 'eligibility'>): boolean {
	return tool.eligibility.qpvOnly || qpvConditions(tool).length > 0;
}

export interface QpvAnswer {
	/** Whether the answer changed the results (a tool reserved to QPV, or favouring them, is among them). */
	changes: boolean;
	/** Results reserved to QPV. */
	reserved: ToolRef[];
	/** Results whose conditions cite the QPV. */
	favoured: ToolRef[];
	/** Open tools depending on the QPV that other answers exclude. */
	elsewhere: ToolRef[];
	/** Closed tools reserved to QPV. */
	closed: ToolRef[];
	/** The answer in sentences, in the order shown. */
	text: string[];
	/** The same sentences as codes and the names they cite, for another language. */
	say: QpvSay[];
}

/** How `samePlace` names the Eurométropole when the profile gives no commune. */
export const EUROMETROPOLE_PLACE = 'l’Eurométropole';

export type QpvSay =
	| { code: 'changes'; yours: TerritoryProfile; reserved: string[]; favoured: string[] }
	| { code: 'elsewhere'; yours: TerritoryProfile; names: string[] }
	| { code: 'none'; yours: TerritoryProfile; samePlace: string }
	| { code: 'closed-one'; name: string; others: boolean }
	| { code: 'closed-many'; names: string[]; others: boolean }
	| { code: 'credits' };

const ref = (t: FundingTool): ToolRef => ({ id: t.id, slug: t.slug, name: t.name });
const names = (tools: readonly ToolRef[]) => frenchList(tools.map((t) => t.name));

/**
 * The QPV answer for a profile placed in a QPV; undefined otherwise. `results` are the tools offered to
 * the profile (results, steps, neighbouring stage); `samePlace` names the place the results equal without
 * the QPV (« Strasbourg », « l’Eurométropole »).
 */
export function qpvAnswer(
	tools: readonly FundingTool[],
	results: readonly FundingTool[],
	profile: FinderProfile,
	samePlace: string
): QpvAnswer | undefined {
	const t = profile.territoire;
	if (t?.qpv !== true) return undefined;
	const offered = new Set(results.map((r) => r.id));
	const reserved = results.filter((r) => r.eligibility.qpvOnly).map(ref);
	const favoured = results.filter((r) => !r.eligibility.qpvOnly && qpvConditions(r).length).map(ref);
	const open = tools.filter((x) => x.availability !== 'ferme');
	const elsewhere = open.filter((x) => dependsOnQpv(x) && !offered.has(x.id)).map(ref);
	const closed = tools.filter((x) => x.availability === 'ferme' && x.eligibility.qpvOnly).map(ref);
	const changes = reserved.length + favoured.length > 0;
	const text: string[] = [];
	const say: QpvSay[] = [];
	const answer = `Votre réponse « ${t.label} »`;
	if (changes) {
		const plural = (n: number, one: string, many: string) => (n > 1 ? many : one);
		const parts: string[] = [];
		if (reserved.length)
			parts.push(
				`${names(reserved)} ${plural(reserved.length, 'est réservé', 'sont réservés')} aux quartiers prioritaires`
			);
		if (favoured.length)
			parts.push(
				`${names(favoured)} ${plural(favoured.length, 'cite', 'citent')} les quartiers prioritaires dans ${plural(favoured.length, 'ses', 'leurs')} conditions`
			);
		text.push(`${answer} change vos résultats : ${parts.join(' ; ')}.`);
		say.push({
			code: 'changes',
			yours: t,
			reserved: reserved.map((r) => r.name),
			favoured: favoured.map((r) => r.name)
		});
	} else if (elsewhere.length) {
		say.push({ code: 'elsewhere', yours: t, names: elsewhere.map((r) => r.name) });
		text.push(
			`${answer} ne change pas vos résultats : ${elsewhere.length > 1 ? 'les outils liés' : 'l’outil lié'} aux quartiers prioritaires (${names(elsewhere)}) ne correspond${elsewhere.length > 1 ? 'ent' : ''} pas à vos autres réponses ; voyez pourquoi dans « Non éligibles ».`
		);
	} else {
		say.push({ code: 'none', yours: t, samePlace });
		text.push(
			`${answer} ne change pas vos résultats : aucun outil ouvert recensé dans Carto ESS n’est réservé aux quartiers prioritaires (QPV) ni ne leur donne de priorité écrite dans ses conditions. Vos résultats sont les mêmes que pour ${samePlace}.`
		);
	}
	// « Le seul » only when no open tool is reserved to the QPV too.
	const openReserved = open.some((x) => x.eligibility.qpvOnly);
	if (closed.length === 1) say.push({ code: 'closed-one', name: closed[0].name, others: openReserved });
	else if (closed.length > 1)
		say.push({ code: 'closed-many', names: closed.map((r) => r.name), others: openReserved });
	if (closed.length === 1)
		text.push(
			openReserved
				? `Un autre outil recensé réservé aux QPV, ${closed[0].name}, est fermé.`
				: `Le seul outil recensé réservé aux QPV, ${closed[0].name}, est fermé.`
		);
	else if (closed.length > 1)
		text.push(
			`${openReserved ? 'D’autres outils' : 'Les outils'} recensés réservés aux QPV (${names(closed)}) sont fermés.`
		);
	say.push({ code: 'credits' });
	text.push(
		'Les crédits de la politique de la ville (appels à projets du contrat de ville) ne sont pas recensés dans Carto ESS : renseignez-vous auprès de votre commune ou de l’Eurométropole.'
	);
	return { changes, reserved, favoured, elsewhere, closed, text, say };
}
