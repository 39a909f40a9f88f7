import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
	applyPlacePatch,
	assignPlace,
	indexBoundaries,
	type Boundary,
	type Placeable
} from './point-in-polygon';
import { SHARED_COMMUNES_GEOJSON, square } from './test-shapes';

// Two side-by-side "communes", a quartier inside the first one and a QPV inside the quartier.
const boundaries: Boundary[] = [
	{ kind: 'commune', code: '67482', name: 'Strasbourg', geometry: square(7.7, 48.5, 7.8, 48.6) },
	{ kind: 'commune', code: '67447', name: 'Schiltigheim', geometry: square(7.7, 48.6, 7.8, 48.7) },
	{ kind: 'quartier', code: 'SQ_08', name: 'Neudorf', geometry: square(7.75, 48.5, 7.8, 48.55) },
	{ kind: 'qpv', code: 'risler', name: 'Risler', geometry: square(7.76, 48.51, 7.77, 48.52) }
];
const index = indexBoundaries(boundaries);

const at = (
	lon: number,
	lat: number,
	precision: 'address' | 'street' | 'quartier' | 'commune' = 'address'
) => ({
	lon,
	lat,
	precision
});

describe('indexBoundaries', () => {
	it('finds the containing outline by kind and nothing outside', () => {
		expect(index.find('commune', { lon: 7.72, lat: 48.65 })?.code).toBe('67447');
		expect(index.find('quartier', { lon: 7.72, lat: 48.52 })).toBeUndefined();
		expect(index.has('qpv')).toBe(true);
		expect(indexBoundaries([]).has('commune')).toBe(false);
	});
});

describe('assignPlace', () => {
	it('corrects the commune, quartier and QPV of an address', () => {
		const r: Placeable = { communeCode: '67447', location: at(7.765, 48.515) };
		expect(assignPlace(r, index)).toEqual({
			patch: { communeCode: '67482', quartierCode: 'SQ_08', qpv: 'risler' },
			outsideCommunes: false
		});
	});
	it('removes a quartier (and its sub-quartier) that the address is not in', () => {
		const r: Placeable = {
			communeCode: '67447',
			quartierCode: 'SQ_08',
			subQuartier: 'neudorf',
			location: at(7.72, 48.65, 'street')
		};
		expect(assignPlace(r, index).patch).toEqual({ quartierCode: null, subQuartier: null });
	});
	it('leaves the quartier of a record placed at its quartier reference point', () => {
		const r: Placeable = {
			communeCode: '67482',
			quartierCode: 'SQ_02',
			location: at(7.765, 48.515, 'quartier')
		};
		expect(assignPlace(r, index)).toEqual({ outsideCommunes: false });
	});
	it('does not invent a quartier for a commune-centre position', () => {
		const r: Placeable = { communeCode: '67482', location: at(7.76, 48.52, 'commune') };
		expect(assignPlace(r, index).patch).toBeUndefined();
	});
	it('reports a position outside every commune without changing it', () => {
		const r: Placeable = { communeCode: '67482', location: at(7.9, 48.52) };
		const result = assignPlace(r, indexBoundaries(boundaries.filter((b) => b.kind === 'commune')));
		expect(result).toEqual({ outsideCommunes: true });
	});
	it('changes nothing for a record without a position', () => {
		expect(assignPlace({ communeCode: '67482' }, index)).toEqual({ outsideCommunes: false });
	});
});

describe('applyPlacePatch', () => {
	it('sets and removes fields on a copy', () => {
		const r = { communeCode: '67447', quartierCode: 'SQ_01', subQuartier: 'x', name: 'A' };
		const next = applyPlacePatch(r, { communeCode: '67482', quartierCode: null, subQuartier: null });
		expect(next).toEqual({ communeCode: '67482', name: 'A' });
		expect(r.quartierCode).toBe('SQ_01');
	});
});

const shared = fileURLToPath(SHARED_COMMUNES_GEOJSON);
describe.skipIf(!existsSync(shared))('on the real commune outlines (../shared/geo)', () => {
	it('places the cathedral in Strasbourg and Schiltigheim town hall in Schiltigheim', () => {
		const fc = JSON.parse(readFileSync(shared, 'utf8')) as {
			features: { geometry: Boundary['geometry']; properties: { code: string; nom: string } }[];
		};
		const real = indexBoundaries(
			fc.features.map((f) => ({
				kind: 'commune' as const,
				code: f.properties.code,
				name: f.properties.nom,
				geometry: f.geometry
			}))
		);
		expect(real.find('commune', { lon: 7.7507, lat: 48.5818 })?.code).toBe('67482');
		expect(real.find('commune', { lon: 7.7463, lat: 48.6119 })?.code).toBe('67447');
		expect(real.find('commune', { lon: 7.3, lat: 48.3 })).toBeUndefined();
	});
});
if (!existsSync(shared)) console.warn(`[point-in-polygon.test] ${shared} absent: real-outline test skipped`);
