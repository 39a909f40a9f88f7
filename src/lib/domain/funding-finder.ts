/**
 * The funding finder: who can finance a project, and why.
 *
 * Pure: the profile comes from URL parameters (a public contract advisers share as links, see README
 * "Funding finder"), the tools from the store. Each tool is evaluated criterion by criterion into
 * met / not met / unchecked, in French words, the way aides-jeunes lists "conditions non prises en compte"
 * (funding-anchors.md 1.2) instead of Aides-territoires' yes/no quiz.
 */
import { z } from 'zod';
import { todayIso } from './common';
import type { Commune, Qpv } from './geography';
import type { Amount, FundingTool } from './records';
import {
	AUDIENCE_CODES,
	FUNDING_TYPE_CODES,
	LEGAL_FORMS,
	LEGAL_FORM_CODES,
	PURPOSE_CODES,
	STAGE_CODES,
	labelOf,
	legalForm,
	type Audience,
	type FundingType,
	type LegalFormCode,
	type Purpose,
	type Stage,
	type Territory
} from './taxonomies';

// ---------------------------------------------------------------------------------------------------------
// Formatting (shared by cards, the comparison table, the memos and the why-lists)

const EUROS = new Intl.NumberFormat('fr-FR', {
	style: 'currency',
	currency: 'EUR',
	maximumFractionDigits: 0
});

/** "20 000 €". Intl writes narrow no-break spaces, which keep an amount on one line. */
export function formatEuros(n: number): string {
	return EUROS.format(n);
}

const DATE = new Intl.DateTimeFormat('fr-FR', {
	day: 'numeric',
	month: 'long',
	year: 'numeric',
	timeZone: 'UTC'
});

/** "29 novembre 2026" from "2026-11-29". */
export function formatDate(iso: string): string {
	return DATE.format(new Date(`${iso}T00:00:00Z`));
}

/** The amount range as a visitor reads it; the year of an old figure stays beside it. */
export function amountLabel(amount: Amount | undefined): string {
	if (!amount) return 'Montant non publié';
	const { min, max, average, year } = amount;
	let text: string;
	if (min !== undefined && max !== undefined)
		text = min === max ? formatEuros(min) : `${formatEuros(min)} à ${formatEuros(max)}`;
	else if (max !== undefined) text = `Jusqu’à ${formatEuros(max)}`;
	else if (min !== undefined) text = `À partir de ${formatEuros(min)}`;
	else if (average !== undefined) text = `En moyenne ${formatEuros(average)}`;
	else return 'Montant par projet non publié';
	if (average !== undefined && (min !== undefined || max !== undefined))
		text += ` (en moyenne ${formatEuros(average)})`;
	return year ? `${text} (chiffre de ${year})` : text;
}

function months(n: number): string {
	if (n % 12 === 0) return n === 12 ? '1 an' : `${n / 12} ans`;
	return `${n} mois`;
}

/** "5 à 7 ans", "18 mois", "au plus 7 ans"; undefined when unknown. */
export function monthsRangeLabel(range: { min?: number; max?: number } | undefined): string | undefined {
	if (!range || (range.min === undefined && range.max === undefined)) return undefined;
	const { min, max } = range;
	if (min !== undefined && max !== undefined) {
		if (min === max) return months(min);
		if (min % 12 === 0 && max % 12 === 0) return `${min / 12} à ${months(max)}`;
		return `${months(min)} à ${months(max)}`;
	}
	if (max !== undefined) return `au plus ${months(max)}`;
	return `au moins ${months(min as number)}`;
}

export function rateLabel(rate: number | undefined): string | undefined {
	if (rate === undefined) return undefined;
	return rate === 0 ? 'Taux zéro (0 %)' : `${String(rate).replace('.', ',')} % par an`;
}

const AUDIENCE_PLURAL: Record<Audience, string> = {
	association: 'associations non fiscalisées',
	fiscalisee: 'structures fiscalisées',
	porteur: 'porteurs de projet sans structure'
};
const AUDIENCE_SINGULAR: Record<Audience, string> = {
	association: 'association non fiscalisée',
	fiscalisee: 'structure fiscalisée',
	porteur: 'porteur de projet sans structure'
};

/** French list: "a, b et c" (or "ou"). */
export function frenchList(items: string[], conj: 'et' | 'ou' = 'et'): string {
	if (items.length <= 1) return items.join('');
	return `${items.slice(0, -1).join(', ')} ${conj} ${items[items.length - 1]}`;
}

export function audiencesLabel(audiences: readonly Audience[]): string {
	const text = frenchList(audiences.map((a) => AUDIENCE_PLURAL[a]));
	return text.charAt(0).toUpperCase() + text.slice(1);
}

const ASSOCIATION_FORMS: LegalFormCode[] = LEGAL_FORMS.filter((f) => f.family === 'association').map(
	(f) => f.code
);

/** Legal forms in words; the six association variants collapse to "associations (toutes formes)". */
export function legalFormsLabel(forms: readonly LegalFormCode[]): string {
	const all = ASSOCIATION_FORMS.every((f) => forms.includes(f));
	const rest = forms.filter((f) => !(all && ASSOCIATION_FORMS.includes(f)));
	const labels = rest.map((f) => labelOf('legalForm', f));
	if (all) labels.unshift('associations (toutes formes)');
	return frenchList(labels, 'ou');
}

export function stagesLabel(stages: readonly Stage[]): string {
	return frenchList(
		stages.map((s) => labelOf('stage', s).toLowerCase()),
		'ou'
	);
}

export function typesLabel(types: readonly FundingType[]): string {
	return types.map((t) => labelOf('fundingType', t)).join(' · ');
}

export function territoryLabel(tool: Pick<FundingTool, 'territory'>): string {
	return tool.territory === 'france' ? 'Toute la France' : labelOf('territory', tool.territory);
}

/** What a page needs to name and link a provider; `slug` only when its page is public. */
export interface ProviderRef {
	id: string;
	name: string;
	slug?: string;
	website?: string;
	email?: string;
	phone?: string;
}

// ---------------------------------------------------------------------------------------------------------
// The profile: URL parameters -> a validated profile, with a French message per bad field

/** Reference lists the finder needs: the 33 communes and the 21 QPV of the Eurométropole. */
export interface FinderGeo {
	communes: Pick<Commune, 'code' | 'slug' | 'name'>[];
	qpv: Pick<Qpv, 'slug' | 'name' | 'communeCode'>[];
}

/** Where the project is: the perimeters known to contain it, and those known not to. */
export interface TerritoryProfile {
	/** The parameter value, normalised (commune slugs become INSEE codes). */
	value: string;
	label: string;
	inside: Territory[];
	outside: Territory[];
	communeCode?: string;
	/** true: in a QPV; false: in the Eurométropole but not in a QPV as far as the finder knows; undefined: unknown. */
	qpv?: boolean;
}

export interface FinderProfile {
	structure?: Audience;
	forme?: LegalFormCode;
	stade?: Stage;
	montant?: number;
	besoin?: Purpose;
	territoire?: TerritoryProfile;
}

/** Parameter names of the public contract, in their order in shared links. */
export const FINDER_PARAMS = ['structure', 'forme', 'stade', 'montant', 'besoin', 'territoire'] as const;
export type FinderParam = (typeof FINDER_PARAMS)[number];

export interface FieldError {
	field: string;
	message: string;
}

const WIDER: Territory[] = [
	'europe',
	'france',
	'grand-est',
	'alsace',
	'bas-rhin',
	'eurometropole',
	'commune'
];
/** Perimeters containing `level`, itself included (europe contains france contains grand-est...). */
function upFrom(level: Territory): Territory[] {
	return WIDER.slice(0, WIDER.indexOf(level) + 1);
}
/** Perimeters inside `level`, itself excluded. */
function below(level: Territory): Territory[] {
	return WIDER.slice(WIDER.indexOf(level) + 1);
}

const GRAND_EST_DEPARTEMENTS = ['08', '10', '51', '52', '54', '55', '57', '67', '68', '88'];

/** Territory values that are not a commune or a QPV, with what each says about the place. */
const TERRITORY_KEYWORDS: Record<string, Omit<TerritoryProfile, 'value'>> = {
	eurometropole: {
		label: 'Eurométropole de Strasbourg',
		inside: upFrom('eurometropole'),
		outside: [],
		qpv: false
	},
	qpv: {
		label: 'Un quartier prioritaire (QPV) de l’Eurométropole',
		inside: upFrom('eurometropole'),
		outside: [],
		qpv: true
	},
	'hors-ems': {
		label: 'Hors de l’Eurométropole de Strasbourg',
		inside: ['europe', 'france'],
		outside: ['eurometropole', 'commune']
	},
	'bas-rhin': { label: 'Bas-Rhin', inside: upFrom('bas-rhin'), outside: [] },
	alsace: { label: 'Alsace', inside: upFrom('alsace'), outside: [] },
	'grand-est': { label: 'Grand Est', inside: upFrom('grand-est'), outside: [] },
	france: { label: 'France', inside: upFrom('france'), outside: [] }
};

/**
 * Resolves `territoire`: a keyword, one of the 33 communes (INSEE code or slug), `qpv-<slug>` for one of the
 * 21 QPV, or the INSEE code of a commune outside the Eurométropole (its département says the rest).
 */
export function resolveTerritory(raw: string, geo: FinderGeo): TerritoryProfile | undefined {
	const value = raw.trim().toLowerCase();
	const keyword = TERRITORY_KEYWORDS[value];
	if (keyword) return { value, ...keyword, inside: [...keyword.inside], outside: [...keyword.outside] };
	if (value.startsWith('qpv-')) {
		const q = geo.qpv.find((x) => x.slug === value.slice(4));
		if (!q) return undefined;
		return {
			value,
			label: `QPV ${q.name}`,
			inside: q.communeCode ? upFrom('commune') : upFrom('eurometropole'),
			outside: [],
			communeCode: q.communeCode,
			qpv: true
		};
	}
	const commune = geo.communes.find((c) => c.code === value.toUpperCase() || c.slug === value);
	if (commune)
		return {
			value: commune.code,
			label: commune.name,
			inside: upFrom('commune'),
			outside: [],
			communeCode: commune.code,
			qpv: false
		};
	const insee = value.toUpperCase();
	if (/^(?:\d{5}|2[AB]\d{3})$/.test(insee)) {
		const dep = insee.startsWith('97') ? insee.slice(0, 3) : insee.slice(0, 2);
		const level: Territory =
			dep === '67'
				? 'bas-rhin'
				: dep === '68'
					? 'alsace'
					: GRAND_EST_DEPARTEMENTS.includes(dep)
						? 'grand-est'
						: 'france';
		const outside = dep === '67' ? (['eurometropole', 'commune'] as Territory[]) : below(level);
		const where =
			dep === '67' ? 'Bas-Rhin' : dep === '68' ? 'Haut-Rhin' : level === 'grand-est' ? 'Grand Est' : 'France';
		return {
			value: insee,
			label: `Commune ${insee} (${where}, hors Eurométropole)`,
			inside: upFrom(level),
			outside,
			communeCode: insee
		};
	}
	return undefined;
}

/** "20000", "20 000", "20 000 €", "20000€": a whole number of euros. */
const montantSchema = z
	.string()
	.transform((s) => s.replace(/[\s\u00a0\u202f]/g, '').replace(/(?:€|euros?)$/i, ''))
	.pipe(
		z
			.string()
			.regex(/^\d+$/, { error: 'montant invalide : indiquez un nombre entier d’euros, par exemple 20000' })
			.transform(Number)
			.pipe(
				z
					.number()
					.min(1, { error: 'montant invalide : il doit être d’au moins 1 €' })
					.max(100_000_000, { error: 'montant invalide : 100 millions d’euros au plus' })
			)
	);

const structureSchema = z.enum(AUDIENCE_CODES, {
	error: (iss) =>
		`structure inconnue : « ${String(iss.input)} » ; valeurs possibles : association, fiscalisee ou porteur`
});
const formeSchema = z.enum(LEGAL_FORM_CODES, {
	error: (iss) => `forme juridique inconnue : « ${String(iss.input)} »`
});
const stadeSchema = z.enum(STAGE_CODES, {
	error: (iss) => `stade inconnu : « ${String(iss.input)} » ; valeurs possibles : ${STAGE_CODES.join(', ')}`
});
const besoinSchema = z.enum(PURPOSE_CODES, {
	error: (iss) =>
		`besoin inconnu : « ${String(iss.input)} » ; valeurs possibles : ${PURPOSE_CODES.join(', ')}`
});

/** Legal forms a project holder may pick for each kind of structure. */
export function formsFor(structure: Audience | undefined): LegalFormCode[] {
	if (structure === 'porteur') return [];
	const forms = LEGAL_FORMS.filter((f) => !['public', 'collectif', 'inconnue'].includes(f.code));
	if (structure === 'association') return forms.filter((f) => f.family === 'association').map((f) => f.code);
	return forms.map((f) => f.code);
}

export interface ParsedFinder {
	profile: FinderProfile;
	errors: FieldError[];
	/** The raw values, to refill the form exactly as the visitor typed them. */
	values: Partial<Record<FinderParam, string>>;
	/** True when the form was submitted (at least one parameter of the contract is present). */
	answered: boolean;
}

function single(params: URLSearchParams, key: string, errors: FieldError[]): string | undefined {
	const all = params.getAll(key).map((v) => v.trim());
	const filled = all.filter((v) => v !== '');
	if (new Set(filled).size > 1) {
		errors.push({ field: key, message: `« ${key} » est donné plusieurs fois avec des valeurs différentes` });
		return undefined;
	}
	return filled[0];
}

/**
 * Reads the finder's profile from the query string. Never throws: every bad value becomes a French message
 * attached to its field. Unknown parameters are ignored (links may carry tracking parameters).
 */
export function parseFinderParams(params: URLSearchParams, geo: FinderGeo): ParsedFinder {
	const errors: FieldError[] = [];
	const values: Partial<Record<FinderParam, string>> = {};
	const profile: FinderProfile = {};
	for (const key of FINDER_PARAMS) {
		const v = single(params, key, errors);
		if (v !== undefined) values[key] = v;
	}
	const take = <T>(key: FinderParam, schema: z.ZodType<T>): T | undefined => {
		const v = values[key];
		if (v === undefined) return undefined;
		const parsed = schema.safeParse(v);
		if (parsed.success) return parsed.data;
		errors.push({ field: key, message: parsed.error.issues[0].message });
		return undefined;
	};
	profile.structure = take('structure', structureSchema);
	profile.forme = take('forme', formeSchema);
	profile.stade = take('stade', stadeSchema);
	profile.montant = take('montant', montantSchema);
	profile.besoin = take('besoin', besoinSchema);
	if (values.territoire !== undefined) {
		const t = resolveTerritory(values.territoire, geo);
		if (t) profile.territoire = t;
		else
			errors.push({
				field: 'territoire',
				message: `territoire inconnu : « ${values.territoire} » ; choisissez une commune de l’Eurométropole, un QPV, « hors-ems » ou un code INSEE`
			});
	}
	if (profile.forme && profile.structure === 'porteur') {
		errors.push({
			field: 'forme',
			message: 'un porteur de projet sans structure n’a pas encore de forme juridique : laissez ce champ vide'
		});
		profile.forme = undefined;
	} else if (
		profile.forme &&
		profile.structure === 'association' &&
		!formsFor('association').includes(profile.forme)
	) {
		errors.push({
			field: 'forme',
			message: `une association non fiscalisée ne peut pas avoir la forme « ${labelOf('legalForm', profile.forme)} » : choisissez « structure fiscalisée » ou une forme d’association`
		});
		profile.forme = undefined;
	}
	for (const key of Object.keys(profile) as (keyof FinderProfile)[])
		if (profile[key] === undefined) delete profile[key];
	// A submitted form counts as answered even when every answer is left blank: it then lists every tool.
	return { profile, errors, values, answered: FINDER_PARAMS.some((k) => params.has(k)) };
}

/** The profile as a query string, parameters in contract order: the link advisers share. */
export function profileToQuery(profile: FinderProfile): string {
	const p = new URLSearchParams();
	if (profile.structure) p.set('structure', profile.structure);
	if (profile.forme) p.set('forme', profile.forme);
	if (profile.stade) p.set('stade', profile.stade);
	if (profile.montant !== undefined) p.set('montant', String(profile.montant));
	if (profile.besoin) p.set('besoin', profile.besoin);
	if (profile.territoire) p.set('territoire', profile.territoire.value);
	return p.toString();
}

/** One line summary of a profile, for headings and page titles. */
export function profileSummary(profile: FinderProfile): string {
	const parts: string[] = [];
	if (profile.structure) parts.push(AUDIENCE_SINGULAR[profile.structure]);
	if (profile.forme) parts.push(labelOf('legalForm', profile.forme));
	if (profile.stade) parts.push(`stade ${labelOf('stage', profile.stade).toLowerCase()}`);
	if (profile.montant !== undefined) parts.push(`besoin de ${formatEuros(profile.montant)}`);
	if (profile.besoin) parts.push(labelOf('purpose', profile.besoin).toLowerCase());
	if (profile.territoire) parts.push(profile.territoire.label);
	return parts.join(' · ');
}

// ---------------------------------------------------------------------------------------------------------
// Evaluation of one tool against a profile

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

/** Types that bring no money by themselves: no amount to compare with a need. */
const NON_MONETARY: FundingType[] = ['accompagnement', 'agrement'];
export function bringsMoney(tool: Pick<FundingTool, 'types'>): boolean {
	return tool.types.some((t) => !NON_MONETARY.includes(t) && t !== 'garantie');
}
/** Whether an amount means something for this tool (not for support or an approval alone). */
export function concernsAmount(tool: Pick<FundingTool, 'types'>): boolean {
	return tool.types.some((t) => !NON_MONETARY.includes(t));
}

/** lastVerified older than 12 months (calendar months, Europe/Paris day). */
export function isStale(lastVerified: string, now: Date = new Date()): boolean {
	const today = todayIso(now);
	const yearAgo = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
	return lastVerified < yearAgo;
}

/** Open today: open all year, or a call for projects whose deadline has not passed. */
export function isOpenNow(
	tool: Pick<FundingTool, 'availability' | 'deadline'>,
	now: Date = new Date()
): boolean {
	if (tool.availability === 'ouvert') return true;
	return (
		tool.availability === 'appel-a-projets' && tool.deadline !== undefined && tool.deadline >= todayIso(now)
	);
}

const criterion = (
	key: CriterionKey,
	status: Criterion['status'],
	text: string,
	blocking = false
): Criterion => ({ key, status, text, blocking: status === 'unmet' && blocking });

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
			`Public : ${audiencesLabel(audiences).toLowerCase()} ; précisez votre structure`
		);
	if (audiences.includes(p.structure))
		return criterion('structure', 'met', `Public : ouvert aux ${AUDIENCE_PLURAL[p.structure]}`);
	return criterion(
		'structure',
		'unmet',
		`Public : réservé aux ${frenchList(audiences.map((a) => AUDIENCE_PLURAL[a]))} (vous : ${AUDIENCE_SINGULAR[p.structure]})`,
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
						: `Forme juridique : réservé aux formes ${legalFormsLabel(legalForms)} ; précisez la vôtre`
				)
			);
		else if (legalForms.some((f) => sameForm(f, p.forme!)))
			out.push(criterion('forme', 'met', `Forme juridique : ${labelOf('legalForm', p.forme)} acceptée`));
		else
			out.push(
				criterion(
					'forme',
					'unmet',
					`Forme juridique : réservé aux formes ${legalFormsLabel(legalForms)} (vous : ${labelOf('legalForm', p.forme)})`,
					true
				)
			);
	}
	if (excludedLegalForms?.length) {
		if (!p.forme) {
			if (p.structure !== 'porteur')
				out.push(
					criterion('forme', 'unchecked', `Forme juridique : ${legalFormsLabel(excludedLegalForms)} exclues`)
				);
		} else if (excludedLegalForms.some((f) => sameForm(f, p.forme!)))
			out.push(
				criterion(
					'forme',
					'unmet',
					`Forme juridique : ${labelOf('legalForm', p.forme)} exclue (sont exclues : ${legalFormsLabel(excludedLegalForms)})`,
					true
				)
			);
		else if (!legalForms?.length)
			out.push(criterion('forme', 'met', `Forme juridique : ${labelOf('legalForm', p.forme)} acceptée`));
	}
	return out;
}

function stageCriterion(tool: FundingTool, p: FinderProfile): Criterion {
	if (!p.stade)
		return criterion('stade', 'unchecked', `Stade : ${stagesLabel(tool.stages)} ; précisez le vôtre`);
	if (tool.stages.includes(p.stade))
		return criterion('stade', 'met', `Stade : ${labelOf('stage', p.stade).toLowerCase()}`);
	return criterion(
		'stade',
		'unmet',
		`Stade : réservé au stade ${stagesLabel(tool.stages)} (vous : ${labelOf('stage', p.stade).toLowerCase()})`,
		true
	);
}

function amountCriterion(tool: FundingTool, p: FinderProfile): Criterion | undefined {
	if (!concernsAmount(tool)) return undefined;
	const a = tool.amount;
	const range = amountLabel(a);
	const known = a && (a.min !== undefined || a.max !== undefined);
	if (p.montant === undefined)
		return known
			? criterion('montant', 'unchecked', `Montant : ${range} ; précisez votre besoin`)
			: undefined;
	const need = formatEuros(p.montant);
	if (!known) {
		const detail = a?.average !== undefined ? `${range}, sans plafond publié` : 'non publié';
		return criterion(
			'montant',
			'unchecked',
			`Montant : ${detail} ; demandez au financeur s’il couvre ${need}`
		);
	}
	if (a!.min !== undefined && p.montant < a!.min)
		return criterion(
			'montant',
			'unmet',
			`Montant : au moins ${formatEuros(a!.min)}, plus que votre besoin de ${need}`,
			true
		);
	if (a!.max !== undefined && p.montant > a!.max)
		return criterion(
			'montant',
			'unmet',
			`Montant : au plus ${formatEuros(a!.max)}, moins que votre besoin de ${need} ; à compléter par d’autres financements`
		);
	return criterion('montant', 'met', `Montant : votre besoin de ${need} est dans la fourchette (${range})`);
}

function purposeCriterion(tool: FundingTool, p: FinderProfile): Criterion | undefined {
	// An empty list means the data sets no restriction on the kind of spending.
	if (tool.purposes.length === 0) return undefined;
	const label = frenchList(
		tool.purposes.map((x) => labelOf('purpose', x).toLowerCase()),
		'ou'
	);
	if (!p.besoin) return criterion('besoin', 'unchecked', `Besoin : finance ${label} ; précisez le vôtre`);
	if (tool.purposes.includes(p.besoin))
		return criterion('besoin', 'met', `Besoin : finance ${labelOf('purpose', p.besoin).toLowerCase()}`);
	return criterion(
		'besoin',
		'unmet',
		`Besoin : finance seulement ${label} (vous : ${labelOf('purpose', p.besoin).toLowerCase()})`,
		true
	);
}

function territoryCriterion(
	tool: FundingTool,
	p: FinderProfile,
	communeName: (code: string) => string
): Criterion {
	const where =
		tool.territory === 'commune' && tool.territoryCommune
			? communeName(tool.territoryCommune)
			: labelOf('territory', tool.territory);
	const t = p.territoire;
	if (tool.territory === 'france' || tool.territory === 'europe') {
		return t
			? criterion(
					'territoire',
					'met',
					`Territoire : ouvert partout en ${tool.territory === 'france' ? 'France' : 'Europe'}`
				)
			: criterion('territoire', 'met', 'Territoire : ouvert partout en France');
	}
	if (!t)
		return criterion(
			'territoire',
			'unchecked',
			`Territoire : réservé à ${where} ; précisez où se situe votre projet`
		);
	if (tool.territory === 'commune') {
		if (t.communeCode === tool.territoryCommune)
			return criterion('territoire', 'met', `Territoire : réservé à ${where}, où se situe votre projet`);
		if (t.communeCode || t.outside.includes('eurometropole'))
			return criterion('territoire', 'unmet', `Territoire : réservé à ${where} (vous : ${t.label})`, true);
		return criterion('territoire', 'unchecked', `Territoire : réservé à ${where} ; précisez votre commune`);
	}
	if (t.inside.includes(tool.territory))
		return criterion(
			'territoire',
			'met',
			`Territoire : ouvert dans ce périmètre (${where}), où se situe votre projet`
		);
	if (t.outside.includes(tool.territory))
		return criterion('territoire', 'unmet', `Territoire : réservé à ${where} (vous : ${t.label})`, true);
	return criterion(
		'territoire',
		'unchecked',
		`Territoire : réservé à ${where} ; vérifiez que votre projet y est situé (vous : ${t.label})`
	);
}

function qpvCriterion(tool: FundingTool, p: FinderProfile): Criterion | undefined {
	if (!tool.eligibility.qpvOnly) return undefined;
	const q = p.territoire?.qpv;
	if (q === true) return criterion('qpv', 'met', 'Quartier prioritaire : votre projet est situé dans un QPV');
	if (q === false)
		return criterion(
			'qpv',
			'unmet',
			'Quartier prioritaire : réservé aux QPV ; si votre projet est situé dans un QPV, choisissez-le comme territoire',
			true
		);
	return criterion(
		'qpv',
		'unchecked',
		'Quartier prioritaire : réservé aux quartiers prioritaires de la politique de la ville (QPV) ; vérifiez que votre projet y est situé'
	);
}

function availabilityCriterion(tool: FundingTool, now: Date): Criterion {
	const rec = tool.recurrence ? ` (${tool.recurrence})` : '';
	switch (tool.availability) {
		case 'ouvert':
			return criterion('disponibilite', 'met', 'Disponibilité : ouvert toute l’année');
		case 'ferme':
			return criterion('disponibilite', 'unmet', `Disponibilité : dispositif fermé ou terminé${rec}`, true);
		case 'incertain':
			return criterion(
				'disponibilite',
				'unchecked',
				`Disponibilité : non confirmée${rec} ; vérifiez auprès du financeur que le dispositif existe toujours`
			);
		case 'appel-a-projets': {
			if (!tool.deadline)
				return criterion(
					'disponibilite',
					'unchecked',
					`Disponibilité : sur appel à projets${rec} ; vérifiez les dates de l’appel en cours`
				);
			if (tool.deadline >= todayIso(now))
				return criterion(
					'disponibilite',
					'met',
					`Disponibilité : appel à projets ouvert jusqu’au ${formatDate(tool.deadline)}`
				);
			if (tool.recurrence)
				return criterion(
					'disponibilite',
					'unchecked',
					`Disponibilité : dernier appel clos le ${formatDate(tool.deadline)} ; appel récurrent (${tool.recurrence}), guettez le prochain`
				);
			return criterion(
				'disponibilite',
				'unmet',
				`Disponibilité : appel à projets clos le ${formatDate(tool.deadline)}`,
				true
			);
		}
	}
}

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

export interface EvaluateOptions {
	now?: Date;
	/** Name of a commune for commune-level tools; the INSEE code otherwise. */
	communeName?: (code: string) => string;
}

export function evaluateTool(
	tool: FundingTool,
	profile: FinderProfile,
	opts: EvaluateOptions = {}
): ToolEvaluation {
	const now = opts.now ?? new Date();
	const communeName = opts.communeName ?? ((c: string) => c);
	const all: Criterion[] = [
		structureCriterion(tool, profile),
		...formCriteria(tool, profile),
		stageCriterion(tool, profile)
	];
	const optional = [
		amountCriterion(tool, profile),
		purposeCriterion(tool, profile),
		territoryCriterion(tool, profile, communeName),
		qpvCriterion(tool, profile),
		availabilityCriterion(tool, now)
	];
	for (const c of optional) if (c) all.push(c);
	for (const approval of tool.eligibility.requiredApprovals ?? [])
		all.push(criterion('agrement', 'unchecked', `Agrément requis : ${labelOf('approval', approval)}`));
	for (const text of tool.eligibility.unchecked) all.push(criterion('condition', 'unchecked', text));
	const stale = isStale(tool.lastVerified, now);
	if (stale)
		all.push(
			criterion(
				'fraicheur',
				'unchecked',
				`Fiche à vérifier : informations vérifiées pour la dernière fois le ${formatDate(tool.lastVerified)}`
			)
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
		stale,
		score: rankScore(tool, met, unmet, unchecked)
	};
}

/** Best fit first; ties by name so the order is stable between runs and shared links. */
export function compareEvaluations(a: ToolEvaluation, b: ToolEvaluation): number {
	return b.score - a.score || b.met.length - a.met.length || a.tool.name.localeCompare(b.tool.name, 'fr');
}

// ---------------------------------------------------------------------------------------------------------
// Combination hints and the total estimate

export interface CombinationHint {
	toolIds: string[];
	text: string;
}

/** "Seules les..." -> "seules les..." after a colon; acronyms ("ESUS...") keep their capitals. */
function lowerFirst(s: string): string {
	return /^\p{Lu}\p{Ll}/u.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}

const LOAN_TYPES: FundingType[] = ['pret-bancaire', 'microcredit', 'pret-participatif'];

/**
 * Tools usually combined: the pairs the data names (combinesWith), a guarantee with a loan, a prêt d'honneur
 * as leverage for a bank loan (funding-anchors.md Part 2). Only tools among the matches are named.
 */
export function combinationHints(matches: FundingTool[]): CombinationHint[] {
	const hints: CombinationHint[] = [];
	const byId = new Map(matches.map((t) => [t.id, t]));
	const seen = new Set<string>();
	for (const t of matches) {
		for (const id of t.combinesWith) {
			const other = byId.get(id);
			if (!other) continue;
			const key = [t.id, other.id].sort().join('+');
			if (seen.has(key)) continue;
			seen.add(key);
			const note = lowerFirst(
				t.combinationNote ?? other.combinationNote ?? 'outils souvent demandés ensemble.'
			);
			hints.push({ toolIds: [t.id, other.id], text: `${t.name} et ${other.name} : ${note}` });
		}
	}
	const loans = matches.filter((t) => t.types.some((x) => LOAN_TYPES.includes(x)));
	const some = (tools: FundingTool[]) =>
		frenchList(
			tools.slice(0, 3).map((l) => l.name),
			'ou'
		) + (tools.length > 3 ? ' (entre autres)' : '');
	// A pure guarantee brings no money; a tool that is also a loan (Socoden) is counted among the loans.
	for (const g of matches.filter((t) => t.types.includes('garantie') && !bringsMoney(t))) {
		const with_ = loans.length ? ` Parmi vos résultats, elle peut accompagner : ${some(loans)}.` : '';
		hints.push({
			toolIds: [g.id, ...loans.map((l) => l.id)],
			text: `${g.name} garantit un prêt : elle n’apporte pas d’argent elle-même, elle rassure la banque et se demande en même temps que le prêt.${with_}`
		});
	}
	const honour = matches.filter((t) => t.types.includes('pret-honneur'));
	if (honour.length) {
		const bankLoans = loans.filter((l) => !l.types.includes('pret-honneur'));
		hints.push({
			toolIds: [...honour.map((t) => t.id), ...bankLoans.map((l) => l.id)],
			text: `Un prêt d’honneur (${frenchList(
				honour.map((t) => t.name),
				'ou'
			)}) renforce les fonds propres de la personne qui crée et sert de levier pour obtenir un prêt bancaire${
				bankLoans.length ? `, par exemple ${some(bankLoans)}` : ''
			}.`
		});
	}
	const support = matches.filter((t) => !bringsMoney(t) && t.types.includes('accompagnement'));
	const money = matches.filter(bringsMoney);
	if (support.length && money.length)
		hints.push({
			toolIds: support.map((t) => t.id),
			text: `${frenchList(support.map((t) => t.name))} : un accompagnement qui aide à préparer et à assembler les financements ci-dessus.`
		});
	return hints;
}

export type MoneyKind = 'don' | 'pret' | 'fonds-propres';
const KIND_OF_TYPE: Partial<Record<FundingType, MoneyKind>> = {
	subvention: 'don',
	'prix-concours': 'don',
	'financement-participatif': 'don',
	'pret-honneur': 'pret',
	'pret-participatif': 'pret',
	'pret-bancaire': 'pret',
	microcredit: 'pret',
	'avance-remboursable': 'pret',
	'apport-associatif': 'fonds-propres',
	'fonds-propres': 'fonds-propres',
	'titres-participatifs': 'fonds-propres'
};
export const MONEY_KIND_LABELS: Record<MoneyKind, string> = {
	don: 'Subventions, prix et dons (non remboursables)',
	pret: 'Prêts et avances (à rembourser)',
	'fonds-propres': 'Quasi-fonds propres et fonds propres'
};

export interface EstimatePart {
	toolId: string;
	name: string;
	kind: MoneyKind;
	amount: number;
	basis: 'plafond' | 'moyenne' | 'besoin';
}

export interface Estimate {
	/** Always shown with this word: the figures are published ceilings, often old. */
	label: 'estimation';
	need: number;
	total: number;
	covers: boolean;
	parts: EstimatePart[];
	byKind: { kind: MoneyKind; amount: number }[];
	leftOut: { toolId: string; name: string; reason: string }[];
}

/**
 * What could be gathered, roughly: each eligible tool that brings money counts for its ceiling (or its
 * average when no ceiling is published), capped at the need. One tool per lead provider and kind of money
 * (gift, loan, equity) is counted, so two alternative loans of the same financer are not added up. Tools
 * with unconfirmed availability or no published amount per project are listed apart, not counted.
 */
export function estimateTotal(matches: FundingTool[], need: number): Estimate {
	const leftOut: Estimate['leftOut'] = [];
	const candidates: EstimatePart[] = [];
	for (const t of matches) {
		if (!bringsMoney(t)) {
			if (t.types.includes('garantie'))
				leftOut.push({
					toolId: t.id,
					name: t.name,
					reason: 'garantie : elle couvre un prêt, sans apporter de fonds'
				});
			continue;
		}
		if (t.availability === 'incertain') {
			leftOut.push({ toolId: t.id, name: t.name, reason: 'disponibilité non confirmée' });
			continue;
		}
		const upper = t.amount?.max ?? t.amount?.average;
		if (upper === undefined) {
			leftOut.push({ toolId: t.id, name: t.name, reason: 'montant par projet non publié' });
			continue;
		}
		const kind = t.types.map((x) => KIND_OF_TYPE[x]).find((k) => k !== undefined) ?? 'don';
		const basis = upper > need ? 'besoin' : t.amount?.max !== undefined ? 'plafond' : 'moyenne';
		candidates.push({ toolId: t.id, name: t.name, kind, amount: Math.min(upper, need), basis });
	}
	const lead = new Map(matches.map((t) => [t.id, t.providerIds[0]]));
	const best = new Map<string, EstimatePart>();
	for (const c of candidates) {
		const provider = `${lead.get(c.toolId)}/${c.kind}`;
		const current = best.get(provider);
		if (!current || c.amount > current.amount) {
			if (current)
				leftOut.push({
					toolId: current.toolId,
					name: current.name,
					reason: 'même financeur et même nature qu’un outil déjà compté'
				});
			best.set(provider, c);
		} else
			leftOut.push({
				toolId: c.toolId,
				name: c.name,
				reason: 'même financeur et même nature qu’un outil déjà compté'
			});
	}
	const parts = [...best.values()].sort((a, b) => b.amount - a.amount || a.name.localeCompare(b.name, 'fr'));
	const total = parts.reduce((s, p) => s + p.amount, 0);
	const byKind = (['don', 'pret', 'fonds-propres'] as MoneyKind[])
		.map((kind) => ({ kind, amount: parts.filter((p) => p.kind === kind).reduce((s, p) => s + p.amount, 0) }))
		.filter((k) => k.amount > 0);
	return { label: 'estimation', need, total, covers: total >= need, parts, byKind, leftOut };
}

// ---------------------------------------------------------------------------------------------------------
// The finder

export interface FinderResult {
	matches: ToolEvaluation[];
	/** Tools the profile is clearly not eligible for, each with its blocking reasons. */
	excluded: ToolEvaluation[];
	hints: CombinationHint[];
	estimate?: Estimate;
	/** Remarks about the profile as a whole (an amount no tool covers, a place outside the Eurométropole). */
	notices: string[];
}

/**
 * True when the need is above every published ceiling: no tool covers it alone. (Tools that publish only a
 * minimum, "from 25 000 €", are not counted as covering it: their ceiling is unknown.)
 */
export function amountAboveEveryCeiling(tools: FundingTool[], montant: number): boolean {
	const maxima = tools.flatMap((t) => (t.amount?.max !== undefined ? [t.amount.max] : []));
	return maxima.length > 0 && maxima.every((m) => montant > m);
}

export function findFunding(
	tools: FundingTool[],
	profile: FinderProfile,
	opts: EvaluateOptions = {}
): FinderResult {
	const evaluations = tools.map((t) => evaluateTool(t, profile, opts)).sort(compareEvaluations);
	const matches = evaluations.filter((e) => e.eligible);
	// Near misses first: a tool excluded for one reason is more useful to read than one excluded for four.
	const blockers = (e: ToolEvaluation) => e.unmet.filter((c) => c.blocking).length;
	const excluded = evaluations
		.filter((e) => !e.eligible)
		.sort((a, b) => blockers(a) - blockers(b) || a.tool.name.localeCompare(b.tool.name, 'fr'));
	const notices: string[] = [];
	if (profile.montant !== undefined) {
		const open = tools.filter((t) => t.availability !== 'ferme');
		if (amountAboveEveryCeiling(open, profile.montant)) {
			const highest = Math.max(...open.flatMap((t) => (t.amount?.max !== undefined ? [t.amount.max] : [])));
			notices.push(
				`Aucun outil de la liste ne couvre à lui seul ${formatEuros(profile.montant)} : le plus haut plafond publié est de ${formatEuros(highest)}. Il faudra combiner plusieurs financements ; un accompagnement (DLA, France Active Alsace) aide à monter ce plan.`
			);
		}
	}
	if (profile.territoire?.outside.includes('eurometropole'))
		notices.push(
			'Votre projet est situé hors de l’Eurométropole : les outils réservés à l’Eurométropole ne vous sont pas proposés. Carto ESS recense surtout les outils utiles à Strasbourg ; consultez aussi Aides-territoires et les réseaux de votre territoire.'
		);
	const matchTools = matches.map((e) => e.tool);
	return {
		matches,
		excluded,
		hints: combinationHints(matchTools),
		estimate: profile.montant !== undefined ? estimateTotal(matchTools, profile.montant) : undefined,
		notices
	};
}

// ---------------------------------------------------------------------------------------------------------
// The list page: profile filters plus type, thématique, open now; sorted by fit, name or amount

export const SORTS = [
	{ code: 'adequation', label: 'Adéquation à votre profil' },
	{ code: 'montant', label: 'Montant maximum (du plus élevé)' },
	{ code: 'nom', label: 'Nom (A à Z)' }
] as const;
export type SortCode = (typeof SORTS)[number]['code'];

export interface ListFiltersParsed {
	type?: FundingType;
	thematique?: string;
	ouvert: boolean;
	tri: SortCode;
}

export interface ParsedList extends ParsedFinder {
	filters: ListFiltersParsed;
	listValues: { type?: string; thematique?: string; ouvert?: string; tri?: string };
}

export function parseListParams(params: URLSearchParams, geo: FinderGeo, thematiques: string[]): ParsedList {
	const finder = parseFinderParams(params, geo);
	const errors = finder.errors;
	const filters: ListFiltersParsed = { ouvert: false, tri: 'adequation' };
	const listValues: ParsedList['listValues'] = {};
	const type = single(params, 'type', errors);
	if (type !== undefined) {
		listValues.type = type;
		if ((FUNDING_TYPE_CODES as readonly string[]).includes(type)) filters.type = type as FundingType;
		else errors.push({ field: 'type', message: `type de financement inconnu : « ${type} »` });
	}
	const theme = single(params, 'thematique', errors);
	if (theme !== undefined) {
		listValues.thematique = theme;
		if (thematiques.includes(theme)) filters.thematique = theme;
		else errors.push({ field: 'thematique', message: `thématique inconnue : « ${theme} »` });
	}
	const ouvert = single(params, 'ouvert', errors);
	if (ouvert !== undefined) {
		listValues.ouvert = ouvert;
		if (ouvert === 'oui' || ouvert === 'true' || ouvert === '1') filters.ouvert = true;
		else if (ouvert !== 'non' && ouvert !== 'false' && ouvert !== '0')
			errors.push({ field: 'ouvert', message: 'ouvert : valeur attendue « oui » ou « non »' });
	}
	const tri = single(params, 'tri', errors);
	if (tri !== undefined) {
		listValues.tri = tri;
		if (SORTS.some((s) => s.code === tri)) filters.tri = tri as SortCode;
		else
			errors.push({
				field: 'tri',
				message: `tri inconnu : « ${tri} » ; valeurs possibles : adequation, montant, nom`
			});
	}
	return {
		...finder,
		filters,
		listValues,
		answered: finder.answered || Object.keys(listValues).length > 0
	};
}

export interface ListResult {
	items: ToolEvaluation[];
	/** Tools hidden because the profile is clearly not eligible (the finder shows why). */
	hiddenIneligible: number;
}

export function listTools(
	tools: FundingTool[],
	profile: FinderProfile,
	filters: ListFiltersParsed,
	opts: EvaluateOptions = {}
): ListResult {
	const now = opts.now ?? new Date();
	const kept = tools.filter(
		(t) =>
			(!filters.type || t.types.includes(filters.type)) &&
			(!filters.thematique || t.thematiques.includes(filters.thematique)) &&
			(!filters.ouvert || isOpenNow(t, now))
	);
	const evaluated = kept.map((t) => evaluateTool(t, profile, { ...opts, now }));
	// The list shows every tool, closed ones included (the "open now" filter is there for that): only the
	// profile's answers hide a tool.
	const items = evaluated.filter((e) => !e.unmet.some((c) => c.blocking && c.key !== 'disponibilite'));
	const byName = (a: ToolEvaluation, b: ToolEvaluation) => a.tool.name.localeCompare(b.tool.name, 'fr');
	const ceiling = (e: ToolEvaluation) =>
		e.tool.amount?.max ?? e.tool.amount?.average ?? e.tool.amount?.min ?? -1;
	const closedLast = (a: ToolEvaluation, b: ToolEvaluation) => Number(!a.eligible) - Number(!b.eligible);
	if (filters.tri === 'nom') items.sort(byName);
	else if (filters.tri === 'montant') items.sort((a, b) => ceiling(b) - ceiling(a) || byName(a, b));
	else items.sort((a, b) => closedLast(a, b) || compareEvaluations(a, b));
	return { items, hiddenIneligible: evaluated.length - items.length };
}

// ---------------------------------------------------------------------------------------------------------
// Compare, memos, freshness, related tools

export const COMPARE_MAX = 3;

/** `?outils=a,b,c` or `?outils=a&outils=b`: at most three slugs, duplicates dropped, in the given order. */
export function parseCompareParams(params: URLSearchParams): { slugs: string[]; errors: string[] } {
	const errors: string[] = [];
	const raw = params
		.getAll('outils')
		.flatMap((v) => v.split(','))
		.map((v) => v.trim().toLowerCase())
		.filter((v) => v !== '');
	const slugs: string[] = [];
	for (const s of raw) {
		if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(s) || s.length > 100) {
			errors.push(`identifiant d’outil invalide : « ${s.slice(0, 100)} »`);
			continue;
		}
		if (!slugs.includes(s)) slugs.push(s);
	}
	if (slugs.length > COMPARE_MAX) {
		errors.push(`vous avez choisi ${slugs.length} outils : seuls les ${COMPARE_MAX} premiers sont comparés`);
		slugs.length = COMPARE_MAX;
	}
	return { slugs, errors };
}

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
export function memoTools(tools: FundingTool[], memo: MemoSlug): FundingTool[] {
	const wanted: Audience[] = memo === 'fiscalisees' ? ['fiscalisee', 'porteur'] : ['association'];
	return tools
		.filter((t) => t.availability !== 'ferme' && t.eligibility.audiences.some((a) => wanted.includes(a)))
		.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

/** Tools to re-verify, oldest first: the maintainers' list. */
export function staleTools(tools: FundingTool[], now: Date = new Date()): FundingTool[] {
	return tools
		.filter((t) => isStale(t.lastVerified, now))
		.sort((a, b) => a.lastVerified.localeCompare(b.lastVerified) || a.name.localeCompare(b.name, 'fr'));
}

/** The most recent and oldest verification dates of a set of tools ("date of the data"). */
export function verificationSpan(tools: FundingTool[]): { oldest: string; newest: string } | undefined {
	if (tools.length === 0) return undefined;
	const dates = tools.map((t) => t.lastVerified).sort();
	return { oldest: dates[0], newest: dates[dates.length - 1] };
}

/** Tools combined with this one (both directions) and tools of the same main type. */
export function relatedTools(
	tool: FundingTool,
	all: FundingTool[]
): { combined: FundingTool[]; sameType: FundingTool[] } {
	const combined = all.filter(
		(t) => t.id !== tool.id && (tool.combinesWith.includes(t.id) || t.combinesWith.includes(tool.id))
	);
	const sameType = all
		.filter((t) => t.id !== tool.id && !combined.includes(t) && t.types.includes(tool.types[0]))
		.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
	return { combined, sameType };
}
