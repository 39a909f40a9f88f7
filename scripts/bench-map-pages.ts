/**
 * Bare benchmark pages for `npm run bench:map` (served from a temporary folder, never by the app):
 * - markercluster: Leaflet + leaflet.markercluster with chunked loading and div icons, the way GoGoCarto and
 *   the maps built on it draw their points (markercluster with chunkedLoading in GoGoCartoJs's map component,
 *   https://github.com/pixelhumain/GoGoCartoJs): the baseline;
 * - maplibre: MapLibre GL with a clustered GeoJSON source and nothing else, to tell the library's cost from
 *   the app's.
 * Both read the app's own compact points (points.json) and expose the same hooks as the app's `?bench=1`:
 * performance marks and `window.__cartoBench.step()`.
 */

const COMMON = `
const params = new URLSearchParams(location.search);
const box = document.getElementById('map');
box.style.width = (params.get('w') || 850) + 'px';
box.style.height = (params.get('h') || 600) + 'px';
const HOME = [[48.4341, 7.5381], [48.7019, 7.8963]];
async function points() {
	const payload = await (await fetch('points.json')).json();
	return payload.points;
}`;

export const MARKERCLUSTER_HTML = `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Référence : Leaflet + markercluster</title>
<link rel="stylesheet" href="leaflet.css"><link rel="stylesheet" href="MarkerCluster.css"><link rel="stylesheet" href="MarkerCluster.Default.css">
<style>body{margin:0}.m{width:12px;height:12px;border-radius:50%;background:#0b5d55;border:2px solid #fff}</style>
</head><body><div id="map"></div>
<script src="leaflet.js"></script><script src="leaflet.markercluster.js"></script>
<script>
${COMMON}
const map = L.map('map', { maxZoom: 19 }).fitBounds(HOME, { padding: [20, 20] });
const icon = L.divIcon({ className: 'm', iconSize: [16, 16] });
points().then((list) => {
	const group = L.markerClusterGroup({
		chunkedLoading: true,
		showCoverageOnHover: false,
		chunkProgress: (done, total) => {
			if (total === list.length && done === total)
				requestAnimationFrame(() => performance.mark('carto:map-idle'));
		}
	});
	group.addTo(map);
	group.addLayers(list.map((p) => L.marker([p[4], p[3]], { icon })));
});
window.__cartoBench = {
	step(s) {
		return new Promise((resolve) => {
			map.once('moveend', () => requestAnimationFrame(() => requestAnimationFrame(resolve)));
			if (s.type === 'zoom') map.setZoom(map.getZoom() + s.delta);
			else map.panBy([s.dx, s.dy]);
		});
	}
};
</script></body></html>`;

export const MAPLIBRE_HTML = `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Référence : MapLibre seul</title>
<link rel="stylesheet" href="maplibre-gl.css"><style>body{margin:0}</style>
</head><body><div id="map"></div>
<script type="module">
import { Map, setWorkerUrl } from './maplibre-gl.mjs';
${COMMON}
setWorkerUrl(new URL('maplibre-gl-worker.mjs', location.href).href);
const map = new Map({
	container: 'map',
	bounds: [7.5381, 48.4341, 7.8963, 48.7019],
	fitBoundsOptions: { padding: 20 },
	maxZoom: 19,
	fadeDuration: 0,
	style: {
		version: 8,
		glyphs: location.origin + '/glyphs/{fontstack}/{range}.pbf',
		sources: {},
		layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#eef2f0' } }]
	}
});
const list = points();
map.on('load', async () => {
	const features = (await list).map((p) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [p[3], p[4]] }, properties: { id: p[0] } }));
	map.addSource('p', { type: 'geojson', data: { type: 'FeatureCollection', features }, cluster: true, clusterRadius: 50, clusterMaxZoom: 16 });
	map.addLayer({ id: 'c', type: 'circle', source: 'p', filter: ['has', 'point_count'], paint: { 'circle-color': '#fff', 'circle-stroke-width': 2, 'circle-radius': 16 } });
	map.addLayer({ id: 'n', type: 'symbol', source: 'p', filter: ['has', 'point_count'], layout: { 'text-field': ['get', 'point_count_abbreviated'], 'text-font': ['DejaVu Sans Bold'], 'text-size': 13 } });
	map.addLayer({ id: 'u', type: 'circle', source: 'p', filter: ['!', ['has', 'point_count']], paint: { 'circle-color': '#0b5d55', 'circle-radius': 6 } });
	map.once('idle', () => performance.mark('carto:map-idle'));
});
window.__cartoBench = {
	step(s) {
		return new Promise((resolve) => {
			map.once('idle', () => resolve());
			if (s.type === 'zoom') map.easeTo({ zoom: map.getZoom() + s.delta, duration: 300 });
			else map.panBy([s.dx, s.dy], { duration: 300 });
		});
	}
};
</script></body></html>`;
