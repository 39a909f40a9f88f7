/**
 * Address geocoding through the IGN Géoplateforme search API (the BAN, since api-adresse.data.gouv.fr closed
 * in January 2026): `GET {GEOCODER_URL}/search?q=...&limit=1&citycode=...`, a GeocodeJSON FeatureCollection.
 *
 * Used for addresses typed in public proposals. The service is outside our control, so this module never
 * throws: a slow, failing or odd answer becomes `unavailable`, and the caller falls back to the quartier or
 * commune point (a proposal is never refused because the geocoder is down).
 */
import { z } from 'zod';
import { EMS_BBOX } from '$lib/domain/coordinates';

/** BAN scores run from 0 to 1; below about 0.6 the match is usually another street or a bare commune. */
export const MIN_SCORE = 0.6;
export const TIMEOUT_MS = 3000;
/** The API answers 400 to queries outside 3 to 200 characters. */
const MIN_QUERY = 3;
const MAX_QUERY = 200;

const featureSchema = z.object({
	geometry: z.object({
		type: z.literal('Point'),
		coordinates: z.array(z.number()).min(2)
	}),
	properties: z.object({
		label: z.string().max(500),
		score: z.number().min(0).max(1),
		type: z.string().max(40),
		citycode: z.string().max(10)
	})
});

const responseSchema = z.object({
	type: z.literal('FeatureCollection'),
	features: z.array(z.unknown())
});

export type GeocodeResult =
	| {
			status: 'found';
			lon: number;
			lat: number;
			/** 'address' for a house number, 'street' for a street match. */
			precision: 'address' | 'street';
			label: string;
			score: number;
			/** The INSEE code of the commune the result lies in. */
			citycode?: string;
	  }
	/** The service answered but nothing usable: no result, a weak score, a bare locality or another commune. */
	| { status: 'not-found'; reason: string }
	/** Timeout, network error, HTTP error or a malformed answer. */
	| { status: 'unavailable'; reason: string };

export interface GeocodeOptions {
	baseUrl: string;
	/** INSEE code the search is restricted to (the commune chosen in the form). */
	citycode?: string;
	/** INSEE codes of the 33 communes: a result elsewhere is refused. */
	allowedCitycodes: ReadonlySet<string>;
	fetch?: typeof fetch;
	timeoutMs?: number;
}

export function searchUrl(baseUrl: string, address: string, citycode?: string): string {
	const params = new URLSearchParams({ q: address, limit: '1' });
	if (citycode) params.set('citycode', citycode);
	return `${baseUrl.replace(/\/+$/, '')}/search?${params}`;
}

function insideEms(lon: number, lat: number): boolean {
	return lon >= EMS_BBOX[0] && lon <= EMS_BBOX[2] && lat >= EMS_BBOX[1] && lat <= EMS_BBOX[3];
}

export async function geocodeAddress(address: string, opts: GeocodeOptions): Promise<GeocodeResult> {
	const q = address.replace(/\s+/g, ' ').trim();
	if (q.length < MIN_QUERY || q.length > MAX_QUERY) {
		return { status: 'not-found', reason: `adresse de ${q.length} caractères (3 à 200 acceptés)` };
	}
	const doFetch = opts.fetch ?? fetch;
	let body: unknown;
	try {
		const res = await doFetch(searchUrl(opts.baseUrl, q, opts.citycode), {
			headers: { accept: 'application/json' },
			signal: AbortSignal.timeout(opts.timeoutMs ?? TIMEOUT_MS),
			redirect: 'error'
		});
		if (!res.ok) return { status: 'unavailable', reason: `HTTP ${res.status}` };
		body = await res.json();
	} catch (e) {
		const reason = e instanceof Error && e.name === 'TimeoutError' ? 'délai dépassé' : String(e);
		return { status: 'unavailable', reason };
	}
	const parsed = responseSchema.safeParse(body);
	if (!parsed.success) return { status: 'unavailable', reason: 'réponse illisible' };
	if (parsed.data.features.length === 0) return { status: 'not-found', reason: 'aucun résultat' };
	const feature = featureSchema.safeParse(parsed.data.features[0]);
	if (!feature.success) return { status: 'unavailable', reason: 'résultat illisible' };

	const { geometry, properties: p } = feature.data;
	const [lon, lat] = geometry.coordinates;
	return judgeCandidate({ lon, lat, ...p }, opts);
}

/** One answer of the geocoder, from the GeoJSON search or a row of the CSV search. */
export interface GeocodeCandidate {
	lon: number;
	lat: number;
	label: string;
	score: number;
	type: string;
	citycode: string;
}

/**
 * The acceptance rules, the same for a typed address and a batch: a score of at least MIN_SCORE, in the
 * commune asked for (one of the Eurométropole's), inside its bounding box, at a house number (`address`)
 * or a street (`street`); a bare locality or commune is too vague to be a position.
 */
export function judgeCandidate(
	c: GeocodeCandidate,
	opts: Pick<GeocodeOptions, 'citycode' | 'allowedCitycodes'>
): Exclude<GeocodeResult, { status: 'unavailable' }> {
	const { lon, lat } = c;
	if (c.score < MIN_SCORE) return { status: 'not-found', reason: `score ${c.score} trop faible` };
	if (!opts.allowedCitycodes.has(c.citycode) || (opts.citycode && c.citycode !== opts.citycode)) {
		return { status: 'not-found', reason: `commune ${c.citycode} hors du choix` };
	}
	if (!insideEms(lon, lat)) return { status: 'not-found', reason: 'position hors de l’Eurométropole' };
	if (c.type === 'housenumber')
		return {
			status: 'found',
			lon,
			lat,
			precision: 'address',
			label: c.label,
			score: c.score,
			citycode: c.citycode
		};
	if (c.type === 'street')
		return {
			status: 'found',
			lon,
			lat,
			precision: 'street',
			label: c.label,
			score: c.score,
			citycode: c.citycode
		};
	return { status: 'not-found', reason: `résultat de type ${c.type} trop vague` };
}
