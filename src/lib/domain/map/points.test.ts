import { describe, expect, it } from 'vitest';
import type { Initiative, Organisation } from '../records';
import { decodePoints, encodePoints, isApproximate } from './points';
import { layersOfRecord, markerSvg, layer } from './layers';

const base = {
	description: 'x',
	status: 'published' as const,
	sources: [{ reference: 'test', seen: '2026-11-29' }],
	lastVerified: '2026-11-29',
	confidence: 'high' as const,
	caveats: [],
	tags: [],
	contact: {}
};

const org = {
	...base,
	kind: 'organisation',
	id: 'cae-x',
	slug: 'cae-x-strasbourg',
	name: 'CAE X',
	roles: ['accompagnateur', 'acteur'],
	legalForm: 'cae',
	isEss: true,
	approvals: [],
	fiscalStatus: 'fiscalisee',
	thematiques: ['emploi'],
	sectors: ['accompagnement'],
	communeCode: '67482',
	quartierCode: 'SQ_02',
	location: { lon: 7.7625123, lat: 48.5778456, precision: 'address' }
} as unknown as Organisation;

const init = {
	...base,
	kind: 'initiative',
	id: 'jardin',
	slug: 'jardin',
	name: 'Jardin',
	initiativeType: 'jardin-partage',
	isEss: false,
	carrier: { kind: 'association' },
	needs: [],
	thematiques: [],
	sectors: ['jardins'],
	communeCode: '67447',
	location: { lon: 7.74, lat: 48.61, precision: 'commune' }
} as unknown as Initiative;

const unplaced = { ...init, id: 'nowhere', slug: 'nowhere', location: undefined } as Initiative;

describe('encodePoints / decodePoints', () => {
	const payload = encodePoints([org, init, unplaced], 7);

	it('keeps placed records only, with shared codes and rounded coordinates', () => {
		expect(payload.version).toBe(7);
		expect(payload.points).toHaveLength(2);
		expect(payload.points[0].slice(0, 7)).toEqual(['cae-x', 0, 'CAE X', 7.76251, 48.57785, 0, 5]);
		expect(payload.points[0][8]).toBe('cae-x-strasbourg');
		expect(payload.points[1]).toHaveLength(8); // slug omitted when equal to the id
		expect(new Set(payload.dict).size).toBe(payload.dict.length);
	});

	it('round-trips through JSON to the points the map and list use', () => {
		const { dict, points } = decodePoints(JSON.parse(JSON.stringify(payload)));
		const [a, b] = points;
		expect(a).toMatchObject({
			id: 'cae-x',
			slug: 'cae-x-strasbourg',
			kind: 'organisation',
			precision: 'address',
			primary: 'financeurs',
			layers: 5
		});
		expect(a).toMatchObject({ commune: '67482', quartier: 'SQ_02', synthetic: false });
		expect(a.codes.map((i) => dict[i])).toEqual(
			expect.arrayContaining([
				't:emploi',
				's:accompagnement',
				'c:67482',
				'q:SQ_02',
				'r:accompagnateur',
				'e:1'
			])
		);
		expect(b).toMatchObject({ kind: 'initiative', primary: 'initiatives', precision: 'commune', layers: 2 });
		expect(b.commune).toBe('67447');
		expect(b.quartier).toBeUndefined();
		expect(isApproximate(b)).toBe(true);
		expect(isApproximate(a)).toBe(false);
	});
});

describe('layersOfRecord', () => {
	it('puts an actor-and-adviser in both layers, drawn as its first role', () => {
		expect(layersOfRecord({ kind: 'organisation', roles: ['acteur', 'accompagnateur'] })).toEqual({
			primary: 'structures',
			mask: 5
		});
		expect(layersOfRecord({ kind: 'organisation', roles: ['financeur'] })).toEqual({
			primary: 'financeurs',
			mask: 4
		});
		expect(layersOfRecord({ kind: 'initiative' })).toEqual({ primary: 'initiatives', mask: 2 });
	});
});

describe('markerSvg', () => {
	it('draws approximate positions hollow and dashed, exact ones filled', () => {
		const l = layer('initiatives');
		expect(markerSvg(l, false)).toContain(`fill="${l.colour}"`);
		expect(markerSvg(l, true)).toContain('fill="#ffffff"');
		expect(markerSvg(l, true)).toContain('stroke-dasharray');
	});
});
