/**
 * Which cluster index already built can stand in for a filter combination whose own index is still being
 * built (README "Map at national scale"): one whose points include every point the combination selects (a
 * superset), the smallest of them, so that the stand-in, filtered point by point, does the least work and
 * groups the points most like the exact index will.
 */
import { MAP_PARAMS, type PointFilters } from './filter';

export interface BuiltIndex {
	key: string;
	/** The filters it was built for (no text, no "autour de moi": those are never built ahead). */
	filters: PointFilters;
	/** How many points it holds. */
	size: number;
}

/**
 * True when every point `target` selects is also selected by `candidate`: within a parameter values are
 * alternatives and parameters combine, so each parameter the candidate constrains must be constrained by
 * the target to some of the same values, and the target's layers must be among the candidate's. Text and
 * "autour de moi" only narrow the target further. A quartier inside a commune is not recognised (it is a
 * different code): the answer errs towards "no", never towards a stand-in missing points.
 */
export function selects(candidate: PointFilters, target: PointFilters): boolean {
	if (!target.layers.every((l) => candidate.layers.includes(l))) return false;
	return MAP_PARAMS.every(({ param }) => {
		const wanted = candidate[param] ?? [];
		if (!wanted.length) return true;
		const chosen = target[param] ?? [];
		return chosen.length > 0 && chosen.every((v) => wanted.includes(v));
	});
}

/** The smallest built index whose points include the target's; undefined when none does. */
export function nearestIndex(target: PointFilters, built: readonly BuiltIndex[]): BuiltIndex | undefined {
	let best: BuiltIndex | undefined;
	for (const b of built) if (selects(b.filters, target) && (!best || b.size < best.size)) best = b;
	return best;
}
