import { formatDistance, withinRadius } from '$lib/geo/distance';
import type { Around, Filtered } from '$lib/domain/map/filter';
import type { MapPoint } from '$lib/domain/map/points';

/**
 * "Autour de moi": the filtered points within the circle, nearest first, with their distances. Apart from
 * the map model's filters because distances need `$lib/geo` (turf), which the pure model does not import.
 */
export function nearest(points: readonly MapPoint[], around: Around): Filtered {
	const near = withinRadius(points, (p) => p, around.center, around.radius);
	return { points: near.map((n) => n.item), meters: near.map((n) => n.meters) };
}

const APPROXIMATE: Partial<Record<MapPoint['precision'], string>> = {
	quartier: 'position approximative (centre du quartier)',
	commune: 'position approximative (centre de la commune)'
};

/**
 * How far a place is, as the list of "autour de moi" says it. A distance only when the position is the
 * place's own: a record placed at its quartier's or commune's reference point may be 10 m from that point
 * and 2 km from the visitor, so it says so instead of a false « à 10 m ».
 */
export function distanceLabel(p: Pick<MapPoint, 'precision'>, meters: number): string {
	return APPROXIMATE[p.precision] ?? `à ${formatDistance(meters)}`;
}

/** The live region's sentence once "autour de moi" has a centre. */
export function aroundSummary(around: Around, points: readonly Pick<MapPoint, 'precision'>[]): string {
	const n = points.length;
	const within = `à moins de ${formatDistance(around.radius)}`;
	if (n === 0) return `Autour de ${around.label} : aucun lieu ${within}.`;
	const approx = points.filter((p) => p.precision in APPROXIMATE).length;
	const where = 'en position approximative (centre du quartier ou de la commune)';
	const note =
		approx === 0
			? ''
			: approx === n
				? n === 1
					? `, ${where}`
					: `, tous ${where}`
				: `, dont ${approx} ${where}`;
	const order = n > 1 ? ', du plus proche au plus éloigné' : '';
	return `Autour de ${around.label} : ${n} lieu${n > 1 ? 'x' : ''} ${within}${order}${note}.`;
}
