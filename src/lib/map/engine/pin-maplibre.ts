/**
 * The pin map on WebGL: MapLibre with a draggable marker. Loaded only when someone chooses to place a point
 * on a map (a dynamic import from PinPicker.svelte): the forms cost no map otherwise.
 * MapLibre 6's draggable default marker is a focusable button whose arrow keys nudge it (1 pixel, 10 with
 * Shift), firing the same dragend as a mouse drag.
 */
import {
	AttributionControl,
	Map as MaplibreMap,
	Marker,
	NavigationControl,
	setWorkerUrl,
	type StyleSpecification
} from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import cssUrl from 'maplibre-gl/dist/maplibre-gl.css?url';
import { BASEMAPS, type BasemapFallbackReason } from '$lib/domain/map/basemaps';
import { loadCss } from './css';
import { offlineStyle } from './offline-style';
import { adaptiveResolution } from './resolution';
import { softwareWebGL } from '../webgl';
import { MAX_ZOOM, type CreatePinEngine, type PinEngine } from './types';

const STYLE_TIMEOUT_MS = 8000;
export const PIN_COLOUR = '#0b5d57';

const FRENCH = {
	'AttributionControl.ToggleAttribution': 'Afficher ou masquer les sources',
	'Map.Title': 'Carte',
	'Marker.Title': 'Repère du lieu, déplaçable avec les flèches',
	'NavigationControl.ZoomIn': 'Zoomer',
	'NavigationControl.ZoomOut': 'Dézoomer',
	'NavigationControl.ResetBearing': 'Réorienter vers le nord'
};

export const createPinEngine: CreatePinEngine = async (o) => {
	setWorkerUrl(workerUrl);
	await loadCss(cssUrl);
	const basemap = BASEMAPS[o.basemap];
	let offline = o.basemap === 'offline' || !basemap.styleUrl;
	const style = (): StyleSpecification | string => (offline ? offlineStyle(o.origin, []) : basemap.styleUrl!);
	const resolution = adaptiveResolution(softwareWebGL(), devicePixelRatio);
	const map = new MaplibreMap({
		container: o.container,
		style: style(),
		center: [o.at.lon, o.at.lat],
		zoom: o.zoom,
		maxZoom: MAX_ZOOM,
		maxBounds: [6.9, 48.1, 8.6, 49.1],
		fadeDuration: 0,
		attributionControl: false,
		dragRotate: false,
		pitchWithRotate: false,
		touchPitch: false,
		locale: FRENCH,
		pixelRatio: resolution.initial
	});
	resolution.attach(map);
	map.touchZoomRotate.disableRotation();
	map.keyboard.disableRotation();
	map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
	map.addControl(
		new AttributionControl({ compact: false, customAttribution: basemap.attribution }),
		'bottom-right'
	);
	const canvas = map.getCanvas();
	canvas.setAttribute('aria-label', o.ariaLabel);
	canvas.setAttribute('aria-roledescription', 'carte');

	let styleReady = false;
	const fallback = (reason: BasemapFallbackReason) => {
		if (offline) return;
		offline = true;
		clearTimeout(timer);
		map.setStyle(style());
		o.onBasemapFallback({ basemap: basemap.code, reason });
	};
	const timer = setTimeout(() => {
		if (!styleReady) fallback('timeout');
	}, STYLE_TIMEOUT_MS);
	map.on('style.load', () => {
		styleReady = true;
		clearTimeout(timer);
	});
	map.on('error', () => {
		if (!styleReady) fallback('style');
	});

	const marker = new Marker({ draggable: true, color: PIN_COLOUR })
		.setLngLat([o.at.lon, o.at.lat])
		.addTo(map);
	const placed = () => {
		const { lng, lat } = marker.getLngLat();
		o.onPin({ lon: lng, lat });
	};
	marker.on('dragend', placed);
	map.on('click', (e) => {
		marker.setLngLat(e.lngLat);
		placed();
	});
	// The map's own keys pan (arrows) and zoom (+ and -); Enter puts the marker under the crosshair.
	canvas.addEventListener('keydown', (e) => {
		if (e.key !== 'Enter') return;
		e.preventDefault();
		marker.setLngLat(map.getCenter());
		placed();
	});

	await new Promise<void>((resolve) => (map.loaded() ? resolve() : map.once('load', () => resolve())));
	const engine: PinEngine = {
		kind: 'maplibre',
		setPin(p) {
			marker.setLngLat([p.lon, p.lat]);
			if (!map.getBounds().contains([p.lon, p.lat])) map.easeTo({ center: [p.lon, p.lat], duration: 300 });
		},
		destroy() {
			clearTimeout(timer);
			map.remove();
		}
	};
	return engine;
};
