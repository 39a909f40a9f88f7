import { withinRadius } from '$lib/geo/distance';
import type { Around, Filtered } from '$lib/domain/map/filter';
import type { MapPoint } from '$lib/domain/map/points';

/**
 * "Autour de moi": the filtered points within the circle, nearest first, with their distances. Apart from
 * the map model's filters because distances need `$lib/geo` (turf), which the pure model does not import.
 * What the list and the live region say about it is written in the reader's language by lib/i18n/explorer.ts.
 */
export function nearest(points: readonly MapPoint[], around: Around): Filtered {
	const near = withinRadius(points, (p) => p, around.center, around.radius);
	return { points: near.map((n) => n.item), meters: near.map((n) => n.meters) };
}
