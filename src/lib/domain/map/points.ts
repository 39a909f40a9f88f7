/**
 * The compact form of the map's data: what the map and the list need to draw and filter every placed record,
 * and nothing else (about 60 bytes a point instead of 2 KB). Details load on demand, one record at a time.
 *
 * Wire format (JSON):
 *   { version, dict: string[], points: [id, kind, name, lon, lat, precision, layers, codeIndexes, slug?][] }
 * - kind: 0 organisation, 1 initiative, 2 place, 3 event; precision: index in PRECISION_CODES; layers: bit mask (layers.ts);
 * - codes are "prefix:value" strings stored once in `dict`: one per value of each filter that has a map code
 *   in the registry (src/lib/domain/filters/registry.ts: t: thématique, s: sector, c: commune, q: quartier,
 *   y: initiative type, r: role, e: ESS or not), and `x:1` for synthetic records (a badge, not a filter);
 * - slug only when it differs from the id.
 */
import { mapPrefix, recordMapCodes } from '../filters/map-codes';
import type { EventRecord, Initiative, Organisation, Place } from '../records';
import { PRECISION_CODES, type Precision } from '../taxonomies';
import { layersOfRecord, type LayerCode } from './layers';

export type PointKind = 'organisation' | 'initiative' | 'place' | 'event';
/** A record the map draws. */
export type Placed = Organisation | Initiative | Place | EventRecord;
const KIND_INDEX = { organisation: 0, initiative: 1, place: 2, event: 3 } as const;

export interface MapPoint {
	id: string;
	slug: string;
	kind: PointKind;
	name: string;
	lon: number;
	lat: number;
	precision: Precision;
	/** Bit mask of the layers the point belongs to. */
	layers: number;
	/** The layer whose shape and colour the point is drawn with. */
	primary: LayerCode;
	/** INSEE code of the commune, for the list. */
	commune: string;
	/** SQ_xx code of the quartier when known. */
	quartier?: string;
	synthetic: boolean;
	/**
	 * Indexes into the payload's `dict` ("t:…", "s:…", "c:…" codes), for filtering: the arrays parsed from the
	 * JSON are kept as they are, not turned into strings (at 50k points that is several megabytes saved).
	 */
	codes: readonly number[];
}

export interface DecodedPoints {
	dict: readonly string[];
	points: MapPoint[];
}

export type CompactPoint = [string, 0 | 1 | 2 | 3, string, number, number, number, number, number[], string?];

export interface PointsPayload {
	version: number;
	dict: string[];
	points: CompactPoint[];
}

const round = (v: number) => Math.round(v * 1e5) / 1e5; // about 1 m: more would only add bytes

/** Not a filter: the list shows a badge. */
const SYNTHETIC = 'x:1';

export function pointCodes(r: Placed): string[] {
	const codes = recordMapCodes(r);
	if (r.synthetic) codes.push(SYNTHETIC);
	return codes;
}

/** Placed records only (a record without a position cannot be drawn), in the given order. */
export function encodePoints(records: readonly Placed[], version: number): PointsPayload {
	const dict: string[] = [];
	const indexOf = new Map<string, number>();
	const points: CompactPoint[] = [];
	for (const r of records) {
		if (!r.location) continue;
		const codes = pointCodes(r).map((c) => {
			let i = indexOf.get(c);
			if (i === undefined) {
				i = dict.push(c) - 1;
				indexOf.set(c, i);
			}
			return i;
		});
		const { mask } = layersOfRecord(r);
		const tuple: CompactPoint = [
			r.id,
			KIND_INDEX[r.kind],
			r.name,
			round(r.location.lon),
			round(r.location.lat),
			PRECISION_CODES.indexOf(r.location.precision),
			mask,
			codes
		];
		if (r.slug !== r.id) tuple.push(r.slug);
		points.push(tuple);
	}
	return { version, dict, points };
}

export function decodePoints(payload: PointsPayload): DecodedPoints {
	return { dict: payload.dict, points: payload.points.map(pointDecoder(payload.dict)) };
}

/**
 * Decodes one compact point at a time with this dictionary (the server decodes 250,000 of them between
 * requests, a slice at a time).
 */
export function pointDecoder(dict: readonly string[]): (point: CompactPoint) => MapPoint {
	// Each code's value is cut out once, so 50,000 points share a few hundred strings rather than holding
	// 100,000 copies of their commune and quartier codes.
	const values = dict.map((c) => c.slice(c.indexOf(':') + 1));
	const [COMMUNE, QUARTIER, ROLE] = [mapPrefix('commune'), mapPrefix('quartier'), mapPrefix('role')];
	const actor = `${ROLE}acteur`;
	return ([id, kind, name, lon, lat, precision, layers, codes, slug]) => {
		const k: PointKind = (['organisation', 'initiative', 'place', 'event'] as const)[kind];
		let commune = '';
		let quartier: string | undefined;
		let firstRole: string | undefined;
		let synthetic = false;
		for (const i of codes) {
			const c = dict[i];
			if (c.startsWith(COMMUNE)) commune = values[i];
			else if (c.startsWith(QUARTIER)) quartier = values[i];
			else if (c === SYNTHETIC) synthetic = true;
			else if (c.startsWith(ROLE)) firstRole ??= c;
		}
		const primary: LayerCode =
			k === 'initiative'
				? 'initiatives'
				: k === 'place'
					? 'lieux'
					: k === 'event'
						? 'evenements'
						: firstRole === undefined || firstRole === actor
							? 'structures'
							: 'financeurs';
		return {
			id,
			slug: slug ?? id,
			kind: k,
			name,
			lon,
			lat,
			precision: PRECISION_CODES[precision] ?? 'commune',
			layers,
			primary,
			commune,
			quartier,
			synthetic,
			codes
		};
	};
}

export function isApproximate(p: Pick<MapPoint, 'precision'>): boolean {
	return p.precision === 'quartier' || p.precision === 'commune';
}

/**
 * Decoded points back to the wire format, with a dictionary of only the codes they use: a page of the list
 * or one selected point sent from a large store (see scale.ts), read by `decodePoints` like the whole set.
 */
export function encodeMapPoints(
	points: readonly MapPoint[],
	dict: readonly string[],
	version: number
): PointsPayload {
	const out: string[] = [];
	const remap = new Map<number, number>();
	const code = (i: number) => {
		let j = remap.get(i);
		if (j === undefined) {
			j = out.push(dict[i]) - 1;
			remap.set(i, j);
		}
		return j;
	};
	return {
		version,
		dict: out,
		points: points.map((p) => {
			const tuple: CompactPoint = [
				p.id,
				p.kind === 'organisation' ? 0 : 1,
				p.name,
				p.lon,
				p.lat,
				PRECISION_CODES.indexOf(p.precision),
				p.layers,
				p.codes.map(code)
			];
			if (p.slug !== p.id) tuple.push(p.slug);
			return tuple;
		})
	};
}
