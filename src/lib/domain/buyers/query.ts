/**
 * The buyers' search as a URL: `/acheter?activite=…&lieu=…&rayon=…&base=…&prestation=…&taille=…&lot=…&choix=…`.
 * A public contract (buyers share and bookmark these links): read leniently, every value that is not
 * understood is dropped with a French note naming its parameter; written in one canonical order.
 */
import {
	ACTIVITY_FAMILIES,
	isActivityFamily,
	activityFamilyLabel,
	type ActivityFamily
} from '../activity-families';
import type { Commune, Quartier } from '../geography';
import { isSizeBand, type SizeBand } from '../size-bands';
import { SERVICE_TYPE_CODES, type ServiceType } from '../taxonomies';
import { isLegalBasis, type LegalBasisCode } from './bases';

export const DEFAULT_RADIUS_KM = 15;
export const MAX_RADIUS_KM = 100;
/** At most this many lots and shortlisted suppliers: a link stays readable and the page bounded. */
export const MAX_LOTS = 6;
export const MAX_SHORTLIST = 50;

export interface SourcingQuery {
	activite?: ActivityFamily;
	/** A commune's INSEE code or a quartier's SQ code. */
	lieu?: string;
	/**
	 * A typed address of delivery, when `lieu` names no commune or quartier (or the form's « Adresse »
	 * field is filled): the server geocodes it and measures the radius from it. Written back as `lieu`.
	 */
	adresse?: string;
	rayon: number;
	base?: LegalBasisCode;
	prestation?: ServiceType;
	taille?: SizeBand;
	/** The lots of a multi-lot need, by activity family, in the buyer's order. */
	lots: ActivityFamily[];
	/** The shortlist: supplier ids, in the order they were chosen. */
	choix: string[];
}

export type PlaceGeo = {
	communes: readonly Pick<Commune, 'code' | 'slug' | 'name' | 'centroid'>[];
	quartiers: readonly Pick<Quartier, 'code' | 'slug' | 'name' | 'point' | 'communeCode'>[];
};

/** The parameters, in the order they are written. */
export const SOURCING_PARAMS = [
	'activite',
	'lieu',
	'rayon',
	'base',
	'prestation',
	'taille',
	'lot',
	'choix'
] as const;

export function emptySourcingQuery(): SourcingQuery {
	return { rayon: DEFAULT_RADIUS_KM, lots: [], choix: [] };
}

/** Where the radius is measured from: a quartier's point, a commune's centre or a geocoded address. */
export interface DeliveryPlace {
	kind: 'quartier' | 'commune' | 'adresse';
	/** The quartier's or commune's code; for an address, the address as typed. */
	code: string;
	slug: string;
	name: string;
	point: { lon: number; lat: number };
	communeCode: string;
}

/** Why the address was not used as typed, as a code: pages write the note in their reader's language. */
export type DeliveryIssue = 'limit' | 'slow' | 'down' | 'not-found';

/** The note's facts: why, and where the distances are measured from instead (a commune, or nowhere). */
export type DeliveryNote =
	{ code: 'street'; label: string } | { code: DeliveryIssue; address: string; commune?: string };

/** A commune or quartier by code or slug (what `lieu` accepts besides an address). */
export function findPlace(geo: PlaceGeo, value: string): DeliveryPlace | undefined {
	const v = value.trim();
	const q = geo.quartiers.find((x) => x.code === v || x.slug === v);
	if (q)
		return {
			kind: 'quartier' as const,
			code: q.code,
			slug: q.slug,
			name: q.name,
			point: q.point,
			communeCode: q.communeCode
		};
	const c = geo.communes.find((x) => x.code === v || x.slug === v);
	if (c)
		return {
			kind: 'commune' as const,
			code: c.code,
			slug: c.slug,
			name: c.name,
			point: c.centroid,
			communeCode: c.code
		};
	return undefined;
}

const ID = /^[a-z0-9][a-z0-9-]{1,79}$/;

/** The geocoder's bounds on a query (3 to 200 characters); an address needs at least one letter. */
export const ADDRESS_MIN = 3;
export const ADDRESS_MAX = 200;

/** A typed address, spaces folded; undefined when it cannot be one. */
export function addressOf(value: string): string | undefined {
	const v = value.replace(/\s+/g, ' ').trim();
	return v.length >= ADDRESS_MIN && v.length <= ADDRESS_MAX && /\p{L}/u.test(v) ? v : undefined;
}

/**
 * A value the reading dropped, as a code and the value (cut as the French note cuts it), beside the
 * French note: a page writes it in its reader's language.
 */
export type QueryIssue =
	| {
			code: 'activite' | 'lieu' | 'rayon' | 'base' | 'prestation' | 'taille' | 'lot' | 'choix';
			value: string;
	  }
	| { code: 'lot-max'; lot: ActivityFamily }
	| { code: 'choix-max' };

export function parseSourcingQuery(
	params: URLSearchParams,
	geo: PlaceGeo
): { query: SourcingQuery; notes: string[]; issues: QueryIssue[] } {
	const query = emptySourcingQuery();
	const notes: string[] = [];
	const issues: QueryIssue[] = [];
	const one = (name: string) => {
		const v = params.get(name)?.trim();
		return v ? v : undefined;
	};
	const activite = one('activite');
	if (activite) {
		if (isActivityFamily(activite)) query.activite = activite;
		else {
			notes.push(`Activité inconnue « ${activite.slice(0, 40)} » : ignorée.`);
			issues.push({ code: 'activite', value: activite.slice(0, 40) });
		}
	}
	// The form's « Adresse » field wins over its list: a buyer who typed an address meant it.
	const lieu = one('adresse') ?? one('lieu');
	if (lieu) {
		const place = findPlace(geo, lieu);
		const address = place ? undefined : addressOf(lieu);
		if (place) query.lieu = place.code;
		else if (address) query.adresse = address;
		else {
			notes.push(
				`Lieu inconnu « ${lieu.slice(0, 40)} » : indiquez une commune, un quartier ou une adresse (3 à ${ADDRESS_MAX} caractères) de l’Eurométropole.`
			);
			issues.push({ code: 'lieu', value: lieu.slice(0, 40) });
		}
	}
	const rayon = one('rayon');
	if (rayon) {
		const n = Number(rayon.replace(',', '.'));
		if (Number.isFinite(n) && n >= 1 && n <= MAX_RADIUS_KM) query.rayon = Math.round(n);
		else {
			notes.push(
				`Rayon « ${rayon.slice(0, 20)} » : un nombre de kilomètres de 1 à ${MAX_RADIUS_KM} est attendu ; ${DEFAULT_RADIUS_KM} km retenus.`
			);
			issues.push({ code: 'rayon', value: rayon.slice(0, 20) });
		}
	}
	const base = one('base');
	if (base) {
		if (isLegalBasis(base)) query.base = base;
		else {
			notes.push(`Base juridique inconnue « ${base.slice(0, 40)} » : ignorée.`);
			issues.push({ code: 'base', value: base.slice(0, 40) });
		}
	}
	const prestation = one('prestation');
	if (prestation) {
		if ((SERVICE_TYPE_CODES as readonly string[]).includes(prestation))
			query.prestation = prestation as ServiceType;
		else {
			notes.push(`Type de prestation inconnu « ${prestation.slice(0, 40)} » : ignoré.`);
			issues.push({ code: 'prestation', value: prestation.slice(0, 40) });
		}
	}
	const taille = one('taille');
	if (taille) {
		if (isSizeBand(taille)) query.taille = taille;
		else {
			notes.push(`Tranche d’effectifs inconnue « ${taille.slice(0, 20)} » : ignorée.`);
			issues.push({ code: 'taille', value: taille.slice(0, 20) });
		}
	}
	for (const lot of params
		.getAll('lot')
		.map((l) => l.trim())
		.filter(Boolean)) {
		if (!isActivityFamily(lot)) {
			notes.push(`Lot d’activité inconnue « ${lot.slice(0, 40)} » : ignoré.`);
			issues.push({ code: 'lot', value: lot.slice(0, 40) });
		} else if (query.lots.length >= MAX_LOTS) {
			notes.push(`Au plus ${MAX_LOTS} lots : « ${activityFamilyLabel(lot)} » ignoré.`);
			issues.push({ code: 'lot-max', lot });
		} else if (!query.lots.includes(lot)) query.lots.push(lot);
	}
	for (const id of params
		.getAll('choix')
		.map((c) => c.trim())
		.filter(Boolean)) {
		if (!ID.test(id)) {
			notes.push(`Sélection : identifiant invalide « ${id.slice(0, 40)} » ignoré.`);
			issues.push({ code: 'choix', value: id.slice(0, 40) });
		} else if (query.choix.length >= MAX_SHORTLIST) {
			notes.push(`Au plus ${MAX_SHORTLIST} structures dans la sélection.`);
			issues.push({ code: 'choix-max' });
			break;
		} else if (!query.choix.includes(id)) query.choix.push(id);
	}
	return { query, notes, issues };
}

/** The canonical query string, without `?` (empty at the default state); places written as slugs. */
export function sourcingQueryString(q: Partial<SourcingQuery>, geo?: PlaceGeo): string {
	const p = new URLSearchParams();
	if (q.activite) p.set('activite', q.activite);
	if (q.lieu) p.set('lieu', (geo && findPlace(geo, q.lieu)?.slug) ?? q.lieu);
	else if (q.adresse) p.set('lieu', q.adresse);
	if (q.rayon !== undefined && q.rayon !== DEFAULT_RADIUS_KM) p.set('rayon', String(q.rayon));
	if (q.base) p.set('base', q.base);
	if (q.prestation) p.set('prestation', q.prestation);
	if (q.taille) p.set('taille', q.taille);
	for (const lot of q.lots ?? []) p.append('lot', lot);
	for (const id of q.choix ?? []) p.append('choix', id);
	return p.toString();
}

/** The families a buyer chooses from (the catch-all left out: nobody buys « autre »). */
export const BUYABLE_FAMILIES = ACTIVITY_FAMILIES.filter((f) => f.code !== 'autre');
