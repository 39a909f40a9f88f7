/**
 * The annuaire's state, all of it in the URL (`/annuaire?q=velo&kind=organisation&quartier=meinau&tri=nom`):
 * parsed leniently (a wrong value is dropped with a French note, the page still answers) and written back
 * in one canonical order, so every state has one shareable address.
 */
import { z } from 'zod';
import { ALLOWED_BBOX } from './common';
import { FACETS, type FacetFilters, type FacetName } from './facets';
import type { Geo } from './query';
import { RECORD_KINDS } from './records';
import {
	APPROVAL_CODES,
	ESS_FAMILY_CODES,
	FUNDING_TYPE_CODES,
	INITIATIVE_TYPE_CODES,
	LEGAL_FORM_CODES,
	STAGE_CODES
} from './taxonomies';

export const SORTS = [
	{ code: 'pertinence', label: 'Pertinence' },
	{ code: 'nom', label: 'Nom (A → Z)' },
	{ code: 'distance', label: 'Distance' },
	{ code: 'verification', label: 'Dernière vérification' }
] as const;
export type SortCode = (typeof SORTS)[number]['code'];

export const PAGE_SIZE = 20;
const MAX_PAGE = 1000;
/** Longer text is cut, not refused: the search module reads at most 200 characters anyway. */
export const MAX_Q_LENGTH = 200;

/** URL parameter of each facet (French words where a person reads them in the address bar). */
export const FACET_PARAMS: Record<FacetName, string> = {
	kind: 'kind',
	family: 'famille',
	legalForm: 'forme',
	approval: 'agrement',
	thematique: 'thematique',
	commune: 'commune',
	quartier: 'quartier',
	initiativeType: 'type-initiative',
	type: 'type',
	stage: 'stade'
};

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

function allowedValues(facet: FacetName, geo: GeoRefs): Map<string, string> {
	const same = (codes: readonly string[]) => new Map(codes.map((c) => [c, c]));
	switch (facet) {
		case 'kind':
			return same(RECORD_KINDS);
		case 'family':
			return same(ESS_FAMILY_CODES);
		case 'legalForm':
			return same(LEGAL_FORM_CODES);
		case 'approval':
			return same(APPROVAL_CODES);
		case 'thematique':
			return same(geo.thematiques.map((t) => t.code));
		case 'commune':
			// Slugs in the address, INSEE codes inside; a code typed by hand is accepted too.
			return new Map(geo.communes.flatMap((c) => [[c.slug, c.code] as const, [c.code, c.code] as const]));
		case 'quartier':
			return new Map(geo.quartiers.flatMap((q) => [[q.slug, q.code] as const, [q.code, q.code] as const]));
		case 'initiativeType':
			return same(INITIATIVE_TYPE_CODES);
		case 'type':
			return same(FUNDING_TYPE_CODES);
		case 'stage':
			return same(STAGE_CODES);
	}
}

const FACET_WORDS: Record<FacetName, string> = {
	kind: 'type de fiche',
	family: 'famille',
	legalForm: 'forme juridique',
	approval: 'agrément',
	thematique: 'thématique',
	commune: 'commune',
	quartier: 'quartier',
	initiativeType: "type d'initiative",
	type: 'type de financement',
	stage: 'stade'
};

const coordinate = z.coerce.number().refine(Number.isFinite);

/** Reads the annuaire's URL. Never throws; unknown or malformed values become notes. */
export function parseDirectoryQuery(params: URLSearchParams, geo: GeoRefs): DirectoryParse {
	const notes: string[] = [];
	const rawQ = params.get('q') ?? '';
	const q = rawQ.slice(0, MAX_Q_LENGTH).trim();
	if (rawQ.length > MAX_Q_LENGTH) notes.push(`Recherche raccourcie à ${MAX_Q_LENGTH} caractères.`);

	const filters: Record<string, string[]> = {};
	for (const facet of FACETS) {
		const param = FACET_PARAMS[facet];
		const raw = params
			.getAll(param)
			.flatMap((v) => v.split(','))
			.map((v) => v.trim())
			.filter((v) => v !== '');
		if (raw.length === 0) continue;
		const allowed = allowedValues(facet, geo);
		const values: string[] = [];
		for (const v of raw.slice(0, 50)) {
			const code = allowed.get(v);
			if (code === undefined)
				notes.push(`Filtre ignoré : ${FACET_WORDS[facet]} inconnu(e) « ${v.slice(0, 60)} ».`);
			else if (!values.includes(code)) values.push(code);
		}
		// The kind is a tab: one at a time.
		if (facet === 'kind' && values.length > 1) values.length = 1;
		if (values.length) filters[facet] = values;
	}

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

	return { state: { q, filters: filters as FacetFilters, sort, page, position }, notes };
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
	for (const facet of FACETS) {
		for (const code of state.filters[facet] ?? []) {
			let value = code;
			if (facet === 'commune') value = geo.communes.find((c) => c.code === code)?.slug ?? code;
			if (facet === 'quartier') value = geo.quartiers.find((q) => q.code === code)?.slug ?? code;
			p.append(FACET_PARAMS[facet], value);
		}
	}
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
	const filters = { ...state.filters, [facet]: facet === 'kind' ? next.slice(-1) : next };
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
