import { describe, expect, it } from 'vitest';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { offlineStyle, overlayLayers, overlaySources } from './offline-style';

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
