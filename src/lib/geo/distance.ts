import { distance } from '@turf/distance';
import type { LonLat } from './types';

/** Great-circle distance in metres (turf's haversine on the mean Earth radius). */
export function distanceMeters(a: LonLat, b: LonLat): number {
	return distance([a.lon, a.lat], [b.lon, b.lat], { units: 'meters' });
}

export interface Near<T> {
	item: T;
	meters: number;
}

/**
 * Items within `radius` metres of `center`, nearest first (ties keep their input order).
 * Items without a position are left out: they cannot be "near" anything.
 */
export function withinRadius<T>(
	items: readonly T[],
	position: (item: T) => LonLat | undefined,
	center: LonLat,
	radius: number
): Near<T>[] {
	const found: Near<T>[] = [];
	for (const item of items) {
		const p = position(item);
		if (!p) continue;
		const meters = distanceMeters(center, p);
		if (meters <= radius) found.push({ item, meters });
	}
	// Array.prototype.sort is stable, so equal distances keep the input (alphabetical) order.
	return found.sort((a, b) => a.meters - b.meters);
}

const km = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** "80 m", "450 m", "1,2 km": rounded to what a walker can use. */
export function formatDistance(meters: number): string {
	if (meters < 1000) return `${Math.max(10, Math.round(meters / 10) * 10)} m`;
	return `${km.format(meters / 1000)} km`;
}
