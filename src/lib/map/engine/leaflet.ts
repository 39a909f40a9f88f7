/**
 * The engine for browsers without WebGL (old office machines, remote desktops): Leaflet with
 * leaflet.markercluster, the same data, selection, filters, same-spot lists and URL state as MapLibre.
 * Leaflet touches `window` when imported: this module is only ever loaded by a dynamic import in the browser.
 */
import type * as Leaflet from 'leaflet';
import leafletCss from 'leaflet/dist/leaflet.css?url';
import clusterCss from 'leaflet.markercluster/dist/MarkerCluster.css?url';
import { loadCss } from './css';
import { circlePolygon } from '$lib/geo/circle';
import { escapeHtml } from '../html';
import { BASEMAPS } from '$lib/domain/map/basemaps';
import { MAP_LAYERS, layer, markerSvg } from '$lib/domain/map/layers';
import { isApproximate, type MapPoint } from '$lib/domain/map/points';
import {
	MAX_ZOOM,
	POINT_ZOOM,
	SAME_SPOT_MAX,
	type CentreInfo,
	type CreateEngine,
	type MapEngine
} from './types';
import type { RenderedFeature } from './bench';
import { route } from '$lib/links';
import type { RemotePoints } from '$lib/domain/map/scale';

const CENTRE_RADIUS = 22;
/**
 * Zoom levels in the URL and the app are MapLibre's (512-pixel tiles); Leaflet counts 256-pixel tiles, one
 * level more for the same scale. Converting here keeps a shared link at the same scale in both engines.
 */
const toLeaflet = (z: number) => z + 1;
const fromLeaflet = (z: number) => z - 1;

type PointMarker = Leaflet.Marker & { options: Leaflet.MarkerOptions & { pointId: string } };
/** Large stores: one of the server's clusters (its id and size) or one of its points. */
type RemoteMarker = Leaflet.Marker & {
	options: Leaflet.MarkerOptions & { pointId?: string; clusterId?: number; count?: number };
};
type RemoteItem =
	| { type: 'cluster'; lon: number; lat: number; count: number; cluster: number }
	| { type: 'point'; lon: number; lat: number; id: string; name: string; style: number };

export const createEngine: CreateEngine = async (o) => {
	const css = Promise.all([loadCss(leafletCss), loadCss(clusterCss)]);
	const L = (await import('leaflet')).default;
	// leaflet.markercluster is a UMD plugin that extends the global `L`.
	(window as unknown as { L: typeof L }).L = L;
	await import('leaflet.markercluster');
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
	});
	map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
	map.zoomControl.setPosition('topright');
	const zoomIn = o.container.querySelector('.leaflet-control-zoom-in');
	const zoomOut = o.container.querySelector('.leaflet-control-zoom-out');
	zoomIn?.setAttribute('title', o.words?.zoomIn ?? 'Zoomer');
	zoomIn?.setAttribute('aria-label', o.words?.zoomIn ?? 'Zoomer');
	zoomOut?.setAttribute('title', o.words?.zoomOut ?? 'Dézoomer');
	zoomOut?.setAttribute('aria-label', o.words?.zoomOut ?? 'Dézoomer');
	o.container.setAttribute('aria-label', o.ariaLabel ?? 'Carte des lieux');
	o.container.setAttribute('role', 'region');
	o.container.setAttribute('aria-roledescription', o.words?.role ?? 'carte');
	if (o.view) map.setView([o.view.lat, o.view.lon], Math.round(toLeaflet(o.view.zoom)));
	else
		map.fitBounds(
			[
				[o.home[1], o.home[0]],
				[o.home[3], o.home[2]]
			],
			{ padding: [20, 20] }
		);

	// --- basemap ------------------------------------------------------------------------------------
	const outlines = L.geoJSON(undefined, {
		interactive: false,
		style: (f) =>
			f?.properties.kind === 'quartier'
				? { color: '#5b6763', weight: 1, dashArray: '3 2', fillColor: f.properties.colour, fillOpacity: 0 }
				: { color: '#7d8a86', weight: 1, fill: false }
	}).addTo(map);
	let choropleth = false;
	const applyChoropleth = () =>
		outlines.eachLayer((l) => {
			const path = l as Leaflet.Path & { feature?: GeoJSON.Feature };
			if (path.feature?.properties?.kind === 'quartier')
				path.setStyle({ fillOpacity: choropleth ? 0.75 : 0 });
		});
	if (o.hasOutlines)
		void fetch(o.origin + route.mapOutlines())
			.then((r) => (r.ok ? r.json() : undefined))
			.then((fc) => {
				if (fc) {
					outlines.addData(fc);
					applyChoropleth();
				}
			})
			.catch(() => undefined);
	if (o.outlineAttribution) map.attributionControl.addAttribution(escapeHtml(o.outlineAttribution));

	const labels = L.layerGroup(
		o.communeLabels.map((c) =>
			L.marker([c.at.lat, c.at.lon], {
				interactive: false,
				keyboard: false,
				icon: L.divIcon({ className: 'carto-commune-label', html: escapeHtml(c.name), iconSize: undefined })
			})
		)
	);
	let tiles: Leaflet.TileLayer | undefined;
	const useOffline = () => {
		o.container.classList.add('carto-offline');
		labels.addTo(map);
		map.attributionControl.addAttribution(BASEMAPS.offline.attribution);
	};
	if (basemap.raster) {
		let loaded = false;
		let errors = 0;
		tiles = L.tileLayer(basemap.raster.url, {
			maxNativeZoom: basemap.raster.maxZoom,
			maxZoom: toLeaflet(MAX_ZOOM),
			tileSize: basemap.raster.tileSize,
			attribution: basemap.attribution
		});
		tiles.on('tileload', () => (loaded = true));
		tiles.on('tileerror', () => {
			if (!loaded && ++errors >= 4 && tiles) {
				map.removeLayer(tiles);
				tiles = undefined;
				useOffline();
				o.callbacks.onBasemapFallback({ basemap: basemap.code, reason: 'tiles' });
			}
		});
		tiles.addTo(map);
	} else {
		useOffline();
		if (o.basemap !== 'offline') o.callbacks.onBasemapFallback({ basemap: basemap.code, reason: 'webgl' });
	}

	// --- points -------------------------------------------------------------------------------------
	const icons = new Map<string, Leaflet.DivIcon>();
	for (const l of MAP_LAYERS) {
		for (const approx of [false, true]) {
			icons.set(
				`${l.key}-${approx ? 'a' : 'e'}`,
				L.divIcon({ className: 'carto-marker', html: markerSvg(l, approx, 22), iconSize: [22, 22] })
			);
			icons.set(
				`${l.key}-${approx ? 'a' : 'e'}-sel`,
				L.divIcon({
					className: 'carto-marker carto-selected',
					html: markerSvg(l, approx, 30, true),
					iconSize: [30, 30]
				})
			);
		}
	}
	const iconOf = (p: MapPoint, sel = false) =>
		icons.get(`${layer(p.primary).key}-${isApproximate(p) ? 'a' : 'e'}${sel ? '-sel' : ''}`)!;

	let expected = 0;
	let drawn: (() => void) | undefined;
	const done = () => requestAnimationFrame(() => drawn?.());
	const group = L.markerClusterGroup({
		chunkedLoading: true,
		showCoverageOnHover: false,
		spiderfyOnMaxZoom: false,
		zoomToBoundsOnClick: false,
		maxClusterRadius: 60,
		disableClusteringAtZoom: toLeaflet(MAX_ZOOM),
		iconCreateFunction: (cluster) => {
			const n = cluster.getChildCount();
			const size = n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 44 : 52;
			return L.divIcon({
				className: 'carto-cluster',
				html: `<span>${n}</span><span class="visually-hidden"> lieux</span>`,
				iconSize: [size, size]
			});
		},
		// chunkProgress also fires once with 0/0 before any marker is processed: wait for the expected total.
		chunkProgress: (processed, total) => {
			if (total === expected && processed === total) done();
		}
	});
	group.addTo(map); // before addLayers: the other order grows quadratically (2.7 s instead of 1.8 s at 50k)

	group.on('click', (e) => {
		const marker = e.layer as PointMarker;
		o.callbacks.onSelect(marker.options.pointId);
	});
	group.on(
		'clusterclick',
		(e) => void activateCluster((e as unknown as { layer: Leaflet.MarkerCluster }).layer)
	);

	function activateCluster(cluster: Leaflet.MarkerCluster) {
		const children = cluster.getAllChildMarkers() as PointMarker[];
		const first = children[0].getLatLng();
		const together = children.length <= SAME_SPOT_MAX && children.every((m) => m.getLatLng().equals(first));
		if (together || map.getZoom() >= map.getMaxZoom())
			o.callbacks.onSameSpot(children.map((m) => m.options.pointId));
		else cluster.zoomToBounds({ padding: [30, 30] });
	}

	// --- large stores: the server's clusters of the view, asked again after each move ----------------
	let remote: RemotePoints | undefined = o.remote;
	// A feature group, not a layer group: only it passes its markers' clicks on.
	const remoteLayer = L.featureGroup().addTo(map);
	const remoteNames = new Map<string, string>();
	let asked = 0;
	const clusterIcon = (n: number) => {
		const size = n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 44 : 52;
		return L.divIcon({
			className: 'carto-cluster',
			html: `<span>${n}</span><span class="visually-hidden"> lieux</span>`,
			iconSize: [size, size]
		});
	};
	async function refreshRemote(): Promise<void> {
		if (!remote) return;
		const ask = ++asked;
		const b = map.getBounds();
		const res = await fetch(
			route.mapClusters(
				remote,
				[b.getWest(), b.getSouth(), b.getEast(), b.getNorth()],
				fromLeaflet(map.getZoom())
			)
		);
		if (!res.ok || ask !== asked) return;
		const { items } = (await res.json()) as { items: RemoteItem[] };
		if (ask !== asked) return;
		remoteLayer.clearLayers();
		for (const it of items) {
			if (it.type === 'cluster') {
				const m = L.marker([it.lat, it.lon], {
					icon: clusterIcon(it.count),
					keyboard: false
				}) as RemoteMarker;
				m.options.clusterId = it.cluster;
				m.options.count = it.count;
				m.addTo(remoteLayer);
			} else {
				const l = MAP_LAYERS[Math.floor(it.style / 2)] ?? MAP_LAYERS[0];
				const m = L.marker([it.lat, it.lon], {
					icon: icons.get(`${l.key}-${it.style % 2 ? 'a' : 'e'}`)!,
					keyboard: false
				}) as RemoteMarker;
				m.options.pointId = it.id;
				remoteNames.set(it.id, it.name);
				m.addTo(remoteLayer);
			}
		}
	}
	async function openRemoteCluster(m: RemoteMarker) {
		if (!remote || m.options.clusterId === undefined) return;
		const res = await fetch(route.mapCluster(remote, m.options.clusterId));
		if (!res.ok) return;
		const c = (await res.json()) as { zoom: number; leaves?: { id: string; lon: number; lat: number }[] };
		const one = c.leaves?.[0];
		if (
			one &&
			(c.leaves!.every((l) => l.lon === one.lon && l.lat === one.lat) || map.getZoom() >= map.getMaxZoom())
		)
			o.callbacks.onSameSpot(c.leaves!.map((l) => l.id));
		else map.setView(m.getLatLng(), Math.min(toLeaflet(c.zoom), map.getMaxZoom()));
	}
	remoteLayer.on('click', (e) => {
		const m = e.layer as RemoteMarker;
		if (m.options.clusterId !== undefined) void openRemoteCluster(m);
		else if (m.options.pointId) o.callbacks.onSelect(m.options.pointId);
	});
	/** The markers on show: markercluster's, or the server's clusters and points. */
	const shownMarkers = (): Leaflet.Marker[] => {
		const out: Leaflet.Marker[] = [];
		const shown = remote
			? remoteLayer
			: (group as unknown as { _featureGroup: Leaflet.FeatureGroup })._featureGroup;
		shown.eachLayer((l) => void out.push(l as Leaflet.Marker));
		return out;
	};

	const selectedLayer = L.layerGroup().addTo(map);
	const aroundLayer = L.layerGroup().addTo(map);

	// --- keyboard and the crosshair -----------------------------------------------------------------
	/** The displayed marker or cluster nearest to a container point (markercluster keeps them in _featureGroup). */
	function nearest(x: number, y: number, radius: number): Leaflet.Marker | undefined {
		let best: Leaflet.Marker | undefined;
		let bestD = radius * radius;
		for (const l of shownMarkers()) {
			const p = map.latLngToContainerPoint(l.getLatLng());
			const d = (p.x - x) ** 2 + (p.y - y) ** 2;
			if (d <= bestD) [best, bestD] = [l, d];
		}
		return best;
	}
	const isCluster = (m: Leaflet.Marker): m is Leaflet.MarkerCluster => 'getChildCount' in m;
	const remoteCount = (m: Leaflet.Marker) => (m as RemoteMarker).options.count;
	function centre(): Leaflet.Marker | undefined {
		const size = map.getSize();
		return nearest(size.x / 2, size.y / 2, CENTRE_RADIUS);
	}
	function centreInfo(): CentreInfo {
		const m = centre();
		if (!m) return { type: 'none' };
		if (isCluster(m)) return { type: 'cluster', count: m.getChildCount() };
		const count = remoteCount(m);
		if (count !== undefined) return { type: 'cluster', count };
		const id = (m as PointMarker).options.pointId;
		return { type: 'point', id, name: remoteNames.get(id) ?? o.nameOf(id) ?? id, count: 1 };
	}
	function activateCentre() {
		const m = centre();
		if (!m) return;
		if (isCluster(m)) activateCluster(m);
		else if (remoteCount(m) !== undefined) void openRemoteCluster(m as RemoteMarker);
		else o.callbacks.onSelect((m as PointMarker).options.pointId);
	}
	o.container.addEventListener('keydown', (e) => {
		if (e.key !== 'Enter') return;
		// A focused cluster icon (markercluster makes them focusable buttons) opens itself; the map, its centre.
		const target = e.target as HTMLElement;
		let handled = false;
		if (target !== o.container) {
			(group as unknown as { _featureGroup: Leaflet.FeatureGroup })._featureGroup.eachLayer((l) => {
				if (!handled && (l as Leaflet.Marker).getElement() === target && isCluster(l as Leaflet.Marker)) {
					activateCluster(l as Leaflet.MarkerCluster);
					handled = true;
				}
			});
			if (!handled) return;
		} else activateCentre();
		e.preventDefault();
	});
	o.container.addEventListener('focus', () => o.callbacks.onCentre(centreInfo()));

	const view = () => {
		const c = map.getCenter();
		const b = map.getBounds();
		o.callbacks.onView({ zoom: fromLeaflet(map.getZoom()), lat: c.lat, lon: c.lng }, [
			b.getWest(),
			b.getSouth(),
			b.getEast(),
			b.getNorth()
		]);
	};
	map.on('moveend', () => {
		void refreshRemote();
		view();
		if (document.activeElement === o.container) o.callbacks.onCentre(centreInfo());
	});
	view();

	const engine: MapEngine = {
		kind: 'leaflet',
		setRemote(r) {
			remote = r;
			return refreshRemote();
		},
		setPoints(points) {
			if (remote) return Promise.resolve();
			group.clearLayers();
			expected = points.length;
			if (!points.length) return Promise.resolve();
			const finished = new Promise<void>((resolve) => (drawn = resolve));
			group.addLayers(
				points.map((p) => {
					const m = L.marker([p.lat, p.lon], { icon: iconOf(p), keyboard: false }) as PointMarker;
					m.options.pointId = p.id;
					return m;
				})
			);
			return finished;
		},
		setSelected(p) {
			selectedLayer.clearLayers();
			if (p)
				L.marker([p.lat, p.lon], {
					icon: iconOf(p, true),
					keyboard: false,
					interactive: false,
					zIndexOffset: 1000
				}).addTo(selectedLayer);
		},
		setAround(a) {
			aroundLayer.clearLayers();
			if (!a) return;
			const ring = circlePolygon(a.center, a.radius).geometry.coordinates[0].map(
				([lon, lat]) => [lat, lon] as [number, number]
			);
			L.polygon(ring, {
				color: '#1a4fd6',
				weight: 2,
				fillColor: '#1a4fd6',
				fillOpacity: 0.08,
				interactive: false
			}).addTo(aroundLayer);
		},
		setChoropleth(on) {
			choropleth = on;
			applyChoropleth();
		},
		showPoint(p) {
			map.setView([p.lat, p.lon], Math.max(map.getZoom(), toLeaflet(POINT_ZOOM)));
		},
		fitBounds(b) {
			map.fitBounds(
				[
					[b[1], b[0]],
					[b[3], b[2]]
				],
				{ padding: [30, 30], maxZoom: toLeaflet(POINT_ZOOM) }
			);
		},
		activateCentre,
		resize: () => map.invalidateSize(),
		destroy() {
			map.remove();
		}
	};
	o.bench?.({
		features() {
			const out: RenderedFeature[] = [];
			const bounds = map.getBounds();
			for (const m of shownMarkers()) {
				const at = m.getLatLng();
				if (!bounds.contains(at)) continue;
				const px = map.latLngToContainerPoint(at);
				const cluster = isCluster(m) || remoteCount(m) !== undefined;
				out.push({
					type: cluster ? 'cluster' : 'point',
					count: isCluster(m) ? m.getChildCount() : (remoteCount(m) ?? 1),
					id: cluster ? undefined : (m as PointMarker).options.pointId,
					lon: at.lng,
					lat: at.lat,
					x: px.x,
					y: px.y
				});
			}
			return out;
		},
		step(step) {
			return new Promise<void>((resolve) => {
				map.once('moveend', () => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
				if (step.type === 'zoom') map.setZoom(map.getZoom() + step.delta);
				else map.panBy([step.dx, step.dy]);
			});
		}
	});
	return engine;
};
