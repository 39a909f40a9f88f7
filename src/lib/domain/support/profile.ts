/**
 * The profile of /creer (« Créer son activité »): URL parameters -> a validated profile with a French
 * message per bad field, and back to the query string people share. The parameter names and values are a
 * public contract (README « Créer son activité »). The server reads them with zod (profile-parse.ts);
 * links to /creer are written on every page, so this module carries no zod.
 */
import type { FieldError, FinderProfile, TerritoryProfile } from '../funding/profile';
import type { Audience, ProjectKind, Stage, Term } from '../taxonomies';

/** Stages as /creer asks them: the funding stages a creator meets, with « idée » before emergence. */
export const CREATE_STAGES = [
	{
		code: 'idee',
		label: 'J’ai une idée',
		description: 'rien n’est encore lancé : vous voulez savoir si et comment la réaliser.'
	},
	{
		code: 'emergence',
		label: 'Émergence',
		description: 'le projet se précise : premières personnes, premiers essais, pas encore de structure.'
	},
	{ code: 'creation', label: 'Création', description: 'vous créez la structure ou lancez l’activité.' },
	{
		code: 'developpement',
		label: 'Développement',
		description: 'l’activité existe et veut grandir ou se consolider.'
	},
	{
		code: 'reprise',
		label: 'Reprise',
		description: 'reprendre une entreprise, par exemple par ses salariés en coopérative.'
	}
] as const satisfies readonly Term[];
export type CreateStage = (typeof CREATE_STAGES)[number]['code'];
export const CREATE_STAGE_CODES = CREATE_STAGES.map((s) => s.code) as [CreateStage, ...CreateStage[]];

/** What a creator says they need (`besoin=`, several). */
export const SUPPORT_NEEDS = [
	{ code: 'diagnostic', label: 'Faire le point (diagnostic)' },
	{ code: 'formation', label: 'Me former' },
	{ code: 'accompagnement', label: 'Être accompagné' },
	{ code: 'hebergement-juridique', label: 'Tester mon activité dans une CAE (hébergement juridique)' },
	{ code: 'financement', label: 'Trouver un financement' },
	{ code: 'locaux', label: 'Trouver un lieu où travailler ou tester' },
	{ code: 'reseau', label: 'Rejoindre un réseau' }
] as const satisfies readonly Term[];
export type SupportNeed = (typeof SUPPORT_NEEDS)[number]['code'];
export const SUPPORT_NEED_CODES = SUPPORT_NEEDS.map((s) => s.code) as [SupportNeed, ...SupportNeed[]];

export const CREATE_PARAMS = ['projet', 'stade', 'territoire', 'besoin'] as const;
export type CreateParam = (typeof CREATE_PARAMS)[number];

export interface CreateProfile {
	projet?: ProjectKind;
	stade?: CreateStage;
	territoire?: TerritoryProfile;
	/** In the contract's order, without repeats; empty: no need declared. */
	besoins: SupportNeed[];
}

export interface ParsedCreate {
	profile: CreateProfile;
	errors: FieldError[];
	/** Raw values, to refill the form as typed. */
	values: { projet?: string; stade?: string; territoire?: string; besoin: string[] };
	/** At least one parameter of the contract is present. */
	answered: boolean;
}

export type CreateQuery = Omit<CreateProfile, 'territoire'> & {
	territoire?: Pick<TerritoryProfile, 'value'>;
};

/** The profile as a query string, in the contract's order, one `besoin` per need. */
export function createProfileToQuery(profile: CreateQuery): string {
	const p = new URLSearchParams();
	if (profile.projet) p.set('projet', profile.projet);
	if (profile.stade) p.set('stade', profile.stade);
	if (profile.territoire) p.set('territoire', profile.territoire.value);
	for (const b of profile.besoins ?? []) p.append('besoin', b);
	return p.toString();
}

/** Who the funding finder sees: a cooperative or an ESUS company is fiscalised, a CAE activity or a
 * residents' collective has no structure of its own yet. */
const AUDIENCE_OF: Record<ProjectKind, Audience> = {
	association: 'association',
	cooperative: 'fiscalisee',
	esus: 'fiscalisee',
	cae: 'porteur',
	collectif: 'porteur'
};

/** The funding finder's stage: an idea is the finder's emergence. */
export function finderStage(stade: CreateStage | undefined): Stage | undefined {
	return stade === 'idee' ? 'emergence' : stade;
}

/** The same profile in the funding finder's words (its link, its criteria). */
export function toFinderProfile(profile: CreateProfile): FinderProfile {
	const out: FinderProfile = {};
	if (profile.projet) out.structure = AUDIENCE_OF[profile.projet];
	const stade = finderStage(profile.stade);
	if (stade) out.stade = stade;
	if (profile.territoire) out.territoire = profile.territoire;
	return out;
}
