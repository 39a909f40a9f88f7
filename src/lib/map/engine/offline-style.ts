/**
 * The built-in basemap: no tile server, only what this site serves (outlines from /carte/contours.json,
 * commune names at their centres, glyphs from /glyphs). Also the source of the overlay layers (choropleth,
 * clusters, points) that every basemap gets.
 */
import { TILE_LAYER } from '$lib/domain/map/scale';
import type { LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import type { LonLat } from '$lib/geo/types';
import { OFFLINE_FONT, OFFLINE_FONT_BOLD } from '$lib/domain/map/basemaps';
import { CLUSTER_MAX_ZOOM } from './types';
import { ICON_EXPRESSION } from './feature-ids';
import { route } from '$lib/links';

const empty = (): FeatureCollection => ({ type: 'FeatureCollection', features: [] });

export function offlineStyle(
	origin: string,
	communeLabels: { name: string; at: LonLat }[]
): StyleSpecification {
	return {
		version: 8,
		name: 'Carto ESS hors ligne',
		glyphs: origin + route.glyphsTemplate(),
		sources: {
			'commune-labels': {
				type: 'geojson',
				data: {
					type: 'FeatureCollection',
					features: communeLabels.map((c) => ({
						type: 'Feature',
						geometry: { type: 'Point', coordinates: [c.at.lon, c.at.lat] },
						properties: { name: c.name }
					}))
				}
			}
		},
		layers: [
			{ id: 'background', type: 'background', paint: { 'background-color': '#eef2f0' } },
			{
				id: 'commune-labels',
				type: 'symbol',
				source: 'commune-labels',
				layout: {
					'text-field': ['get', 'name'],
					'text-font': [OFFLINE_FONT],
					'text-size': 12,
					'text-optional': true
				},
				paint: { 'text-color': '#4a5360', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 }
			}
		]
	};
}

/** Sources the app adds on top of any basemap (and adds again after a style change). */
/**
 * The glyph files the offline style needs at first sight: the commune names' character ranges in the
 * regular face, and digits for the cluster counts in bold. The page preloads them, so the labels do not
 * wait for a round trip that MapLibre only starts once its worker has laid out the first tiles.
 */
export function offlineGlyphPaths(labels: readonly string[]): string[] {
	const ranges = new Set<number>();
	for (const label of labels) for (const ch of label) ranges.add(Math.floor(ch.codePointAt(0)! / 256));
	const path = (font: string, r: number) => route.glyphs(font, r * 256);
	return [...[...ranges].sort((a, b) => a - b).map((r) => path(OFFLINE_FONT, r)), path(OFFLINE_FONT_BOLD, 0)];
}

export function overlaySources(
	origin: string,
	outlinesAttribution: string | undefined,
	hasOutlines: boolean,
	/** Above the threshold: the server's cluster tiles (template URL) instead of a clustered GeoJSON source. */
	tiles?: string
): Record<string, SourceSpecification> {
	return {
		outlines: {
			type: 'geojson',
			// Without imported outlines there is nothing to fetch.
			data: hasOutlines ? origin + route.mapOutlines() : empty(),
			...(outlinesAttribution ? { attribution: outlinesAttribution } : {})
		},
		around: { type: 'geojson', data: empty() },
		points: tiles
			? { type: 'vector', tiles: [tiles], minzoom: 0, maxzoom: 18 }
			: {
					type: 'geojson',
					data: empty(),
					cluster: true,
					clusterRadius: 50,
					clusterMaxZoom: CLUSTER_MAX_ZOOM
				},
		selected: { type: 'geojson', data: empty() }
	};
}

export function overlayLayers(
	font: string[] | undefined,
	choropleth: boolean,
	offline: boolean,
	tiled = false
): LayerSpecification[] {
	const layers: LayerSpecification[] = [
		{
			id: 'quartiers-fill',
			type: 'fill',
			source: 'outlines',
			filter: ['==', ['get', 'kind'], 'quartier'],
			layout: { visibility: choropleth ? 'visible' : 'none' },
			paint: { 'fill-color': ['get', 'colour'], 'fill-opacity': 0.75 }
		},
		{
			id: 'communes-line',
			type: 'line',
			source: 'outlines',
			filter: ['==', ['get', 'kind'], 'commune'],
			// On a real basemap the communes are already drawn: only the offline style needs them.
			layout: { visibility: offline ? 'visible' : 'none' },
			paint: { 'line-color': '#7d8a86', 'line-width': 1 }
		},
		{
			id: 'quartiers-line',
			type: 'line',
			source: 'outlines',
			filter: ['==', ['get', 'kind'], 'quartier'],
			layout: { visibility: offline || choropleth ? 'visible' : 'none' },
			paint: { 'line-color': '#5b6763', 'line-width': 1, 'line-dasharray': [3, 2] }
		},
		{
			id: 'around-fill',
			type: 'fill',
			source: 'around',
			paint: { 'fill-color': '#1a4fd6', 'fill-opacity': 0.08 }
		},
		{
			id: 'around-line',
			type: 'line',
			source: 'around',
			paint: { 'line-color': '#1a4fd6', 'line-width': 2 }
		},
		{
			id: 'clusters',
			type: 'circle',
			source: 'points',
			filter: ['has', 'point_count'],
			paint: {
				'circle-color': '#ffffff',
				'circle-stroke-color': '#1b1f24',
				'circle-stroke-width': 2,
				'circle-radius': ['step', ['get', 'point_count'], 14, 10, 17, 100, 21, 1000, 25]
			}
		}
	];
	if (font) {
		layers.push({
			id: 'cluster-count',
			type: 'symbol',
			source: 'points',
			filter: ['has', 'point_count'],
			layout: {
				'text-field': ['get', 'point_count_abbreviated'],
				'text-font': font,
				'text-size': 13,
				'text-allow-overlap': true,
				'text-ignore-placement': true
			},
			paint: { 'text-color': '#1b1f24' }
		});
	}
	layers.push(
		{
			id: 'points',
			type: 'symbol',
			source: 'points',
			filter: ['!', ['has', 'point_count']],
			layout: {
				'icon-image': ICON_EXPRESSION,
				'icon-allow-overlap': true,
				'icon-ignore-placement': true
			}
		},
		{
			id: 'selected-halo',
			type: 'circle',
			source: 'selected',
			paint: {
				'circle-radius': 17,
				'circle-color': 'rgba(26, 79, 214, 0.15)',
				'circle-stroke-color': '#1a4fd6',
				'circle-stroke-width': 3
			}
		},
		{
			id: 'selected-point',
			type: 'symbol',
			source: 'selected',
			layout: {
				'icon-image': ICON_EXPRESSION,
				'icon-size': 1.3,
				'icon-allow-overlap': true,
				'icon-ignore-placement': true
			}
		}
	);
	// The server's tiles hold the points in one layer of that name (src/lib/domain/map/scale.ts).
	if (tiled)
		return layers.map((l) =>
			'source' in l && l.source === 'points'
				? ({ ...l, 'source-layer': TILE_LAYER } as LayerSpecification)
				: l
		);
	return layers;
}
