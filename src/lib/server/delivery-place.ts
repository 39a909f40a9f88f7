/**
 * The buyer's place of delivery typed as an address (`/acheter?lieu=12 rue…`): geocoded through the
 * Géoplateforme (the same geocoder, cache and site budget as « Autour de moi »), so the radius is measured
 * from the address. The service is outside our control: when it fails, is slow or finds nothing, the
 * answer says so in French and, when the address names one of the 33 communes (by name or postcode), the
 * search still runs from that commune's centre.
 */
import type { DeliveryIssue, DeliveryNote, DeliveryPlace } from '$lib/domain/buyers/query';
import type { Commune } from '$lib/domain/geography';
import { fold } from '$lib/domain/map/filter';
import { allowAddressLookup, geocodeForLookup, LruCache, lookupKey } from './address-lookup';
import type { GeocodeOptions, GeocodeResult } from './geocoder';

export type DeliveryCommune = Pick<Commune, 'code' | 'slug' | 'name' | 'centroid' | 'postcodes'>;

export interface DeliveryLookup {
	place?: DeliveryPlace;
	/** Said on the page when the address could not be used as such. */
	note?: string;
	noteFacts?: DeliveryNote;
}

export interface DeliveryDeps {
	geocode: (address: string, opts: GeocodeOptions) => Promise<GeocodeResult>;
	baseUrl: string;
	/** The per-client limit on geocoder lookups; a refusal carries its French message. */
	allow: () => { ok: true } | { ok: false; message: string };
	/** Shorter than the geocoder's own 3 s: a buyer waits for the whole page. */
	timeoutMs?: number;
}

export const DELIVERY_TIMEOUT_MS = 2500;

const words = (s: string) =>
	` ${fold(s)
		.replace(/[^a-z0-9]+/g, ' ')
		.trim()} `;

/** The commune an address names: by its name (the longest that appears), else by a postcode only it has. */
export function communeInAddress(
	address: string,
	communes: readonly DeliveryCommune[]
): DeliveryCommune | undefined {
	const text = words(address);
	const named = communes
		.filter((c) => text.includes(words(c.name)))
		.sort((a, b) => b.name.length - a.name.length)[0];
	if (named) return named;
	for (const code of address.match(/\b\d{5}\b/g) ?? []) {
		const having = communes.filter((c) => c.postcodes.includes(code));
		if (having.length === 1) return having[0];
	}
	return undefined;
}

function nearestCommune(point: { lon: number; lat: number }, communes: readonly DeliveryCommune[]) {
	const d = (c: DeliveryCommune) => (c.centroid.lon - point.lon) ** 2 + (c.centroid.lat - point.lat) ** 2;
	return [...communes].sort((a, b) => d(a) - d(b))[0];
}

function fromCommune(c: DeliveryCommune): DeliveryPlace {
	return {
		kind: 'commune',
		code: c.code,
		slug: c.slug,
		name: c.name,
		point: c.centroid,
		communeCode: c.code
	};
}

/** Where the address leaves the search when it cannot be placed: its commune's centre, or nowhere. */
function fallback(
	address: string,
	communes: readonly DeliveryCommune[],
	why: string,
	issue: DeliveryIssue
): DeliveryLookup {
	const commune = communeInAddress(address, communes);
	const facts = { code: issue, address: address.slice(0, 80) };
	return commune
		? {
				place: fromCommune(commune),
				note: `${why} : les distances sont mesurées depuis le centre de ${commune.name}.`,
				noteFacts: { ...facts, commune: commune.name }
			}
		: {
				note: `${why} : choisissez une commune ou un quartier dans la liste (ou ajoutez la commune à l’adresse) ; les structures de toute l’Eurométropole sont listées.`,
				noteFacts: facts
			};
}

export async function locateDelivery(
	address: string,
	communes: readonly DeliveryCommune[],
	deps: DeliveryDeps
): Promise<DeliveryLookup> {
	const allowed = deps.allow();
	if (!allowed.ok) return fallback(address, communes, allowed.message.replace(/\.$/, ''), 'limit');
	const found = await deps.geocode(address, {
		baseUrl: deps.baseUrl,
		allowedCitycodes: new Set(communes.map((c) => c.code)),
		timeoutMs: deps.timeoutMs ?? DELIVERY_TIMEOUT_MS
	});
	if (found.status === 'found') {
		const commune = communes.find((c) => c.code === found.citycode) ?? nearestCommune(found, communes);
		return {
			place: {
				kind: 'adresse',
				code: address,
				slug: address,
				name: found.label,
				point: { lon: found.lon, lat: found.lat },
				communeCode: commune.code
			},
			...(found.precision === 'street'
				? {
						note: `Adresse placée à la rue (« ${found.label} ») : les distances sont mesurées depuis la rue, sans le numéro.`,
						noteFacts: { code: 'street', label: found.label }
					}
				: {})
		};
	}
	if (found.status === 'unavailable')
		return fallback(
			address,
			communes,
			found.reason === 'délai dépassé'
				? 'Le service d’adresses est trop lent à répondre'
				: 'Le service d’adresses ne répond pas',
			found.reason === 'délai dépassé' ? 'slow' : 'down'
		);
	return fallback(
		address,
		communes,
		`Adresse « ${address.slice(0, 80)} » introuvable dans l’Eurométropole (précisez le numéro, la rue et la commune)`,
		'not-found'
	);
}

/**
 * Lookups already answered, per address: the page, its exports and its note ask for the same address, and
 * a buyer building a shortlist reloads it often; none of that should spend the client's lookup allowance.
 */
const answered = new LruCache<DeliveryLookup>({ maxEntries: 500, ttlMs: 3_600_000 });

/** The lookup as the routes use it: the site's geocoder, its client limit, the answers remembered. */
export async function locateDeliveryFor(
	address: string,
	communes: readonly DeliveryCommune[],
	geocoderUrl: string,
	clientAddress: string
): Promise<DeliveryLookup> {
	const key = lookupKey(address, { baseUrl: geocoderUrl });
	const known = answered.get(key);
	if (known) return known;
	const result = await locateDelivery(address, communes, {
		geocode: geocodeForLookup,
		baseUrl: geocoderUrl,
		allow: () => allowAddressLookup(clientAddress)
	});
	// A failure is not remembered: the service may be back at the next try.
	if (result.place?.kind === 'adresse' || /introuvable/.test(result.note ?? '')) answered.set(key, result);
	return result;
}
