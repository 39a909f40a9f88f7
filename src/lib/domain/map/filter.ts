/**
 * Filtering the compact points, the same way for the list and the map (and on the server for the first,
 * JavaScript-free render). Values within a filter are alternatives; filters combine (like the API's
 * selection matcher in $lib/domain/filters/match.ts, here on the points' compact codes). The filters are
 * the registry's map filters (src/lib/domain/filters/registry.ts), one entry per map parameter.
 */
import { inBbox, type Bbox, type LonLat } from '../coordinates';
import { paramGroups } from '../filters/url';
import { mapCode } from '../filters/map-codes';
import { ALL_LAYERS_MASK, MAP_LAYERS, maskOf, type LayerCode } from './layers';
import type { MapPoint } from './points';

/** The map's parameters and the filters behind each (`lieu`: quartiers and communes). */
export const MAP_PARAMS = paramGroups('map');

/**
 * The layers drawn, and the codes chosen for each of the map's filter parameters (`thematique`,
 * `secteur`, `lieu`: INSEE commune codes or SQ_xx quartier codes).
 */
export interface PointFilters {
	[param: string]: readonly string[];
	layers: readonly LayerCode[];
}

export const NO_FILTERS: PointFilters = {
	layers: MAP_LAYERS.map((l) => l.code),
	...Object.fromEntries(MAP_PARAMS.map((g) => [g.param, []]))
};

/** True when no filter parameter has a value (the layers aside). */
function noValues(f: PointFilters): boolean {
	return MAP_PARAMS.every((g) => !f[g.param]?.length);
}

/**
 * Folds case, accents and punctuation so "epicerie" finds "Épicerie" (French names, typed on phones).
 * Not $lib/search/text's `fold`: that module brings lunr, which the page must not load before the map.
 */
export function fold(s: string): string {
	return s
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[’'`]/g, ' ')
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

/**
 * A name matcher used until (or when) the search index cannot answer: every typed word must start a word
 * of the name. The real search (src/lib/search) also looks at tags, categories and places.
 */
export function nameMatcher(query: string): ((name: string) => boolean) | undefined {
	const words = fold(query).split(' ').filter(Boolean);
	if (words.length === 0) return undefined;
	return (name) => {
		const target = ` ${fold(name)}`;
		return words.every((w) => target.includes(` ${w}`));
	};
}

/**
 * The wanted dictionary indexes of each filter parameter that has values (one set per parameter: a point
 * must have a code of every set). A parameter's values that no point has give an empty set, which matches
 * nothing, as it should. Shared by `pointMatcher` and the server's posting lists (facet-index.ts), so both
 * read a filter the same way.
 */
export function codeGroups(f: PointFilters, dict: readonly string[]): Set<number>[] {
	const index = new Map(dict.map((c, i) => [c, i]));
	const wanted = (codes: readonly string[]) => {
		const set = new Set<number>();
		for (const c of codes) {
			const i = index.get(c);
			if (i !== undefined) set.add(i);
		}
		return codes.length ? set : undefined;
	};
	// A value of a shared parameter (`lieu`) is looked up under each of its filters' prefixes: only the
	// filter that has it finds it in the dictionary.
	return MAP_PARAMS.map(({ param, filters }) =>
		wanted((f[param] ?? []).flatMap((v) => filters.map((d) => mapCode(d, v)).filter((c) => c !== undefined)))
	).filter((g): g is Set<number> => g !== undefined);
}

/** Whether the filters select every point (all layers, no value): `filterPoints` then copies nothing. */
export function isTrivial(f: PointFilters): boolean {
	return maskOf(f.layers) === ALL_LAYERS_MASK && noValues(f);
}

/**
 * A predicate for the filters, compiled once per change: the wanted codes become sets of indexes into the
 * points' dictionary, so each point is tested with a few integer lookups.
 */
export function pointMatcher(f: PointFilters, dict: readonly string[]): (p: MapPoint) => boolean {
	const mask = maskOf(f.layers);
	const groups = codeGroups(f, dict);
	return (p) => (p.layers & mask) !== 0 && groups.every((g) => p.codes.some((i) => g.has(i)));
}

/** "Autour de moi": a circle the page applies after these filters (distances are `$lib/geo`'s business). */
export interface Around {
	center: LonLat;
	radius: number;
	/** What the centre is, in words ("votre position", "12 rue du Jeu-des-Enfants"). */
	label: string;
}

export interface FilterOptions {
	/** Ids matched by the text search; undefined when no text is typed. */
	textIds?: ReadonlySet<string>;
	/** Fallback text matcher on names when the search index is not available. */
	nameMatch?: (name: string) => boolean;
}

export interface Filtered {
	points: readonly MapPoint[];
	/** Metres from the "autour de moi" centre, in the same order as points (only with an `Around`). */
	meters?: number[];
}

/** What the map draws: every filter and the text (the "autour de moi" circle comes after, in the page). */
export function filterPoints(
	all: readonly MapPoint[],
	dict: readonly string[],
	f: PointFilters,
	opts: FilterOptions = {}
): Filtered {
	const matches = isTrivial(f) ? undefined : pointMatcher(f, dict);
	// Nothing to filter: the same array, not a copy (it can hold 50k points).
	const points: readonly MapPoint[] =
		!matches && !opts.textIds && !opts.nameMatch
			? all
			: all.filter(
					(p) =>
						(!matches || matches(p)) &&
						(!opts.textIds || opts.textIds.has(p.id)) &&
						(!opts.nameMatch || opts.nameMatch(p.name))
				);
	return { points };
}

/** The list is the map's points, limited to the visible area when "Rechercher dans cette zone" is on. */
export function limitToZone(filtered: Filtered, zone: Bbox | undefined): Filtered {
	if (!zone) return filtered;
	const keep = filtered.points.map((p) => inBbox(p, zone));
	return {
		points: filtered.points.filter((_, i) => keep[i]),
		meters: filtered.meters?.filter((_, i) => keep[i])
	};
}
