/**
 * The explorer's shareable state in the URL: map view, selection, text, filters, zone, phone view, basemap.
 *
 *   /?at=14/48.58180/7.75070&sel=csc-neudorf&q=jardin&couches=initiatives&thematique=...&secteur=...&lieu=SQ_08
 *     &zone=7.70,48.55,7.80,48.60&vue=carte&fond=ign&quartiers=1
 *
 * `sel` holds the record's id (stable, unlike the slug which may change, so old links keep working).
 * A bad value is ignored with a message (a shared link never breaks the page); unknown parameters are
 * ignored silently (campaign tags...). "Autour de moi" is deliberately not in the URL: it is where the
 * visitor is, which they should not share by copying a link.
 *
 * This module writes the URL and holds the plain checks of `at` and `zone`; the server reads it with zod
 * (map-url-parse.ts), so the explorer's first load, which only writes, carries no zod.
 */
import type { Bbox } from '../coordinates';
import type { BasemapCode } from './basemaps';
import { MAP_PARAMS, NO_FILTERS, type PointFilters } from './filter';
import { LAYER_CODES } from './layers';

export interface MapView {
	zoom: number;
	lat: number;
	lon: number;
}

export type PhoneView = 'liste' | 'carte';

export interface ExplorerUrlState {
	at?: MapView;
	sel?: string;
	q: string;
	filters: PointFilters;
	zone?: Bbox;
	vue: PhoneView;
	fond?: BasemapCode;
	/** Quartiers coloured by number of initiatives. */
	quartiers: boolean;
}

/** The explorer's parameters besides its filters (a filter's name must not be one of them). */
export const EXPLORER_OWN_PARAMS = ['at', 'sel', 'q', 'couches', 'zone', 'vue', 'fond', 'quartiers'] as const;

export interface Ignored {
	parameter: string;
	message: string;
}

export const MAX_QUERY = 200;
/** Items the list shows at first and adds per "Afficher plus" (the server renders the first page). */
export const LIST_STEP = 50;
/** Views outside this box are not about the Eurométropole: a typo or a crafted link. */
const VIEW_BOX: Bbox = [6.5, 47.5, 9, 49.5];

export function defaultState(): ExplorerUrlState {
	return { q: '', filters: { ...NO_FILTERS }, vue: 'liste', quartiers: false };
}

export function formatAt(v: MapView): string {
	return `${v.zoom.toFixed(2).replace(/\.?0+$/, '')}/${v.lat.toFixed(5)}/${v.lon.toFixed(5)}`;
}

export function parseAt(s: string): MapView | undefined {
	const m = /^(\d{1,2}(?:\.\d+)?)\/(-?\d{1,3}(?:\.\d+)?)\/(-?\d{1,3}(?:\.\d+)?)$/.exec(s);
	if (!m) return undefined;
	const [zoom, lat, lon] = [Number(m[1]), Number(m[2]), Number(m[3])];
	if (zoom < 0 || zoom > 22) return undefined;
	if (lon < VIEW_BOX[0] || lon > VIEW_BOX[2] || lat < VIEW_BOX[1] || lat > VIEW_BOX[3]) return undefined;
	return { zoom, lat, lon };
}

export function formatZone(b: Bbox): string {
	return b.map((v) => v.toFixed(5)).join(',');
}

export function parseZone(s: string): Bbox | undefined {
	const parts = s.split(',').map(Number);
	if (parts.length !== 4 || parts.some((v) => !Number.isFinite(v))) return undefined;
	const [w, so, e, n] = parts;
	if (w >= e || so >= n) return undefined;
	if (w < VIEW_BOX[0] || e > VIEW_BOX[2] || so < VIEW_BOX[1] || n > VIEW_BOX[3]) return undefined;
	return [w, so, e, n];
}

/** Only what differs from the defaults, in a fixed order, so equal states give equal URLs. */
export function explorerParams(s: ExplorerUrlState): URLSearchParams {
	const p = new URLSearchParams();
	if (s.q) p.set('q', s.q);
	const layers = s.filters.layers;
	if (layers.length === 0) p.set('couches', 'aucune');
	else if (layers.length < LAYER_CODES.length)
		p.set('couches', LAYER_CODES.filter((c) => layers.includes(c)).join(','));
	for (const { param } of MAP_PARAMS) {
		const values = s.filters[param] ?? [];
		if (values.length) p.set(param, values.join(','));
	}
	if (s.zone) p.set('zone', formatZone(s.zone));
	if (s.quartiers) p.set('quartiers', '1');
	if (s.vue !== 'liste') p.set('vue', s.vue);
	if (s.fond) p.set('fond', s.fond);
	if (s.at) p.set('at', formatAt(s.at));
	if (s.sel) p.set('sel', s.sel);
	return p;
}

/** `?a=1&b=2` with the slashes and commas of `at` and `zone` left readable. */
export function explorerSearch(s: ExplorerUrlState): string {
	const text = explorerParams(s).toString().replace(/%2F/g, '/').replace(/%2C/g, ',');
	return text ? `?${text}` : '';
}
