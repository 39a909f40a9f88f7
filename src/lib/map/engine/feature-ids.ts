/**
 * The map's features carry no properties of their own: everything MapLibre needs is packed in the numeric
 * feature id, so the page and MapLibre's worker each keep one small object less per point (about 5 MB
 * less at 50,000 points, measured by `npm run bench:map`).
 *
 *   id = ((index × GENERATIONS) + generation) × STYLES + style
 *
 * - style: which icon draws the point, `layer index × 2 + approximate` (see ICON_NAMES);
 * - index: the point's position in the array given to the map;
 * - generation: which of the last GENERATIONS arrays that is, so a feature still drawn from the previous
 *   data (a click while new data is being drawn) never resolves to a point of the new array.
 */
import type { ExpressionSpecification } from 'maplibre-gl';
import { MAP_LAYERS, type LayerCode } from '$lib/domain/map/layers';

export const STYLES = 8;
export const GENERATIONS = 2;

/** Icon names in style order: `<layer key>-e` (exact position) and `<layer key>-a` (approximate). */
export const ICON_NAMES: readonly string[] = MAP_LAYERS.flatMap((l) => [`${l.key}-e`, `${l.key}-a`]);

export function styleOf(primary: LayerCode, approximate: boolean): number {
	return MAP_LAYERS.findIndex((l) => l.code === primary) * 2 + (approximate ? 1 : 0);
}

export function encodeFeatureId(index: number, generation: number, style: number): number {
	return (index * GENERATIONS + (generation % GENERATIONS)) * STYLES + style;
}

export function decodeFeatureId(id: number): { index: number; generation: number; style: number } {
	const style = id % STYLES;
	const rest = (id - style) / STYLES;
	const generation = rest % GENERATIONS;
	return { index: (rest - generation) / GENERATIONS, generation, style };
}

/** MapLibre expression giving a point's icon name from its feature id. */
export const ICON_EXPRESSION: ExpressionSpecification = [
	'image',
	['at', ['%', ['id'], STYLES], ['literal', [...ICON_NAMES]]]
];
