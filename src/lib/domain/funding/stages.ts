/**
 * The project's stages in plain words, and their neighbours. The stage question reshapes the whole list
 * (tools are written for one or two stages), while the line between two stages is blurred in practice: a
 * tool written for the stage next to the visitor's may still fit, so the finder shows it apart, with the
 * condition under which it can.
 */
import { labelOf, type Stage } from '../taxonomies';

/** What each stage means, as the finder's form explains it. */
export const STAGE_HELP: Record<Stage, string> = {
	emergence:
		'l’idée se précise : vous étudiez le besoin, testez, cherchez des partenaires ; l’activité n’a pas encore démarré.',
	creation:
		'la structure se crée ou vient d’être créée et l’activité démarre : premières ventes, premiers salariés, premiers investissements.',
	developpement:
		'la structure fonctionne depuis quelques années et veut consolider, embaucher, investir ou se diversifier.',
	'changement-echelle':
		'une activité qui a fait ses preuves grandit fortement ou essaime : nouveaux sites, nouveaux territoires, autre taille.',
	reprise:
		'reprendre une activité qui existe déjà : une entreprise transmise à ses salariés, une activité reprise par une autre structure.'
};

/** Stages next to each stage, the earlier first. Reprise sits beside création and développement. */
export const STAGE_NEIGHBOURS: Record<Stage, readonly Stage[]> = {
	emergence: ['creation'],
	creation: ['emergence', 'developpement', 'reprise'],
	developpement: ['creation', 'changement-echelle', 'reprise'],
	'changement-echelle': ['developpement'],
	reprise: ['creation', 'developpement']
};

/** « l’étape d’émergence », « l’étape de création »… */
export function stageNoun(stage: Stage): string {
	const label = labelOf('stage', stage).toLowerCase();
	return /^[aeiouéèêh]/i.test(label) ? `l’étape d’${label}` : `l’étape de ${label}`;
}

/** When a tool written for `tool` stage may still fit a project at `profile` stage: keyed "profile>tool". */
const STILL_FITS: Record<string, string> = {
	'creation>emergence':
		'votre activité n’a pas encore vraiment démarré (étude, test, premiers pas) ; dites-le au financeur',
	'emergence>creation':
		'votre structure est créée ou le sera bientôt et l’activité démarre dans les prochains mois',
	'creation>developpement': 'votre structure a déjà une activité régulière, même récente',
	'developpement>creation': 'votre structure est encore jeune ou lance une activité nouvelle',
	'developpement>changement-echelle':
		'votre développement change la taille du projet : nouveaux sites, essaimage, forte croissance',
	'changement-echelle>developpement':
		'votre changement d’échelle passe d’abord par la consolidation de la structure (embauches, investissements)',
	'creation>reprise': 'votre création reprend une activité qui existait déjà',
	'developpement>reprise': 'votre développement passe par la reprise d’une autre activité',
	'reprise>creation':
		'la reprise passe par une nouvelle structure (une coopérative créée par les salariés, par exemple) ; demandez au financeur s’il finance les reprises',
	'reprise>developpement':
		'la structure reprise poursuit son activité et se consolide ; demandez au financeur s’il finance les reprises'
};

/** The stage of `stages` next to the profile's, if any (the earlier first). */
export function neighbourStage(stages: readonly Stage[], profile: Stage): Stage | undefined {
	return STAGE_NEIGHBOURS[profile].find((s) => stages.includes(s));
}

const ORDER: readonly Stage[] = ['emergence', 'creation', 'developpement', 'changement-echelle'];

/**
 * « prévu pour l’étape d’émergence : peut encore convenir si … » (an earlier stage), « peut déjà convenir »
 * (a later one), « peut aussi convenir » (beside a reprise, which has no before or after).
 */
export function neighbourReason(toolStage: Stage, profile: Stage): string {
	const fits = STILL_FITS[`${profile}>${toolStage}`] ?? 'votre projet s’en approche ; demandez au financeur';
	const when =
		profile === 'reprise' || toolStage === 'reprise'
			? 'aussi'
			: ORDER.indexOf(toolStage) < ORDER.indexOf(profile)
				? 'encore'
				: 'déjà';
	return `prévu pour ${stageNoun(toolStage)} : peut ${when} convenir si ${fits}`;
}
