/**
 * Pure helpers of the public proposal forms: the place picker, the change diff, values kept after an error.
 * No IO: the server module (src/lib/server/proposals.ts) calls these around the zod schemas of proposal.ts,
 * which stay the only validation.
 */
import { EMS_BBOX } from './coordinates';
import type { FieldErrors } from './errors';
import type { Commune, Point, Quartier } from './geography';
import type { Precision } from './taxonomies';

/** What createProposal's references look like (ESS-7K3P-9QXA, no 0/O/1/I/L). */
export const REFERENCE_PATTERN = /^ESS-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/;

/** A field people never see: bots that fill every input fill this one too. */
export const HONEYPOT_FIELD = 'homepage';

// ---------------------------------------------------------------------------------------------------------
// The place: one "quartier or commune" select, mapped to the schema's communeCode + quartierCode.

/** One choice of the "quartier ou commune" select. */
export interface ZoneOption {
	value: string;
	label: string;
	hint?: string;
	/** The quartier's or commune's reference point: where a pin map opens when nothing is typed yet. */
	point?: Point;
}
/** The select's choices: Strasbourg's quartiers, then the communes. */
export interface Zones {
	quartiers: ZoneOption[];
	communes: ZoneOption[];
}

/** Value of the single select: "67482:SQ_06" for a Strasbourg quartier, "67447" for a commune. */
export function zoneValue(communeCode: string, quartierCode?: string): string {
	return quartierCode ? `${communeCode}:${quartierCode}` : communeCode;
}

const ZONE = /^(\d{5}|2[AB]\d{3})(?::(SQ_\d{2}))?$/;

/**
 * Prepares the raw `place` of a form object for the schema (in place): `place.zone` becomes
 * `place.communeCode` + `place.quartierCode`, and a decimal comma in the coordinates becomes a point
 * (people copy "48,5967" as often as "48.5967"). An unreadable zone leaves both codes unset, so the schema
 * reports the place as missing.
 */
export function preparePlace(raw: Record<string, unknown>): void {
	const place = raw.place;
	if (typeof place !== 'object' || place === null) {
		raw.place = {};
		return;
	}
	const p = place as Record<string, unknown>;
	for (const key of ['lon', 'lat']) {
		if (typeof p[key] === 'string') p[key] = (p[key] as string).trim().replace(',', '.');
	}
	if (!('zone' in p)) return;
	const match = typeof p.zone === 'string' ? ZONE.exec(p.zone.trim()) : null;
	delete p.zone;
	p.communeCode = match?.[1];
	p.quartierCode = match?.[2];
}

/** Errors on the schema's place codes are shown next to the one select that sets them. */
export function moveZoneErrors(errors: FieldErrors): FieldErrors {
	const out: FieldErrors = {};
	for (const [key, message] of Object.entries(errors)) {
		if (key === 'place.communeCode' || key === 'place.quartierCode' || key === 'place') {
			out['place.zone'] ??= 'choisissez le quartier ou la commune';
		} else out[key] = message;
	}
	return out;
}

export interface PlaceRefs {
	communes: readonly Pick<Commune, 'code' | 'name' | 'centroid'>[];
	quartiers: readonly Pick<Quartier, 'code' | 'communeCode' | 'point'>[];
}

/** The commune must be one of the Eurométropole's and the quartier must be in it. */
export function checkZone(
	place: { communeCode: string; quartierCode?: string },
	refs: PlaceRefs
): string | undefined {
	if (!refs.communes.some((c) => c.code === place.communeCode)) {
		return 'choisissez une commune de l’Eurométropole';
	}
	if (place.quartierCode) {
		const q = refs.quartiers.find((x) => x.code === place.quartierCode);
		if (!q || q.communeCode !== place.communeCode) return 'ce quartier n’est pas dans cette commune';
	}
	return undefined;
}

/** The quartier's point when one is chosen, else the commune's: what "quartier only" places a record at. */
export function referencePoint(
	place: { communeCode: string; quartierCode?: string },
	refs: PlaceRefs
): { point: Point; precision: Precision } {
	const q = place.quartierCode ? refs.quartiers.find((x) => x.code === place.quartierCode) : undefined;
	if (q) return { point: q.point, precision: 'quartier' };
	const c = refs.communes.find((x) => x.code === place.communeCode);
	if (!c) throw new Error(`commune inconnue ${place.communeCode}: checkZone must run first`);
	return { point: c.centroid, precision: 'commune' };
}

export function insideEurometropole(lon: number, lat: number): boolean {
	return lon >= EMS_BBOX[0] && lon <= EMS_BBOX[2] && lat >= EMS_BBOX[1] && lat <= EMS_BBOX[3];
}

/** What the geocoder said, reduced to what placing needs (see src/lib/server/geocoder.ts). */
export type GeocodeOutcome =
	| { status: 'found'; lon: number; lat: number; precision: 'address' | 'street'; label: string }
	| { status: 'not-found' | 'unavailable' };

export interface ProposedPlace {
	communeCode: string;
	quartierCode?: string;
	address?: string;
	locationMode: 'address' | 'pin' | 'quartier';
	lon?: number;
	lat?: number;
	precision?: Precision;
	geocodeStatus?: 'found' | 'not-found' | 'unavailable';
	geocodedLabel?: string;
}

/**
 * Sets the position and its precision from the chosen mode. Client-sent precision and geocoding fields are
 * never kept: only the server decides them. A failed geocoding falls back to the reference point and keeps
 * the address text, so the proposal still goes through.
 */
export function placeProposal(
	place: ProposedPlace,
	refs: PlaceRefs,
	geocode?: GeocodeOutcome
): { ok: true; place: ProposedPlace } | { ok: false; field: string; message: string } {
	const base: ProposedPlace = {
		communeCode: place.communeCode,
		quartierCode: place.quartierCode,
		address: place.address,
		locationMode: place.locationMode
	};
	const drop = <T extends object>(o: T): T =>
		Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

	if (place.locationMode === 'pin') {
		if (place.lon === undefined || place.lat === undefined || !insideEurometropole(place.lon, place.lat)) {
			return {
				ok: false,
				field: 'place.lon',
				message:
					'ce point est hors de l’Eurométropole : la longitude est proche de 7,7 et la latitude de 48,6'
			};
		}
		return { ok: true, place: drop({ ...base, lon: place.lon, lat: place.lat, precision: 'address' }) };
	}
	if (place.locationMode === 'address' && geocode?.status === 'found') {
		return {
			ok: true,
			place: drop({
				...base,
				lon: geocode.lon,
				lat: geocode.lat,
				precision: geocode.precision,
				geocodeStatus: 'found',
				geocodedLabel: geocode.label
			})
		};
	}
	const ref = referencePoint(place, refs);
	return {
		ok: true,
		place: drop({
			...base,
			lon: ref.point.lon,
			lat: ref.point.lat,
			precision: ref.precision,
			geocodeStatus: place.locationMode === 'address' ? (geocode?.status ?? 'unavailable') : undefined
		})
	};
}

// ---------------------------------------------------------------------------------------------------------
// Change proposals: prefilled with the record's public values (currentValues in proposal.ts), only the
// changed fields are stored.

/** Same normalisation as plainText: CRLF to LF, trimmed; a browser sends textareas with CRLF. */
const normalise = (v: unknown) => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n').trim() : '');

/**
 * The submitted values that differ from the current ones. A field emptied by the visitor is left out: the
 * schema cannot express a deletion, so the form asks to say it in the explanation.
 */
export function changedFields(
	current: Record<string, string>,
	submitted: Record<string, unknown>,
	fields: readonly string[]
): Record<string, string> {
	const out: Record<string, string> = {};
	for (const field of fields) {
		const next = normalise(submitted[field]);
		if (next !== '' && next !== normalise(current[field])) out[field] = next;
	}
	return out;
}

// ---------------------------------------------------------------------------------------------------------
// Values kept after an error.

/** The text a visitor typed at a dotted path ('place.address'), or '' (never a non-string). */
export function valueAt(values: Record<string, unknown> | undefined, path: string): string {
	let v: unknown = values;
	for (const part of path.split('.')) {
		if (typeof v !== 'object' || v === null) return '';
		v = (v as Record<string, unknown>)[part];
	}
	return typeof v === 'string' ? v : '';
}

/** The boxes a visitor ticked under a repeated name. */
export function valuesAt(values: Record<string, unknown> | undefined, key: string): string[] {
	const v = values?.[key];
	if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
	return typeof v === 'string' ? [v] : [];
}
