/**
 * Every internal address of the site, one typed builder per route (immich's `web/src/lib/route.ts` is the
 * model). A route's path and the names of its parameters are written here and nowhere else, and the
 * builders encode their parameters: callers pass values, never pieces of URL. Where lib/domain already has
 * the canonical writer of a route's query string (the explorer's state, the annuaire's, the funding
 * finder's profile), the builder delegates to it, so one state keeps one address.
 *
 * Adding a route: add its builder to `route` (typed by its parameters; records by `{ kind, slug }`, the
 * map's selection and the workspace by id), use it wherever the route is linked, fetched or redirected to,
 * and test it in links.test.ts. src/lib/internal-links.test.ts fails on an internal URL written by hand
 * anywhere else.
 *
 * Pure: lib/domain only (README, "Layers"), so pages, server modules, state, map and components share it.
 */
import { sourcingQueryString, type PlaceGeo, type SourcingQuery } from '$lib/domain/buyers/query';
import type { Bbox } from '$lib/domain/coordinates';
import { directoryQueryString, type DirectoryState } from '$lib/domain/directory-query';
import { profileToQuery, type FinderQuery } from '$lib/domain/funding/profile';
import type { MemoSlug } from '$lib/domain/funding/memo';
import type { BasemapCode } from '$lib/domain/map/basemaps';
import type { PointFilters } from '$lib/domain/map/filter';
import type { RemotePoints } from '$lib/domain/map/scale';
import {
	defaultState,
	explorerSearch,
	type ExplorerUrlState,
	type MapView,
	type PhoneView
} from '$lib/domain/map/map-url';
import type { Geo } from '$lib/domain/query';
import type { RecordKind } from '$lib/domain/records';
import { createProfileToQuery, type CreateQuery } from '$lib/domain/support/profile';
import type { PlaceType, Status } from '$lib/domain/taxonomies';
import { LOCALE_NAMES, LOCALES, localizePath, type Locale } from '$lib/i18n/paths';
import { getLocale } from '$lib/paraglide/runtime';

type QueryValue = string | number | boolean | null | undefined;

/** `path?query#hash`, for a query string already written (`''` when it has nothing to say). */
function withQueryString(path: string, query: string, hash?: string): string {
	return `${path}${query ? `?${query}` : ''}${hash ? `#${encodeURIComponent(hash)}` : ''}`;
}

/** `path?a=1&b=2`, in the given order; empty, null, undefined and false values are left out, true is `1`. */
function withQuery(path: string, params: Record<string, QueryValue> = {}): string {
	const p = new URLSearchParams();
	for (const [key, value] of Object.entries(params)) {
		if (value === undefined || value === null || value === '' || value === false) continue;
		p.set(key, value === true ? '1' : String(value));
	}
	return withQueryString(path, p.toString());
}

/** Two query strings already written, joined. */
const joinQuery = (a: string, b: string) => [a, b].filter(Boolean).join('&');

/** One path segment, encoded (slugs and ids are plain already; this keeps a bad value from changing the path). */
const seg = encodeURIComponent;

/** Path of each kind's public pages. */
const RECORD_BASES: Record<RecordKind, string> = {
	organisation: '/structures',
	initiative: '/initiatives',
	'funding-tool': '/financements',
	place: '/lieux',
	event: '/agenda'
};

/** What a map link may set: the explorer's URL state (src/lib/domain/map/map-url.ts), all optional. */
export interface MapLink {
	/** The record to select, by **id** (stable when its slug changes): `{ id }` or the record itself. */
	select?: { id: string };
	at?: MapView;
	q?: string;
	filters?: Partial<PointFilters>;
	zone?: Bbox;
	vue?: PhoneView;
	fond?: BasemapCode;
	quartiers?: boolean;
}

/** An annuaire link: any part of its state (the rest at its default). */
export type AnnuaireLink = Partial<DirectoryState>;
/** The geography the annuaire's writer needs to write communes and quartiers as slugs. */
export type AnnuaireGeo = Pick<Geo, 'communes' | 'quartiers' | 'thematiques'>;
const NO_GEO: AnnuaireGeo = { communes: [], quartiers: [], thematiques: [] };

/** The collections of the public API (`/api/v1/<collection>`; places also as `.geojson`). */
export type ApiCollection =
	| 'organisations'
	| 'initiatives'
	| 'funding-tools'
	| 'accompagnements'
	| 'lieux'
	| 'evenements'
	| 'quartiers'
	| 'communes';
/** The public forms for a new record (`/proposer/<kind>`; `lieu`: a place, `evenement`: an event). */
export type ProposableKind = 'initiative' | 'structure' | 'lieu' | 'evenement';

/** The flag a workspace action leaves in the record page's address (its message says what was done). */
export interface RecordPageFlags {
	/** Saved: the new version. */
	enregistree?: number;
	/** Status changed: the new version. */
	statut?: number;
	/** Marked as verified: the new version. */
	verifiee?: number;
	/** Open with a pending proposal's changes in the form ("Modifier puis approuver"). */
	proposition?: string;
}

/** The explorer's query string for a map link (`''` at the default state). */
function mapSearch({ select, filters, ...rest }: MapLink): string {
	const base = defaultState();
	const merged: PointFilters = { ...base.filters };
	for (const [param, values] of Object.entries(filters ?? {})) if (values) merged[param] = values;
	const state: ExplorerUrlState = { ...base, ...rest, sel: select?.id, filters: merged };
	return explorerSearch(state);
}

/** The agenda's filters as its URL writes them: slugs for places, a code for the thématique. */
export interface AgendaFilters {
	commune?: string;
	quartier?: string;
	thematique?: string;
}

/** What an embedded map shows: both panes (default), the map alone or the list alone. */
export type EmbedDisplay = 'les-deux' | 'carte' | 'liste';

const routes = {
	// Public pages --------------------------------------------------------------------------------------
	home: () => '/',

	/** `/carte` with the explorer's state, written by the explorer's own canonical writer. */
	map: (link: MapLink = {}): string => `/carte${mapSearch(link)}`,
	/** The map's compact points of one data version (cached by version). */
	mapPoints: (version: number) => withQuery('/carte/points.json', { v: version }),
	/**
	 * Above the threshold (src/lib/domain/map/scale.ts), the server's clusters as vector tiles: MapLibre's
	 * template (braces left for it to fill), named by the data version, the filters as the query string.
	 */
	mapTiles: (r: RemotePoints) => withQueryString(`/carte/tuiles/${r.version}/{z}/{x}/{y}.pbf`, r.key),
	/** One tile of the server's clusters (the benchmark, tests). */
	mapTile: (r: RemotePoints, t: { z: number; x: number; y: number }) =>
		withQueryString(`/carte/tuiles/${r.version}/${t.z}/${t.x}/${t.y}.pbf`, r.key),
	/** The server's clusters of a box at a zoom, as JSON (the Leaflet engine). */
	mapClusters: (r: RemotePoints, bbox: Bbox, zoom: number) =>
		withQueryString(
			`/carte/tuiles/${r.version}/grappes.json`,
			joinQuery(r.key, `bbox=${bbox.map((v) => v.toFixed(5)).join(',')}&zoom=${Math.floor(zoom)}`)
		),
	/**
	 * Whether the server's clusters of these filters are exact or a stand-in's while their index is built;
	 * `wait`: answered once they are exact.
	 */
	mapTilesState: (r: RemotePoints, wait = false) =>
		withQueryString(`/carte/tuiles/${r.version}/etat.json`, wait ? joinQuery(r.key, 'attendre=1') : r.key),
	/** Where one of the server's clusters opens, and its leaves when they are few. */
	mapCluster: (r: RemotePoints, id: number) =>
		withQueryString(`/carte/tuiles/${r.version}/grappe/${id}.json`, r.key),
	/** A page of the list from the server (large stores): the filter key, the box, the page. */
	mapList: (key: string, page: { bbox?: Bbox; offset: number; limit: number }) =>
		withQueryString(
			'/carte/liste.json',
			joinQuery(
				key,
				`${page.bbox ? `bbox=${page.bbox.map((v) => v.toFixed(5)).join(',')}&` : ''}offset=${page.offset}&limit=${page.limit}`
			)
		),
	/** One placed record's point, by id (a shared link's selection on a large store). */
	mapPoint: (id: string) => `/carte/lieu/${seg(id)}.json`,
	/** Several placed records' points by id (the leaves of a same-spot cluster on a large store). */
	mapPointsByIds: (ids: readonly string[]) => withQuery('/carte/lieux.json', { ids: ids.join(',') }),
	/** One record's details for the map's summary panel, by id. */
	mapRecordDetails: (id: string) => `/carte/fiche/${seg(id)}.json`,
	/** "Autour de moi" with a typed address: the server geocodes it. */
	mapAddress: (q: string) => withQuery('/carte/adresse.json', { q }),
	/** Commune and quartier outlines for the offline basemap and the choropleth. */
	mapOutlines: () => '/carte/contours.json',
	/**
	 * MapLibre's glyphs template (static/glyphs): concatenated, not encoded, so MapLibre substitutes the
	 * braces (`new URL()` would percent-encode them).
	 */
	glyphsTemplate: () => '/glyphs/{fontstack}/{range}.pbf',
	/** One glyph file: the 256 characters from `first` in one font, as MapLibre asks for it. */
	glyphs: (font: string, first: number) => `/glyphs/${font}/${first}-${first + 255}.pbf`,

	/**
	 * `/annuaire` with a state, written by the annuaire's canonical writer. Pass the catalogue's geography
	 * when the state names communes or quartiers, so they are written as slugs (codes are read too).
	 */
	annuaire(state: AnnuaireLink = {}, geo: AnnuaireGeo = NO_GEO): string {
		const full: DirectoryState = { q: '', filters: {}, sort: undefined, page: 1, ...state };
		// directoryQueryString writes its own `?` (or nothing at the default state).
		return `/annuaire${directoryQueryString(full, geo)}`;
	},
	/** The annuaire's form fields as submitted (name, value pairs), in their order. */
	annuaireForm(fields: readonly (readonly [string, string])[]): string {
		return withQueryString('/annuaire', new URLSearchParams(fields.map(([k, v]) => [k, v])).toString());
	},

	/** A record's public page: `/structures/<slug>`, `/initiatives/<slug>` or `/financements/<slug>`. */
	record: (r: { kind: RecordKind; slug: string }) => `${RECORD_BASES[r.kind]}/${seg(r.slug)}`,

	quartiers: () => '/quartiers',
	/** A quartier's or a commune's page; with a sub-quartier, its part of the page (`#sq-<slug>`). */
	quartier: (area: { slug: string }, sub?: { slug: string }) =>
		withQueryString(`/quartiers/${seg(area.slug)}`, '', sub ? `sq-${sub.slug}` : undefined),

	// Reach: flyers, embeds, offline packs ---------------------------------------------------------------
	/** The page where a partner builds the `<iframe>` of an embed (its form's fields, as submitted). */
	integrate: (fields: Record<string, QueryValue> = {}) => withQuery('/integrer', fields),
	/**
	 * The embeddable map: `/carte`'s parameters, and `affichage` (map or list alone). Under the prefix that
	 * may be framed (EMBED_PREFIX, src/lib/server/security-headers.js).
	 */
	embedMap(link: MapLink = {}, display: EmbedDisplay = 'les-deux'): string {
		const search = mapSearch(link);
		const extra = display === 'les-deux' ? '' : `affichage=${display}`;
		return `/embed/carte${search}${extra ? `${search ? '&' : '?'}${extra}` : ''}`;
	},
	/** What « Emporter ce quartier » saves for offline use (JSON: the addresses and the data version). */
	quartierPack: (area: { slug: string }) => `/quartiers/${seg(area.slug)}/hors-ligne.json`,
	/** The embeddable list of a quartier's or a commune's initiatives. */
	embedQuartier: (area: { slug: string }) => `/embed/quartier/${seg(area.slug)}`,
	/** A quartier's printable flyer: A4, or two A5 copies on one landscape sheet. */
	quartierFlyer: (area: { slug: string }, format: 'a4' | 'a5' = 'a4') =>
		withQuery(`/quartiers/${seg(area.slug)}/tract`, { format: format === 'a5' ? 'a5' : undefined }),

	/** The funding list, optionally for a finder profile (the same public parameters). */
	funding: (profile: FinderQuery = {}) => withQueryString('/financements', profileToQuery(profile)),
	/** The guided finder for a profile (its public contract, README "Funding finder"); `hash` an anchor. */
	fundingFinder: (profile: FinderQuery = {}, hash?: 'resultats') =>
		withQueryString('/financements/trouver', profileToQuery(profile), hash),
	/** The comparison of these tools (slugs), commas left readable: `?outils=a,b,c`. */
	fundingCompare: (slugs: readonly string[] = []) =>
		slugs.length ? `/financements/comparer?outils=${slugs.map(seg).join(',')}` : '/financements/comparer',
	/** « Imprimer mes résultats »: the finder's results for this profile as an A4 memo. */
	fundingFinderMemo: (profile: FinderQuery = {}) =>
		withQueryString('/financements/trouver/memo', profileToQuery(profile)),
	fundingMemo: (memo: MemoSlug) => `/financements/memo/${seg(memo)}`,
	fundingToVerify: () => '/financements/a-verifier',

	// Support and places ------------------------------------------------------------------------------
	/** « Créer son activité »: the support path for a profile (its public contract, README). */
	create: (profile: Partial<CreateQuery> = {}, hash?: 'parcours') =>
		withQueryString('/creer', createProfileToQuery({ besoins: [], ...profile }), hash),
	/**
	 * Places to work, meet and try, optionally of some types, open now, with premises offered (`locaux`:
	 * any offer, or free ones); `hash` an anchor (`locaux-disponibles`).
	 */
	places: (
		opts: { types?: readonly PlaceType[]; ouvert?: boolean; locaux?: 'oui' | 'gratuit' } = {},
		hash?: string
	) => {
		const p = new URLSearchParams();
		for (const t of opts.types ?? []) p.append('type-lieu', t);
		if (opts.ouvert) p.set('ouvert', 'oui');
		if (opts.locaux) p.set('locaux', opts.locaux);
		return withQueryString('/lieux', p.toString(), hash);
	},
	/** The form offering premises in a place; `envoye`: the reference of the offer just sent. */
	placePremises: (place: { slug: string }, opts: { envoye?: string } = {}) =>
		withQuery(`/lieux/${seg(place.slug)}/locaux`, { envoye: opts.envoye }),

	/** The public proposals: the choice, a new record (preselected quartier or commune), a correction. */
	propose: () => '/proposer',
	proposeNew: (kind: ProposableKind, opts: { zone?: string } = {}) =>
		withQuery(`/proposer/${seg(kind)}`, { zone: opts.zone }),
	proposeCorrection: (record: { id: string }) => withQuery('/proposer/modification', { fiche: record.id }),
	proposalThanks: (reference: string) => `/proposer/merci/${seg(reference)}`,
	/** Where a contributor follows their proposal: pending, published or declined. */
	proposalFollowUp: (reference: string) => `/proposer/suivi/${seg(reference)}`,
	/** The message form of a record (by id: a slug may change while a mail is on its way). */
	contact: (record: { id: string }) => `/contacter/${seg(record.id)}`,
	/** After a message was sent: where it went and what happens next. */
	contactSent: (record: { id: string }) => `/contacter/${seg(record.id)}/envoye`,

	// Observatory, dashboard and feeds -----------------------------------------------------------------
	/** The observatory, filtered by one commune (slug) and one thématique (code). */
	observatory: (f: { commune?: { slug: string }; thematique?: { code: string } } = {}, hash?: string) =>
		withQueryString(
			'/observatoire',
			new URLSearchParams(
				[
					['commune', f.commune?.slug],
					['thematique', f.thematique?.code]
				].filter((e): e is [string, string] => !!e[1])
			).toString(),
			hash
		),
	/** One figure's table as CSV, for the same filters. */
	observatoryCsv: (figure: string, f: { commune?: { slug: string }; thematique?: { code: string } } = {}) =>
		withQuery(`/observatoire/${seg(figure)}.csv`, {
			commune: f.commune?.slug,
			thematique: f.thematique?.code
		}),
	/** Atom feeds of new and updated records; initiatives of one quartier or commune page (its slug). */
	feed: (name: 'financements' | 'initiatives' | 'evenements', opts: { quartier?: string } = {}) =>
		withQuery(`/flux/${name}.atom`, { quartier: opts.quartier }),
	/**
	 * The agenda (events to come by month, `passes` for the archive), filtered by commune and quartier
	 * (slugs) and thématique (code); `hash` an anchor.
	 */
	agenda: (f: AgendaFilters & { passes?: boolean } = {}, hash?: string) =>
		withQueryString(
			'/agenda',
			new URLSearchParams(
				[
					['commune', f.commune],
					['quartier', f.quartier],
					['thematique', f.thematique],
					['passes', f.passes ? '1' : undefined]
				].filter((e): e is [string, string] => !!e[1])
			).toString(),
			hash
		),
	/** The agenda as an iCalendar file, for one quartier or commune (slug) and one thématique. */
	agendaIcs: (f: Pick<AgendaFilters, 'quartier' | 'thematique'> = {}) =>
		withQuery('/agenda.ics', { quartier: f.quartier, thematique: f.thematique }),
	// Buyers (the /acheter URL contract: src/lib/domain/buyers/query.ts writes it) -----------------------
	/** The sourcing search; places written as slugs when the geography is given; `hash` an anchor. */
	acheter: (q: Partial<SourcingQuery> = {}, geo?: PlaceGeo, hash?: 'resultats' | 'selection') =>
		withQueryString('/acheter', sourcingQueryString(q, geo), hash),
	/** The search's suppliers as a file, same parameters as the page. */
	acheterExport: (format: 'csv' | 'xlsx', q: Partial<SourcingQuery> = {}, geo?: PlaceGeo) =>
		withQueryString(`/acheter/export.${format}`, sourcingQueryString(q, geo)),
	/** The printable A4 sourcing note of a search. */
	acheterNote: (q: Partial<SourcingQuery> = {}, geo?: PlaceGeo) =>
		withQueryString('/acheter/note', sourcingQueryString(q, geo)),
	acheterGuide: () => '/acheter/guide',
	/** Buyers' published needs: the open ones, the form to publish one, one need, its private follow-up. */
	acheterNeeds: (done: { publie?: boolean } = {}) => withQuery('/acheter/besoins', done),
	acheterNeedPublish: () => '/acheter/besoins/publier',
	acheterNeed: (id: string, done: { merci?: boolean } = {}) => withQuery(`/acheter/besoins/${seg(id)}`, done),
	acheterNeedFollow: (token: string, done: { nouveau?: boolean; lien?: boolean } = {}) =>
		withQuery(`/acheter/besoins/suivi/${seg(token)}`, done),
	/** The open mapping of activity families to NAF and CPV. */
	apiActivities: () => '/api/v1/activites',

	openData: () => '/donnees',
	accessibility: () => '/accessibilite',
	privacy: (section?: 'messages' | 'besoins') =>
		section ? `/confidentialite#${section}` : '/confidentialite',

	// Data files ----------------------------------------------------------------------------------------
	/** A collection of the public API, as JSON or GeoJSON, with filters (`{ quartier: 'SQ_08' }`). */
	api: (
		collection: ApiCollection,
		opts: { format?: 'json' | 'geojson'; query?: Record<string, QueryValue> } = {}
	) => withQuery(`/api/v1/${collection}${opts.format === 'geojson' ? '.geojson' : ''}`, opts.query),
	/** A public export file (`organisations.csv`...): published records only. */
	apiExport: (file: string) => `/api/v1/export/${seg(file)}`,
	/** The search manifest (names the current quick index). */
	searchManifest: () => '/search-index/manifest.json',
	/** A file of the search index (`quick-<hash>.json`). */
	searchIndexFile: (name: string) => `/search-index/${seg(name)}`,
	/** The server's search endpoint; the search client adds its parameters. */
	searchQuery: () => '/search-index/query',

	// Maintainers' workspace ----------------------------------------------------------------------------
	admin: () => '/admin',
	adminLogin: (redirectTo?: string) => withQuery('/admin/connexion', { redirectTo }),
	adminLogout: () => '/admin/deconnexion',
	/** The records list, filtered by kind, status and text (`''` or absent: any), paged. */
	adminRecords: (
		filters: {
			type?: RecordKind | '';
			statut?: Status | '';
			q?: string;
			/** Records to review after an import (`sirene`). */
			relire?: 'sirene' | '';
			page?: number;
		} = {}
	) =>
		withQuery('/admin/fiches', {
			...filters,
			page: filters.page && filters.page > 1 ? filters.page : undefined
		}),
	/** A new record of a kind, or from a pending proposal. */
	adminNewRecord: (opts: { type?: RecordKind; proposition?: string } = {}) =>
		withQuery('/admin/fiches/nouvelle', opts),
	adminRecord: (id: string, flags: RecordPageFlags = {}) =>
		withQuery(`/admin/fiches/${seg(id)}`, { ...flags }),
	adminRecordHistory: (id: string, opts: { restauree?: number } = {}) =>
		withQuery(`/admin/fiches/${seg(id)}/historique`, opts),
	adminModeration: () => '/admin/moderation',
	/** The premises offers waiting for a decision, and their history; `decision`: the message to show. */
	adminPremises: (decision?: 'publiee' | 'refusee') => withQuery('/admin/locaux', { decision }),
	adminMessages: (done: { traite?: boolean; envoi?: boolean } = {}) => withQuery('/admin/messages', done),
	/** Buyers' needs waiting for moderation. */
	adminNeeds: (done: { traite?: boolean } = {}) => withQuery('/admin/besoins', done),
	adminProposal: (id: string, outcome: { approuvee?: boolean; refusee?: boolean } = {}) =>
		withQuery(`/admin/moderation/${seg(id)}`, outcome),
	/** Duplicates; after a merge, the record kept (`fusion`), or a pair dismissed (`ecarte`). */
	adminDuplicates: (opts: { fusion?: string; ecarte?: boolean } = {}) => withQuery('/admin/doublons', opts),
	/** The merge's confirmation page for a pair of duplicates, keeping `keep`. */
	adminMergePreview: (a: string, b: string, keep: string) =>
		withQuery('/admin/doublons/fusion', { a, b, garder: keep }),
	/** Records to re-verify; after « Toujours exact », the id of the record just verified. */
	adminFreshness: (opts: { verifiee?: string } = {}) => withQuery('/admin/fraicheur', opts),
	adminImports: () => '/admin/import',
	/** One import; its rows filtered by status (`lignes`) and paged. */
	adminImport: (id: string, opts: { lignes?: string; page?: number } = {}) =>
		withQuery(`/admin/import/${seg(id)}`, opts),
	adminImportProgress: (id: string) => `/admin/import/${seg(id)}/progres`,
	/** One import's rows in error, as a CSV to correct and import again. */
	adminImportRejected: (id: string) => `/admin/import/${seg(id)}/lignes-en-erreur.csv`,
	/** An empty import file for a kind of record, with its columns (`slug`: the kind's plural slug). */
	adminImportTemplate: (slug: string, format: 'csv' | 'xlsx') =>
		`/admin/import/modele/${seg(slug)}.${format}`,
	adminExports: () => '/admin/export',
	/** A maintainers' export file (every status); `excel` for semicolons and a BOM. */
	adminExport: (file: string, opts: { excel?: boolean } = {}) =>
		withQuery(`/admin/export/${seg(file)}`, opts),
	/** The CRESS's indicators: proposals, edits, imports, stale records, corrections asked. */
	adminIndicators: () => '/admin/indicateurs',
	adminAccounts: (opts: { cree?: boolean; modifie?: boolean } = {}) => withQuery('/admin/comptes', opts)
} as const;

/**
 * The builders of pages a visitor reads: their addresses follow the reader's language (`/de/carte` from a
 * German page). Data files, feeds, the API and the workspace keep one address in every language.
 */
export const PAGE_ROUTES = [
	'home',
	'map',
	'annuaire',
	'annuaireForm',
	'record',
	'quartiers',
	'quartier',
	'integrate',
	'embedMap',
	'embedQuartier',
	'quartierFlyer',
	'funding',
	'fundingFinder',
	'fundingCompare',
	'fundingFinderMemo',
	'fundingMemo',
	'fundingToVerify',
	'create',
	'places',
	'placePremises',
	'agenda',
	'propose',
	'proposeNew',
	'proposeCorrection',
	'proposalThanks',
	'proposalFollowUp',
	'contact',
	'contactSent',
	'observatory',
	// The observatory's CSV files speak the page's language (headers, labels): `/de/observatoire/x.csv`.
	'observatoryCsv',
	'acheter',
	'acheterNote',
	// The shortlist's files are read by a person, not a program: their headers follow the page's language,
	// which the address carries (`/de/acheter/export.csv`); open data keeps one address.
	'acheterExport',
	'acheterGuide',
	'acheterNeeds',
	'acheterNeedPublish',
	'acheterNeed',
	'acheterNeedFollow',
	'openData',
	'accessibility',
	'privacy'
] as const satisfies readonly (keyof typeof routes)[];

/**
 * The builders whose address is the same in every language: data files, tiles, feeds, the API, the search
 * index. With PAGE_ROUTES and the workspace's (`admin…`, French only), every builder is one or the other:
 * links.test.ts fails on a new builder that is in neither, so its language is decided when it is added.
 */
export const FIXED_ROUTES = [
	'mapPoints',
	'mapTiles',
	'mapTile',
	'mapClusters',
	'mapTilesState',
	'mapCluster',
	'mapList',
	'mapPoint',
	'mapPointsByIds',
	'mapRecordDetails',
	'mapAddress',
	'mapOutlines',
	'glyphsTemplate',
	'glyphs',
	'quartierPack',
	'feed',
	'apiActivities',
	'api',
	'apiExport',
	'searchManifest',
	'searchIndexFile',
	'searchQuery',
	'agendaIcs'
] as const satisfies readonly (keyof typeof routes)[];

type Builder = (...args: never[]) => string;

/** `routes`, with each page builder's address written in the current language (lib/i18n/paths.ts). */
function inReadersLanguage<T extends Record<string, Builder>>(all: T, pages: readonly (keyof T)[]): T {
	const out: Record<string, Builder> = { ...all };
	for (const key of pages) {
		const build = all[key] as unknown as (...args: unknown[]) => string;
		out[key as string] = (...args: unknown[]) => localizePath(build(...args), getLocale());
	}
	return out as T;
}

export const route = inReadersLanguage(routes, PAGE_ROUTES);

/** The site's languages and their names, for a page that lets a reader choose one (the embeds' form). */
export const LANGUAGES = LOCALES;
export type Language = Locale;
export const LANGUAGE_NAMES = LOCALE_NAMES;

/** A page's address in a chosen language rather than the reader's (an embed built for a partner's site). */
export function inLanguage(path: string, language: Language): string {
	return localizePath(path, language);
}

/** Whether a pathname is a route's own or below it: `isUnder(pathname, route.admin())`. */
export function isUnder(pathname: string, root: string): boolean {
	return pathname === root || pathname.startsWith(`${root}/`);
}
