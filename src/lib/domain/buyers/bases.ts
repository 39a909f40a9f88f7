/**
 * The legal bases a public buyer can choose to open a contract to inclusive and ESS suppliers (Code de la
 * commande publique), and which suppliers each one admits. Pure data and rules; the wording stays factual:
 * the site helps sourcing, it gives no legal advice.
 */
import type { Organisation } from '../records';
import { legalForm, type Approval, type Term } from '../taxonomies';

/** A public text a visitor can open. */
export interface Publication {
	title: string;
	site: string;
	url: string;
	/** The publication's own language when not French (its title is shown as written). */
	lang?: 'en';
}

export interface LegalBasis extends Term {
	code: LegalBasisCode;
	/** Short form used in lists and exports. */
	short: string;
	/** Who may answer, in a sentence. */
	who: string;
	/** What the buyer must know: conditions and limits set by the rules. */
	limits: readonly string[];
	sources: readonly Publication[];
}

export const LEGAL_BASIS_CODES = ['L2113-12', 'L2113-13', 'L2113-14', 'L2113-15', 'clause', 'libre'] as const;
export type LegalBasisCode = (typeof LEGAL_BASIS_CODES)[number];

const CODE_CCP: Publication = {
	title: 'Code de la commande publique',
	site: 'Légifrance',
	url: 'https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000037701019'
};
const RESERVED_EA: Publication = {
	title: 'Réservation de marchés ou de lots de marchés (L. 2113-12 s., R. 2113-7)',
	site: 'code-commande-publique.com',
	url: 'https://www.code-commande-publique.com/reservation-de-marches-ou-de-lots-de-marches-l-2113-12-s-r-2113-7/'
};
const ESS_ARTICLE: Publication = {
	title: 'Article L2113-15 of the French Public Procurement Code',
	site: 'French Business Law',
	url: 'https://french-business-law.com/french-legislation-art/article-l2113-15-of-the-french-public-procurement-code',
	lang: 'en'
};
const RESERVED_LIMITS: Publication = {
	title: 'Les marchés réservés',
	site: 'Libel',
	url: 'https://www.libel.fr/decouvrir-appels-offres/les-marches-reserves/'
};
const CLAUSES: Publication = {
	title: 'Clauses sociales',
	site: 'Voie 95',
	url: 'https://voie95.fr/clauses-sociales/'
};

const NOTICE =
	'L’avis de marché ou les documents de la consultation citent l’article qui fonde la réservation.';
const SHARE = 'Les structures admises emploient au moins 50 % de travailleurs concernés (article R2113-7).';

export const LEGAL_BASES: readonly LegalBasis[] = [
	{
		code: 'L2113-12',
		label: 'Marché réservé aux EA, ESAT et structures équivalentes (article L2113-12)',
		short: 'L2113-12 : EA, ESAT',
		who: 'Entreprises adaptées (EA, EATT), établissements et services d’aide par le travail (ESAT) et structures équivalentes employant des travailleurs handicapés.',
		limits: [SHARE, NOTICE],
		sources: [CODE_CCP, RESERVED_EA]
	},
	{
		code: 'L2113-13',
		label: 'Marché réservé aux SIAE et structures équivalentes (article L2113-13)',
		short: 'L2113-13 : SIAE',
		who: 'Structures d’insertion par l’activité économique (EI, ETTI, AI, ACI, EITI) et structures équivalentes employant des travailleurs défavorisés.',
		limits: [SHARE, NOTICE],
		sources: [CODE_CCP, RESERVED_EA]
	},
	{
		code: 'L2113-14',
		label: 'Marché réservé à la fois aux EA/ESAT et aux SIAE (article L2113-14)',
		short: 'L2113-14 : EA, ESAT et SIAE',
		who: 'Les structures des deux articles précédents ensemble, dans un même marché ou un même lot.',
		limits: [NOTICE],
		sources: [CODE_CCP, CLAUSES]
	},
	{
		code: 'L2113-15',
		label: 'Marché réservé aux entreprises de l’ESS pour certains services (article L2113-15)',
		short: 'L2113-15 : entreprises de l’ESS',
		who: 'Entreprises de l’économie sociale et solidaire (loi du 31 juillet 2014, article 1) ou équivalentes, pour les seuls services sociaux et autres services spécifiques listés par avis annexé au code.',
		limits: [
			'Seulement pour les services sociaux et autres services spécifiques de la liste annexée au code : une fourniture ou des travaux ne peuvent pas être réservés ainsi.',
			'L’entreprise exerce une mission de service public liée à ces services.',
			'Le marché dure au plus 3 ans (article L2113-16).',
			'Il ne peut pas être attribué à une entreprise qui a obtenu un marché réservé de ce type du même acheteur dans les 3 années précédentes.',
			'L’avis de marché cite l’article L2113-15.'
		],
		sources: [CODE_CCP, ESS_ARTICLE, RESERVED_LIMITS]
	},
	{
		code: 'clause',
		label: 'Clause sociale d’insertion (article L2112-2)',
		short: 'Clause d’insertion',
		who: 'Toute entreprise peut répondre ; l’exécution comprend des heures de travail pour des personnes éloignées de l’emploi, souvent par une SIAE, un GEIQ, une EA ou un ESAT (sous-traitance, co-traitance ou mise à disposition).',
		limits: [
			'Le marché n’est pas réservé : la clause est une condition d’exécution.',
			'Un facilitateur de clauses aide l’acheteur à la rédiger et à la suivre.'
		],
		sources: [CODE_CCP, CLAUSES]
	},
	{
		code: 'libre',
		label: 'Sans réservation ni clause',
		short: 'Marché ouvert',
		who: 'Toute structure de l’ESS peut répondre comme toute entreprise.',
		limits: [],
		sources: [CODE_CCP]
	}
];

export function legalBasis(code: LegalBasisCode): LegalBasis {
	return LEGAL_BASES.find((b) => b.code === code)!;
}

export function isLegalBasis(code: string): code is LegalBasisCode {
	return (LEGAL_BASIS_CODES as readonly string[]).includes(code);
}

/** Kinds of the insertion by economic activity (SIAE); `siae` is one whose type no source gave. */
export const SIAE_APPROVALS: readonly Approval[] = ['ei', 'etti', 'ai', 'aci', 'eiti', 'siae'];
/** Kinds of sheltered work for disabled people. */
export const DISABILITY_APPROVALS: readonly Approval[] = ['ea', 'eatt', 'esat'];
/** Kinds that carry insertion hours of a clause besides those above. */
const CLAUSE_APPROVALS: readonly Approval[] = [...SIAE_APPROVALS, ...DISABILITY_APPROVALS, 'geiq'];

/** ESS families whose legal form is an ESS enterprise by law (2014 law, article 1). */
const ESS_FORMS = new Set(['association', 'cooperative', 'mutuelle', 'fondation', 'entreprise-ess']);

/** Whether a supplier may answer under a basis: yes, no, or unknown when the data cannot say. */
export type Answer = 'yes' | 'no' | 'unknown';

/** Each reason `eligibility` can give, so a page can write it in its reader's language. */
export const ELIGIBILITY_REASONS = [
	'disability',
	'not-disability',
	'siae',
	'siae-type-unknown',
	'not-siae',
	'siae-or-disability',
	'neither',
	'not-ess',
	'ess-esus',
	'ess-form',
	'form-unknown',
	'not-a-company',
	'clause-carrier',
	'clause-any',
	'ess',
	'outside-ess'
] as const;
export type EligibilityReason = (typeof ELIGIBILITY_REASONS)[number];

export interface Eligibility {
	answer: Answer;
	/** The approvals that qualify it (with their proofs on the record), in the order above. */
	approvals: Approval[];
	/** Why, in one French sentence. */
	reason: string;
	/** The same reason as a code. */
	reasonCode: EligibilityReason;
}

function held(o: Pick<Organisation, 'approvals'>, kinds: readonly Approval[]): Approval[] {
	return kinds.filter((k) => o.approvals.includes(k));
}

/** Whether an organisation may answer a contract under this basis, and why. */
export function eligibility(
	o: Pick<Organisation, 'approvals' | 'legalForm' | 'isEss'>,
	basis: LegalBasisCode
): Eligibility {
	const siae = held(o, SIAE_APPROVALS);
	const disability = held(o, DISABILITY_APPROVALS);
	switch (basis) {
		case 'L2113-12':
			return disability.length
				? {
						answer: 'yes',
						approvals: disability,
						reason: 'Structure du travail protégé ou adapté.',
						reasonCode: 'disability'
					}
				: {
						answer: 'no',
						approvals: [],
						reason:
							'Ni EA, ni EATT, ni ESAT : pas admise à un marché réservé au titre de l’article L2113-12.',
						reasonCode: 'not-disability'
					};
		case 'L2113-13':
			return siae.length
				? {
						answer: siae.length === 1 && siae[0] === 'siae' ? 'unknown' : 'yes',
						approvals: siae,
						reason:
							siae.length === 1 && siae[0] === 'siae'
								? 'Structure d’insertion dont le type d’agrément n’est pas relevé : à vérifier auprès d’elle.'
								: 'Structure d’insertion par l’activité économique.',
						reasonCode: siae.length === 1 && siae[0] === 'siae' ? 'siae-type-unknown' : 'siae'
					}
				: {
						answer: 'no',
						approvals: [],
						reason:
							'Pas une SIAE (EI, ETTI, AI, ACI, EITI) : pas admise à un marché réservé au titre de l’article L2113-13.',
						reasonCode: 'not-siae'
					};
		case 'L2113-14': {
			const both = [...disability, ...siae];
			return both.length
				? {
						answer: 'yes',
						approvals: both,
						reason: 'Structure d’insertion ou du travail protégé ou adapté.',
						reasonCode: 'siae-or-disability'
					}
				: {
						answer: 'no',
						approvals: [],
						reason:
							'Ni SIAE, ni EA, ni ESAT : pas admise à un marché réservé au titre de l’article L2113-14.',
						reasonCode: 'neither'
					};
		}
		case 'L2113-15': {
			const esus = held(o, ['esus']);
			const family = legalForm(o.legalForm).family;
			if (!o.isEss)
				return { answer: 'no', approvals: [], reason: 'Pas une entreprise de l’ESS.', reasonCode: 'not-ess' };
			if (esus.length || ESS_FORMS.has(family))
				return {
					answer: 'yes',
					approvals: esus,
					reason: esus.length
						? 'Entreprise de l’ESS agréée ESUS ; la mission de service public et la règle des 3 ans restent à vérifier.'
						: 'Entreprise de l’ESS par sa forme juridique ; la mission de service public et la règle des 3 ans restent à vérifier.',
					reasonCode: esus.length ? 'ess-esus' : 'ess-form'
				};
			return {
				answer: family === 'autre' ? 'unknown' : 'no',
				approvals: [],
				reason:
					family === 'autre'
						? 'Forme juridique non connue : sa qualité d’entreprise de l’ESS est à vérifier.'
						: 'Un collectif sans personnalité juridique ou un acteur public ne peut pas être titulaire à ce titre.',
				reasonCode: family === 'autre' ? 'form-unknown' : 'not-a-company'
			};
		}
		case 'clause': {
			const carriers = held(o, CLAUSE_APPROVALS);
			return carriers.length
				? {
						answer: 'yes',
						approvals: carriers,
						reason:
							'Peut porter les heures d’insertion de la clause (co-traitance, sous-traitance ou mise à disposition).',
						reasonCode: 'clause-carrier'
					}
				: {
						answer: 'yes',
						approvals: [],
						reason:
							'Peut répondre ; les heures d’insertion passeraient par ses propres embauches ou une structure d’insertion.',
						reasonCode: 'clause-any'
					};
		}
		case 'libre':
			return {
				answer: o.isEss ? 'yes' : 'unknown',
				approvals: [],
				reason: o.isEss ? 'Structure de l’ESS.' : 'Structure hors ESS.',
				reasonCode: o.isEss ? 'ess' : 'outside-ess'
			};
	}
}

/** The reserved bases an organisation qualifies for (for the `base` filter of the annuaire and the API). */
export function basesOf(o: Pick<Organisation, 'approvals' | 'legalForm' | 'isEss'>): LegalBasisCode[] {
	return LEGAL_BASIS_CODES.filter(
		(b) => b !== 'libre' && b !== 'clause' && eligibility(o, b).answer === 'yes'
	);
}
