/**
 * The annuaire's filters as the page shows them: facet panels with counts, the kind tabs, the active
 * filters as removable chips, and the filters to clear when nothing is found. Every link keeps the rest of
 * the state (route.annuaire, over the canonical directoryQueryString).
 */
import type { Catalogue, CatalogueItem } from '$lib/domain/catalogue';
import { FACET_PARAMS, toggled, withFilters, type DirectoryState } from '$lib/domain/directory-query';
import { FACET_KINDS, FACETS, filterRemovals, type FacetCounts, type FacetName } from '$lib/domain/facets';
import type { RecordKind } from '$lib/domain/records';
import { labelOf, type TaxonomyName } from '$lib/domain/taxonomies';
import { route } from '$lib/links';
import { KIND_LABELS } from '$lib/search/documents';

export const FACET_LABELS: Record<FacetName, string> = {
	kind: 'Type de fiche',
	family: 'Famille de l’ESS',
	legalForm: 'Forme juridique',
	approval: 'Agréments',
	thematique: 'Thématique',
	commune: 'Commune',
	quartier: 'Quartier de Strasbourg',
	initiativeType: 'Type d’initiative',
	type: 'Type de financement',
	stage: 'Stade du projet'
};

const FACET_TAXONOMY: Partial<Record<FacetName, TaxonomyName>> = {
	family: 'family',
	legalForm: 'legalForm',
	approval: 'approval',
	initiativeType: 'initiativeType',
	type: 'fundingType',
	stage: 'stage'
};

const KIND_TABS: { code: RecordKind | undefined; label: string }[] = [
	{ code: undefined, label: 'Tout' },
	{ code: 'organisation', label: 'Structures' },
	{ code: 'initiative', label: 'Initiatives' },
	{ code: 'funding-tool', label: 'Financements' }
];

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

export interface Link {
	label: string;
	href: string;
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

export function urlValue(c: Catalogue, facet: FacetName, code: string): string {
	if (facet === 'commune') return c.geo.communes.find((x) => x.code === code)?.slug ?? code;
	if (facet === 'quartier') return c.geo.quartiers.find((q) => q.code === code)?.slug ?? code;
	return code;
}

function facetValueLabel(c: Catalogue, facet: FacetName, code: string): string {
	const taxonomy = FACET_TAXONOMY[facet];
	if (taxonomy) return labelOf(taxonomy, code);
	if (facet === 'kind') return KIND_LABELS[code as RecordKind] ?? code;
	if (facet === 'commune') return c.geo.communes.find((x) => x.code === code)?.name ?? code;
	if (facet === 'quartier') return c.geo.quartiers.find((q) => q.code === code)?.name ?? code;
	return c.geo.thematiques.find((t) => t.code === code)?.label ?? code;
}

/** The facets of the selected kind; values with results or selected, most results first. */
export function facetPanels(
	c: Catalogue,
	state: DirectoryState,
	counts: FacetCounts,
	kind: RecordKind | undefined
): FacetView[] {
	return FACETS.filter((f) => f !== 'kind')
		.filter((f) => !kind || FACET_KINDS[f].includes(kind))
		.map((f) => {
			const selected = state.filters[f] ?? [];
			const codes = new Set([...counts[f].keys(), ...selected]);
			const values = [...codes]
				.map((code) => ({
					code,
					value: urlValue(c, f, code),
					label: facetValueLabel(c, f, code),
					count: counts[f].get(code) ?? 0,
					selected: selected.includes(code),
					href: annuaireHref(toggled(state, f, code), c)
				}))
				.sort((a, b) => b.count - a.count || collator.compare(a.label, b.label));
			return { name: f, param: FACET_PARAMS[f], label: FACET_LABELS[f], values };
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
	return KIND_TABS.map((t) => {
		const filters = { ...state.filters };
		if (t.code) filters.kind = [t.code];
		else delete filters.kind;
		const count = t.code
			? (counts.kind.get(t.code) ?? 0)
			: [...counts.kind.values()].reduce((a, b) => a + b, 0);
		return {
			label: t.label,
			code: t.code ?? '',
			count,
			selected: kind === t.code,
			href: annuaireHref(withFilters(state, filters), c)
		};
	});
}

/** Active filters (the kind aside, shown by the tabs) as chips whose link removes them. */
export function filterChips(c: Catalogue, state: DirectoryState): Link[] {
	return FACETS.filter((f) => f !== 'kind').flatMap((f) =>
		(state.filters[f] ?? []).map((code) => ({
			label: `${FACET_LABELS[f]} : ${facetValueLabel(c, f, code)}`,
			href: annuaireHref(toggled(state, f, code), c)
		}))
	);
}

/** When the text finds records but the filters leave none: each filter to clear, with what it would give. */
export function filterRemovalLinks(
	c: Catalogue,
	state: DirectoryState,
	textItems: readonly CatalogueItem[]
): Link[] {
	return filterRemovals(textItems, state.filters).map((r) => ({
		label: `${r.facet === 'kind' ? 'Tous les types de fiche' : `Sans le filtre « ${FACET_LABELS[r.facet]} »`} (${r.count})`,
		href: annuaireHref(withFilters(state, r.filters), c)
	}));
}

/** Every selected filter as the URL writes it, for the forms' hidden fields. */
export function selectedFilters(c: Catalogue, state: DirectoryState) {
	return FACETS.flatMap((f) =>
		(state.filters[f] ?? []).map((code) => ({
			facet: f,
			param: FACET_PARAMS[f],
			value: urlValue(c, f, code)
		}))
	);
}
