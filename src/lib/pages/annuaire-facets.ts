/**
 * The annuaire's filters as the page shows them: facet panels with counts, the tabs of the one-at-a-time
 * filter (the kind of record), the active filters as removable chips, and the filters to clear when nothing
 * is found. Every filter and its words come from the registry (src/lib/domain/filters/registry.ts); every
 * link keeps the rest of the state (route.annuaire, over the canonical directoryQueryString).
 */
import type { Catalogue, CatalogueItem } from '$lib/domain/catalogue';
import { toggled, withFilters, type DirectoryState } from '$lib/domain/directory-query';
import { FACETS, filterRemovals, type FacetCounts, type FacetName } from '$lib/domain/filters/facets';
import { filterOf, filtersOn } from '$lib/domain/filters/registry';
import { VALUE_STYLE, writtenParam } from '$lib/domain/filters/url';
import { urlValue, valueLabel, valuesOf } from '$lib/domain/filters/values';
import type { RecordKind } from '$lib/domain/records';
import { route } from '$lib/links';

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/** The filter shown as tabs (the kind of record), and the others, shown as panels and chips. */
const TABS = filtersOn('annuaire').find((d) => d.on.annuaire?.tabs);
const PANELS = FACETS.filter((f) => f !== TABS?.key);

export interface Link {
	label: string;
	href: string;
	/** A chip's or a removal's filter and value, for a page that writes them in another language. */
	facet?: string;
	code?: string;
	/** The value's label as the filter gives it (French; a place's name). */
	value?: string;
	count?: number;
}

export interface FacetView {
	name: FacetName;
	param: string;
	label: string;
	/** `value` is what the URL carries (a slug for communes and quartiers, the code otherwise). */
	values: { code: string; value: string; label: string; count: number; selected: boolean; href: string }[];
}

/** The annuaire's address for a state. */
export const annuaireHref = (state: DirectoryState, c: Catalogue) => route.annuaire(state, c.geo);

const label = (c: Catalogue, facet: FacetName, code: string) => valueLabel(filterOf(facet), c.geo, code);
const param = (facet: FacetName) => writtenParam(filterOf(facet), 'annuaire');
const urlValueOf = (c: Catalogue, facet: FacetName, code: string) =>
	urlValue(filterOf(facet), c.geo, code, VALUE_STYLE.annuaire);

/** The facets of the selected kind; values with results or selected, most results first. */
export function facetPanels(
	c: Catalogue,
	state: DirectoryState,
	counts: FacetCounts,
	kind: RecordKind | undefined
): FacetView[] {
	return PANELS.map(filterOf)
		.filter((d) => !kind || d.kinds.includes(kind))
		.map((d) => {
			const f = d.key as FacetName;
			const selected = state.filters[f] ?? [];
			const codes = new Set([...counts[f].keys(), ...selected]);
			const values = [...codes]
				.map((code) => ({
					code,
					value: urlValueOf(c, f, code),
					label: label(c, f, code),
					count: counts[f].get(code) ?? 0,
					selected: selected.includes(code),
					href: annuaireHref(toggled(state, f, code), c)
				}))
				.sort((a, b) => b.count - a.count || collator.compare(a.label, b.label));
			return { name: f, param: param(f), label: d.label, values };
		})
		.filter((f) => f.values.length > 0);
}

/** "Tout", "Structures", "Initiatives", "Financements", each with its count under the other filters. */
export function kindTabs(
	c: Catalogue,
	state: DirectoryState,
	counts: FacetCounts,
	kind: RecordKind | undefined
) {
	if (!TABS?.on.annuaire?.tabs) return [];
	const f = TABS.key as FacetName;
	const tabs = [
		{ code: undefined, label: TABS.on.annuaire.tabs.anyLabel },
		...valuesOf(TABS, c.geo).map((v) => ({ code: v.code, label: v.label }))
	];
	return tabs.map((t) => {
		const filters = { ...state.filters };
		if (t.code) filters[f] = [t.code];
		else delete filters[f];
		const count = t.code ? (counts[f].get(t.code) ?? 0) : [...counts[f].values()].reduce((a, b) => a + b, 0);
		return {
			label: t.label,
			code: t.code ?? '',
			count,
			selected: kind === t.code,
			href: annuaireHref(withFilters(state, filters), c)
		};
	});
}

/** Active filters (the tabs' aside) as chips whose link removes them. */
export function filterChips(c: Catalogue, state: DirectoryState): Link[] {
	return PANELS.flatMap((f) =>
		(state.filters[f] ?? []).map((code) => ({
			label: `${filterOf(f).label} : ${label(c, f, code)}`,
			href: annuaireHref(toggled(state, f, code), c),
			facet: f as string,
			code,
			value: label(c, f, code)
		}))
	);
}

/** When the text finds records but the filters leave none: each filter to clear, with what it would give. */
export function filterRemovalLinks(
	c: Catalogue,
	state: DirectoryState,
	textItems: readonly CatalogueItem[]
): Link[] {
	return filterRemovals(textItems, state.filters).map((r) => {
		const d = filterOf(r.facet);
		const what = d.on.annuaire?.tabs?.clearLabel ?? `Sans le filtre « ${d.label} »`;
		return {
			label: `${what} (${r.count})`,
			href: annuaireHref(withFilters(state, r.filters), c),
			facet: r.facet as string,
			count: r.count
		};
	});
}

/** Every selected filter as the URL writes it, for the forms' hidden fields. */
export function selectedFilters(c: Catalogue, state: DirectoryState) {
	return FACETS.flatMap((f) =>
		(state.filters[f] ?? []).map((code) => ({ facet: f, param: param(f), value: urlValueOf(c, f, code) }))
	);
}
