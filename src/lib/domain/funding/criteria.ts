/**
 * Eligibility of one funding tool for a profile, criterion by criterion: met / not met / unchecked, in
 * French words, the way aides-jeunes lists "conditions non prises en compte" instead of a yes/no quiz.
 * The criteria are one table (CRITERIA): each row has its key, when it applies to a tool and how it
 * evaluates; evaluateTool runs the rows in order.
 */
import { todayIso } from '../today';
import { amountLabel, formatDate, formatEuros, frenchList } from '../format';
import type { Amount, FundingTool } from '../records';
import {
	labelOf,
	legalForm,
	type Approval,
	type Audience,
	type LegalFormCode,
	type ProjectKind,
	type Purpose,
	type Stage,
	type Territory
} from '../taxonomies';
import { AUDIENCE_PLURAL, AUDIENCE_SINGULAR, audiencesLabel, legalFormsLabel, stagesLabel } from './labels';
import type { FinderProfile, TerritoryProfile } from './profile';
import { dependsOnQpv, qpvConditions } from './qpv';
import { concernsAmount, isStale } from './tool';

export type CriterionKey =
	| 'structure'
	| 'forme'
	| 'stade'
	| 'montant'
	| 'besoin'
	| 'territoire'
	| 'qpv'
	| 'disponibilite'
	| 'agrement'
	| 'condition'
	| 'fraicheur';

export interface Criterion {
	key: CriterionKey;
	status: 'met' | 'unmet' | 'unchecked';
	/** An unmet criterion that excludes the tool (the others only lower its rank). */
	blocking: boolean;
	text: string;
	/** The same sentence as a code and its facts, for pages written in another language than French. */
	say: CriterionSay;
}

/** Where a tool is open: a perimeter, or one commune named by the data (record content, French). */
export interface ToolPlace {
	territory: Territory;
	commune?: string;
}

/**
 * What a criterion says, as a code and the facts it is made of: the sentence's parts a translation needs,
 * in codes (audiences, forms, stages...), amounts in euros and ISO dates. Texts quoted from the data
 * (conditions, recurrence) are record content and stay French.
 */
export interface CriterionSay {
	code:
		| 'structure-unknown'
		| 'structure-open'
		| 'structure-reserved'
		| 'forme-to-create'
		| 'forme-unknown'
		| 'forme-ok'
		| 'forme-reserved'
		| 'forme-excluded-unknown'
		| 'forme-excluded'
		| 'stade-unknown'
		| 'stade-ok'
		| 'stade-reserved'
		| 'montant-unknown'
		| 'montant-unpublished'
		| 'montant-no-ceiling'
		| 'montant-below-min'
		| 'montant-above-max'
		| 'montant-ok'
		| 'besoin-unknown'
		| 'besoin-ok'
		| 'besoin-reserved'
		| 'territoire-everywhere'
		| 'territoire-reserved-unknown'
		| 'territoire-commune-ok'
		| 'territoire-reserved'
		| 'territoire-commune-unknown'
		| 'territoire-inside'
		| 'territoire-check'
		| 'qpv-cited-met'
		| 'qpv-cited-unknown'
		| 'qpv-met'
		| 'qpv-unmet'
		| 'qpv-unknown'
		| 'disponibilite-open'
		| 'disponibilite-closed'
		| 'disponibilite-uncertain'
		| 'disponibilite-call'
		| 'disponibilite-call-open'
		| 'disponibilite-call-recurring'
		| 'disponibilite-call-closed'
		| 'agrement'
		| 'condition'
		| 'fraicheur'
		| 'projet-unknown'
		| 'projet-ok'
		| 'projet-reserved';
	audiences?: Audience[];
	audience?: Audience;
	forms?: LegalFormCode[];
	form?: LegalFormCode;
	stages?: Stage[];
	stage?: Stage;
	purposes?: Purpose[];
	purpose?: Purpose;
	amount?: Amount;
	/** The profile's need, in euros. */
	need?: number;
	/** A minimum or ceiling of the tool, in euros. */
	euros?: number;
	place?: ToolPlace;
	/** `france` or `europe` for a tool open everywhere. */
	scope?: 'france' | 'europe';
	/** The profile's territory (its label is written by the page). */
	yours?: TerritoryProfile;
	/** Conditions, a recurrence or a condition quoted from the data: French record content. */
	quoted?: string;
	/** An ISO date: a deadline, the last verification. */
	date?: string;
	approval?: Approval;
	/** The kinds of project a support offer accompanies (/creer), and the visitor's. */
	projects?: ProjectKind[];
	project?: ProjectKind;
}

export interface ToolEvaluation {
	tool: FundingTool;
	met: Criterion[];
	unmet: Criterion[];
	unchecked: Criterion[];
	/** No blocking criterion unmet. */
	eligible: boolean;
	/** Not verified for 12 months: flagged « à vérifier » to visitors. */
	stale: boolean;
	/** Rank key: higher fits better (see rankScore). */
	score: number;
}

const criterion = (
	key: CriterionKey,
	status: Criterion['status'],
	text: string,
	say: CriterionSay,
	blocking = false
): Criterion => ({ key, status, text, say, blocking: status === 'unmet' && blocking });

function sameForm(toolForm: LegalFormCode, profileForm: LegalFormCode): boolean {
	if (toolForm === profileForm) return true;
	// "association" means "an association of unverified exact form": it matches every association form.
	const assoc = (f: LegalFormCode) =>
		legalForm(f).family === 'association' && f !== 'association-cooperative-inscrite';
	return (
		(toolForm === 'association' && assoc(profileForm)) || (profileForm === 'association' && assoc(toolForm))
	);
}

function structureCriterion(tool: FundingTool, p: FinderProfile): Criterion {
	const audiences = tool.eligibility.audiences;
	if (!p.structure)
		return criterion(
			'structure',
			'unchecked',
			`Public : ${audiencesLabel(audiences).toLowerCase()} ; précisez votre structure`,
			{ code: 'structure-unknown', audiences }
		);
	if (audiences.includes(p.structure))
		return criterion('structure', 'met', `Public : ouvert aux ${AUDIENCE_PLURAL[p.structure]}`, {
			code: 'structure-open',
			audience: p.structure
		});
	return criterion(
		'structure',
		'unmet',
		`Public : réservé aux ${frenchList(audiences.map((a) => AUDIENCE_PLURAL[a]))} (vous : ${AUDIENCE_SINGULAR[p.structure]})`,
		{ code: 'structure-reserved', audiences, audience: p.structure },
		true
	);
}

function formCriteria(tool: FundingTool, p: FinderProfile): Criterion[] {
	const { legalForms, excludedLegalForms } = tool.eligibility;
	const out: Criterion[] = [];
	if (legalForms?.length) {
		if (!p.forme)
			out.push(
				criterion(
					'forme',
					'unchecked',
					p.structure === 'porteur'
						? `Forme juridique : la structure à créer devra être ${legalFormsLabel(legalForms)}`
						: `Forme juridique : réservé aux formes ${legalFormsLabel(legalForms)} ; précisez la vôtre`,
					{ code: p.structure === 'porteur' ? 'forme-to-create' : 'forme-unknown', forms: legalForms }
				)
			);
		else if (legalForms.some((f) => sameForm(f, p.forme!)))
			out.push(
				criterion('forme', 'met', `Forme juridique : ${labelOf('legalForm', p.forme)} acceptée`, {
					code: 'forme-ok',
					form: p.forme
				})
			);
		else
			out.push(
				criterion(
					'forme',
					'unmet',
					`Forme juridique : réservé aux formes ${legalFormsLabel(legalForms)} (vous : ${labelOf('legalForm', p.forme)})`,
					{ code: 'forme-reserved', forms: legalForms, form: p.forme },
					true
				)
			);
	}
	if (excludedLegalForms?.length) {
		if (!p.forme) {
			if (p.structure !== 'porteur')
				out.push(
					criterion(
						'forme',
						'unchecked',
						`Forme juridique : ${legalFormsLabel(excludedLegalForms)} exclues`,
						{
							code: 'forme-excluded-unknown',
							forms: excludedLegalForms
						}
					)
				);
		} else if (excludedLegalForms.some((f) => sameForm(f, p.forme!)))
			out.push(
				criterion(
					'forme',
					'unmet',
					`Forme juridique : ${labelOf('legalForm', p.forme)} exclue (sont exclues : ${legalFormsLabel(excludedLegalForms)})`,
					{ code: 'forme-excluded', form: p.forme, forms: excludedLegalForms },
					true
				)
			);
		else if (!legalForms?.length)
			out.push(
				criterion('forme', 'met', `Forme juridique : ${labelOf('legalForm', p.forme)} acceptée`, {
					code: 'forme-ok',
					form: p.forme
				})
			);
	}
	return out;
}

function stageCriterion(tool: FundingTool, p: FinderProfile): Criterion {
	if (!p.stade)
		return criterion('stade', 'unchecked', `Stade : ${stagesLabel(tool.stages)} ; précisez le vôtre`, {
			code: 'stade-unknown',
			stages: tool.stages
		});
	if (tool.stages.includes(p.stade))
		return criterion('stade', 'met', `Stade : ${labelOf('stage', p.stade).toLowerCase()}`, {
			code: 'stade-ok',
			stage: p.stade
		});
	return criterion(
		'stade',
		'unmet',
		`Stade : réservé au stade ${stagesLabel(tool.stages)} (vous : ${labelOf('stage', p.stade).toLowerCase()})`,
		{ code: 'stade-reserved', stages: tool.stages, stage: p.stade },
		true
	);
}

function amountCriterion(tool: FundingTool, p: FinderProfile): Criterion | undefined {
	const a = tool.amount;
	const range = amountLabel(a);
	const known = a && (a.min !== undefined || a.max !== undefined);
	if (p.montant === undefined)
		return known
			? criterion('montant', 'unchecked', `Montant : ${range} ; précisez votre besoin`, {
					code: 'montant-unknown',
					amount: a
				})
			: undefined;
	const need = formatEuros(p.montant);
	if (!known) {
		const detail = a?.average !== undefined ? `${range}, sans plafond publié` : 'non publié';
		return criterion(
			'montant',
			'unchecked',
			`Montant : ${detail} ; demandez au financeur s’il couvre ${need}`,
			{
				code: a?.average !== undefined ? 'montant-no-ceiling' : 'montant-unpublished',
				amount: a,
				need: p.montant
			}
		);
	}
	if (a!.min !== undefined && p.montant < a!.min)
		return criterion(
			'montant',
			'unmet',
			`Montant : au moins ${formatEuros(a!.min)}, plus que votre besoin de ${need}`,
			{ code: 'montant-below-min', euros: a!.min, need: p.montant },
			true
		);
	if (a!.max !== undefined && p.montant > a!.max)
		return criterion(
			'montant',
			'unmet',
			`Montant : au plus ${formatEuros(a!.max)}, moins que votre besoin de ${need} ; à compléter par d’autres financements`,
			{ code: 'montant-above-max', euros: a!.max, need: p.montant }
		);
	return criterion('montant', 'met', `Montant : votre besoin de ${need} est dans la fourchette (${range})`, {
		code: 'montant-ok',
		amount: a,
		need: p.montant
	});
}

function purposeCriterion(tool: FundingTool, p: FinderProfile): Criterion {
	const label = frenchList(
		tool.purposes.map((x) => labelOf('purpose', x).toLowerCase()),
		'ou'
	);
	if (!p.besoin)
		return criterion('besoin', 'unchecked', `Besoin : finance ${label} ; précisez le vôtre`, {
			code: 'besoin-unknown',
			purposes: tool.purposes
		});
	if (tool.purposes.includes(p.besoin))
		return criterion('besoin', 'met', `Besoin : finance ${labelOf('purpose', p.besoin).toLowerCase()}`, {
			code: 'besoin-ok',
			purpose: p.besoin
		});
	return criterion(
		'besoin',
		'unmet',
		`Besoin : finance seulement ${label} (vous : ${labelOf('purpose', p.besoin).toLowerCase()})`,
		{ code: 'besoin-reserved', purposes: tool.purposes, purpose: p.besoin },
		true
	);
}

function territoryCriterion(tool: FundingTool, p: FinderProfile, ctx: Context): Criterion {
	const place: ToolPlace =
		tool.territory === 'commune' && tool.territoryCommune
			? { territory: 'commune', commune: ctx.communeName(tool.territoryCommune) }
			: { territory: tool.territory };
	const where = place.commune ?? labelOf('territory', tool.territory);
	const t = p.territoire;
	if (tool.territory === 'france' || tool.territory === 'europe') {
		return t
			? criterion(
					'territoire',
					'met',
					`Territoire : ouvert partout en ${tool.territory === 'france' ? 'France' : 'Europe'}`,
					{ code: 'territoire-everywhere', scope: tool.territory }
				)
			: criterion('territoire', 'met', 'Territoire : ouvert partout en France', {
					code: 'territoire-everywhere',
					scope: 'france'
				});
	}
	if (!t)
		return criterion(
			'territoire',
			'unchecked',
			`Territoire : réservé à ${where} ; précisez où se situe votre projet`,
			{ code: 'territoire-reserved-unknown', place }
		);
	if (tool.territory === 'commune') {
		if (t.communeCode === tool.territoryCommune)
			return criterion('territoire', 'met', `Territoire : réservé à ${where}, où se situe votre projet`, {
				code: 'territoire-commune-ok',
				place
			});
		if (t.communeCode || t.outside.includes('eurometropole'))
			return criterion(
				'territoire',
				'unmet',
				`Territoire : réservé à ${where} (vous : ${t.label})`,
				{ code: 'territoire-reserved', place, yours: t },
				true
			);
		return criterion('territoire', 'unchecked', `Territoire : réservé à ${where} ; précisez votre commune`, {
			code: 'territoire-commune-unknown',
			place
		});
	}
	if (t.inside.includes(tool.territory))
		return criterion(
			'territoire',
			'met',
			`Territoire : ouvert dans ce périmètre (${where}), où se situe votre projet`,
			{ code: 'territoire-inside', place }
		);
	if (t.outside.includes(tool.territory))
		return criterion(
			'territoire',
			'unmet',
			`Territoire : réservé à ${where} (vous : ${t.label})`,
			{ code: 'territoire-reserved', place, yours: t },
			true
		);
	return criterion(
		'territoire',
		'unchecked',
		`Territoire : réservé à ${where} ; vérifiez que votre projet y est situé (vous : ${t.label})`,
		{ code: 'territoire-check', place, yours: t }
	);
}

function qpvCriterion(tool: FundingTool, p: FinderProfile): Criterion | undefined {
	const q = p.territoire?.qpv;
	if (!tool.eligibility.qpvOnly) {
		// Not reserved, but the conditions cite the QPV (a priority, a bonus): a plus for a project there.
		const cited = qpvConditions(tool).join(' ; ');
		if (q === true)
			return criterion(
				'qpv',
				'met',
				`Quartier prioritaire : les conditions citent les QPV (« ${cited} ») ; un atout pour votre projet, à confirmer avec le financeur`,
				{ code: 'qpv-cited-met', quoted: cited }
			);
		if (q === undefined)
			return criterion(
				'qpv',
				'unchecked',
				`Quartier prioritaire : les conditions citent les QPV (« ${cited} ») ; précisez si votre projet y est situé`,
				{ code: 'qpv-cited-unknown', quoted: cited }
			);
		return undefined;
	}
	if (q === true)
		return criterion('qpv', 'met', 'Quartier prioritaire : votre projet est situé dans un QPV', {
			code: 'qpv-met'
		});
	if (q === false)
		return criterion(
			'qpv',
			'unmet',
			'Quartier prioritaire : réservé aux QPV ; si votre projet est situé dans un QPV, choisissez-le comme territoire',
			{ code: 'qpv-unmet' },
			true
		);
	return criterion(
		'qpv',
		'unchecked',
		'Quartier prioritaire : réservé aux quartiers prioritaires de la politique de la ville (QPV) ; vérifiez que votre projet y est situé',
		{ code: 'qpv-unknown' }
	);
}

function availabilityCriterion(tool: FundingTool, _p: FinderProfile, { now }: Context): Criterion {
	const rec = tool.recurrence ? ` (${tool.recurrence})` : '';
	const quoted = tool.recurrence;
	switch (tool.availability) {
		case 'ouvert':
			return criterion('disponibilite', 'met', 'Disponibilité : ouvert toute l’année', {
				code: 'disponibilite-open'
			});
		case 'ferme':
			return criterion(
				'disponibilite',
				'unmet',
				`Disponibilité : dispositif fermé ou terminé${rec}`,
				{ code: 'disponibilite-closed', quoted },
				true
			);
		case 'incertain':
			return criterion(
				'disponibilite',
				'unchecked',
				`Disponibilité à vérifier${rec} : aucune source récente ne confirme que le dispositif est toujours proposé ; demandez-le au financeur`,
				{ code: 'disponibilite-uncertain', quoted }
			);
		case 'appel-a-projets': {
			if (!tool.deadline)
				return criterion(
					'disponibilite',
					'unchecked',
					`Disponibilité : sur appel à projets${rec} ; vérifiez les dates de l’appel en cours`,
					{ code: 'disponibilite-call', quoted }
				);
			if (tool.deadline >= todayIso(now))
				return criterion(
					'disponibilite',
					'met',
					`Disponibilité : appel à projets ouvert jusqu’au ${formatDate(tool.deadline)}`,
					{ code: 'disponibilite-call-open', date: tool.deadline }
				);
			if (tool.recurrence)
				return criterion(
					'disponibilite',
					'unchecked',
					`Disponibilité : dernier appel clos le ${formatDate(tool.deadline)} ; appel récurrent (${tool.recurrence}), guettez le prochain`,
					{ code: 'disponibilite-call-recurring', date: tool.deadline, quoted }
				);
			return criterion(
				'disponibilite',
				'unmet',
				`Disponibilité : appel à projets clos le ${formatDate(tool.deadline)}`,
				{ code: 'disponibilite-call-closed', date: tool.deadline },
				true
			);
		}
	}
}

function freshnessCriterion(tool: FundingTool, _p: FinderProfile, { now }: Context): Criterion | undefined {
	if (!isStale(tool.lastVerified, now)) return undefined;
	return criterion(
		'fraicheur',
		'unchecked',
		`Fiche à vérifier : informations vérifiées pour la dernière fois le ${formatDate(tool.lastVerified)}`,
		{ code: 'fraicheur', date: tool.lastVerified }
	);
}

export interface EvaluateOptions {
	now?: Date;
	/** Name of a commune for commune-level tools; the INSEE code otherwise. */
	communeName?: (code: string) => string;
}
type Context = Required<EvaluateOptions>;

/** One row of the criteria table. */
interface CriterionRule {
	key: CriterionKey;
	/** Whether the row says anything about this tool (a tool without purposes sets no restriction...). */
	applies: (tool: FundingTool) => boolean;
	/** The criteria the row gives for this tool and profile, in the order they are shown. */
	evaluate: (tool: FundingTool, profile: FinderProfile, ctx: Context) => Criterion | Criterion[] | undefined;
}

const always = () => true;

/** Every criterion of the finder, in the order the why-lists show them. */
export const CRITERIA: readonly CriterionRule[] = [
	{ key: 'structure', applies: always, evaluate: structureCriterion },
	{
		key: 'forme',
		applies: (t) => Boolean(t.eligibility.legalForms?.length || t.eligibility.excludedLegalForms?.length),
		evaluate: formCriteria
	},
	{ key: 'stade', applies: always, evaluate: stageCriterion },
	// Support or an approval alone brings no money: an amount means nothing for it.
	{ key: 'montant', applies: concernsAmount, evaluate: amountCriterion },
	// An empty list means the data sets no restriction on the kind of spending.
	{ key: 'besoin', applies: (t) => t.purposes.length > 0, evaluate: purposeCriterion },
	{ key: 'territoire', applies: always, evaluate: territoryCriterion },
	// Reserved to QPV, or a priority for them written in the conditions.
	{ key: 'qpv', applies: dependsOnQpv, evaluate: qpvCriterion },
	{ key: 'disponibilite', applies: always, evaluate: availabilityCriterion },
	{
		key: 'agrement',
		applies: (t) => (t.eligibility.requiredApprovals?.length ?? 0) > 0,
		evaluate: (t) =>
			(t.eligibility.requiredApprovals ?? []).map((a) =>
				criterion('agrement', 'unchecked', `Agrément requis : ${labelOf('approval', a)}`, {
					code: 'agrement',
					approval: a
				})
			)
	},
	{
		key: 'condition',
		applies: (t) => t.eligibility.unchecked.length > 0,
		evaluate: (t) =>
			t.eligibility.unchecked.map((text) =>
				criterion('condition', 'unchecked', text, { code: 'condition', quoted: text })
			)
	},
	{ key: 'fraicheur', applies: always, evaluate: freshnessCriterion }
];

/**
 * Rank key. Met answers count most; every condition left to check and every partial fit lowers it;
 * local tools come first among equals because the finder is tuned for Strasbourg.
 */
function rankScore(tool: FundingTool, met: Criterion[], unmet: Criterion[], unchecked: Criterion[]): number {
	const local = ['commune', 'eurometropole', 'bas-rhin', 'alsace', 'grand-est'].includes(tool.territory);
	const localBonus = local && met.some((c) => c.key === 'territoire') ? 1 : 0;
	const confidence = tool.confidence === 'low' ? -1 : 0;
	return (
		3 * met.filter((c) => c.key !== 'disponibilite' && c.key !== 'territoire').length +
		(met.some((c) => c.key === 'disponibilite') ? 1 : 0) +
		localBonus +
		confidence -
		2 * unmet.filter((c) => !c.blocking).length -
		unchecked.length
	);
}

export function evaluateTool(
	tool: FundingTool,
	profile: FinderProfile,
	opts: EvaluateOptions = {}
): ToolEvaluation {
	const ctx: Context = { now: opts.now ?? new Date(), communeName: opts.communeName ?? ((c) => c) };
	const all = CRITERIA.filter((rule) => rule.applies(tool)).flatMap(
		(rule) => rule.evaluate(tool, profile, ctx) ?? []
	);
	const met = all.filter((c) => c.status === 'met');
	const unmet = all.filter((c) => c.status === 'unmet');
	const unchecked = all.filter((c) => c.status === 'unchecked');
	return {
		tool,
		met,
		unmet,
		unchecked,
		eligible: !unmet.some((c) => c.blocking),
		stale: isStale(tool.lastVerified, ctx.now),
		score: rankScore(tool, met, unmet, unchecked)
	};
}

/** Best fit first; ties by name so the order is stable between runs and shared links. */
export function compareEvaluations(a: ToolEvaluation, b: ToolEvaluation): number {
	return b.score - a.score || b.met.length - a.met.length || a.tool.name.localeCompare(b.tool.name, 'fr');
}
