import { bbox } from '@turf/bbox';
import type { Geometry } from 'geojson';
import type { Bbox } from './types';

export function bboxOf(geometry: Geometry): Bbox {
	const [w, s, e, n] = bbox(geometry);
	return [w, s, e, n];
}
