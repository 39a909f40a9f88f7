/**
 * The finder's profile: URL parameters -> a validated profile, with a French message per bad field, and
 * back to the query string advisers share. The parameters are a public contract (README "Funding
 * finder"): their names and values do not change. The server reads them with zod (profile-parse.ts);
 * links to the finder are written on every page, so this module carries no zod.
 */
import { formatEuros } from '../format';
import type { Commune, Qpv } from '../geography';
import {
	LEGAL_FORMS,
	labelOf,
	type Audience,
	type LegalFormCode,
	type Purpose,
	type Stage,
	type Territory
} from '../taxonomies';
import { AUDIENCE_SINGULAR } from './labels';

/** Reference lists the finder needs: the 33 communes and the 21 QPV of the Eurométropole. */
export interface FinderGeo {
	communes: readonly Pick<Commune, 'code' | 'slug' | 'name'>[];
	qpv: readonly Pick<Qpv, 'slug' | 'name' | 'communeCode'>[];
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
	/**
	 * What the value is, for a page that writes the label in another language: a keyword (the value), a QPV or
	 * a commune of the Eurométropole (`name`, record content), or a commune outside it (`region`).
	 */
	kind?: 'keyword' | 'qpv' | 'commune' | 'insee';
	name?: string;
	region?: 'bas-rhin' | 'haut-rhin' | 'grand-est' | 'france';
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
	/** The French message. */
	message: string;
	/** What went wrong, for a page that writes the message in another language. */
	code?: FieldErrorCode;
	/** The value as sent (an unknown code, a parameter given twice). */
	input?: string;
}

export type FieldErrorCode =
	| 'repeated'
	| 'montant-format'
	| 'montant-min'
	| 'montant-max'
	| 'unknown-value'
	| 'forme-porteur'
	| 'forme-association';

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
	// Own keys only: `__proto__` or `constructor` typed in the URL must not reach Object.prototype.
	const keyword = Object.hasOwn(TERRITORY_KEYWORDS, value) ? TERRITORY_KEYWORDS[value] : undefined;
	if (keyword)
		return { value, ...keyword, inside: [...keyword.inside], outside: [...keyword.outside], kind: 'keyword' };
	if (value.startsWith('qpv-')) {
		const q = geo.qpv.find((x) => x.slug === value.slice(4));
		if (!q) return undefined;
		return {
			value,
			label: `QPV ${q.name}`,
			inside: q.communeCode ? upFrom('commune') : upFrom('eurometropole'),
			outside: [],
			communeCode: q.communeCode,
			qpv: true,
			kind: 'qpv',
			name: q.name
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
			qpv: false,
			kind: 'commune',
			name: commune.name
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
			communeCode: insee,
			kind: 'insee',
			region:
				dep === '67'
					? 'bas-rhin'
					: dep === '68'
						? 'haut-rhin'
						: level === 'grand-est'
							? 'grand-est'
							: 'france'
		};
	}
	return undefined;
}

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

/** The one value of a parameter; a parameter given twice with different values is an error. */
export function single(params: URLSearchParams, key: string, errors: FieldError[]): string | undefined {
	const all = params.getAll(key).map((v) => v.trim());
	const filled = all.filter((v) => v !== '');
	if (new Set(filled).size > 1) {
		errors.push({
			field: key,
			message: `« ${key} » est donné plusieurs fois avec des valeurs différentes`,
			code: 'repeated'
		});
		return undefined;
	}
	return filled[0];
}

/** What a finder link needs of a profile: the territory's parameter value only, not its resolution. */
export type FinderQuery = Omit<FinderProfile, 'territoire'> & {
	territoire?: Pick<TerritoryProfile, 'value'>;
};

/** The profile as a query string, parameters in contract order: the link advisers share. */
export function profileToQuery(profile: FinderQuery): string {
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
