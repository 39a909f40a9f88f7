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

/**
 * `n` synthetic points (marked synthetic) with their own dictionary, seeded: around Strasbourg, in one
 * to three layers (a few in none), with one to three thématiques, a sector, a commune, often a quartier,
 * sometimes an activity family and a size band, as the map's filters read them. Tests only.
 */
export function syntheticPoints(n: number, seed = 1): { dict: string[]; points: MapPoint[] } {
	// mulberry32: small, seeded, good enough to spread test data.
	let s = seed >>> 0;
	const rand = () => {
		s = (s + 0x6d2b79f5) >>> 0;
		let t = s;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const own: string[] = [];
	const codeOf = new Map<string, number>();
	const code = (c: string) => {
		let i = codeOf.get(c);
		if (i === undefined) codeOf.set(c, (i = own.push(c) - 1));
		return i;
	};
	const some = (prefix: string, count: number) =>
		`${prefix}:${prefix === 'c' ? 67000 + Math.floor(rand() * count) : prefix === 'q' ? `SQ_${String(1 + Math.floor(rand() * count)).padStart(2, '0')}` : `v${Math.floor(rand() * count)}`}`;
	const layerBits = [1, 2, 4, 8];
	const points = Array.from({ length: n }, (_, i): MapPoint => {
		const codes = new Set<string>();
		for (let k = 0, m = 1 + Math.floor(rand() * 3); k < m; k++) codes.add(some('t', 12));
		codes.add(some('s', 10));
		codes.add(some('c', 30));
		if (rand() < 0.6) codes.add(some('q', 20));
		if (rand() < 0.4) codes.add(some('a', 6));
		if (rand() < 0.3) codes.add(some('z', 4));
		let layers = rand() < 0.02 ? 0 : layerBits[Math.floor(rand() * 4)];
		if (rand() < 0.2) layers |= layerBits[Math.floor(rand() * 4)];
		const commune = [...codes].find((c) => c.startsWith('c:'))!.slice(2);
		return {
			id: `synthetique-${i}`,
			slug: `synthetique-${i}`,
			kind: layers & 2 ? 'initiative' : 'organisation',
			name: `${rand() < 0.3 ? 'Atelier' : 'Lieu'} synthétique ${i}`,
			lon: 7.65 + rand() * 0.2,
			lat: 48.5 + rand() * 0.15,
			precision: rand() < 0.1 ? 'commune' : 'address',
			layers,
			primary: layers & 2 ? 'initiatives' : layers & 4 ? 'financeurs' : layers & 8 ? 'lieux' : 'structures',
			commune,
			synthetic: true,
			codes: [...codes].map(code)
		};
	});
	return { dict: own, points };
}
