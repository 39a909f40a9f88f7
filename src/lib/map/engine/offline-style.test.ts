import { describe, expect, it } from 'vitest';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { offlineGlyphPaths, offlineStyle, overlayLayers, overlaySources } from './offline-style';

const ORIGIN = 'http://carto.test';

describe('map styles', () => {
	// MapLibre reports an invalid layer through an 'error' event, not an exception: a layer that fails
	// validation simply never shows. The style specification's own validator catches it here.
	it('the offline style with every overlay is valid', () => {
		const base = offlineStyle(ORIGIN, [{ name: 'Strasbourg', at: { lon: 7.75, lat: 48.58 } }]);
		for (const choropleth of [false, true]) {
			const style = {
				...base,
				sources: { ...base.sources, ...overlaySources(ORIGIN, 'IGN', true) },
				layers: [...base.layers, ...overlayLayers(['DejaVu Sans Bold'], choropleth, true)]
			};
			expect(validateStyleMin(style).map((e) => e.message)).toEqual([]);
		}
	});

	it('the overlays are valid on a basemap without fonts', () => {
		const style = {
			version: 8 as const,
			sources: overlaySources(ORIGIN, undefined, false),
			layers: overlayLayers(undefined, false, false)
		};
		expect(validateStyleMin(style).map((e) => e.message)).toEqual([]);
	});
});

describe('offline glyphs to preload', () => {
	it('covers every character of the labels, and digits in bold', () => {
		expect(offlineGlyphPaths(['Strasbourg', 'Eckbolsheim'])).toEqual([
			'/glyphs/DejaVu Sans Book/0-255.pbf',
			'/glyphs/DejaVu Sans Bold/0-255.pbf'
		]);
		// Œ is U+0152, ’ is U+2019.
		expect(offlineGlyphPaths(['Œuvre’s'])).toEqual([
			'/glyphs/DejaVu Sans Book/0-255.pbf',
			'/glyphs/DejaVu Sans Book/256-511.pbf',
			'/glyphs/DejaVu Sans Book/8192-8447.pbf',
			'/glyphs/DejaVu Sans Bold/0-255.pbf'
		]);
	});
});
