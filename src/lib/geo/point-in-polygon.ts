import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { MultiPolygon, Polygon } from 'geojson';
import { inBbox } from '$lib/domain/coordinates';
import { bboxOf } from './bbox';
import type { Bbox, LonLat } from './types';

export const BOUNDARY_KINDS = ['commune', 'quartier', 'qpv'] as const;
export type BoundaryKind = (typeof BOUNDARY_KINDS)[number];

/**
 * An official outline. `code` is our identifier for the area: the INSEE code for a commune, SQ_xx for a
 * quartier, the QPV's slug for a QPV (records store QPV slugs: the official codes are not all known).
 */
export interface Boundary {
	kind: BoundaryKind;
	code: string;
	name: string;
	geometry: Polygon | MultiPolygon;
}

export interface BoundaryIndex {
	has(kind: BoundaryKind): boolean;
	/** The first boundary of that kind containing the point (edges count as inside). */
	find(kind: BoundaryKind, p: LonLat): Boundary | undefined;
}

/** Precomputes each outline's box so most polygons are ruled out without the full test. */
export function indexBoundaries(boundaries: readonly Boundary[]): BoundaryIndex {
	const byKind = new Map<BoundaryKind, { b: Boundary; box: Bbox }[]>();
	for (const b of boundaries) {
		const list = byKind.get(b.kind) ?? [];
		list.push({ b, box: bboxOf(b.geometry) });
		byKind.set(b.kind, list);
	}
	return {
		has: (kind) => (byKind.get(kind)?.length ?? 0) > 0,
		find(kind, p) {
			for (const { b, box } of byKind.get(kind) ?? []) {
				if (inBbox(p, box) && booleanPointInPolygon([p.lon, p.lat], b.geometry)) return b;
			}
			return undefined;
		}
	};
}

/** The place fields of a record that point-in-polygon can set. */
export interface Placeable {
	/** Absent for an organisation without a commune, which has no position either. */
	communeCode?: string;
	quartierCode?: string;
	subQuartier?: string;
	qpv?: string;
	location?: LonLat & { precision: 'address' | 'street' | 'quartier' | 'commune' };
}

/** Fields to change; `null` removes the field. */
export interface PlacePatch {
	communeCode?: string;
	quartierCode?: string | null;
	subQuartier?: null;
	qpv?: string | null;
}

export interface PlaceAssignment {
	patch?: PlacePatch;
	/** The position lies in no commune outline (a typo, or outlines that do not cover it). */
	outsideCommunes: boolean;
}

/**
 * Derives a record's commune, quartier and QPV from its position and the loaded outlines.
 *
 * - The commune is derived for every positioned record: even a commune-centre point lies in its commune.
 * - Quartier and QPV are derived only for positions at an address or a street. A record shown at its
 *   quartier's reference point (precision "quartier") keeps the quartier a person gave it, and a record at a
 *   commune centre has no known quartier: the centre of Strasbourg falls in one quartier, but saying the
 *   record is there would invent a fact.
 * - A kind without outlines changes nothing; a position outside every outline of a kind that has some
 *   removes the quartier or QPV (for instance an address in Schiltigheim has no Strasbourg quartier).
 */
export function assignPlace(record: Placeable, index: BoundaryIndex): PlaceAssignment {
	const at = record.location;
	if (!at) return { outsideCommunes: false };
	const patch: PlacePatch = {};
	let outsideCommunes = false;
	if (index.has('commune')) {
		const commune = index.find('commune', at);
		if (!commune) outsideCommunes = true;
		else if (commune.code !== record.communeCode) patch.communeCode = commune.code;
	}
	if (at.precision === 'address' || at.precision === 'street') {
		if (index.has('quartier')) {
			const code = index.find('quartier', at)?.code;
			if (code !== record.quartierCode) {
				patch.quartierCode = code ?? null;
				// The sub-quartier belongs to the old quartier: keeping it would contradict the new one.
				if (record.subQuartier !== undefined) patch.subQuartier = null;
			}
		}
		if (index.has('qpv')) {
			const slug = index.find('qpv', at)?.code;
			if (slug !== record.qpv) patch.qpv = slug ?? null;
		}
	}
	return Object.keys(patch).length ? { patch, outsideCommunes } : { outsideCommunes };
}

/** Applies a patch to a copy of the record; removed fields disappear rather than become null. */
export function applyPlacePatch<T extends Placeable>(record: T, patch: PlacePatch): T {
	const next = { ...record } as Record<string, unknown>;
	for (const [key, value] of Object.entries(patch)) {
		if (value === null) delete next[key];
		else next[key] = value;
	}
	return next as T;
}
