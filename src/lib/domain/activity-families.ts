/**
 * Activity families: a short list grouping the NAF rév. 2 codes of the register into what a visitor of an
 * ESS directory looks for. Pure data. A code is looked up from its most precise form to its division
 * (`88.10C`, then `88.10`, `88.1`, `88`), so a few classes can leave their division's family: `88.10C` (aide
 * par le travail, ESAT) is insertion, not action sociale; `47.79Z` (second-hand shops, ressourceries) is
 * réemploi, not commerce. Every division 01-99 has a family, so every NAF rév. 2 code gets one.
 */
import type { Term } from './taxonomies';

export const ACTIVITY_FAMILIES = [
	{ code: 'action-sociale', label: 'Action sociale et médico-sociale' },
	{ code: 'insertion-emploi', label: 'Insertion et emploi' },
	{ code: 'environnement-reemploi', label: 'Environnement, énergie et réemploi' },
	{ code: 'alimentation', label: 'Alimentation et agriculture' },
	{ code: 'culture', label: 'Culture, médias et édition' },
	{ code: 'sport-loisirs', label: 'Sport, loisirs et tourisme' },
	{ code: 'education-formation', label: 'Éducation, formation et recherche' },
	{ code: 'sante', label: 'Santé' },
	{ code: 'habitat', label: 'Habitat, construction et immobilier' },
	{ code: 'finance', label: 'Banque, assurance et finance' },
	{ code: 'commerce-artisanat', label: 'Commerce, artisanat et production' },
	{ code: 'services-entreprises', label: 'Services aux entreprises et numérique' },
	{ code: 'transport-mobilite', label: 'Transport et mobilité' },
	{ code: 'organisations-reseaux', label: 'Organisations, associations et réseaux' },
	{ code: 'autre', label: 'Autre activité ou activité non connue' }
] as const satisfies readonly Term[];

export type ActivityFamily = (typeof ACTIVITY_FAMILIES)[number]['code'];

/**
 * NAF rév. 2 division (2 digits), group (`88.1`), class (`88.10`) or sub-class (`88.10C`) -> family.
 * Divisions first, then the finer exceptions.
 */
export const NAF_ACTIVITY_FAMILY: Readonly<Record<string, ActivityFamily>> = {
	// Section A: agriculture, forestry, fishing
	'01': 'alimentation',
	'02': 'environnement-reemploi',
	'03': 'alimentation',
	// Section B: mining
	'05': 'autre',
	'06': 'autre',
	'07': 'autre',
	'08': 'autre',
	'09': 'autre',
	// Section C: manufacturing (food apart)
	'10': 'alimentation',
	'11': 'alimentation',
	'12': 'commerce-artisanat',
	'13': 'commerce-artisanat',
	'14': 'commerce-artisanat',
	'15': 'commerce-artisanat',
	'16': 'commerce-artisanat',
	'17': 'commerce-artisanat',
	'18': 'culture',
	'19': 'commerce-artisanat',
	'20': 'commerce-artisanat',
	'21': 'sante',
	'22': 'commerce-artisanat',
	'23': 'commerce-artisanat',
	'24': 'commerce-artisanat',
	'25': 'commerce-artisanat',
	'26': 'commerce-artisanat',
	'27': 'commerce-artisanat',
	'28': 'commerce-artisanat',
	'29': 'commerce-artisanat',
	'30': 'commerce-artisanat',
	'31': 'commerce-artisanat',
	'32': 'commerce-artisanat',
	'33': 'environnement-reemploi',
	// Sections D-E: energy, water, waste
	'35': 'environnement-reemploi',
	'36': 'environnement-reemploi',
	'37': 'environnement-reemploi',
	'38': 'environnement-reemploi',
	'39': 'environnement-reemploi',
	// Section F: construction
	'41': 'habitat',
	'42': 'habitat',
	'43': 'habitat',
	// Section G: trade
	'45': 'commerce-artisanat',
	'46': 'commerce-artisanat',
	'47': 'commerce-artisanat',
	// Section H: transport
	'49': 'transport-mobilite',
	'50': 'transport-mobilite',
	'51': 'transport-mobilite',
	'52': 'transport-mobilite',
	'53': 'transport-mobilite',
	// Section I: accommodation and food service
	'55': 'sport-loisirs',
	'56': 'alimentation',
	// Section J: information and communication
	'58': 'culture',
	'59': 'culture',
	'60': 'culture',
	'61': 'services-entreprises',
	'62': 'services-entreprises',
	'63': 'services-entreprises',
	// Section K: finance and insurance
	'64': 'finance',
	'65': 'finance',
	'66': 'finance',
	// Section L: real estate
	'68': 'habitat',
	// Sections M-N: professional, support services
	'69': 'services-entreprises',
	'70': 'services-entreprises',
	'71': 'services-entreprises',
	'72': 'education-formation',
	'73': 'services-entreprises',
	'74': 'services-entreprises',
	'75': 'sante',
	'77': 'services-entreprises',
	'78': 'insertion-emploi',
	'79': 'sport-loisirs',
	'80': 'services-entreprises',
	'81': 'services-entreprises',
	'82': 'services-entreprises',
	// Section O: public administration
	'84': 'autre',
	// Section P: education
	'85': 'education-formation',
	// Section Q: health and social work
	'86': 'sante',
	'87': 'action-sociale',
	'88': 'action-sociale',
	// Section R: arts, sport, recreation
	'90': 'culture',
	'91': 'culture',
	'92': 'sport-loisirs',
	'93': 'sport-loisirs',
	// Section S: other services
	'94': 'organisations-reseaux',
	'95': 'environnement-reemploi',
	'96': 'commerce-artisanat',
	// Sections T-U: households as employers, extraterritorial bodies
	'97': 'autre',
	'98': 'autre',
	'99': 'autre',

	// Finer exceptions
	'46.3': 'alimentation', // wholesale of food
	'47.2': 'alimentation', // food shops
	'47.11': 'alimentation', // general food stores, épiceries (solidaires among them)
	'47.81': 'alimentation', // food markets
	'47.79': 'environnement-reemploi', // second-hand goods in shops: ressourceries, recycleries
	'77.21': 'sport-loisirs', // hire of leisure and sports goods
	'77.29': 'environnement-reemploi', // hire of other personal goods (objects libraries)
	'81.30': 'environnement-reemploi', // landscape services, a frequent insertion activity
	'88.10C': 'insertion-emploi', // aide par le travail (ESAT)
	'85.51': 'sport-loisirs', // sports and recreation education
	'85.52': 'culture' // cultural education
};

const FAMILY_CODES = new Set<string>(ACTIVITY_FAMILIES.map((f) => f.code));

/** A NAF code of rév. 2 (`88.99B`), the nomenclature activity families are defined on. */
export const NAF_REV2 = /^\d{2}\.\d{2}[A-Z]$/;

/**
 * The family of a NAF rév. 2 code written as INSEE writes it (`88.99B`); codes of older nomenclatures
 * (NAF rév. 1, NAF 1993, NAP) share the look but not the meaning, so callers pass only rév. 2 codes.
 * Unknown or malformed codes give 'autre'.
 */
export function activityFamilyForNaf(code: string | null | undefined): ActivityFamily {
	if (!code || !NAF_REV2.test(code)) return 'autre';
	for (const key of [code, code.slice(0, 5), code.slice(0, 4), code.slice(0, 2)]) {
		const family = NAF_ACTIVITY_FAMILY[key];
		if (family) return family;
	}
	return 'autre';
}

export function activityFamilyLabel(code: ActivityFamily): string {
	return ACTIVITY_FAMILIES.find((f) => f.code === code)!.label;
}

export function isActivityFamily(code: string): code is ActivityFamily {
	return FAMILY_CODES.has(code);
}

/**
 * CPV 2008 divisions (the first two digits of a code of the Common Procurement Vocabulary, regulation (EC)
 * 213/2008), with their English titles shortened into French. Buyers describe a purchase in CPV; suppliers
 * carry a NAF code: the families are the bridge between the two.
 */
export const CPV_DIVISIONS = {
	'03': 'Produits agricoles, de l’élevage, de la pêche et de la sylviculture',
	'09': 'Produits pétroliers, combustibles, électricité et autres sources d’énergie',
	'15': 'Produits alimentaires, boissons, tabac',
	'18': 'Vêtements, chaussures, bagages et accessoires',
	'22': 'Imprimés et produits connexes',
	'30': 'Machines et matériel de bureau et informatique',
	'33': 'Matériel médical et pharmaceutique, produits de soins personnels',
	'34': 'Équipements de transport',
	'37': 'Instruments de musique, articles de sport, jeux, jouets, matériel d’artisanat et d’art',
	'39': 'Meubles, aménagements, appareils électroménagers, produits de nettoyage',
	'44': 'Structures et matériaux de construction',
	'45': 'Travaux de construction',
	'48': 'Logiciels et systèmes d’information',
	'50': 'Services de réparation et d’entretien',
	'55': 'Services d’hôtellerie, de restauration et de commerce au détail',
	'60': 'Services de transport (hors transport des déchets)',
	'63': 'Services d’appui et auxiliaires dans le domaine des transports ; agences de voyage',
	'64': 'Services des postes et télécommunications',
	'66': 'Services financiers et d’assurance',
	'70': 'Services immobiliers',
	'71': 'Services d’architecture, de construction, d’ingénierie et d’inspection',
	'72': 'Services de technologies de l’information',
	'73': 'Services de recherche et développement',
	'77': 'Services agricoles, sylvicoles, horticoles, aquacoles et apicoles',
	'79': 'Services aux entreprises : droit, marketing, conseil, recrutement, impression et sécurité',
	'80': 'Services d’enseignement et de formation',
	'85': 'Services de santé et services sociaux',
	'90': 'Services d’évacuation des eaux usées et des déchets, services d’assainissement et environnementaux',
	'92': 'Services récréatifs, culturels et sportifs',
	'98': 'Autres services communautaires, sociaux ou personnels'
} as const;
export type CpvDivision = keyof typeof CPV_DIVISIONS;

/** The CPV divisions a buyer is likely to use for a purchase from each family, most typical first. */
export const ACTIVITY_CPV: Readonly<Record<ActivityFamily, readonly CpvDivision[]>> = {
	'action-sociale': ['85', '98'],
	'insertion-emploi': ['79', '85', '98'],
	'environnement-reemploi': ['90', '50', '77', '09', '39', '30'],
	alimentation: ['15', '03', '55'],
	culture: ['92', '22', '79'],
	'sport-loisirs': ['92', '55', '37', '63'],
	'education-formation': ['80', '73'],
	sante: ['85', '33'],
	habitat: ['45', '44', '70', '71'],
	finance: ['66'],
	'commerce-artisanat': ['39', '18', '37', '44', '22'],
	'services-entreprises': ['79', '72', '48', '90', '71'],
	'transport-mobilite': ['60', '63', '64', '34'],
	'organisations-reseaux': ['98', '79'],
	autre: []
};

/** One family as published at /api/v1/activites: its NAF codes (divisions and finer exceptions) and CPV. */
export interface ActivityMapping {
	code: ActivityFamily;
	label: string;
	/** NAF rév. 2 keys mapped to this family: divisions (`88`), groups (`46.3`), classes, sub-classes. */
	naf: string[];
	cpv: { division: CpvDivision; label: string }[];
}

/**
 * The whole mapping families -> NAF -> CPV, as open data. A NAF key listed under a family may hold finer
 * keys listed under another (`88` is action sociale, `88.10C` insertion): the finest key wins, as in
 * `activityFamilyForNaf`.
 */
export function activityMappings(): ActivityMapping[] {
	return ACTIVITY_FAMILIES.map((f) => ({
		code: f.code,
		label: f.label,
		naf: Object.keys(NAF_ACTIVITY_FAMILY)
			.filter((k) => NAF_ACTIVITY_FAMILY[k] === f.code)
			.sort(),
		cpv: ACTIVITY_CPV[f.code].map((division) => ({ division, label: CPV_DIVISIONS[division] }))
	}));
}

/** The families whose usual CPV divisions include this CPV code's (`90910000-9` -> division 90). */
export function activityFamiliesForCpv(cpv: string): ActivityFamily[] {
	const division = cpv.trim().slice(0, 2);
	return ACTIVITY_FAMILIES.map((f) => f.code).filter((code) =>
		(ACTIVITY_CPV[code] as readonly string[]).includes(division)
	);
}
