import { describe, expect, it } from 'vitest';
import { NO_FILTERS } from './filter';
import { decodePoints, encodeMapPoints } from './points';
import { filterKey, parseAround, tileCorner, tileOf, tilesCovering } from './scale';
import { clustersQuerySchema, listQuerySchema, tileParamsSchema } from './scale-parse';
import { dict, points } from './test-points';

describe('filterKey', () => {
	it('is empty without filters and canonical with them', () => {
		expect(filterKey('', { ...NO_FILTERS })).toBe('');
		const a = filterKey('jardin', { ...NO_FILTERS, secteur: ['jardins', 'reemploi'] });
		const b = filterKey('jardin', { ...NO_FILTERS, secteur: ['jardins', 'reemploi'] });
		expect(a).toBe(b);
		expect(a).toBe('q=jardin&secteur=jardins,reemploi');
	});
	it('adds "autour de moi" rounded', () => {
		const k = filterKey('', { ...NO_FILTERS }, { center: { lon: 7.7512345678, lat: 48.58 }, radius: 1000.4 });
		expect(k).toBe('autour=7.75123,48.58000,1000');
		expect(parseAround('7.75123,48.58000,1000')).toEqual({
			center: { lon: 7.75123, lat: 48.58 },
			radius: 1000
		});
		expect(parseAround('7.7,48.5')).toBeUndefined();
		expect(parseAround('7.7,48.5,10')).toBeUndefined();
		expect(parseAround(null)).toBeUndefined();
	});
});

describe('tile maths', () => {
	it('finds the tile of a point and back', () => {
		const t = tileOf(7.75, 48.58, 12);
		expect(t).toEqual({ x: 2136, y: 1413 });
		const nw = tileCorner(12, t.x, t.y);
		const se = tileCorner(12, t.x + 1, t.y + 1);
		expect(nw.lon).toBeLessThanOrEqual(7.75);
		expect(se.lon).toBeGreaterThan(7.75);
		expect(nw.lat).toBeGreaterThanOrEqual(48.58);
		expect(se.lat).toBeLessThan(48.58);
	});
	it('lists the tiles covering a box', () => {
		const tiles = tilesCovering([7.6, 48.5, 7.9, 48.65], 10);
		expect(tiles.length).toBeGreaterThan(0);
		expect(tiles.every((t) => t.z === 10)).toBe(true);
		expect(tiles.length).toBe(new Set(tiles.map((t) => `${t.x}/${t.y}`)).size);
	});
	it('validates tile parameters in French', () => {
		expect(tileParamsSchema.parse({ version: '3', z: '2', x: '3', y: '1' })).toEqual({
			version: 3,
			z: 2,
			x: 3,
			y: 1
		});
		const bad = tileParamsSchema.safeParse({ version: '3', z: '2', x: '4', y: '1' });
		expect(bad.success).toBe(false);
		expect(bad.error?.issues[0].message).toBe('tuile hors de la grille de ce zoom');
		expect(
			tileParamsSchema.safeParse({ version: '3', z: 'a', x: '0', y: '0' }).error?.issues[0].message
		).toBe('zoom : nombre entier attendu');
	});
	it('validates list and cluster queries', () => {
		expect(listQuerySchema.parse({})).toEqual({ offset: 0, limit: 50 });
		expect(listQuerySchema.safeParse({ limit: '500' }).error?.issues[0].message).toBe(
			'taille de page : au plus 200'
		);
		expect(clustersQuerySchema.safeParse({ bbox: '1,2', zoom: '3' }).error?.issues[0].message).toMatch(
			/^zone/
		);
		expect(clustersQuerySchema.parse({ bbox: '7.7,48.5,7.8,48.6', zoom: '12' }).bbox).toEqual([
			7.7, 48.5, 7.8, 48.6
		]);
	});
});

describe('encodeMapPoints', () => {
	it('round-trips a subset with its own dictionary', () => {
		const subset = [points[1], points[3]];
		const payload = encodeMapPoints(subset, dict, 7);
		expect(payload.dict.length).toBeLessThan(dict.length);
		const back = decodePoints(payload).points;
		expect(
			back.map((p) => [p.id, p.lon, p.lat, p.primary, p.commune, p.codes.map((i) => payload.dict[i])])
		).toEqual(subset.map((p) => [p.id, p.lon, p.lat, p.primary, p.commune, p.codes.map((i) => dict[i])]));
	});
});
