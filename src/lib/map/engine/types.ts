/**
 * What the page asks of a map engine. Two implementations: MapLibre (WebGL) and Leaflet with
 * markercluster (no WebGL). Both are loaded with a dynamic import, so the page and its list never wait for
 * them, and nothing outside src/lib/map knows which one runs.
 */
import type { Bbox, LonLat } from '$lib/geo/types';
import type { BasemapCode, BasemapFallback } from '$lib/domain/map/basemaps';
import type { Around } from '$lib/domain/map/filter';
import type { MapPoint } from '$lib/domain/map/points';
import type { MapView } from '$lib/domain/map/map-url';
import type { RemotePoints } from '$lib/domain/map/scale';
import type { BenchHooks } from './bench';

export type EngineKind = 'maplibre' | 'leaflet';

/** What lies under the keyboard crosshair (the centre of the map). */
export type CentreInfo =
	| { type: 'cluster'; count: number }
	| { type: 'point'; id: string; name: string; count: number }
	| { type: 'none' };

export interface EngineCallbacks {
	/** After every move, with the rounded view and the visible box. */
	onView(view: MapView, bounds: Bbox): void;
	onSelect(id: string): void;
	/** Several records at the same spot: the page lists them. */
	onSameSpot(ids: string[]): void;
	/** The configured basemap failed; the engine fell back to the offline style. */
	onBasemapFallback(fallback: BasemapFallback): void;
	onCentre(info: CentreInfo): void;
}

export interface EngineOptions {
	container: HTMLElement;
	basemap: BasemapCode;
	/** Origin of this site, for the glyphs and outlines URLs. */
	origin: string;
	view?: MapView;
	/** Shown when no view is given: the Eurométropole. */
	home: Bbox;
	communeLabels: { name: string; at: LonLat }[];
	/** A point's name, for the crosshair's announcements (the engine keeps no copy of the data). */
	nameOf(id: string): string | undefined;
	/** The map's accessible name (default "Carte des lieux"). */
	ariaLabel?: string;
	/** The controls' words in the page's language (French when absent). */
	words?: EngineWords;
	/** Whether commune or quartier outlines were imported (else /carte/contours.json is not even asked). */
	hasOutlines: boolean;
	/** Where the imported outlines come from (the `source` given to geo:import), credited on the map. */
	outlineAttribution?: string;
	callbacks: EngineCallbacks;
	/**
	 * Above the threshold (src/lib/domain/map/scale.ts): the map draws the server's clusters for these
	 * filters (MapLibre: vector tiles; Leaflet: clusters as JSON per view) and `setPoints` is not called.
	 */
	remote?: RemotePoints;
	/** Given only on a page opened with ?bench=1: receives the benchmark and test hooks (bench.ts). */
	bench?: (hooks: BenchHooks) => void;
}

export interface MapEngine {
	readonly kind: EngineKind;
	/** Resolves once the points are drawn (MapLibre: next 'idle' after the worker took them; Leaflet: clustered). */
	setPoints(points: readonly MapPoint[]): Promise<void>;
	/**
	 * Large stores: the server's clusters for other filters (same data version). Resolves once drawn.
	 * `reload`: the same clusters asked again (the server's stand-in is replaced by the exact index).
	 */
	setRemote(remote: RemotePoints, reload?: boolean): Promise<void>;
	setSelected(point: MapPoint | undefined): void;
	setAround(around: Around | undefined): void;
	/** Quartiers coloured by number of initiatives (needs quartier outlines). */
	setChoropleth(on: boolean): void;
	/** Centres the map on a point, zooming in enough to see it apart from its neighbours. */
	showPoint(p: LonLat): void;
	fitBounds(b: Bbox): void;
	/** Enter on the map: opens the point or the cluster under the crosshair. */
	activateCentre(): void;
	resize(): void;
	destroy(): void;
}

export type CreateEngine = (options: EngineOptions) => Promise<MapEngine>;

/** Zoom at which a selected point is shown: close enough to be apart from its neighbours. */
export const POINT_ZOOM = 16;
export const CLUSTER_MAX_ZOOM = 16;
export const MAX_ZOOM = 19;
/** Leaves fetched to tell "several records at the same spot" from "a cluster to zoom into". */
export const SAME_SPOT_MAX = 60;

/**
 * A small map to place one point by hand (the proposal and record forms): a draggable marker, a click or
 * Enter at the crosshair to put it somewhere else. The page keeps the typed longitude and latitude, the form's
 * real fields, in step with it.
 */
export interface PinOptions {
	container: HTMLElement;
	basemap: BasemapCode;
	origin: string;
	/** Where the map opens, and the marker with it. */
	at: LonLat;
	zoom: number;
	ariaLabel: string;
	/** The marker was put somewhere by hand (dragged, clicked, Enter): its new position. */
	onPin(p: LonLat): void;
	/** The configured basemap failed; the engine fell back to the offline style. */
	onBasemapFallback(fallback: BasemapFallback): void;
}

export interface PinEngine {
	readonly kind: EngineKind;
	/** Moves the marker (from the typed fields) and brings it into view; no onPin. */
	setPin(p: LonLat): void;
	destroy(): void;
}

export type CreatePinEngine = (options: PinOptions) => Promise<PinEngine>;

/** What the map's own controls say: the page passes them in its language (the engines import no messages). */
export interface EngineWords {
	map: string;
	/** `aria-roledescription` of the map. */
	role: string;
	zoomIn: string;
	zoomOut: string;
	resetBearing: string;
	toggleAttribution: string;
}
