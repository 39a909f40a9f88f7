/**
 * A filter's values, whatever their source (a taxonomy, the reference data, a pattern): the list with
 * labels, the zod schema that turns a URL value into a code, the label of a code and how a code is written.
 */
import { z } from 'zod';
import { agree } from '../grammar';
import type { FilterDescriptor, FilterRef, FilterValue } from './types';

/** Every value of a filter with its label, in the source's order (none for an open set). */
export function valuesOf(d: FilterDescriptor, ref: FilterRef): readonly FilterValue[] {
	const s = d.source;
	switch (s.from) {
		case 'taxonomy':
			return s.values;
		case 'communes':
			return ref.communes.map((c) => ({ code: c.code, slug: c.slug, label: c.name }));
		case 'quartiers':
			return ref.quartiers.map((q) => ({ code: q.code, slug: q.slug, label: q.name }));
		case 'thematiques':
			return ref.thematiques.map((t) => ({ code: t.code, label: t.label }));
		case 'qpv':
			return (ref.qpv ?? []).map((q) => ({ code: q.slug, label: q.name }));
		case 'pattern':
			return [];
	}
}

/** Reference data changes with the data version: lookups are kept per reference object. */
const lookups = new WeakMap<object, Map<string, Lookup>>();
const STATIC = {};

interface Lookup {
	/** Accepted spelling (code, slug, other spellings) -> code. */
	codes: Map<string, string>;
	byCode: Map<string, FilterValue>;
	schema?: z.ZodType<string, string>;
}

function lookup(d: FilterDescriptor, ref: FilterRef): Lookup {
	const owner = d.source.from === 'taxonomy' || d.source.from === 'pattern' ? STATIC : ref;
	let perRef = lookups.get(owner);
	if (!perRef) lookups.set(owner, (perRef = new Map()));
	let l = perRef.get(d.key);
	if (!l) {
		const values = valuesOf(d, ref);
		const codes = new Map<string, string>();
		for (const v of values)
			for (const spelling of [v.code, v.slug, ...(v.also ?? [])])
				if (spelling !== undefined && !codes.has(spelling)) codes.set(spelling, v.code);
		l = { codes, byCode: new Map(values.map((v) => [v.code, v])) };
		perRef.set(d.key, l);
	}
	return l;
}

/** The message about a value the filter does not know, in French, naming the filter. */
export function unknownValueMessage(d: FilterDescriptor, value: string): string {
	return `${d.word} ${agree('inconnu', d.gender)} : « ${value.slice(0, 60)} »${d.hint ? ` (${d.hint})` : ''}`;
}

/**
 * One URL value of a filter -> its code (a slug becomes the INSEE code, `true` becomes `oui`), or an issue
 * whose message names the filter. Every surface validates values with it.
 */
export function valueSchema(d: FilterDescriptor, ref: FilterRef): z.ZodType<string, string> {
	const l = lookup(d, ref);
	const s = d.source;
	l.schema ??=
		s.from === 'pattern'
			? z.string().regex(s.pattern, { error: s.invalid })
			: z
					.string()
					.refine((v) => l.codes.has(v), { error: (iss) => unknownValueMessage(d, String(iss.input)) })
					.transform((v) => l.codes.get(v)!);
	return l.schema;
}

/** A value that means "no filter" (`ouvert=non`). */
export function isNeutral(d: FilterDescriptor, value: string): boolean {
	return d.neutral?.includes(value) ?? false;
}

/** French label of a code (the code itself when unknown, so it stays visible). */
export function valueLabel(d: FilterDescriptor, ref: FilterRef, code: string): string {
	return lookup(d, ref).byCode.get(code)?.label ?? code;
}

/** How a surface writes values: the code, or the slug where the value has one (readable addresses). */
export type ValueStyle = 'code' | 'slug';

export function urlValue(d: FilterDescriptor, ref: FilterRef, code: string, style: ValueStyle): string {
	if (style === 'code') return code;
	return lookup(d, ref).byCode.get(code)?.slug ?? code;
}
