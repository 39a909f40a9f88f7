/**
 * Code lists the SIRENE register uses, turned into French words: street types, repetition indexes,
 * catégories juridiques (label and our legal form), NAF rév. 2 labels.
 */
import codesNaf from '@socialgouv/codes-naf';
import { legalFormsForInsee, type LegalFormCode } from '$lib/domain/taxonomies';

/**
 * typeVoieEtablissement: INSEE's 63 codes (sirene.fr, variable typeVoieEtablissement), as the word written in
 * an address. Recent stock files write the word itself (`AVENUE`), older ones the code (`AV`): both are read.
 */
export const STREET_TYPES: Readonly<Record<string, string>> = {
	AIRE: 'aire',
	ALL: 'allée',
	AV: 'avenue',
	BASE: 'base',
	BD: 'boulevard',
	CAMI: 'cami',
	CAR: 'carrefour',
	CHE: 'chemin',
	CHEM: 'cheminement',
	CHS: 'chaussée',
	CITE: 'cité',
	CLOS: 'clos',
	COIN: 'coin',
	COR: 'corniche',
	COTE: 'côte',
	COUR: 'cour',
	CRS: 'cours',
	DOM: 'domaine',
	DSC: 'descente',
	ECA: 'écart',
	ESP: 'esplanade',
	FG: 'faubourg',
	GARE: 'gare',
	GR: 'grande rue',
	HAM: 'hameau',
	HLE: 'halle',
	ILOT: 'îlot',
	IMP: 'impasse',
	LD: 'lieu-dit',
	LOT: 'lotissement',
	MAR: 'marché',
	MTE: 'montée',
	PARC: 'parc',
	PAS: 'passage',
	PL: 'place',
	PLAN: 'plan',
	PLN: 'plaine',
	PLT: 'plateau',
	PONT: 'pont',
	PORT: 'port',
	PRO: 'promenade',
	PRV: 'parvis',
	QUA: 'quartier',
	QUAI: 'quai',
	RES: 'résidence',
	RLE: 'ruelle',
	ROC: 'rocade',
	RPT: 'rond-point',
	RTE: 'route',
	RUE: 'rue',
	SEN: 'sentier',
	SQ: 'square',
	TOUR: 'tour',
	TPL: 'terre-plein',
	TRA: 'traverse',
	VLA: 'villa',
	VLGE: 'village',
	VOIE: 'voie',
	ZA: 'zone artisanale',
	ZAC: "zone d'aménagement concerté",
	ZAD: "zone d'aménagement différé",
	ZI: 'zone industrielle',
	ZONE: 'zone'
};

/** Upper case without accents, single spaces: how the register writes words (`ALLEE`, `ROND POINT`). */
function registerForm(s: string): string {
	return s
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toUpperCase()
		.replace(/[\s-]+/g, ' ')
		.trim();
}

const STREET_WORDS = new Map<string, string>(
	Object.values(STREET_TYPES).map((word) => [registerForm(word), word] as const)
);

/**
 * The street type as a word: a code is expanded (`AV` -> `avenue`), a word already written is given its
 * accents back when it is one of the code list's words (`ALLEE` -> `allée`), any other word is lower-cased.
 */
export function streetTypeWord(raw: string | null): string | null {
	if (!raw) return null;
	const key = registerForm(raw);
	return STREET_TYPES[key] ?? STREET_WORDS.get(key) ?? raw.toLowerCase();
}

/** indiceRepetitionEtablissement: B, T, Q, C are bis, ter, quater, quinquies; other letters stay as written. */
const REPETITIONS: Readonly<Record<string, string>> = { B: 'bis', T: 'ter', Q: 'quater', C: 'quinquies' };

export function repetitionWord(raw: string | null): string | null {
	if (!raw) return null;
	return REPETITIONS[raw.toUpperCase()] ?? raw.toLowerCase();
}

/**
 * Labels of the catégories juridiques (niveau III) met among ESS structures, from INSEE's nomenclature of
 * catégories juridiques, plus the three most frequent non-ESS ones. Other codes keep their code
 * with no label: no maintained package ships the whole nomenclature.
 */
export const LEGAL_CATEGORY_LABELS: Readonly<Record<string, string>> = {
	'1000': 'Entrepreneur individuel',
	'5499': 'Société à responsabilité limitée (sans autre indication)',
	'5710': 'SAS, société par actions simplifiée',
	'9210': 'Association non déclarée',
	'9220': 'Association déclarée',
	'9221': "Association déclarée d'insertion par l'économique",
	'9222': 'Association intermédiaire',
	'9223': "Groupement d'employeurs",
	'9224': "Association d'avocats à responsabilité professionnelle individuelle",
	'9230': "Association déclarée, reconnue d'utilité publique",
	'9240': 'Congrégation',
	'9260': 'Association de droit local (Bas-Rhin, Haut-Rhin et Moselle)',
	'5195': 'Association coopérative inscrite (droit local Alsace Moselle)',
	'9300': 'Fondation',
	'8210': 'Mutuelle',
	'8250': 'Assurance mutuelle agricole',
	'8290': 'Autre organisme mutualiste',
	'6411': "Société d'assurance à forme mutuelle",
	'8510': 'Institution de prévoyance',
	'5191': 'Société de caution mutuelle',
	'5458': 'SARL coopérative de production (SCOP)',
	'5558': "SA coopérative de production (SCOP) à conseil d'administration",
	'5658': 'SA coopérative de production (SCOP) à directoire',
	'5460': 'Autre SARL coopérative',
	'5560': "Autre SA coopérative à conseil d'administration",
	'5660': 'Autre SA coopérative à directoire',
	'5459': 'SARL union de sociétés coopératives',
	'5559': "SA union de sociétés coopératives à conseil d'administration",
	'5659': 'SA union de sociétés coopératives à directoire',
	'6316': "Coopérative d'utilisation de matériel agricole en commun (CUMA)",
	'6317': 'Société coopérative agricole',
	'6318': 'Union de sociétés coopératives agricoles',
	'5192': 'Banque populaire',
	'5194': 'Caisse (fédérale) de crédit mutuel',
	'5196': "Caisse d'épargne et de prévoyance à forme coopérative",
	'6595': 'Caisse locale de crédit mutuel',
	'6596': 'Caisse de crédit agricole mutuel'
};

/** The catégorie juridique of natural persons (entrepreneurs individuels): never published by name. */
export const NATURAL_PERSON_CATEGORY = '1000';

/**
 * Our forms that the catégorie juridique alone cannot prove: SCIC and CAE are statuses INSEE files under the
 * ordinary cooperative or SAS codes, and `association` is the fallback for a form not yet verified. When a
 * code is claimed by one of these and by another form, the other form is the one the register proves.
 */
const NOT_PROVED_BY_INSEE = new Set<string>(['scic', 'cae', 'association']);

/** INSEE catégorie juridique -> our legal form code, or 'inconnue' when the taxonomy has none for it. */
export function legalFormForInsee(code: string | null): LegalFormCode {
	if (!code) return 'inconnue';
	const forms = legalFormsForInsee(code);
	const proved = forms.filter((f) => !NOT_PROVED_BY_INSEE.has(f));
	const chosen = proved.length > 0 ? proved : forms;
	return chosen.length === 1 ? chosen[0] : 'inconnue';
}

/**
 * NAF rév. 2 labels from @socialgouv/codes-naf, built from INSEE's published nomenclature file (all 732
 * sub-classes). The file has some double spaces; they are collapsed.
 */
const NAF_LABELS = new Map<string, string>(
	codesNaf.map((c) => [c.id, c.label.replace(/\s+/g, ' ').trim()] as const)
);

export function nafLabel(code: string | null): string | null {
	return code ? (NAF_LABELS.get(code) ?? null) : null;
}

/** Sub-classes (`88.99B`) known to the nomenclature; for tests and checks. */
export function nafSubclasses(): string[] {
	return [...NAF_LABELS.keys()].filter((k) => /^\d{2}\.\d{2}[A-Z]$/.test(k));
}
