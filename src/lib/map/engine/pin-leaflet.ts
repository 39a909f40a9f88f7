/**
 * The pin map without WebGL: Leaflet with a draggable marker, the same behaviour as pin-maplibre.ts (drag,
 * click, Enter at the crosshair; the marker is a focusable button whose arrow keys nudge it, 1 pixel or 10
 * with Shift, as MapLibre's own marker does). Leaflet touches `window` when imported: loaded only by a
 * dynamic import in the browser.
 */
import type * as Leaflet from 'leaflet';
import leafletCss from 'leaflet/dist/leaflet.css?url';
import { BASEMAPS } from '$lib/domain/map/basemaps';
import { loadCss } from './css';
import { MAX_ZOOM, type CreatePinEngine, type PinEngine } from './types';

// Zoom levels of the app are MapLibre's (512-pixel tiles); Leaflet counts 256-pixel tiles, one level more.
const toLeaflet = (z: number) => Math.round(z + 1);
const NUDGE: Record<string, [number, number]> = {
	ArrowLeft: [-1, 0],
	ArrowRight: [1, 0],
	ArrowUp: [0, -1],
	ArrowDown: [0, 1]
};

const PIN_SVG =
	'<svg xmlns="http://www.w3.org/2000/svg" width="28" height="40" viewBox="0 0 28 40" aria-hidden="true">' +
	'<path d="M14 1C7 1 1 6.6 1 13.6 1 23 14 39 14 39s13-16 13-25.4C27 6.6 21 1 14 1z" fill="#0b5d57" stroke="#fff" stroke-width="2"/>' +
	'<circle cx="14" cy="14" r="5" fill="#fff"/></svg>';

export const createPinEngine: CreatePinEngine = async (o) => {
	const css = loadCss(leafletCss);
	const L = (await import('leaflet')).default;
	await css;
	const basemap = BASEMAPS[o.basemap];
	const map = L.map(o.container, {
		zoomControl: true,
		maxZoom: toLeaflet(MAX_ZOOM),
		maxBounds: [
			[48.1, 6.9],
			[49.1, 8.6]
		],
		keyboard: true,
		attributionControl: true
	}).setView([o.at.lat, o.at.lon], toLeaflet(o.zoom));
	map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
	map.zoomControl.setPosition('topright');
	for (const [selector, label] of [
		['.leaflet-control-zoom-in', 'Zoomer'],
		['.leaflet-control-zoom-out', 'Dézoomer']
	]) {
		const button = o.container.querySelector(selector);
		button?.setAttribute('title', label);
		button?.setAttribute('aria-label', label);
	}
	o.container.setAttribute('aria-label', o.ariaLabel);
	o.container.setAttribute('role', 'region');
	o.container.setAttribute('aria-roledescription', 'carte');

	const offline = () => {
		o.container.classList.add('carto-offline');
		map.attributionControl.addAttribution(BASEMAPS.offline.attribution);
	};
	if (basemap.raster) {
		let loaded = false;
		let errors = 0;
		const tiles = L.tileLayer(basemap.raster.url, {
			maxNativeZoom: basemap.raster.maxZoom,
			maxZoom: toLeaflet(MAX_ZOOM),
			tileSize: basemap.raster.tileSize,
			attribution: basemap.attribution
		});
		tiles.on('tileload', () => (loaded = true));
		tiles.on('tileerror', () => {
			if (loaded || ++errors < 4) return;
			map.removeLayer(tiles);
			offline();
			o.onBasemapFallback({ basemap: basemap.code, reason: 'tiles' });
		});
		tiles.addTo(map);
	} else {
		offline();
		if (o.basemap !== 'offline') o.onBasemapFallback({ basemap: basemap.code, reason: 'webgl' });
	}

	const marker = L.marker([o.at.lat, o.at.lon], {
		draggable: true,
		keyboard: true,
		title: 'Repère du lieu, déplaçable avec les flèches',
		alt: 'Repère du lieu',
		icon: L.divIcon({ className: 'carto-pin', html: PIN_SVG, iconSize: [28, 40], iconAnchor: [14, 39] })
	}).addTo(map);
	const placed = () => {
		const { lat, lng } = marker.getLatLng();
		o.onPin({ lon: lng, lat });
	};
	marker.on('dragend', placed);
	map.on('click', (e: Leaflet.LeafletMouseEvent) => {
		marker.setLatLng(e.latlng);
		placed();
	});
	const element = marker.getElement();
	element?.setAttribute('role', 'button');
	element?.setAttribute('aria-label', 'Repère du lieu, déplaçable avec les flèches');
	element?.addEventListener('keydown', (e) => {
		const step = NUDGE[e.key];
		if (!step) return;
		// The map would pan with the same keys: the focused marker takes them.
		e.preventDefault();
		e.stopPropagation();
		const by = e.shiftKey ? 10 : 1;
		const at = map.latLngToContainerPoint(marker.getLatLng()).add([step[0] * by, step[1] * by]);
		marker.setLatLng(map.containerPointToLatLng(at));
		placed();
	});
	o.container.addEventListener('keydown', (e) => {
		if (e.key !== 'Enter' || e.target !== o.container) return;
		e.preventDefault();
		marker.setLatLng(map.getCenter());
		placed();
	});

	const engine: PinEngine = {
		kind: 'leaflet',
		setPin(p) {
			marker.setLatLng([p.lat, p.lon]);
			if (!map.getBounds().contains([p.lat, p.lon])) map.panTo([p.lat, p.lon]);
		},
		destroy() {
			map.remove();
		}
	};
	return engine;
};
