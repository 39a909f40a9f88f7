/** A few compact points for the map model's tests, with their code dictionary. Tests only. */
import type { MapPoint } from './points';

/** The shared code dictionary, filled as the test points are made (like encodePoints does). */
export const dict: string[] = [];
const indexOf = (c: string) => (dict.includes(c) ? dict.indexOf(c) : dict.push(c) - 1);

const p = (
	id: string,
	name: string,
	lon: number,
	lat: number,
	layers: number,
	codes: string[]
): MapPoint => ({
	id,
	slug: id,
	kind: layers === 2 ? 'initiative' : 'organisation',
	name,
	lon,
	lat,
	precision: 'address',
	layers,
	primary: layers === 2 ? 'initiatives' : layers === 4 ? 'financeurs' : 'structures',
	commune: codes.find((c) => c.startsWith('c:'))!.slice(2),
	synthetic: false,
	codes: codes.map(indexOf)
});

export const points = [
	p('epicerie', 'Épicerie solidaire du Neuhof', 7.78, 48.527, 1, [
		't:alimentation',
		's:alimentation',
		'c:67482',
		'q:SQ_10'
	]),
	p('jardin', 'Jardin des Deux-Rives', 7.79, 48.575, 2, ['s:jardins', 'c:67482', 'q:SQ_08']),
	p('banque', 'Banque coopérative', 7.75, 48.58, 5, ['s:finance', 'c:67447']),
	p('cafe', "L'Atelier café", 7.7507, 48.5818, 2, ['s:lien-social', 'c:67482', 'q:SQ_01'])
];
