/**
 * The annuaire's state, all of it in the URL (`/annuaire?q=velo&kind=organisation&quartier=meinau&tri=nom`):
 * parsed leniently (a wrong value is dropped with a French note, the page still answers) and written back
 * in one canonical order, so every state has one shareable address.
 */
import { z } from 'zod';
import { ALLOWED_BBOX } from './coordinates';
import { agree } from './grammar';
import type { FacetFilters, FacetName } from './filters/facets';
import { filterOf } from './filters/registry';
import { readLenient, writeSelection } from './filters/url';
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
const MAX_PAGE = 1000;
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

type GeoRefs = Pick<Geo, 'communes' | 'quartiers' | 'thematiques'>;

const coordinate = z.coerce.number().refine(Number.isFinite);

/** Reads the annuaire's URL. Never throws; unknown or malformed values become notes. */
export function parseDirectoryQuery(params: URLSearchParams, geo: GeoRefs): DirectoryParse {
	const notes: string[] = [];
	const rawQ = params.get('q') ?? '';
	const q = rawQ.slice(0, MAX_Q_LENGTH).trim();
	if (rawQ.length > MAX_Q_LENGTH) notes.push(`Recherche raccourcie à ${MAX_Q_LENGTH} caractères.`);

	const { selection, rejected } = readLenient(params, 'annuaire', geo);
	for (const r of rejected)
		notes.push(
			`Filtre ignoré : ${r.filter.word} ${agree('inconnu', r.filter.gender)} « ${r.value.slice(0, 60)} ».`
		);
	const filters = selection as FacetFilters;

	// `tri-actuel` is the sort the page showed: a sort list sent back unchanged is not a choice.
	const shownSort = params.get('tri-actuel');
	const rawSort = params.get('tri');
	let sort: SortCode | undefined;
	if (rawSort && rawSort !== shownSort) {
		const found = SORTS.find((s) => s.code === rawSort);
		if (found) sort = found.code;
		else notes.push(`Tri inconnu « ${rawSort.slice(0, 30)} » : tri par défaut.`);
	}

	let page = 1;
	const rawPage = params.get('page');
	if (rawPage) {
		const n = Number(rawPage);
		if (Number.isInteger(n) && n >= 1 && n <= MAX_PAGE) page = n;
		else notes.push(`Page « ${rawPage.slice(0, 12)} » invalide : première page affichée.`);
	}

	// A place picked in the list wins over coordinates: the form keeps the last geolocation in hidden fields.
	let position: Position | undefined;
	const near = params.get('pres');
	const lat = params.get('lat');
	const lon = params.get('lon');
	if (near) {
		const quartier = geo.quartiers.find((x) => x.slug === near);
		const commune = geo.communes.find((x) => x.slug === near);
		if (quartier) position = { ...quartier.point, near, label: quartier.name };
		else if (commune) position = { ...commune.centroid, near, label: commune.name };
		else notes.push(`Lieu inconnu « ${near.slice(0, 60)} » : choisissez un quartier ou une commune.`);
	} else if (lat || lon) {
		const la = coordinate.safeParse(lat);
		const lo = coordinate.safeParse(lon);
		if (
			la.success &&
			lo.success &&
			lo.data >= ALLOWED_BBOX[0] &&
			lo.data <= ALLOWED_BBOX[2] &&
			la.data >= ALLOWED_BBOX[1] &&
			la.data <= ALLOWED_BBOX[3]
		)
			position = { lat: la.data, lon: lo.data, label: 'votre position' };
		else notes.push("Position ignorée : elle doit être dans l'Eurométropole (lat et lon en degrés).");
	}

	return { state: { q, filters, sort, page, position }, notes };
}

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
