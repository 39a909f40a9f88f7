/**
 * Reading the annuaire's URL (directory-query.ts has its state and writer): on the server, with zod, apart
 * from the writer that every page's links use.
 */
import { z } from 'zod';
import { ALLOWED_BBOX } from './coordinates';
import {
	MAX_Q_LENGTH,
	SORTS,
	type DirectoryParse,
	type GeoRefs,
	type Position,
	type SortCode
} from './directory-query';
import type { FacetFilters } from './filters/facets';
import { readLenient } from './filters/url';
import { agree } from './grammar';

const MAX_PAGE = 1000;
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
