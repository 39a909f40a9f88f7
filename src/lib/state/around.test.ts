import { describe, expect, it } from 'vitest';
import { filterPoints, limitToZone, NO_FILTERS } from '$lib/domain/map/filter';
import { dict, points } from '$lib/domain/map/test-points';
import { aroundSummary, distanceLabel, nearest } from './around';

describe('nearest', () => {
	it('limits to the circle and sorts by distance with the distances', () => {
		const r = nearest(filterPoints(points, dict, NO_FILTERS).points, {
			center: { lon: 7.7507, lat: 48.5818 },
			radius: 1000,
			label: 'ici'
		});
		expect(r.points.map((x) => x.id)).toEqual(['cafe', 'banque']);
		expect(r.meters?.[0]).toBe(0);
		expect(r.meters?.[1]).toBeGreaterThan(0);
	});
	it('limits the list to the visible zone, keeping distances aligned', () => {
		const r = nearest(filterPoints(points, dict, NO_FILTERS).points, {
			center: { lon: 7.75, lat: 48.58 },
			radius: 8000,
			label: 'x'
		});
		const z = limitToZone(r, [7.77, 48.5, 7.8, 48.6]);
		expect(z.points.map((x) => x.id)).toEqual(['jardin', 'epicerie']);
		expect(z.meters).toEqual(r.meters?.filter((_, i) => ['jardin', 'epicerie'].includes(r.points[i].id)));
	});
});

describe('what "autour de moi" says', () => {
	const around = { center: { lon: 7.75, lat: 48.58 }, radius: 1000, label: 'votre position' };
	const exact = { precision: 'address' as const };
	const quartier = { precision: 'quartier' as const };
	const commune = { precision: 'commune' as const };

	it('gives a distance only for a place at its own position', () => {
		expect(distanceLabel(exact, 8)).toBe('à 10 m');
		expect(distanceLabel({ precision: 'street' }, 1234)).toBe('à 1,2 km');
		expect(distanceLabel(quartier, 8)).toBe('position approximative (centre du quartier)');
		expect(distanceLabel(commune, 8)).toBe('position approximative (centre de la commune)');
	});

	it('counts the places and says how many are approximate', () => {
		expect(aroundSummary(around, [])).toBe('Autour de votre position : aucun lieu à moins de 1 km.');
		expect(aroundSummary(around, [exact])).toBe('Autour de votre position : 1 lieu à moins de 1 km.');
		expect(aroundSummary(around, [quartier])).toBe(
			'Autour de votre position : 1 lieu à moins de 1 km, en position approximative (centre du quartier ou de la commune).'
		);
		expect(aroundSummary(around, [exact, exact])).toBe(
			'Autour de votre position : 2 lieux à moins de 1 km, du plus proche au plus éloigné.'
		);
		expect(aroundSummary(around, [quartier, commune])).toBe(
			'Autour de votre position : 2 lieux à moins de 1 km, du plus proche au plus éloigné, tous en position approximative (centre du quartier ou de la commune).'
		);
		expect(aroundSummary(around, [exact, quartier, commune])).toBe(
			'Autour de votre position : 3 lieux à moins de 1 km, du plus proche au plus éloigné, dont 2 en position approximative (centre du quartier ou de la commune).'
		);
	});
});
