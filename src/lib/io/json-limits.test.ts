import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseGeoJson } from './geojson-table';
import {
	BOUNDARY_GEOJSON_LIMITS,
	checkJsonLimits,
	parseJsonWithLimits,
	RECORD_GEOJSON_LIMITS
} from './json-limits';

const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
const point = (props: string) =>
	`{"type":"FeatureCollection","features":[{"type":"Feature","properties":${props},"geometry":{"type":"Point","coordinates":[7.75,48.58]}}]}`;

describe('JSON limits', () => {
	it('refuses a document nested past the limit before parsing, naming where', () => {
		const r = parseJsonWithLimits(deep(100_000), RECORD_GEOJSON_LIMITS);
		expect(r).toEqual({
			ok: false,
			reason: 'limit',
			message: expect.stringMatching(/^JSON trop imbriqué : plus de 24 niveaux/)
		});
	});

	it('counts brackets inside strings as text', () => {
		const text = JSON.stringify({ a: '['.repeat(1000) + '{'.repeat(1000), b: '\\"[[[' });
		expect(parseJsonWithLimits(text, { maxChars: 1e6, maxDepth: 2, maxValues: 10 }).ok).toBe(true);
	});

	it('refuses a huge coordinates array, and too long a text, in French', () => {
		const coords = `[${Array.from({ length: 5000 }, () => '[7.7,48.5]').join(',')}]`;
		const r = checkJsonLimits(coords, { maxChars: 1e9, maxDepth: 10, maxValues: 1000 });
		expect(r).toEqual({
			ok: false,
			message: expect.stringMatching(/^JSON trop volumineux : plus de 1\u202f000 valeurs/)
		});
		expect(checkJsonLimits('[1,2]', { maxChars: 3, maxDepth: 10, maxValues: 10 })).toEqual({
			ok: false,
			message: expect.stringMatching(/^fichier trop lourd/)
		});
	});

	it('leaves syntax errors to JSON.parse and accepts what fits', () => {
		expect(parseJsonWithLimits('{"a": [1,', RECORD_GEOJSON_LIMITS)).toMatchObject({
			ok: false,
			reason: 'syntax'
		});
		expect(parseJsonWithLimits('\ufeff{"a":[1,[2]]}', RECORD_GEOJSON_LIMITS)).toEqual({
			ok: true,
			value: { a: [1, [2]] }
		});
	});

	it('agrees with JSON.parse on any JSON value within the limits (property)', () => {
		fc.assert(
			fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => {
				const text = JSON.stringify(v);
				expect(parseJsonWithLimits(text, BOUNDARY_GEOJSON_LIMITS)).toEqual({
					ok: true,
					value: JSON.parse(text)
				});
			})
		);
	});
});

describe('GeoJSON import limits', () => {
	it('refuses a property nested thousands of levels deep with a French message, never a throw', () => {
		const r = parseGeoJson(point(`{"x":${deep(5000)}}`));
		expect(r).toEqual({ ok: false, message: expect.stringMatching(/^GeoJSON refusé : JSON trop imbriqué/) });
	});

	it('still reads a property holding a little JSON', () => {
		const r = parseGeoJson(point('{"name":"A","tags":[["a"],["b"]]}'));
		expect(r.ok).toBe(true);
	});
});
