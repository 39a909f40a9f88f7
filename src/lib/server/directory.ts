/**
 * Server side of the annuaire (/annuaire) and of the structure and initiative pages: the search with the
 * shared search module (full-text index), facets, sort and pages for the JavaScript-free render, and the
 * related records of a detail page. Each route calls one function of this module.
 */
import {
	FACET_PARAMS,
	PAGE_SIZE,
	SORTS,
	directoryQueryString,
	distanceKm,
	effectiveSort,
	parseDirectoryQuery,
	toggled,
	withFilters,
	withQuery,
	type DirectoryState,
	type SortCode
} from '$lib/domain/directory-query';
import {
	FACET_KINDS,
	FACETS,
	countFacets,
	filterByFacets,
	filterRemovals,
	type FacetName
} from '$lib/domain/facets';
import {
	compareEvaluations,
	evaluateTool,
	profileToQuery,
	resolveTerritory,
	type FinderProfile
} from '$lib/domain/funding-finder';
import type { Initiative, Organisation, PublicRecord, RecordKind } from '$lib/domain/records';
import { labelOf, legalForm, type Audience, type TaxonomyName } from '$lib/domain/taxonomies';
import { recordPath } from '$lib/io/geojson';
import { KIND_LABELS, placeLabel, toSearchDocument } from '$lib/search/documents';
import type { RankedMatch, Ranking } from '$lib/search/engine';
import type { Segment } from '$lib/search/types';
import type { Db } from './db/connection';
import { searchSnapshot, type DirectoryItem, type SearchSnapshot } from './search-index';

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

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

export interface Link {
	label: string;
	href: string;
}

export interface ResultItem {
	id: string;
	kind: RecordKind;
	kindLabel: string;
	href: string;
	name: Segment[];
	subtitle: string;
	snippet?: Segment[];
	lastVerified: string;
	/** Kilometres from the given position, when sorting by distance. */
	distance?: number;
	/** The position is a quartier or commune reference point, not the address. */
	approximate: boolean;
	synthetic: boolean;
}

export interface FacetView {
	name: FacetName;
	param: string;
	label: string;
	/** `value` is what the URL carries (a slug for communes and quartiers, the code otherwise). */
	values: { code: string; value: string; label: string; count: number; selected: boolean; href: string }[];
}

function urlValue(snap: SearchSnapshot, facet: FacetName, code: string): string {
	if (facet === 'commune') return snap.geo.communes.find((c) => c.code === code)?.slug ?? code;
	if (facet === 'quartier') return snap.geo.quartiers.find((q) => q.code === code)?.slug ?? code;
	return code;
}

function facetValueLabel(snap: SearchSnapshot, facet: FacetName, code: string): string {
	const taxonomy = FACET_TAXONOMY[facet];
	if (taxonomy) return labelOf(taxonomy, code);
	if (facet === 'kind') return KIND_LABELS[code as RecordKind] ?? code;
	if (facet === 'commune') return snap.geo.communes.find((c) => c.code === code)?.name ?? code;
	if (facet === 'quartier') return snap.geo.quartiers.find((q) => q.code === code)?.name ?? code;
	return snap.geo.thematiques.find((t) => t.code === code)?.label ?? code;
}

const href = (state: DirectoryState, snap: SearchSnapshot) =>
	`/annuaire${directoryQueryString(state, snap.geo)}`;

function locationOf(r: PublicRecord) {
	return r.kind === 'funding-tool' ? undefined : r.location;
}

function sortItems(items: DirectoryItem[], sort: SortCode, state: DirectoryState): Map<string, number> {
	const distances = new Map<string, number>();
	if (sort === 'nom') items.sort((a, b) => collator.compare(a.record.name, b.record.name));
	else if (sort === 'verification')
		items.sort(
			(a, b) =>
				(a.record.lastVerified < b.record.lastVerified
					? 1
					: a.record.lastVerified > b.record.lastVerified
						? -1
						: 0) || collator.compare(a.record.name, b.record.name)
		);
	else if (sort === 'distance' && state.position) {
		for (const i of items) {
			const loc = locationOf(i.record);
			if (loc) distances.set(i.id, distanceKm(state.position, loc));
		}
		// Records without a place (funding tools, unplaced records) come last, by name.
		items.sort(
			(a, b) =>
				(distances.get(a.id) ?? Infinity) - (distances.get(b.id) ?? Infinity) ||
				collator.compare(a.record.name, b.record.name)
		);
	}
	return distances;
}

/** Everything /annuaire renders, from its URL. Never throws on any query string. */
export function directoryPage(db: Db, url: URL, siteUrl: string) {
	const snap = searchSnapshot(db);
	const { state, notes } = parseDirectoryQuery(url.searchParams, snap.geo);
	const sort = effectiveSort(state);

	// 1. Text: the full-text index (names, tags, categories, places and descriptions).
	let ranking: Ranking | undefined;
	let textItems: DirectoryItem[] = snap.items;
	const matchOf = new Map<string, RankedMatch>();
	if (state.q) {
		ranking = snap.full.rank(state.q, { mode: 'full' });
		textItems = [];
		for (const m of ranking.matches) {
			const item = snap.byId.get(m.id);
			if (item) {
				textItems.push(item);
				matchOf.set(m.id, m);
			}
		}
	}

	// 2. Facets: counts over the text results, then the selection.
	const counts = countFacets(textItems, state.filters);
	const results = filterByFacets(textItems, state.filters);
	const distances = sortItems(results, sort, state);

	// 3. The page.
	const pageCount = Math.max(1, Math.ceil(results.length / PAGE_SIZE));
	const page = Math.min(state.page, pageCount);
	if (state.page > pageCount && results.length > 0)
		notes.push(`La page ${state.page} n’existe pas : dernière page affichée.`);
	const items: ResultItem[] = results.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((item) => {
		const r = item.record;
		const match = matchOf.get(item.id);
		const hit = match && ranking ? snap.full.hit(match, ranking) : undefined;
		const loc = locationOf(r);
		return {
			id: r.id,
			kind: r.kind,
			kindLabel: KIND_LABELS[r.kind],
			href: recordPath(r),
			name: hit?.highlights.name ?? [{ text: r.name, match: false }],
			subtitle: hit?.subtitle ?? toSearchDocument(r, snap.geo).subtitle,
			snippet: hit?.highlights.description,
			lastVerified: r.lastVerified,
			distance: distances.has(r.id) ? Math.round(distances.get(r.id)! * 10) / 10 : undefined,
			approximate: loc ? loc.precision === 'quartier' || loc.precision === 'commune' : false,
			synthetic: r.synthetic === true
		};
	});

	// 4. Facet panels: the facets of the selected kind, values with results or selected.
	const kind = state.filters.kind?.[0] as RecordKind | undefined;
	const facets: FacetView[] = FACETS.filter((f) => f !== 'kind')
		.filter((f) => !kind || FACET_KINDS[f].includes(kind))
		.map((f) => {
			const selected = state.filters[f] ?? [];
			const codes = new Set([...counts[f].keys(), ...selected]);
			const values = [...codes]
				.map((code) => ({
					code,
					value: urlValue(snap, f, code),
					label: facetValueLabel(snap, f, code),
					count: counts[f].get(code) ?? 0,
					selected: selected.includes(code),
					href: href(toggled(state, f, code), snap)
				}))
				.sort((a, b) => b.count - a.count || collator.compare(a.label, b.label));
			return { name: f, param: FACET_PARAMS[f], label: FACET_LABELS[f], values };
		})
		.filter((f) => f.values.length > 0);

	const tabs = KIND_TABS.map((t) => {
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
			href: href(withFilters(state, filters), snap)
		};
	});

	// 5. Active filters as removable chips, and what to do when nothing is found.
	const chips: Link[] = FACETS.filter((f) => f !== 'kind').flatMap((f) =>
		(state.filters[f] ?? []).map((code) => ({
			label: `${FACET_LABELS[f]} : ${facetValueLabel(snap, f, code)}`,
			href: href(toggled(state, f, code), snap)
		}))
	);
	const suggestions: Link[] = (ranking?.suggestions ?? []).map((s) => ({
		label: s,
		href: href(withQuery(state, s), snap)
	}));
	const removals: Link[] =
		results.length === 0 && textItems.length > 0
			? filterRemovals(textItems, state.filters).map((r) => ({
					label: `${r.facet === 'kind' ? 'Tous les types de fiche' : `Sans le filtre « ${FACET_LABELS[r.facet]} »`} (${r.count})`,
					href: href(withFilters(state, r.filters), snap)
				}))
			: [];

	const pageHref = (n: number) => href({ ...state, page: n }, snap);
	return {
		q: state.q,
		state: {
			kind: kind ?? '',
			sort,
			askedSort: state.sort ?? '',
			near: state.position?.near ?? '',
			lat: state.position && !state.position.near ? state.position.lat : undefined,
			lon: state.position && !state.position.near ? state.position.lon : undefined,
			positionLabel: state.position?.label
		},
		canonical: `${siteUrl}/annuaire${directoryQueryString({ ...state, page }, snap.geo)}`,
		notes,
		total: results.length,
		textTotal: textItems.length,
		partial: ranking?.partial ?? false,
		suggestions,
		removals,
		clearAll: chips.length > 0 || state.q ? '/annuaire' : undefined,
		chips,
		items,
		tabs,
		facets,
		sorts: SORTS.map((s) => ({
			...s,
			disabled: (s.code === 'distance' && !state.position) || (s.code === 'pertinence' && !state.q)
		})),
		nearOptions: {
			quartiers: snap.geo.quartiers.map((q) => ({ value: q.slug, label: q.name })),
			communes: snap.geo.communes.map((c) => ({ value: c.slug, label: c.name }))
		},
		pagination: {
			page,
			pageCount,
			prev: page > 1 ? pageHref(page - 1) : undefined,
			next: page < pageCount ? pageHref(page + 1) : undefined,
			pages: pageWindow(page, pageCount).map((n) => ({ n, href: pageHref(n), current: n === page }))
		},
		indexUrl: snap.manifest.quick.url,
		/** Every selected filter as the URL writes it, for the forms' hidden fields. */
		selected: FACETS.flatMap((f) =>
			(state.filters[f] ?? []).map((code) => ({
				facet: f,
				param: FACET_PARAMS[f],
				value: urlValue(snap, f, code)
			}))
		)
	};
}

function pageWindow(page: number, count: number): number[] {
	const pages = new Set([1, count, page - 2, page - 1, page, page + 1, page + 2]);
	return [...pages].filter((n) => n >= 1 && n <= count).sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------------------------------------
// Detail pages

export interface RelatedRecord {
	id: string;
	name: string;
	href: string;
	kindLabel: string;
	subtitle: string;
}

const RELATED_MAX = 6;

function related(snap: SearchSnapshot, r: PublicRecord): RelatedRecord {
	return {
		id: r.id,
		name: r.name,
		href: recordPath(r),
		kindLabel: KIND_LABELS[r.kind],
		subtitle: toSearchDocument(r, snap.geo).subtitle
	};
}

/**
 * Other places of the same quartier, or of the same commune outside Strasbourg. A Strasbourg record
 * without a quartier gets none: "the same commune" would be half the directory.
 */
function sameQuartier(snap: SearchSnapshot, r: Organisation | Initiative): RelatedRecord[] {
	const cityWithQuartiers = snap.geo.quartiers.some((q) => q.communeCode === r.communeCode);
	if (!r.quartierCode && cityWithQuartiers) return [];
	return snap.records
		.filter(
			(o): o is Organisation | Initiative =>
				o.id !== r.id &&
				o.kind !== 'funding-tool' &&
				(r.quartierCode ? o.quartierCode === r.quartierCode : o.communeCode === r.communeCode)
		)
		.slice(0, RELATED_MAX)
		.map((o) => related(snap, o));
}

/** Records sharing a thématique, those sharing the most first. */
function sameThematique(snap: SearchSnapshot, r: PublicRecord, exclude: Set<string>): RelatedRecord[] {
	if (r.thematiques.length === 0) return [];
	return snap.records
		.filter((o) => o.id !== r.id && !exclude.has(o.id) && o.kind !== 'funding-tool')
		.map((o) => ({ o, shared: o.thematiques.filter((t) => r.thematiques.includes(t)).length }))
		.filter((x) => x.shared > 0)
		.sort((a, b) => b.shared - a.shared)
		.slice(0, RELATED_MAX)
		.map((x) => related(snap, x.o));
}

/**
 * The finder's profile of an organisation: its tax status gives the audience (fiscalisée or association
 * non fiscalisée); an unknown status stays unknown unless the legal form settles it (a coopérative or a
 * commercial company is fiscalisée); the commune gives the territory.
 */
export function finderProfileOf(o: Organisation, snap: Pick<SearchSnapshot, 'geo'>): FinderProfile {
	const family = legalForm(o.legalForm).family;
	let structure: Audience | undefined;
	if (o.fiscalStatus === 'fiscalisee') structure = 'fiscalisee';
	else if (o.fiscalStatus === 'non-fiscalisee') structure = 'association';
	else if (family === 'cooperative' || family === 'entreprise-ess' || family === 'mutuelle')
		structure = 'fiscalisee';
	const generic = ['association', 'inconnue', 'collectif', 'public'];
	return {
		structure,
		forme: generic.includes(o.legalForm) ? undefined : o.legalForm,
		territoire: resolveTerritory(o.communeCode, snap.geo)
	};
}

/** Funding tools open to this organisation, through the funding finder's own rules, best fit first. */
function fittingTools(snap: SearchSnapshot, o: Organisation) {
	if (!o.roles.includes('acteur') || legalForm(o.legalForm).family === 'public') return undefined;
	const profile = finderProfileOf(o, snap);
	const communeName = (code: string) => snap.geo.communes.find((c) => c.code === code)?.name ?? code;
	const tools = snap.records.filter((r) => r.kind === 'funding-tool');
	const fitting = tools
		.map((t) => evaluateTool(t, profile, { communeName }))
		.filter((e) => e.eligible)
		.sort(compareEvaluations);
	return {
		tools: fitting.slice(0, RELATED_MAX).map((e) => related(snap, e.tool)),
		total: fitting.length,
		finderHref: `/financements/trouver?${profileToQuery(profile)}`,
		basis: [
			profile.structure ? labelOf('audience', profile.structure) : 'statut fiscal non connu',
			profile.forme ? labelOf('legalForm', profile.forme) : undefined,
			profile.territoire?.label
		]
			.filter(Boolean)
			.join(', ')
	};
}

function placeFacts(snap: SearchSnapshot, r: Organisation | Initiative) {
	const commune = snap.geo.communes.find((c) => c.code === r.communeCode);
	const quartier = r.quartierCode ? snap.geo.quartiers.find((q) => q.code === r.quartierCode) : undefined;
	return {
		communeName: commune?.name ?? r.communeCode,
		postcode: commune?.postcodes[0],
		quartier: quartier ? { name: quartier.name, slug: quartier.slug } : undefined,
		subQuartierName: quartier?.subQuartiers.find((s) => s.slug === r.subQuartier)?.name,
		qpvName: r.qpv ? snap.geo.qpv.find((q) => q.slug === r.qpv)?.name : undefined,
		placeLabel: placeLabel(r, snap.geo)
	};
}

function themes(snap: SearchSnapshot, codes: readonly string[]) {
	return codes.map((c) => ({ code: c, label: snap.geo.thematiques.find((t) => t.code === c)?.label ?? c }));
}

type JsonLd = Record<string, unknown>;

function address(r: Organisation | Initiative, place: ReturnType<typeof placeFacts>) {
	return {
		'@type': 'PostalAddress',
		...(r.address ? { streetAddress: r.address } : {}),
		addressLocality: place.communeName,
		...(place.postcode ? { postalCode: place.postcode } : {}),
		addressCountry: 'FR'
	};
}

/** Coordinates only when they are the record's own (an address or a street), never a quartier centre. */
function geoOf(r: Organisation | Initiative) {
	if (!r.location || (r.location.precision !== 'address' && r.location.precision !== 'street')) return {};
	return { geo: { '@type': 'GeoCoordinates', latitude: r.location.lat, longitude: r.location.lon } };
}

/**
 * JSON for an inline <script type="application/ld+json">: `<`, `>`, `&` and the two JavaScript line
 * separators are escaped so no record text can close the element.
 */
export function serializeJsonLd(ld: JsonLd): string {
	return JSON.stringify(ld)
		.replace(/</g, '\\u003c')
		.replace(/>/g, '\\u003e')
		.replace(/&/g, '\\u0026')
		.replace(/\u2028/g, '\\u2028')
		.replace(/\u2029/g, '\\u2029');
}

export function organisationJsonLd(
	o: Organisation,
	place: ReturnType<typeof placeFacts>,
	url: string
): JsonLd {
	const family = legalForm(o.legalForm).family;
	return {
		'@context': 'https://schema.org',
		'@type':
			family === 'public' ? 'GovernmentOrganization' : family === 'association' ? 'NGO' : 'Organization',
		'@id': url,
		url,
		name: o.name,
		...(o.shortName ? { alternateName: o.shortName } : {}),
		description: o.description,
		address: address(o, place),
		location: { '@type': 'Place', address: address(o, place), ...geoOf(o) },
		...(o.foundedYear ? { foundingDate: String(o.foundedYear) } : {}),
		...(o.siret ? { identifier: { '@type': 'PropertyValue', propertyID: 'SIRET', value: o.siret } } : {}),
		...(o.contact.website ? { sameAs: o.contact.website } : {}),
		...(o.contact.email ? { email: o.contact.email } : {}),
		...(o.contact.phone ? { telephone: o.contact.phone } : {}),
		knowsAbout: o.tags,
		subjectOf: { '@type': 'WebPage', url, dateModified: o.lastVerified }
	};
}

export function initiativeJsonLd(i: Initiative, place: ReturnType<typeof placeFacts>, url: string): JsonLd {
	return {
		'@context': 'https://schema.org',
		'@type': 'Place',
		'@id': url,
		url,
		name: i.name,
		description: i.description,
		address: address(i, place),
		...geoOf(i),
		...(i.contact.website ? { sameAs: i.contact.website } : {}),
		...(i.contact.phone ? { telephone: i.contact.phone } : {}),
		keywords: [labelOf('initiativeType', i.initiativeType), ...i.tags].join(', '),
		subjectOf: { '@type': 'WebPage', url, dateModified: i.lastVerified }
	};
}

function summaryOf(text: string): string {
	return text.length > 200 ? `${text.slice(0, 197).trimEnd()}…` : text;
}

function published<K extends 'organisation' | 'initiative'>(snap: SearchSnapshot, kind: K, slug: string) {
	return snap.records.find((r) => r.kind === kind && r.slug === slug) as
		(K extends 'organisation' ? Organisation : Initiative) | undefined;
}

/** GET /structures/[slug]: undefined when no published organisation has this slug. */
export function organisationPage(db: Db, slug: string, siteUrl: string) {
	const snap = searchSnapshot(db);
	const o = published(snap, 'organisation', slug);
	if (!o) return undefined;
	const place = placeFacts(snap, o);
	const canonical = `${siteUrl}${recordPath(o)}`;
	const form = legalForm(o.legalForm);
	const parent = o.parentId ? snap.byId.get(o.parentId)?.record : undefined;
	const nearby = sameQuartier(snap, o);
	return {
		record: o,
		place,
		labels: {
			family: labelOf('family', form.family),
			legalForm: form.label,
			roles: o.roles.map((r) => labelOf('role', r)),
			approvals: o.approvals.map((a) => labelOf('approval', a)),
			fiscalStatus: labelOf('fiscalStatus', o.fiscalStatus),
			sectors: o.sectors.map((s) => labelOf('sector', s))
		},
		thematiques: themes(snap, o.thematiques),
		parent: parent ? related(snap, parent) : undefined,
		children: snap.records
			.filter((r) => r.kind === 'organisation' && r.parentId === o.id)
			.map((r) => related(snap, r)),
		carried: snap.records
			.filter((r) => r.kind === 'initiative' && r.carrier.organisationId === o.id)
			.map((r) => related(snap, r)),
		provided: snap.records
			.filter((r) => r.kind === 'funding-tool' && r.providerIds.includes(o.id))
			.map((r) => related(snap, r)),
		sameQuartier: nearby,
		sameThematique: sameThematique(snap, o, new Set(nearby.map((n) => n.id))),
		funding: fittingTools(snap, o),
		canonical,
		description: summaryOf(o.description),
		mapHref: `/carte?sel=${encodeURIComponent(o.slug)}`,
		jsonLd: serializeJsonLd(organisationJsonLd(o, place, canonical))
	};
}

/** GET /initiatives/[slug]: undefined when no published initiative has this slug. */
export function initiativePage(db: Db, slug: string, siteUrl: string) {
	const snap = searchSnapshot(db);
	const i = published(snap, 'initiative', slug);
	if (!i) return undefined;
	const place = placeFacts(snap, i);
	const canonical = `${siteUrl}${recordPath(i)}`;
	const carrierOrg = i.carrier.organisationId ? snap.byId.get(i.carrier.organisationId)?.record : undefined;
	const nearby = sameQuartier(snap, i);
	return {
		record: i,
		place,
		labels: {
			type: labelOf('initiativeType', i.initiativeType),
			carrierKind: labelOf('carrierKind', i.carrier.kind),
			needs: i.needs.map((n) => labelOf('need', n)),
			sectors: i.sectors.map((s) => labelOf('sector', s))
		},
		thematiques: themes(snap, i.thematiques),
		carrier: carrierOrg ? related(snap, carrierOrg) : undefined,
		sameQuartier: nearby,
		sameThematique: sameThematique(snap, i, new Set(nearby.map((n) => n.id))),
		canonical,
		description: summaryOf(i.description),
		mapHref: `/carte?sel=${encodeURIComponent(i.slug)}`,
		jsonLd: serializeJsonLd(initiativeJsonLd(i, place, canonical))
	};
}

// ---------------------------------------------------------------------------------------------------------
// Sitemap

/** Pages every visitor can reach from the navigation, then one URL per published record. */
const STATIC_PATHS = [
	'/',
	'/annuaire',
	'/carte',
	'/financements',
	'/quartiers',
	'/donnees',
	'/accessibilite'
];

export function sitemapXml(db: Db, siteUrl: string): string {
	const snap = searchSnapshot(db);
	const esc = (s: string) =>
		s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
	const urls = [
		...STATIC_PATHS.map((p) => ({ loc: `${siteUrl}${p}`, lastmod: undefined as string | undefined })),
		...snap.geo.quartiers.map((q) => ({ loc: `${siteUrl}/quartiers/${q.slug}`, lastmod: undefined })),
		...snap.records.map((r) => ({ loc: `${siteUrl}${recordPath(r)}`, lastmod: r.lastVerified }))
	];
	const body = urls
		.map((u) => `<url><loc>${esc(u.loc)}</loc>${u.lastmod ? `<lastmod>${u.lastmod}</lastmod>` : ''}</url>`)
		.join('\n');
	return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${body}\n</urlset>\n`;
}
