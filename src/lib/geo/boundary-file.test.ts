import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseBoundaryFile, type KnownAreas } from './boundary-file';
import { SHARED_COMMUNES_GEOJSON, square } from './test-shapes';

const known: KnownAreas = {
	communes: [
		{ code: '67482', name: 'Strasbourg' },
		{ code: '67447', name: 'Schiltigheim' }
	],
	quartiers: [
		{ code: 'SQ_07', slug: 'meinau', name: 'Meinau' },
		{
			code: 'SQ_08',
			slug: 'neudorf-schluthfeld-port-du-rhin-musau',
			name: 'Neudorf – Schluthfeld – Port du Rhin – Musau'
		}
	],
	qpv: [{ slug: 'risler', name: 'Risler' }]
};

const feature = (properties: Record<string, unknown>, geometry: object = square(7.7, 48.5, 7.8, 48.6)) => ({
	type: 'Feature',
	properties,
	geometry
});
const fc = (...features: object[]) => ({ type: 'FeatureCollection', features });

describe('parseBoundaryFile', () => {
	it('reads communes by INSEE code with the name beside it', () => {
		const r = parseBoundaryFile(fc(feature({ code: '67482', nom: 'Strasbourg' })), 'commune', known);
		expect(r.ok && r.boundaries.map((b) => [b.kind, b.code, b.name])).toEqual([
			['commune', '67482', 'Strasbourg']
		]);
	});
	it('maps quartier numbers and names to our SQ codes', () => {
		const r = parseBoundaryFile(
			fc(
				feature({ numero: 7, nom: 'Meinau' }),
				feature({ nom: 'Neudorf - Schluthfeld - Port du Rhin - Musau' })
			),
			'quartier',
			known
		);
		expect(r.ok && r.boundaries.map((b) => b.code)).toEqual(['SQ_07', 'SQ_08']);
	});
	it('maps a QPV by name to its slug', () => {
		const r = parseBoundaryFile(fc(feature({ code_qp: 'QN06701M', nom_qp: 'Risler' })), 'qpv', known);
		expect(r.ok && r.boundaries[0].code).toBe('risler');
	});
	it('honours an explicit code field', () => {
		const r = parseBoundaryFile(fc(feature({ INSEE: '67447' })), 'commune', known, { codeField: 'INSEE' });
		expect(r.ok).toBe(true);
	});
	it('refuses unknown codes and lists them with the expected ones', () => {
		const r = parseBoundaryFile(
			fc(feature({ code: '67482' }), feature({ code: '75056' }), feature({ code: '69123' })),
			'commune',
			known
		);
		expect(r).toEqual({ ok: false, errors: ['communes inconnues : 75056, 69123 (connues : 67482, 67447)'] });
	});
	it('refuses a self-intersecting polygon and names the feature', () => {
		const bowtie = {
			type: 'Polygon',
			coordinates: [
				[
					[7.7, 48.5],
					[7.8, 48.6],
					[7.8, 48.5],
					[7.7, 48.6],
					[7.7, 48.5]
				]
			]
		};
		const r = parseBoundaryFile(fc(feature({ code: '67482' }, bowtie)), 'commune', known);
		expect(r.ok).toBe(false);
		expect(!r.ok && r.errors[0]).toMatch(/^features\.0 \(67482\) : géométrie invalide/);
	});
	it('refuses an open ring, a point geometry and an empty file with specific messages', () => {
		const open = {
			type: 'Polygon',
			coordinates: [
				[
					[7.7, 48.5],
					[7.8, 48.5],
					[7.8, 48.6],
					[7.7, 48.6]
				]
			]
		};
		const r1 = parseBoundaryFile(fc(feature({ code: '67482' }, open)), 'commune', known);
		expect(!r1.ok && r1.errors.join()).toMatch(/anneau non fermé/);
		const r2 = parseBoundaryFile(
			fc(feature({ code: '67482' }, { type: 'Point', coordinates: [7.7, 48.5] })),
			'commune',
			known
		);
		expect(!r2.ok && r2.errors.join()).toMatch(/Polygon ou MultiPolygon/);
		const r3 = parseBoundaryFile(fc(), 'commune', known);
		expect(!r3.ok && r3.errors.join()).toMatch(/vide/);
		const r4 = parseBoundaryFile({ type: 'Feature' }, 'commune', known);
		expect(!r4.ok && r4.errors.join()).toMatch(/FeatureCollection/);
	});
	it('explains projected coordinates (Lambert-93) instead of importing them', () => {
		const lambert = square(1048000, 6838000, 1052000, 6842000);
		const r = parseBoundaryFile(fc(feature({ code: '67482' }, lambert)), 'commune', known);
		expect(!r.ok && r.errors[0]).toMatch(/WGS84.*Lambert-93/);
	});
	it('refuses the same area twice and a feature without a code', () => {
		const r = parseBoundaryFile(
			fc(feature({ code: '67482' }), feature({ code: '67482' }), feature({})),
			'commune',
			known
		);
		expect(!r.ok && r.errors).toEqual([
			'features.1 (67482) : 67482 figure déjà en features.0',
			expect.stringMatching(/^features\.2 : code introuvable/)
		]);
	});
});

const shared = fileURLToPath(SHARED_COMMUNES_GEOJSON);
describe.skipIf(!existsSync(shared))('the real commune file (../shared/geo)', () => {
	it('is valid and gives 33 communes when all are known', () => {
		const json = JSON.parse(readFileSync(shared, 'utf8')) as {
			features: { properties: { code: string; nom: string } }[];
		};
		const all: KnownAreas = {
			...known,
			communes: json.features.map((f) => ({ code: f.properties.code, name: f.properties.nom }))
		};
		const r = parseBoundaryFile(json, 'commune', all);
		expect(r.ok && r.boundaries.length).toBe(33);
	});
});
