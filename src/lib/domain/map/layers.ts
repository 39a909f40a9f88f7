/**
 * The map's three layers. Each has a colour AND a shape, so colour is never the only cue (WCAG 1.4.1); an
 * approximate position is drawn hollow. The same definitions draw MapLibre icons, Leaflet markers, the
 * legend and the list, so the four always agree.
 */
export const LAYER_CODES = ['structures', 'initiatives', 'financeurs', 'lieux', 'evenements'] as const;
export type LayerCode = (typeof LAYER_CODES)[number];
export type Shape = 'circle' | 'triangle' | 'square' | 'diamond' | 'star';

export interface MapLayer {
	code: LayerCode;
	/** One-letter key used in the compact data and feature properties. */
	key: 's' | 'i' | 'f' | 'l' | 'e';
	bit: number;
	label: string;
	/** Singular noun for a point of this layer, for lists and announcements. */
	singular: string;
	colour: string;
	shape: Shape;
	shapeLabel: string;
}

export const MAP_LAYERS: readonly MapLayer[] = [
	{
		code: 'structures',
		key: 's',
		bit: 1,
		label: 'Structures de l’ESS',
		singular: 'Structure de l’ESS',
		colour: '#0b5d55',
		shape: 'circle',
		shapeLabel: 'rond'
	},
	{
		code: 'initiatives',
		key: 'i',
		bit: 2,
		label: 'Initiatives d’habitants',
		singular: 'Initiative d’habitants',
		colour: '#8a3b00',
		shape: 'triangle',
		shapeLabel: 'triangle'
	},
	{
		code: 'financeurs',
		key: 'f',
		bit: 4,
		label: 'Financeurs et accompagnateurs',
		singular: 'Financeur ou accompagnateur',
		colour: '#4b2a8c',
		shape: 'square',
		shapeLabel: 'carré'
	},
	{
		code: 'lieux',
		key: 'l',
		bit: 8,
		label: 'Lieux pour travailler, se réunir, tester',
		singular: 'Lieu',
		colour: '#7a1f5c',
		shape: 'diamond',
		shapeLabel: 'losange'
	},
	{
		code: 'evenements',
		key: 'e',
		bit: 16,
		label: 'Événements à venir',
		singular: 'Événement',
		colour: '#1b4f8a',
		shape: 'star',
		shapeLabel: 'étoile'
	}
];

export const ALL_LAYERS_MASK = MAP_LAYERS.reduce((m, l) => m | l.bit, 0);

export function layer(code: LayerCode): MapLayer {
	return MAP_LAYERS.find((l) => l.code === code)!;
}

export function maskOf(codes: readonly LayerCode[]): number {
	return codes.reduce((m, c) => m | layer(c).bit, 0);
}

/**
 * Which layers a record belongs to. An organisation can be both an actor and a funder or adviser (a CAE
 * that advises others): it then shows in both layers, drawn with the shape of the first role it lists.
 */
export function layersOfRecord(
	r:
		| { kind: 'initiative' }
		| { kind: 'place' }
		| { kind: 'event' }
		| { kind: 'organisation'; roles: readonly string[] }
): { primary: LayerCode; mask: number } {
	if (r.kind === 'event') return { primary: 'evenements', mask: layer('evenements').bit };
	if (r.kind === 'initiative') return { primary: 'initiatives', mask: layer('initiatives').bit };
	if (r.kind === 'place') return { primary: 'lieux', mask: layer('lieux').bit };
	let mask = 0;
	let primary: LayerCode | undefined;
	for (const role of r.roles) {
		const code: LayerCode = role === 'acteur' ? 'structures' : 'financeurs';
		mask |= layer(code).bit;
		primary ??= code;
	}
	return { primary: primary ?? 'structures', mask: mask || layer('structures').bit };
}

/** SVG path of a shape in a 20×20 box, shared by the legend, the list, Leaflet and MapLibre icons. */
export function shapePath(shape: Shape): string {
	if (shape === 'circle') return 'M10 2.5a7.5 7.5 0 1 1 0 15a7.5 7.5 0 1 1 0-15z';
	if (shape === 'triangle') return 'M10 1.8L18.6 17H1.4z';
	if (shape === 'diamond') return 'M10 1.5L18.5 10L10 18.5L1.5 10z';
	if (shape === 'star')
		return 'M10 1.2L12.6 7.1L18.9 7.3L13.9 11.3L15.6 17.6L10 14L4.4 17.6L6.1 11.3L1.1 7.3L7.4 7.1z';
	return 'M3 3h14v14H3z';
}

/**
 * A marker as an SVG string (Leaflet icons, MapLibre images). Built from our constants only, never from
 * data, so it is safe to use as markup. Approximate positions are hollow with a dashed outline.
 */
export function markerSvg(l: MapLayer, approximate: boolean, size = 20, selected = false): string {
	const stroke = approximate ? l.colour : '#ffffff';
	const fill = approximate ? '#ffffff' : l.colour;
	const dash = approximate ? ' stroke-dasharray="3 2"' : '';
	const halo = selected
		? `<path d="${shapePath(l.shape)}" fill="none" stroke="#1a4fd6" stroke-width="5" transform="translate(10 10) scale(1.25) translate(-10 -10)"/>`
		: '';
	return (
		`<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="-2 -2 24 24" aria-hidden="true">` +
		`${halo}<path d="${shapePath(l.shape)}" fill="${fill}" stroke="${stroke}" stroke-width="${approximate ? 2.5 : 2}"${dash}/>` +
		(approximate
			? `<circle cx="10" cy="${l.shape === 'triangle' ? 11.5 : 10}" r="2" fill="${l.colour}"/>`
			: '') +
		`</svg>`
	);
}
