import { describe, expect, it } from 'vitest';
import { filterPoints, fold, limitToZone, nameMatcher, NO_FILTERS, pointMatcher } from './filter';
import { dict, points } from './test-points';

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
	it('limits the list to the visible zone', () => {
		const z = limitToZone(filterPoints(points, dict, NO_FILTERS), [7.77, 48.5, 7.8, 48.6]);
		expect(z.points.map((x) => x.id)).toEqual(['epicerie', 'jardin']);
		expect(z.meters).toBeUndefined();
	});
});
