/**
 * The annuaire's state, all of it in the URL (`/annuaire?q=velo&kind=organisation&quartier=meinau&tri=nom`):
 * parsed leniently (a wrong value is dropped with a French note, the page still answers) and written back
 * in one canonical order, so every state has one shareable address. The server parses it with zod
 * (directory-query-parse.ts); links to it are written on every page, so this module carries no zod.
 */
import type { FacetFilters, FacetName } from './filters/facets';
import { filterOf } from './filters/registry';
import { writeSelection } from './filters/url';
import type { Geo } from './query';

export const SORTS = [
	{ code: 'pertinence', label: 'Pertinence' },
	{ code: 'nom', label: 'Nom (A → Z)' },
	{ code: 'distance', label: 'Distance' },
	{ code: 'verification', label: 'Dernière vérification' }
] as const;
export type SortCode = (typeof SORTS)[number]['code'];

/** The annuaire's parameters besides its filters (a filter's name must not be one of them). */
export const DIRECTORY_OWN_PARAMS = ['q', 'tri', 'tri-actuel', 'page', 'pres', 'lat', 'lon'] as const;

export const PAGE_SIZE = 20;
/** Longer text is cut, not refused: the search module reads at most 200 characters anyway. */
export const MAX_Q_LENGTH = 200;

export interface Position {
	lat: number;
	lon: number;
	/** The quartier or commune slug given as `pres`, when the position came from one. */
	near?: string;
	/** What the position is, in words ("Meinau", "votre position"). */
	label: string;
}

export interface DirectoryState {
	q: string;
	filters: FacetFilters;
	/** As asked; `effectiveSort` says what is applied. */
	sort: SortCode | undefined;
	page: number;
	position?: Position;
}

export interface DirectoryParse {
	state: DirectoryState;
	/** Values that were dropped, in French, to show above the results. */
	notes: string[];
}

export type GeoRefs = Pick<Geo, 'communes' | 'quartiers' | 'thematiques'>;

/**
 * The sort applied: distance needs a position, relevance needs a query. Without a choice: by distance when
 * a place is given (that is why one gives it), by relevance when there is a query, else by name.
 */
export function effectiveSort(state: Pick<DirectoryState, 'q' | 'sort' | 'position'>): SortCode {
	const fallback: SortCode = state.q ? 'pertinence' : 'nom';
	if (state.sort === 'distance') return state.position ? 'distance' : fallback;
	if (state.sort === 'pertinence') return fallback;
	return state.sort ?? (state.position ? 'distance' : fallback);
}

/** The canonical query string of a state ('' for the bare annuaire); page 1 and empty values are left out. */
export function directoryQueryString(state: DirectoryState, geo: GeoRefs): string {
	const p = new URLSearchParams();
	if (state.q) p.set('q', state.q);
	writeSelection(p, state.filters, 'annuaire', geo);
	if (state.sort) p.set('tri', state.sort);
	if (state.position?.near) p.set('pres', state.position.near);
	else if (state.position) {
		p.set('lat', String(state.position.lat));
		p.set('lon', String(state.position.lon));
	}
	if (state.page > 1) p.set('page', String(state.page));
	const s = p.toString();
	return s ? `?${s}` : '';
}

/** Helpers building the links of the page from the current state (page back to 1 whenever results change). */
export function withFilters(state: DirectoryState, filters: FacetFilters): DirectoryState {
	return { ...state, filters, page: 1 };
}
export function toggled(state: DirectoryState, facet: FacetName, value: string): DirectoryState {
	const current = state.filters[facet] ?? [];
	const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
	const filters = { ...state.filters, [facet]: filterOf(facet).single ? next.slice(-1) : next };
	if (next.length === 0) delete filters[facet];
	return withFilters(state, filters);
}
export function withQuery(state: DirectoryState, q: string): DirectoryState {
	return { ...state, q, page: 1 };
}

/** Great-circle distance in kilometres (haversine): enough to sort places a few kilometres apart. */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
	const rad = Math.PI / 180;
	const dLat = (b.lat - a.lat) * rad;
	const dLon = (b.lon - a.lon) * rad;
	const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
	return 6371 * 2 * Math.asin(Math.min(1, Math.sqrt(h)));
}
