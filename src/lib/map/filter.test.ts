import { describe, expect, it } from 'vitest';
import { filterPoints, fold, limitToZone, nameMatcher, NO_FILTERS, pointMatcher } from './filter';
import type { MapPoint } from './points';

/** The shared code dictionary, filled as the test points are made (like encodePoints does). */
const dict: string[] = [];
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

const points = [
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

describe('fold and nameMatcher', () => {
	it('folds accents, case and apostrophes', () => {
		expect(fold("L'Épicerie  Solidaire")).toBe('l epicerie solidaire');
	});
	it('matches words at the start of name words, in any order', () => {
		const m = nameMatcher('solid epic')!;
		expect(m('Épicerie solidaire du Neuhof')).toBe(true);
		expect(m('Banque coopérative')).toBe(false);
		expect(nameMatcher('atelier')!("L'Atelier café")).toBe(true);
		expect(nameMatcher('telier')!("L'Atelier café")).toBe(false);
		expect(nameMatcher('   ')).toBeUndefined();
	});
});

describe('pointMatcher', () => {
	it('keeps a point that is in any selected layer', () => {
		const banque = points[2];
		expect(pointMatcher({ ...NO_FILTERS, layers: ['financeurs'] }, dict)(banque)).toBe(true);
		expect(pointMatcher({ ...NO_FILTERS, layers: ['initiatives'] }, dict)(banque)).toBe(false);
	});
	it('accepts communes and quartiers in the same place filter', () => {
		const m = pointMatcher({ ...NO_FILTERS, lieu: ['67447', 'SQ_10'] }, dict);
		expect(points.filter(m).map((x) => x.id)).toEqual(['epicerie', 'banque']);
	});
	it('combines filters (all must hold) and values (any may hold)', () => {
		const m = pointMatcher({ ...NO_FILTERS, secteur: ['jardins', 'lien-social'], lieu: ['SQ_01'] }, dict);
		expect(points.filter(m).map((x) => x.id)).toEqual(['cafe']);
	});
	it('matches nothing for a code no point has', () => {
		expect(points.filter(pointMatcher({ ...NO_FILTERS, secteur: ['culture'] }, dict))).toEqual([]);
	});
});

describe('filterPoints', () => {
	it('returns everything, in order, without filters', () => {
		const all = filterPoints(points, dict, NO_FILTERS).points;
		expect(all.map((x) => x.id)).toEqual(['epicerie', 'jardin', 'banque', 'cafe']);
		expect(all).toBe(points); // no copy of a large array when nothing is filtered
	});
	it('keeps search hits only, by id', () => {
		const r = filterPoints(points, dict, NO_FILTERS, { textIds: new Set(['cafe', 'banque']) });
		expect(r.points.map((x) => x.id)).toEqual(['banque', 'cafe']);
	});
	it('limits to the circle and sorts by distance with the distances', () => {
		const r = filterPoints(points, dict, NO_FILTERS, {
			around: { center: { lon: 7.7507, lat: 48.5818 }, radius: 1000, label: 'ici' }
		});
		expect(r.points.map((x) => x.id)).toEqual(['cafe', 'banque']);
		expect(r.meters?.[0]).toBe(0);
		expect(r.meters?.[1]).toBeGreaterThan(0);
	});
	it('limits the list to the visible zone, keeping distances aligned', () => {
		const r = filterPoints(points, dict, NO_FILTERS, {
			around: { center: { lon: 7.75, lat: 48.58 }, radius: 8000, label: 'x' }
		});
		const z = limitToZone(r, [7.77, 48.5, 7.8, 48.6]);
		expect(z.points.map((x) => x.id)).toEqual(['jardin', 'epicerie']);
		expect(z.meters).toEqual(r.meters?.filter((_, i) => ['jardin', 'epicerie'].includes(r.points[i].id)));
	});
});
