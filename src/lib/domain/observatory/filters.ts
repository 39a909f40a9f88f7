/**
 * The observatory's filters, read from its URL: one commune (INSEE code or slug) and one thématique (code).
 * Lenient like the annuaire: an unknown value is dropped with a French note, never an error page, because the
 * address is shared and a commune's slug may change.
 */
import type { Commune, Thematique } from '../geography';
import type { Geo } from '../query';

export interface ObservatoryFilters {
	commune?: Commune;
	thematique?: Thematique;
}

export interface ObservatoryQuery {
	filters: ObservatoryFilters;
	/** What was dropped, in French. */
	notes: string[];
}

/** The URL's parameters, as route.observatory writes them. */
export const OBSERVATORY_PARAMS = { commune: 'commune', thematique: 'thematique' } as const;

export function readObservatoryQuery(params: URLSearchParams, geo: Pick<Geo, 'communes' | 'thematiques'>) {
	const query: ObservatoryQuery = { filters: {}, notes: [] };
	const commune = params.get(OBSERVATORY_PARAMS.commune)?.trim();
	if (commune) {
		const found = geo.communes.find((c) => c.code === commune || c.slug === commune);
		if (found) query.filters.commune = found;
		else query.notes.push(`Filtre ignoré : commune inconnue « ${commune} ».`);
	}
	const thematique = params.get(OBSERVATORY_PARAMS.thematique)?.trim();
	if (thematique) {
		const found = geo.thematiques.find((t) => t.code === thematique);
		if (found) query.filters.thematique = found;
		else query.notes.push(`Filtre ignoré : thématique inconnue « ${thematique} ».`);
	}
	return query;
}
