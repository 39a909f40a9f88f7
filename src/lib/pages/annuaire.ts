/**
 * /annuaire: the search with the full-text index, facets, sort and pages, all from the URL, rendered
 * without JavaScript. A pure function of the catalogue, the URL and the search engine built from that
 * catalogue (src/lib/server/search-index.ts builds it once per data version).
 */
import type { Catalogue, CatalogueItem } from '$lib/domain/catalogue';
import {
	PAGE_SIZE,
	SORTS,
	distanceKm,
	effectiveSort,
	withQuery,
	type DirectoryState,
	type SortCode
} from '$lib/domain/directory-query';
import { parseDirectoryQuery } from '$lib/domain/directory-query-parse';
import { countFacets, filterByFacets } from '$lib/domain/filters/facets';
import type { PublicRecord, RecordKind } from '$lib/domain/records';
import { route } from '$lib/links';
import { KIND_LABELS, placeLabel, toSearchDocument } from '$lib/search/documents';
import { legalForm, type TaxonomyName } from '$lib/domain/taxonomies';
import type { RankedMatch, Ranking, SearchEngine } from '$lib/search/engine';
import type { Segment } from '$lib/search/types';
import {
	annuaireHref,
	facetPanels,
	filterChips,
	filterRemovalLinks,
	kindTabs,
	selectedFilters,
	type Link
} from './annuaire-facets';

export interface ResultItem {
	id: string;
	kind: RecordKind;
	kindLabel: string;
	href: string;
	name: Segment[];
	subtitle: string;
	/**
	 * The subtitle's parts as codes, for a page in another language: the type's terms, and where (place
	 * names as written, or a territory's code). None for events, whose subtitle is their dates in French.
	 */
	parts?: { type: { taxonomy: TaxonomyName; codes: string[] }; where?: string; territory?: string };
	snippet?: Segment[];
	lastVerified: string;
	/** Kilometres from the given position, when sorting by distance. */
	distance?: number;
	/** The position is a quartier or commune reference point, not the address. */
	approximate: boolean;
	synthetic: boolean;
}

export interface AnnuaireOptions {
	/** The full-text engine of this catalogue (names, tags, categories, places and descriptions). */
	search: SearchEngine;
	/** Where the browser fetches the quick index from (null when it is too large for browsers). */
	indexUrl: string | null;
	siteUrl: string;
}

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/** What the text selects: every record without a query, the index's matches (best first) with one. */
interface TextResults {
	items: readonly CatalogueItem[];
	ranking?: Ranking;
	matchOf: Map<string, RankedMatch>;
}

function textResults(c: Catalogue, search: SearchEngine, q: string): TextResults {
	const matchOf = new Map<string, RankedMatch>();
	if (!q) return { items: c.items, matchOf };
	const ranking = search.rank(q, { mode: 'full' });
	const items: CatalogueItem[] = [];
	for (const m of ranking.matches) {
		const item = c.byId.get(m.id);
		if (item) {
			items.push(item);
			matchOf.set(m.id, m);
		}
	}
	return { items, ranking, matchOf };
}

function locationOf(r: PublicRecord) {
	return r.kind === 'funding-tool' ? undefined : r.location;
}

/** Sorts in place (relevance is the text order already) and returns the distances when sorting by them. */
function sortItems(items: CatalogueItem[], sort: SortCode, state: DirectoryState): Map<string, number> {
	const distances = new Map<string, number>();
	const byName = (a: CatalogueItem, b: CatalogueItem) => collator.compare(a.record.name, b.record.name);
	if (sort === 'nom') items.sort(byName);
	else if (sort === 'verification')
		items.sort(
			(a, b) =>
				(a.record.lastVerified < b.record.lastVerified
					? 1
					: a.record.lastVerified > b.record.lastVerified
						? -1
						: 0) || byName(a, b)
		);
	else if (sort === 'distance' && state.position) {
		for (const i of items) {
			const loc = locationOf(i.record);
			if (loc) distances.set(i.id, distanceKm(state.position, loc));
		}
		// Records without a place (funding tools, unplaced records) come last, by name.
		items.sort(
			(a, b) => (distances.get(a.id) ?? Infinity) - (distances.get(b.id) ?? Infinity) || byName(a, b)
		);
	}
	return distances;
}

/** One result as the list shows it, highlighted when it came from the text. */
function resultItem(
	c: Catalogue,
	item: CatalogueItem,
	search: SearchEngine,
	text: TextResults,
	distances: Map<string, number>
): ResultItem {
	const r = item.record;
	const match = text.matchOf.get(item.id);
	const hit = match && text.ranking ? search.hit(match, text.ranking) : undefined;
	const loc = locationOf(r);
	const distance = distances.get(r.id);
	return {
		id: r.id,
		kind: r.kind,
		kindLabel: KIND_LABELS[r.kind],
		href: route.record(r),
		name: hit?.highlights.name ?? [{ text: r.name, match: false }],
		subtitle: hit?.subtitle ?? toSearchDocument(r, c.geo).subtitle,
		parts: subtitleParts(r, c),
		snippet: hit?.highlights.description,
		lastVerified: r.lastVerified,
		distance: distance !== undefined ? Math.round(distance * 10) / 10 : undefined,
		approximate: loc ? loc.precision === 'quartier' || loc.precision === 'commune' : false,
		synthetic: r.synthetic === true
	};
}

function subtitleParts(r: PublicRecord, c: Catalogue): ResultItem['parts'] {
	if (r.kind === 'event') return undefined;
	if (r.kind === 'funding-tool')
		return { type: { taxonomy: 'fundingType', codes: r.types.slice(0, 2) }, territory: r.territory };
	const type: { taxonomy: TaxonomyName; codes: string[] } =
		r.kind === 'organisation'
			? { taxonomy: 'family', codes: [legalForm(r.legalForm).family] }
			: r.kind === 'place'
				? { taxonomy: 'placeType', codes: [...r.placeTypes] }
				: { taxonomy: 'initiativeType', codes: [r.initiativeType] };
	if (r.communeCode === undefined)
		return { type, territory: r.kind === 'organisation' ? r.territory : undefined };
	return { type, where: placeLabel(r, c.geo) || undefined };
}

function pageWindow(page: number, count: number): number[] {
	const pages = new Set([1, count, page - 2, page - 1, page, page + 1, page + 2]);
	return [...pages].filter((n) => n >= 1 && n <= count).sort((a, b) => a - b);
}

function pagination(c: Catalogue, state: DirectoryState, page: number, pageCount: number) {
	const pageHref = (n: number) => annuaireHref({ ...state, page: n }, c);
	return {
		page,
		pageCount,
		/** Rank of the page's first result (the list's `start`). */
		firstRank: (page - 1) * PAGE_SIZE + 1,
		prev: page > 1 ? pageHref(page - 1) : undefined,
		next: page < pageCount ? pageHref(page + 1) : undefined,
		pages: pageWindow(page, pageCount).map((n) => ({ n, href: pageHref(n), current: n === page }))
	};
}

/** The state the forms are refilled with. */
function formState(state: DirectoryState, kind: RecordKind | undefined, sort: SortCode) {
	const { position } = state;
	return {
		kind: kind ?? '',
		sort,
		askedSort: state.sort ?? '',
		near: position?.near ?? '',
		lat: position && !position.near ? position.lat : undefined,
		lon: position && !position.near ? position.lon : undefined,
		positionLabel: position?.label
	};
}

/** The sort choices, those without a meaning in this state disabled. */
function sortChoices(state: DirectoryState) {
	return SORTS.map((s) => ({
		...s,
		disabled: (s.code === 'distance' && !state.position) || (s.code === 'pertinence' && !state.q)
	}));
}

/** Everything /annuaire renders, from its URL. Never throws on any query string. */
export function annuairePage(c: Catalogue, url: URL, { search, indexUrl, siteUrl }: AnnuaireOptions) {
	const { state, notes } = parseDirectoryQuery(url.searchParams, c.geo);
	const sort = effectiveSort(state);
	const text = textResults(c, search, state.q);
	// Facet counts over the text results, then the selection.
	const counts = countFacets(text.items, state.filters);
	const results = filterByFacets(text.items, state.filters);
	const distances = sortItems(results, sort, state);

	const pageCount = Math.max(1, Math.ceil(results.length / PAGE_SIZE));
	const page = Math.min(state.page, pageCount);
	if (state.page > pageCount && results.length > 0)
		notes.push(`La page ${state.page} n’existe pas : dernière page affichée.`);
	const shown = results.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
	const kind = state.filters.kind?.[0] as RecordKind | undefined;
	const chips = filterChips(c, state);
	const suggestions: Link[] = (text.ranking?.suggestions ?? []).map((s) => ({
		label: s,
		href: annuaireHref(withQuery(state, s), c)
	}));
	return {
		q: state.q,
		state: formState(state, kind, sort),
		canonical: `${siteUrl}${route.annuaire({ ...state, page }, c.geo)}`,
		notes,
		total: results.length,
		textTotal: text.items.length,
		partial: text.ranking?.partial ?? false,
		suggestions,
		removals: results.length === 0 && text.items.length > 0 ? filterRemovalLinks(c, state, text.items) : [],
		clearAll: chips.length > 0 || state.q ? route.annuaire() : undefined,
		chips,
		items: shown.map((item) => resultItem(c, item, search, text, distances)),
		tabs: kindTabs(c, state, counts, kind),
		facets: facetPanels(c, state, counts, kind),
		sorts: sortChoices(state),
		nearOptions: {
			quartiers: c.geo.quartiers.map((q) => ({ value: q.slug, label: q.name })),
			communes: c.geo.communes.map((x) => ({ value: x.slug, label: x.name }))
		},
		pagination: pagination(c, state, page, pageCount),
		indexUrl,
		/** Every selected filter as the URL writes it, for the forms' hidden fields. */
		selected: selectedFilters(c, state),
		agendaHref: agendaHref(c, state)
	};
}

/**
 * The agenda with the same place and thématique, where it takes one of each. The annuaire is a directory of
 * actors (structures, initiatives, financements, lieux): events are not one more tab of it, they have the
 * agenda, by date; a visitor looking at a quartier's actors is pointed to what happens there.
 */
function agendaHref(c: Catalogue, state: DirectoryState): string {
	const one = (values: readonly string[] | undefined) => (values?.length === 1 ? values[0] : undefined);
	const commune = one(state.filters.commune);
	const quartier = one(state.filters.quartier);
	return route.agenda({
		commune: c.geo.communes.find((x) => x.code === commune)?.slug,
		quartier: c.geo.quartiers.find((q) => q.code === quartier)?.slug,
		thematique: one(state.filters.thematique)
	});
}
