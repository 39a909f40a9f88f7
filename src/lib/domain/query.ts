/**
 * The read API's list queries (`/api/v1/organisations?famille=cooperative&limit=20`): the filters of the
 * collection's kind from the registry (src/lib/domain/filters), plus `limit` and `offset`. Strict: an
 * unknown or malformed parameter is an error naming it (the API answers 400).
 */
import { z } from 'zod';
import type { Commune, Qpv, Quartier, Thematique } from './geography';
import { selectionMatcher } from './filters/match';
import type { FilterSelection } from './filters/types';
import { readStrict } from './filters/url';
import type { PublicRecord, RecordKind } from './records';

/** Reference lists a query is checked against (unknown quartier or thématique codes are errors, not empty results). */
export interface Geo {
	communes: Commune[];
	quartiers: Quartier[];
	qpv: Qpv[];
	thematiques: Thematique[];
}

/** Selected values by filter key (codes: a commune slug in the URL is its INSEE code here). */
export type ListFilters = FilterSelection;

export interface ListQuery {
	filters: ListFilters;
	limit: number;
	offset: number;
}

export interface QueryError {
	parameter: string;
	message: string;
}

/** The API's parameters besides the filters. */
export const PAGING_PARAMS = ['limit', 'offset'] as const;

const limitSchema = z.coerce
	.number({ error: 'nombre entier attendu' })
	.int({ error: 'nombre entier attendu' })
	.min(1, { error: 'au moins 1' })
	.max(1000, { error: 'au plus 1000' });
const offsetSchema = z.coerce
	.number({ error: 'nombre entier attendu' })
	.int({ error: 'nombre entier attendu' })
	.min(0, { error: 'ne peut pas être négatif' })
	.max(1_000_000, { error: 'trop grand' });

/**
 * Parses a list query string. Repeated parameters and comma-separated values both mean "any of".
 * Never throws: the first problem is returned with the parameter's name.
 */
export function parseListQuery(
	kind: RecordKind,
	params: URLSearchParams,
	geo: Geo,
	extra: readonly string[] = []
): { ok: true; query: ListQuery } | { ok: false; error: QueryError } {
	let limit = 100;
	let offset = 0;
	let pagingError: QueryError | undefined;
	for (const key of PAGING_PARAMS) {
		if (!params.has(key) || pagingError) continue;
		const parsed = (key === 'limit' ? limitSchema : offsetSchema).safeParse(params.get(key));
		if (params.getAll(key).length > 1) pagingError = { parameter: key, message: 'donné plusieurs fois' };
		else if (!parsed.success) pagingError = { parameter: key, message: parsed.error.issues[0].message };
		else if (key === 'limit') limit = parsed.data;
		else offset = parsed.data;
	}
	const read = readStrict(params, kind, geo, [...PAGING_PARAMS, ...extra]);
	// The first problem in the URL's order, whichever kind of parameter it is.
	const order = [...new Set(params.keys())];
	const errors = [pagingError, read.ok ? undefined : read.error].filter((e): e is QueryError => !!e);
	errors.sort((a, b) => order.indexOf(a.parameter) - order.indexOf(b.parameter));
	if (errors.length) return { ok: false, error: errors[0] };
	return { ok: true, query: { filters: read.ok ? read.selection : {}, limit, offset } };
}

/** The records passing every filter (values within a filter are alternatives), then the page asked. */
export function applyListQuery<T extends PublicRecord>(
	records: T[],
	query: ListQuery
): { total: number; items: T[] } {
	const matches = selectionMatcher(query.filters);
	const matching = records.filter(matches);
	return { total: matching.length, items: matching.slice(query.offset, query.offset + query.limit) };
}
