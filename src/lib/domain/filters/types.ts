/**
 * What a filter is: the shape of one descriptor of the registry (registry.ts) and the surfaces that
 * offer filters. Types only; the generic code that reads descriptors is in the other modules of this folder.
 */
import type { Commune, Qpv, Quartier, Thematique } from '../geography';
import type { Gender } from '../grammar';
import type { PublicRecord, RecordKind } from '../records';

/**
 * Where filters are offered:
 * - `api`: the read API's collections (`/api/v1/organisations?...`), strict: a bad parameter answers 400;
 * - `annuaire`: `/annuaire`, facets with counts and chips, lenient: a bad value becomes a French note;
 * - `map`: the map and its list (`/carte`, `/`), lenient: a bad value is ignored with a message;
 * - `funding`: the funding list (`/financements`), a GET form whose errors are shown beside their field.
 */
export type Surface = 'api' | 'annuaire' | 'map' | 'funding';
export const SURFACES: readonly Surface[] = ['api', 'annuaire', 'map', 'funding'];

/** The reference data that some filters take their values from (a subset of the catalogue's `geo`). */
export interface FilterRef {
	communes: readonly Pick<Commune, 'code' | 'slug' | 'name'>[];
	quartiers: readonly Pick<Quartier, 'code' | 'slug' | 'name'>[];
	thematiques: readonly Pick<Thematique, 'code' | 'label'>[];
	/** Only the API filters on QPV; pages that do not need them may leave them out. */
	qpv?: readonly Pick<Qpv, 'slug' | 'name'>[];
}

/** One value a filter can take. */
export interface FilterValue {
	/** What records hold and what the filter keeps internally (an INSEE code, SQ_07, a taxonomy code...). */
	code: string;
	label: string;
	/** A readable spelling accepted in URLs and written where a surface prefers slugs (the annuaire). */
	slug?: string;
	/** Other spellings accepted for this value (`true` and `1` for `oui`). */
	also?: readonly string[];
}

/** Where a filter's values come from. */
export type ValueSource =
	| { from: 'taxonomy'; values: readonly FilterValue[] }
	| { from: 'communes' | 'quartiers' | 'qpv' | 'thematiques' }
	/** An open set checked by shape only (identifiers of organisations): unknown ones simply match nothing. */
	| { from: 'pattern'; pattern: RegExp; invalid: string; example: string };

/** Another name of a filter's parameter, accepted (never written) on some surfaces. */
export interface Alias {
	name: string;
	surfaces: readonly Surface[];
	/** Only for records of these kinds: the same name means another filter for other kinds (`type`). */
	kinds?: readonly RecordKind[];
}

/** What a record gives to a filter that depends on the moment (a tool "open today"). */
export interface ReadContext {
	now: Date;
}

/** How the annuaire shows a filter. */
export interface AnnuaireDecl {
	/** One value at a time, shown as tabs (the kind of record): `anyLabel` is the tab without the filter. */
	tabs?: { anyLabel: string; clearLabel: string };
}

/** How the map shows a filter: one select per parameter; filters sharing a parameter share the select. */
export interface MapDecl {
	/** The parameter the map writes, when not the canonical one (commune and quartier share `lieu`). */
	param?: string;
	/** The select's label, when not the filter's (set on the first filter of a shared select). */
	label?: string;
	/** The select's first option, meaning "no filter". */
	anyLabel?: string;
	/** The group of options of a shared select. */
	optgroup?: string;
	/** Position among the map's selects (and of the group within a shared select). */
	rank: number;
}

/** How the funding list shows a filter: a select, or a checkbox for an on/off filter. */
export interface FundingDecl {
	anyLabel?: string;
	/** The label of the checkbox of an on/off filter. */
	checkbox?: string;
	rank: number;
}

export interface FilterDescriptor<K extends string = string> {
	/** Internal name (state keys, facet names). */
	key: K;
	/** The canonical URL parameter, in French as the annuaire writes it; accepted on every surface. */
	param: string;
	aliases: readonly Alias[];
	/** French label: facet legend, chips, select label. */
	label: string;
	/** The lower-case word used in notes and errors (« famille inconnue « x » »). */
	word: string;
	/** The word's gender, for the words agreed with it (« secteur inconnu », « famille inconnue »). */
	gender: Gender;
	/** What is expected, added to the message about a value that is not known ("code INSEE ou slug attendu"). */
	hint?: string;
	/** Record kinds that have this filter; records of other kinds never match a selection of it. */
	kinds: readonly RecordKind[];
	source: ValueSource;
	/** The record's values (empty for a record of another kind). */
	read: (record: PublicRecord, context?: ReadContext) => readonly string[];
	/** One value at a time. */
	single?: boolean;
	/** Values that mean "no filter" (`ouvert=non`): accepted, then dropped. */
	neutral?: readonly string[];
	/** Prefix of the filter's codes in the map's compact points (`s:reemploi`), with how values are written. */
	mapCode?: { prefix: string; encode?: (value: string) => string };
	/** Where it is offered: the API for these kinds, the annuaire, the map, the funding list. */
	on: {
		api?: readonly RecordKind[];
		annuaire?: AnnuaireDecl;
		map?: MapDecl;
		funding?: FundingDecl;
	};
}

/** Selected values of filters, by filter key (any of the values within a filter, all filters together). */
export type FilterSelection<K extends string = string> = Partial<Record<K, readonly string[]>>;
