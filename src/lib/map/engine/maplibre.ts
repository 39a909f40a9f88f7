/**
 * The WebGL engine: MapLibre GL with a clustered GeoJSON source. Loaded lazily (dynamic import) with its
 * worker, so the page and its list never wait for this chunk.
 * MapLibre 6 traps: ESM only, so named imports (a `.default` builds and breaks at run time); setWorkerUrl
 * before creating a map ("Worker failed to load" otherwise); the glyphs URL built by concatenation (`new URL()`
 * encodes its braces); fadeDuration 0, or every step waits ~300 ms for the symbol fade before 'idle'.
 */
import {
	AttributionControl,
	Map as MaplibreMap,
	NavigationControl,
	prewarm,
	setWorkerUrl,
	type GeoJSONSource,
	type VectorTileSource,
	type MapGeoJSONFeature,
	type StyleSpecification
} from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import cssUrl from 'maplibre-gl/dist/maplibre-gl.css?url';
import type { FeatureCollection, Point } from 'geojson';
import { circlePolygon } from '$lib/geo/circle';
import { escapeHtml } from '../html';
import { BASEMAPS, OFFLINE_FONT_BOLD, type BasemapFallbackReason } from '$lib/domain/map/basemaps';
import { decodeFeatureId, encodeFeatureId, GENERATIONS, styleOf } from './feature-ids';
import { offlineStyle, overlayLayers, overlaySources } from './offline-style';
import { isApproximate, type MapPoint } from '$lib/domain/map/points';
import { loadCss } from './css';
import { adaptiveResolution } from './resolution';
import { softwareWebGL } from '../webgl';
import { allIcons, ICON_PIXEL_RATIO } from './icons';
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

const OVERLAY_SOURCES = new Set(['outlines', 'around', 'points', 'selected', 'commune-labels']);
/** How long the configured basemap may take before the offline style replaces it. */
const STYLE_TIMEOUT_MS = 8000;
/** Radius, in pixels, of the keyboard crosshair's catch area. */
const CENTRE_RADIUS = 22;

const FRENCH = {
	'AttributionControl.ToggleAttribution': 'Afficher ou masquer les sources',
	'Map.Title': 'Carte',
	'NavigationControl.ZoomIn': 'Zoomer',
	'NavigationControl.ZoomOut': 'Dézoomer',
	'NavigationControl.ResetBearing': 'Réorienter vers le nord',
	'ScaleControl.Meters': 'm',
	'ScaleControl.Kilometers': 'km'
};

/** The features of one array of points; their ids say which point and which icon (feature-ids.ts). */
function toFeatures(points: readonly MapPoint[], generation: number): FeatureCollection<Point> {
	return {
		type: 'FeatureCollection',
		features: points.map((p, i) => ({
			type: 'Feature',
			id: encodeFeatureId(i, generation, styleOf(p.primary, isApproximate(p))),
			geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
			// No properties at all: MapLibre copies even an empty object once per point into its worker.
			properties: null
		}))
	};
}

let warmed = false;
/** Starts MapLibre's worker now, so its start-up overlaps whatever the page does before creating the map. */
export function warm() {
	if (warmed) return;
	warmed = true;
	setWorkerUrl(workerUrl);
	prewarm();
	void loadCss(cssUrl);
}

export const createEngine: CreateEngine = async (o) => {
	warm();
	await loadCss(cssUrl);
	const basemap = BASEMAPS[o.basemap];
	let offline = o.basemap === 'offline' || !basemap.styleUrl;
	const base = (): StyleSpecification | string =>
		offline ? offlineStyle(o.origin, o.communeLabels) : basemap.styleUrl!;

	const resolution = adaptiveResolution(softwareWebGL(), devicePixelRatio);
	const map = new MaplibreMap({
		container: o.container,
		style: base(),
		...(o.view
			? { center: [o.view.lon, o.view.lat], zoom: o.view.zoom }
			: { bounds: o.home, fitBoundsOptions: { padding: 20 } }),
		maxZoom: MAX_ZOOM,
		maxBounds: [6.9, 48.1, 8.6, 49.1],
		fadeDuration: 0,
		attributionControl: false,
		dragRotate: false,
		pitchWithRotate: false,
		touchPitch: false,
		locale: o.words
			? {
					...FRENCH,
					'AttributionControl.ToggleAttribution': o.words.toggleAttribution,
					'Map.Title': o.words.map,
					'NavigationControl.ZoomIn': o.words.zoomIn,
					'NavigationControl.ZoomOut': o.words.zoomOut,
					'NavigationControl.ResetBearing': o.words.resetBearing
				}
			: FRENCH,
		pixelRatio: resolution.initial
	});
	resolution.attach(map);
	map.touchZoomRotate.disableRotation();
	map.keyboard.disableRotation();
	map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
	// compact: false keeps the sources written out at every width ("attribution always visible"). The
	// credit is the basemap actually drawn: the offline style when it replaced the configured one.
	const credit = () =>
		new AttributionControl({
			compact: false,
			customAttribution: offline ? BASEMAPS.offline.attribution : basemap.attribution
		});
	let attribution = credit();
	map.addControl(attribution, 'bottom-right');
	const canvas = map.getCanvas();
	canvas.setAttribute('aria-label', o.ariaLabel ?? 'Carte des lieux');
	canvas.setAttribute('aria-roledescription', o.words?.role ?? 'carte');

	/** The points drawn, by generation: the current array and the one before (feature-ids.ts). */
	const drawn: (readonly MapPoint[])[] = Array.from({ length: GENERATIONS }, () => []);
	let generation = 0;
	/** The record a rendered point stands for. */
	let remote: RemotePoints | undefined = o.remote;
	const tilesUrl = (r: RemotePoints) => o.origin + route.mapTiles(r);
	const pointId = (f: {
		id?: string | number;
		properties?: Record<string, unknown> | null;
	}): string | undefined => {
		// The server's tiles name the record in a property (their ids are the server's, not this page's).
		if (remote) return typeof f.properties?.i === 'string' ? f.properties.i : undefined;
		if (typeof f.id !== 'number') return undefined;
		const { index, generation: g } = decodeFeatureId(f.id);
		return drawn[g]?.[index]?.id;
	};
	/** The records rendered features stand for, leaving out any no longer drawn. */
	const pointIds = (
		features: { id?: string | number; properties?: Record<string, unknown> | null }[]
	): string[] => features.map(pointId).filter((id): id is string => id !== undefined);
	let selected: FeatureCollection = { type: 'FeatureCollection', features: [] };
	let around: FeatureCollection = { type: 'FeatureCollection', features: [] };
	let choropleth = false;
	let styleReady = false;
	let styleReadyResolve!: () => void;
	/** Resolves when the overlays exist (first style, or the offline style after a fallback). */
	const overlaysReady = new Promise<void>((resolve) => (styleReadyResolve = resolve));
	let tileLoaded = false;
	let tileErrors = 0;

	const fallback = (reason: BasemapFallbackReason) => {
		if (offline) return;
		offline = true;
		styleReady = false;
		clearTimeout(timer);
		map.setStyle(base());
		map.removeControl(attribution);
		attribution = credit();
		map.addControl(attribution, 'bottom-right');
		o.callbacks.onBasemapFallback({ basemap: basemap.code, reason });
	};
	const timer = setTimeout(() => {
		if (!styleReady) fallback('timeout');
	}, STYLE_TIMEOUT_MS);

	map.on('error', (e) => {
		if (offline) return;
		const sourceId = (e as { sourceId?: string }).sourceId;
		if (!styleReady) fallback('style');
		else if (sourceId && !OVERLAY_SOURCES.has(sourceId) && !tileLoaded && ++tileErrors >= 4)
			fallback('tiles');
	});
	map.on('data', (e) => {
		const sourceId = (e as { sourceId?: string }).sourceId;
		if (e.dataType === 'source' && 'tile' in e && e.tile && sourceId && !OVERLAY_SOURCES.has(sourceId))
			tileLoaded = true;
	});

	const src = (id: string) => map.getSource<GeoJSONSource>(id);

	map.on('style.load', () => {
		styleReady = true;
		if (offline) clearTimeout(timer);
		for (const { name, image } of allIcons()) {
			if (!map.hasImage(name)) map.addImage(name, image, { pixelRatio: ICON_PIXEL_RATIO });
		}
		// Each source starts with what the page already gave: no empty-then-filled round trip to the worker.
		// An overlay with nothing to show waits until it has (each source costs the worker a load per tile and
		// the map a frame, about 180 ms of the first idle at 10k points). addOverlay puts the layers in place
		// whatever the order of the calls.
		if (remote) addOverlay('points');
		else addOverlay('points', toFeatures(drawn[generation % GENERATIONS], generation));
		if (o.hasOutlines) addOverlay('outlines');
		if (around.features.length) addOverlay('around', around);
		if (selected.features.length) addOverlay('selected', selected);
		styleReadyResolve();
	});

	/** Adds an overlay source with its layers, each in its place among the overlays already there. */
	function addOverlay(id: string, data?: FeatureCollection) {
		if (map.getSource(id)) return;
		const outlineSources = o.outlineAttribution ? escapeHtml(o.outlineAttribution) : undefined;
		const spec = overlaySources(o.origin, outlineSources, o.hasOutlines, remote && tilesUrl(remote))[id];
		map.addSource(id, data ? ({ ...spec, data } as typeof spec) : spec);
		const layers = overlayLayers(offline ? [OFFLINE_FONT_BOLD] : styleFont(), choropleth, offline, !!remote);
		layers.forEach((l, i) => {
			if (!('source' in l) || l.source !== id || map.getLayer(l.id)) return;
			const before = layers.slice(i + 1).find((next) => map.getLayer(next.id));
			map.addLayer(l, before?.id);
		});
	}

	/** Shows new data in an overlay, creating it the first time it has something to show. */
	function showOverlay(id: 'selected' | 'around', data: FeatureCollection) {
		const source = src(id);
		if (source) void source.setData(data);
		// Before the style is ready, its style.load handler adds the overlay with the data.
		else if (styleReady && data.features.length) addOverlay(id, data);
	}

	function styleFont(): string[] | undefined {
		for (const l of map.getStyle().layers ?? []) {
			const font = l.type === 'symbol' ? l.layout?.['text-font'] : undefined;
			if (Array.isArray(font) && font.length && font.every((f) => typeof f === 'string'))
				return font as string[];
		}
		return undefined;
	}

	const view = () => {
		const c = map.getCenter();
		const b = map.getBounds();
		o.callbacks.onView({ zoom: Math.round(map.getZoom() * 100) / 100, lat: c.lat, lon: c.lng }, [
			b.getWest(),
			b.getSouth(),
			b.getEast(),
			b.getNorth()
		]);
	};
	map.on('moveend', () => {
		view();
		if (document.activeElement === canvas) o.callbacks.onCentre(centreInfo());
	});
	canvas.addEventListener('focus', () => o.callbacks.onCentre(centreInfo()));
	canvas.addEventListener('keydown', (e) => {
		if (e.key === 'Enter') {
			e.preventDefault();
			activateCentre();
		}
	});

	/** The rendered clusters or points nearest to a pixel, all points at that exact spot together. */
	function nearest(x: number, y: number, radius: number): MapGeoJSONFeature[] {
		if (!map.getLayer('points')) return [];
		const found = map.queryRenderedFeatures(
			[
				[x - radius, y - radius],
				[x + radius, y + radius]
			],
			{ layers: ['clusters', 'points'] }
		);
		let best: MapGeoJSONFeature | undefined;
		let bestD = Infinity;
		for (const f of found) {
			const [lon, lat] = (f.geometry as Point).coordinates;
			const p = map.project([lon, lat]);
			const d = (p.x - x) ** 2 + (p.y - y) ** 2;
			if (d < bestD) [best, bestD] = [f, d];
		}
		if (!best) return [];
		if (best.properties?.cluster) return [best];
		const [bx, by] = (best.geometry as Point).coordinates;
		const same = found.filter((f) => {
			if (f.properties?.cluster) return false;
			const [fx, fy] = (f.geometry as Point).coordinates;
			return fx === bx && fy === by;
		});
		// A point can be rendered twice (tile edges): keep each id once.
		return [...new Map(same.map((f) => [pointId(f), f])).values()];
	}

	function centreInfo(): CentreInfo {
		const { width, height } = canvas.getBoundingClientRect();
		const found = nearest(width / 2, height / 2, CENTRE_RADIUS);
		if (!found.length) return { type: 'none' };
		if (found[0].properties?.cluster)
			return { type: 'cluster', count: Number(found[0].properties?.point_count) };
		const id = pointId(found[0]);
		if (id === undefined) return { type: 'none' };
		const tileName = found[0].properties?.n;
		return {
			type: 'point',
			id,
			name: typeof tileName === 'string' ? tileName : (o.nameOf(id) ?? id),
			count: found.length
		};
	}

	async function activate(found: MapGeoJSONFeature[]) {
		if (!found.length) return;
		const f = found[0];
		if (!f.properties?.cluster) {
			const ids = pointIds(found);
			if (ids.length > 1) o.callbacks.onSameSpot(ids);
			else if (ids.length) o.callbacks.onSelect(ids[0]);
			return;
		}
		const clusterId = Number(f.properties?.cluster_id);
		const count = Number(f.properties?.point_count);
		const [lon, lat] = (f.geometry as Point).coordinates;
		if (remote) {
			// The server's cluster: where it opens, and its leaves when they are few.
			const res = await fetch(route.mapCluster(remote, clusterId));
			if (!res.ok) return;
			const c = (await res.json()) as { zoom: number; leaves?: { id: string; lon: number; lat: number }[] };
			const one = c.leaves?.[0];
			if (one && c.leaves!.every((l) => l.lon === one.lon && l.lat === one.lat)) {
				o.callbacks.onSameSpot(c.leaves!.map((l) => l.id));
				return;
			}
			map.easeTo({ center: [lon, lat], zoom: Math.min(c.zoom, MAX_ZOOM) });
			return;
		}
		const source = src('points');
		if (!source) return;
		if (count <= SAME_SPOT_MAX) {
			const leaves = await source.getClusterLeaves(clusterId, count, 0);
			const first = (leaves[0]?.geometry as Point | undefined)?.coordinates;
			const together = leaves.every((l) => {
				const c = (l.geometry as Point).coordinates;
				return first && c[0] === first[0] && c[1] === first[1];
			});
			if (together) {
				o.callbacks.onSameSpot(pointIds(leaves));
				return;
			}
		}
		const zoom = await source.getClusterExpansionZoom(clusterId);
		map.easeTo({ center: [lon, lat], zoom: Math.min(zoom, MAX_ZOOM) });
	}

	function activateCentre() {
		const { width, height } = canvas.getBoundingClientRect();
		void activate(nearest(width / 2, height / 2, CENTRE_RADIUS));
	}

	map.on('click', (e) => void activate(nearest(e.point.x, e.point.y, 6)));
	for (const id of ['clusters', 'points']) {
		map.on('mouseenter', id, () => (canvas.style.cursor = 'pointer'));
		map.on('mouseleave', id, () => (canvas.style.cursor = ''));
	}

	// The engine is returned at once: points given before the style is ready go in with the first sources.
	map.once('load', view);

	const engine: MapEngine = {
		kind: 'maplibre',
		async setPoints(points) {
			if (remote) return;
			generation++;
			drawn[generation % GENERATIONS] = points;
			const source = src('points');
			if (source) await source.setData(toFeatures(points, generation));
			else await overlaysReady; // the style.load handler adds the source with the points of `drawn`
			await resolution.settled(map);
		},
		async setRemote(r, reload) {
			const changed = !remote || r.key !== remote.key || r.version !== remote.version;
			remote = r;
			const source = map.getSource<VectorTileSource>('points');
			// The same URLs set again reload every tile (a stand-in's tiles are served `no-store`).
			if (source && (changed || reload)) source.setTiles([tilesUrl(r)]);
			else if (!source) await overlaysReady;
			await resolution.settled(map);
		},
		setSelected(p) {
			selected = toFeatures(p ? [p] : [], 0);
			showOverlay('selected', selected);
		},
		setAround(a) {
			around = { type: 'FeatureCollection', features: a ? [circlePolygon(a.center, a.radius)] : [] };
			showOverlay('around', around);
		},
		setChoropleth(on) {
			choropleth = on;
			if (map.getLayer('quartiers-fill')) {
				map.setLayoutProperty('quartiers-fill', 'visibility', on ? 'visible' : 'none');
				map.setLayoutProperty('quartiers-line', 'visibility', on || offline ? 'visible' : 'none');
			}
		},
		showPoint(p) {
			map.easeTo({ center: [p.lon, p.lat], zoom: Math.max(map.getZoom(), POINT_ZOOM), duration: 400 });
		},
		fitBounds(b) {
			map.fitBounds(b, { padding: 30, maxZoom: POINT_ZOOM, duration: 400 });
		},
		activateCentre,
		resize: () => map.resize(),
		destroy() {
			clearTimeout(timer);
			map.remove();
		}
	};
	o.bench?.({
		features() {
			if (!map.getLayer('points')) return [];
			const seen = new Set<string>();
			const out: RenderedFeature[] = [];
			for (const f of map.queryRenderedFeatures({ layers: ['clusters', 'points'] })) {
				const [lon, lat] = (f.geometry as Point).coordinates;
				const cluster = !!f.properties?.cluster;
				const id = cluster ? undefined : pointId(f);
				if (!cluster && id === undefined) continue;
				const key = cluster ? `c${f.properties?.cluster_id}` : `p${id}`;
				if (seen.has(key)) continue;
				seen.add(key);
				const px = map.project([lon, lat]);
				out.push({
					type: cluster ? 'cluster' : 'point',
					count: cluster ? Number(f.properties?.point_count) : 1,
					id,
					lon,
					lat,
					x: px.x,
					y: px.y
				});
			}
			return out;
		},
		step(step) {
			const done = resolution.settled(map);
			if (step.type === 'zoom') map.easeTo({ zoom: map.getZoom() + step.delta, duration: 300 });
			else map.panBy([step.dx, step.dy], { duration: 300 });
			return done;
		}
	});
	return engine;
};
