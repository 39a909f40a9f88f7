/**
 * Filters in URLs, for every surface: which names each surface accepts, reading a query string in the
 * three ways the surfaces need (strict for the API, lenient for the annuaire and the map, one value per
 * field for the funding list's form), and writing the canonical query string.
 */
import type { RecordKind } from '../records';
import { filtersOn, type FilterKey } from './registry';
import type { FilterDescriptor, FilterRef, FilterSelection, Surface } from './types';
import { isNeutral, urlValue, valueSchema, type ValueStyle } from './values';

/** How each surface writes values: the annuaire writes slugs, the others codes. */
export const VALUE_STYLE: Record<Exclude<Surface, 'api'>, ValueStyle> = {
	annuaire: 'slug',
	map: 'code',
	funding: 'code'
};

/** Values of a parameter, repeated or comma-separated (both mean "any of"), trimmed, empties dropped. */
export function paramValues(params: URLSearchParams, name: string): string[] {
	return params
		.getAll(name)
		.flatMap((v) => v.split(','))
		.map((v) => v.trim())
		.filter((v) => v !== '');
}

/** The parameter a surface writes for a filter (the map writes communes and quartiers as `lieu`). */
export function writtenParam(d: FilterDescriptor, surface: Surface): string {
	return (surface === 'map' ? d.on.map?.param : undefined) ?? d.param;
}

/** Every name a filter answers to on a surface (for the API, for this kind): the written one first. */
export function namesOf(d: FilterDescriptor, surface: Surface, kind?: RecordKind): string[] {
	const aliases = d.aliases
		.filter((a) => a.surfaces.includes(surface) && (!a.kinds || !kind || a.kinds.includes(kind)))
		.map((a) => a.name);
	return [...new Set([writtenParam(d, surface), d.param, ...aliases])];
}

/** A form's parameters with the filters behind each, in the surface's order (its declarations' `rank`). */
export interface ParamGroup {
	param: string;
	filters: FilterDescriptor<FilterKey>[];
}

export function paramGroups(surface: 'map' | 'funding'): ParamGroup[] {
	const rank = (d: FilterDescriptor) => d.on[surface]?.rank ?? 0;
	const groups = new Map<string, FilterDescriptor<FilterKey>[]>();
	for (const d of [...filtersOn(surface)].sort((a, b) => rank(a) - rank(b))) {
		const param = writtenParam(d, surface);
		groups.set(param, [...(groups.get(param) ?? []), d]);
	}
	return [...groups].map(([param, filters]) => ({ param, filters }));
}

/**
 * Name -> the filters it reaches on a surface, in registry order. One filter per name, except where a
 * surface shares a parameter between filters (the map's `lieu`: a value goes to the filter that knows it).
 */
export function nameTable(surface: Surface, kind?: RecordKind): Map<string, FilterDescriptor[]> {
	const table = new Map<string, FilterDescriptor[]>();
	for (const d of filtersOn(surface, kind))
		for (const name of namesOf(d, surface, kind)) table.set(name, [...(table.get(name) ?? []), d]);
	return table;
}

export interface Rejected {
	/** The parameter as written in the URL. */
	parameter: string;
	value: string;
	/** The first issue's message, naming the filter (« famille inconnue : « x » »). */
	message: string;
	filter: FilterDescriptor;
}

/** The first filter of `candidates` that accepts `value`, with the code; else the first one's issue. */
function resolve(candidates: readonly FilterDescriptor[], ref: FilterRef, value: string) {
	let message = '';
	for (const d of candidates) {
		const parsed = valueSchema(d, ref).safeParse(value);
		if (parsed.success) return { ok: true as const, filter: d, code: parsed.data };
		message ||= parsed.error.issues[0].message;
	}
	return { ok: false as const, message };
}

function add(selection: Record<string, string[]>, key: string, code: string) {
	const list = (selection[key] ??= []);
	if (!list.includes(code)) list.push(code);
}

/**
 * Lenient read (annuaire, map): known values are kept, in the order given, each code once; unknown ones
 * are returned for the page to explain; a one-at-a-time filter keeps its first value; unknown parameters
 * are none of its business (links carry campaign tags). Never throws.
 */
export function readLenient(
	params: URLSearchParams,
	surface: Exclude<Surface, 'api'>,
	ref: FilterRef,
	{ maxValues = 50 }: { maxValues?: number } = {}
): { selection: FilterSelection; rejected: Rejected[] } {
	const selection: Record<string, string[]> = {};
	const rejected: Rejected[] = [];
	for (const [name, candidates] of nameTable(surface)) {
		for (const value of paramValues(params, name).slice(0, maxValues)) {
			if (candidates.some((d) => isNeutral(d, value))) continue;
			const r = resolve(candidates, ref, value);
			if (r.ok) add(selection, r.filter.key, r.code);
			else rejected.push({ parameter: name, value, message: r.message, filter: candidates[0] });
		}
	}
	for (const d of filtersOn(surface)) if (d.single && selection[d.key]) selection[d.key].length = 1;
	return { selection, rejected };
}

export type StrictRead =
	{ ok: true; selection: FilterSelection } | { ok: false; error: { parameter: string; message: string } };

/**
 * Strict read (the API): every parameter must be a filter of this kind (or one of `own`, the caller's
 * parameters), every value known; the first problem, in the URL's order, is returned naming its parameter.
 */
export function readStrict(
	params: URLSearchParams,
	kind: RecordKind,
	ref: FilterRef,
	own: readonly string[]
): StrictRead {
	const table = nameTable('api', kind);
	const selection: Record<string, string[]> = {};
	for (const name of new Set(params.keys())) {
		if (own.includes(name)) continue;
		const candidates = table.get(name);
		if (!candidates) {
			const accepted = [...table.keys(), ...own].sort().join(', ');
			return {
				ok: false,
				error: { parameter: name, message: `paramètre inconnu ; paramètres acceptés : ${accepted}` }
			};
		}
		const values = paramValues(params, name).filter((v) => !candidates.some((d) => isNeutral(d, v)));
		if (values.length > 1 && candidates.every((d) => d.single))
			return { ok: false, error: { parameter: name, message: 'une seule valeur attendue' } };
		for (const value of values) {
			const r = resolve(candidates, ref, value);
			if (!r.ok) return { ok: false, error: { parameter: name, message: r.message } };
			add(selection, r.filter.key, r.code);
		}
	}
	return { ok: true, selection };
}

export interface FieldError {
	field: string;
	message: string;
}

/**
 * Read for a GET form with one control per filter (the funding list): one value per field (a field sent
 * twice with different values is an error), errors keyed by the field's name, and the raw values to refill
 * the form as the visitor sent them.
 */
export function readForm(
	params: URLSearchParams,
	surface: 'funding',
	ref: FilterRef
): { selection: FilterSelection; raw: Record<string, string>; errors: FieldError[] } {
	const selection: Record<string, string[]> = {};
	const raw: Record<string, string> = {};
	const errors: FieldError[] = [];
	for (const {
		param: name,
		filters: [d]
	} of paramGroups(surface)) {
		const filled = params
			.getAll(name)
			.map((v) => v.trim())
			.filter((v) => v !== '');
		if (filled.length === 0) continue;
		if (new Set(filled).size > 1) {
			errors.push({
				field: name,
				message: `« ${name} » est donné plusieurs fois avec des valeurs différentes`
			});
			continue;
		}
		raw[name] = filled[0];
		if (isNeutral(d, filled[0])) continue;
		const r = resolve([d], ref, filled[0]);
		if (r.ok) selection[d.key] = [r.code];
		else errors.push({ field: name, message: r.message });
	}
	return { selection, raw, errors };
}

/**
 * Appends a selection to a query string the way a surface writes it: the filters in registry order, each
 * value as its own parameter (`famille=a&famille=b`), slugs or codes as the surface prefers.
 */
export function writeSelection(
	p: URLSearchParams,
	selection: FilterSelection,
	surface: Exclude<Surface, 'api'>,
	ref: FilterRef
): URLSearchParams {
	for (const d of filtersOn(surface))
		for (const code of selection[d.key] ?? [])
			p.append(writtenParam(d, surface), urlValue(d, ref, code, VALUE_STYLE[surface]));
	return p;
}
