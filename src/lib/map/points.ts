/**
 * The compact form of the map's data: what the map and the list need to draw and filter every placed record,
 * and nothing else (about 60 bytes a point instead of 2 KB). Details load on demand, one record at a time.
 *
 * Wire format (JSON):
 *   { version, dict: string[], points: [id, kind, name, lon, lat, precision, layers, codeIndexes, slug?][] }
 * - kind: 0 organisation, 1 initiative; precision: index in PRECISION_CODES; layers: bit mask (layers.ts);
 * - codes are "prefix:value" strings stored once in `dict` (t: thématique, s: sector, c: commune,
 *   q: quartier, y: initiative type, r: role, e: ESS or not, x: synthetic);
 * - slug only when it differs from the id.
 */
import type { Initiative, Organisation } from '$lib/domain/records';
import { PRECISION_CODES, type Precision } from '$lib/domain/taxonomies';
import { MAP_LAYERS, layersOfRecord, type LayerCode } from './layers';

export type PointKind = 'organisation' | 'initiative';

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
	codes: readonly string[];
}

export type CompactPoint = [string, 0 | 1, string, number, number, number, number, number[], string?];

export interface PointsPayload {
	version: number;
	dict: string[];
	points: CompactPoint[];
}

const round = (v: number) => Math.round(v * 1e5) / 1e5; // about 1 m: more would only add bytes

export function pointCodes(r: Organisation | Initiative): string[] {
	const codes = [
		...r.thematiques.map((t) => `t:${t}`),
		...r.sectors.map((s) => `s:${s}`),
		`c:${r.communeCode}`,
		`e:${r.isEss ? 1 : 0}`
	];
	if (r.quartierCode) codes.push(`q:${r.quartierCode}`);
	if (r.kind === 'initiative') codes.push(`y:${r.initiativeType}`);
	else codes.push(...r.roles.map((role) => `r:${role}`));
	if (r.synthetic) codes.push('x:1');
	return codes;
}

/** Placed records only (a record without a position cannot be drawn), in the given order. */
export function encodePoints(
	records: readonly (Organisation | Initiative)[],
	version: number
): PointsPayload {
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
			r.kind === 'organisation' ? 0 : 1,
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

function primaryOf(kind: PointKind, codes: readonly string[]): LayerCode {
	if (kind === 'initiative') return 'initiatives';
	const firstRole = codes.find((c) => c.startsWith('r:'));
	return firstRole === undefined || firstRole === 'r:acteur' ? 'structures' : 'financeurs';
}

export function decodePoints(payload: PointsPayload): MapPoint[] {
	const { dict } = payload;
	return payload.points.map(([id, kind, name, lon, lat, precision, layers, codes, slug]) => {
		const k: PointKind = kind === 0 ? 'organisation' : 'initiative';
		const decoded = codes.map((i) => dict[i]);
		return {
			id,
			slug: slug ?? id,
			kind: k,
			name,
			lon,
			lat,
			precision: PRECISION_CODES[precision] ?? 'commune',
			layers,
			primary: primaryOf(k, decoded),
			codes: decoded
		};
	});
}

export function isApproximate(p: Pick<MapPoint, 'precision'>): boolean {
	return p.precision === 'quartier' || p.precision === 'commune';
}

/** The value after a prefix ("c:67482" -> "67482"), for the first code with that prefix. */
export function codeValue(p: Pick<MapPoint, 'codes'>, prefix: string): string | undefined {
	const code = p.codes.find((c) => c.startsWith(`${prefix}:`));
	return code?.slice(prefix.length + 1);
}

export function pointLayerLabel(p: Pick<MapPoint, 'primary'>): string {
	return MAP_LAYERS.find((l) => l.code === p.primary)!.singular;
}
