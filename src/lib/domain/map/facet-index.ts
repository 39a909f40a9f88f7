/**
 * Posting lists of the map's points, for filter changes at national scale: for each code of the points'
 * dictionary (thématique, secteur, commune, quartier...) and each layer, the indexes of the points that
 * have it, built once per data version. A filter then costs the points its values name (an OR of their
 * lists into a bitset, an AND across parameters), not a test of every point: at 250,000 points, a few
 * milliseconds or less instead of tens to hundreds.
 *
 * The selection is exactly `filterPoints`' (same points, same order: the bitset is read in ascending
 * index order, the points' own order), which `facet-index.test.ts` checks on a synthetic dataset.
 */
import { codeGroups, isTrivial, type FilterOptions, type PointFilters } from './filter';
import { MAP_LAYERS, maskOf } from './layers';
import type { MapPoint } from './points';
import { never, runSteps, type Due } from '../steps';

export interface FacetIndex {
	/** The points indexed (one data version's array) and their codes' dictionary. */
	points: readonly MapPoint[];
	dict: readonly string[];
	/** Postings of dictionary code `c`: `postings[offsets[c]] .. postings[offsets[c + 1] - 1]`. */
	offsets: Uint32Array;
	postings: Uint32Array;
	/** Postings of each layer of MAP_LAYERS, in that order. */
	layers: Uint32Array[];
	/** Index of each point by id (for the text search's ids), made on first use. */
	byId?: Map<string, number>;
}

/** One pass to count, one to fill (compressed rows: two typed arrays, whatever the dictionary's size). */
export function buildFacetIndex(points: readonly MapPoint[], dict: readonly string[]): FacetIndex {
	return runSteps(facetIndexSteps(points, dict, never));
}

/** `buildFacetIndex` as steps that pause whenever `due()` says so (see ../steps.ts): the same index. */
export function* facetIndexSteps(
	points: readonly MapPoint[],
	dict: readonly string[],
	due: Due
): Generator<void, FacetIndex> {
	const offsets = new Uint32Array(dict.length + 1);
	const layerCounts = new Uint32Array(MAP_LAYERS.length);
	for (const p of points) {
		for (const c of p.codes) offsets[c + 1]++;
		for (let l = 0; l < MAP_LAYERS.length; l++) if (p.layers & MAP_LAYERS[l].bit) layerCounts[l]++;
		if (due()) yield;
	}
	for (let c = 0; c < dict.length; c++) offsets[c + 1] += offsets[c];
	const postings = new Uint32Array(offsets[dict.length]);
	const fill = offsets.slice(0, dict.length);
	const layers = MAP_LAYERS.map((_, l) => new Uint32Array(layerCounts[l]));
	const layerFill = new Uint32Array(MAP_LAYERS.length);
	for (let i = 0; i < points.length; i++) {
		const p = points[i];
		for (const c of p.codes) postings[fill[c]++] = i;
		for (let l = 0; l < MAP_LAYERS.length; l++)
			if (p.layers & MAP_LAYERS[l].bit) layers[l][layerFill[l]++] = i;
		if (due()) yield;
	}
	return { points, dict, offsets, postings, layers };
}

function setBits(bits: Uint32Array, list: ArrayLike<number>, from = 0, to = list.length): void {
	for (let k = from; k < to; k++) {
		const i = list[k];
		bits[i >>> 5] |= 1 << (i & 31);
	}
}

function and(into: Uint32Array, other: Uint32Array): void {
	for (let w = 0; w < into.length; w++) into[w] &= other[w];
}

/**
 * The indexes (ascending) of the points the filters and text select, or undefined when they select every
 * point (no filter, no text: the caller keeps the version's own array).
 */
export function matchIndexes(
	fi: FacetIndex,
	f: PointFilters,
	opts: FilterOptions = {}
): Uint32Array | undefined {
	const n = fi.points.length;
	const words = (n + 31) >>> 5;
	let acc: Uint32Array | undefined;
	if (!isTrivial(f)) {
		// Layers first, as pointMatcher: a point must be in a chosen layer as soon as anything is filtered.
		const mask = maskOf(f.layers);
		acc = new Uint32Array(words);
		MAP_LAYERS.forEach((l, k) => {
			if (mask & l.bit) setBits(acc!, fi.layers[k]);
		});
		for (const group of codeGroups(f, fi.dict)) {
			const bits = new Uint32Array(words);
			for (const c of group) setBits(bits, fi.postings, fi.offsets[c], fi.offsets[c + 1]);
			and(acc, bits);
		}
	}
	if (opts.textIds) {
		if (!fi.byId) fi.byId = new Map(fi.points.map((p, i) => [p.id, i]));
		const bits = new Uint32Array(words);
		for (const id of opts.textIds) {
			const i = fi.byId.get(id);
			if (i !== undefined) bits[i >>> 5] |= 1 << (i & 31);
		}
		if (acc) and(acc, bits);
		else acc = bits;
	}
	if (!acc && !opts.nameMatch) return undefined;
	const out: number[] = [];
	if (!acc) {
		for (let i = 0; i < n; i++) if (opts.nameMatch!(fi.points[i].name)) out.push(i);
		return Uint32Array.from(out);
	}
	for (let w = 0; w < words; w++) {
		let word = acc[w];
		while (word !== 0) {
			const low = word & -word;
			const i = (w << 5) + 31 - Math.clz32(low);
			word ^= low;
			if (!opts.nameMatch || opts.nameMatch(fi.points[i].name)) out.push(i);
		}
	}
	return Uint32Array.from(out);
}

/** `filterPoints` through the posting lists: the same points in the same order, and their indexes. */
export function filterByFacets(
	fi: FacetIndex,
	f: PointFilters,
	opts: FilterOptions = {}
): { points: readonly MapPoint[]; indexes?: Uint32Array } {
	const indexes = matchIndexes(fi, f, opts);
	if (!indexes) return { points: fi.points };
	const points = new Array<MapPoint>(indexes.length);
	for (let k = 0; k < indexes.length; k++) points[k] = fi.points[indexes[k]];
	return { points, indexes };
}
