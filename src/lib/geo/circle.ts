import { circle } from '@turf/circle';
import type { Feature, Polygon } from 'geojson';
import type { LonLat } from './types';

/** The radii offered by "Autour de moi", in metres. */
export const RADII = [500, 1000, 2000, 5000] as const;
export type Radius = (typeof RADII)[number];

/** A polygon approximating the circle of `radius` metres around `center`, for drawing on either map engine. */
export function circlePolygon(center: LonLat, radius: number, steps = 64): Feature<Polygon> {
	return circle([center.lon, center.lat], radius, { units: 'meters', steps });
}
