/**
 * Updating a curated record from an outside source (an import file, the SIRENE register): field by field,
 * a policy says what an offered value may do to the value already there, so that nothing curated is
 * overwritten unless someone chose it.
 *
 * - fill (« compléter seulement les cases vides »): the offered value is taken only where the record has
 *   none; an offered value that differs from the one kept is reported, never applied;
 * - union (« ajouter à la liste »): list items are added to the record's own, without repeats (the field's
 *   merge metadata says which item properties identify an item: a source by its address or reference);
 * - replace (« remplacer »): the offered value replaces the record's, and an empty one clears it.
 *
 * The default follows the field's merge metadata (field-meta.ts): lists merged as a union when two
 * records are merged are added to, everything else is only filled.
 */
import type { FieldSpec } from './fields';
import { getPath, setPath } from './paths';

export type UpdatePolicy = 'fill' | 'union' | 'replace';

export const UPDATE_POLICY_LABELS: Record<UpdatePolicy, string> = {
	fill: 'compléter seulement les cases vides',
	union: 'ajouter à la liste',
	replace: 'remplacer'
};

const LIST_TYPES = new Set(['enum-list', 'ref-list', 'text-list', 'sources']);

export function isListField(spec: Pick<FieldSpec, 'type'>): boolean {
	return LIST_TYPES.has(spec.type);
}

/** The policies that make sense for a field, the default first. */
export function policiesFor(spec: FieldSpec): UpdatePolicy[] {
	if (!isListField(spec)) return ['fill', 'replace'];
	return defaultPolicy(spec) === 'union' ? ['union', 'fill', 'replace'] : ['fill', 'union', 'replace'];
}

export function defaultPolicy(spec: FieldSpec): UpdatePolicy {
	return isListField(spec) && spec.merge.rule === 'union' ? 'union' : 'fill';
}

/** A policy asked for a field, or the field's default when it does not apply (union of a text). */
export function effectivePolicy(spec: FieldSpec, asked: UpdatePolicy | undefined): UpdatePolicy {
	return asked && policiesFor(spec).includes(asked) ? asked : defaultPolicy(spec);
}

export const isEmptyValue = (v: unknown): boolean =>
	v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** Equality of stored values: keys in any order, absent and empty lists alike. */
export function sameValue(a: unknown, b: unknown): boolean {
	const norm = (v: unknown): unknown => {
		if (Array.isArray(v)) return v.length === 0 ? undefined : v.map(norm);
		if (typeof v === 'object' && v !== null)
			return Object.fromEntries(
				Object.keys(v)
					.sort()
					.map((k) => [k, norm((v as Record<string, unknown>)[k])])
					.filter(([, x]) => x !== undefined)
			);
		return v === '' || v === null ? undefined : v;
	};
	return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

function itemKey(item: unknown, by: readonly string[] | undefined): string {
	if (!by) return JSON.stringify(item);
	const o = (item ?? {}) as Record<string, unknown>;
	const key = by.map((k) => o[k]).find((v) => !isEmptyValue(v));
	return key === undefined ? JSON.stringify(item) : `${String(key)}`;
}

/** `mine` then the items of `theirs` not already there. No cap: a list past its maximum is the schema's to refuse. */
export function unionList(spec: FieldSpec, mine: unknown, theirs: unknown): unknown[] {
	const a = Array.isArray(mine) ? mine : [];
	const b = Array.isArray(theirs) ? theirs : [];
	const by = spec.merge.rule === 'union' ? spec.merge.by : undefined;
	const seen = new Set(a.map((v) => itemKey(v, by)));
	const out = [...a];
	for (const v of b) {
		const key = itemKey(v, by);
		if (seen.has(key)) continue;
		seen.add(key);
		out.push(structuredClone(v));
	}
	return out;
}

/** A value offered for a field; `undefined` is an empty cell. */
export interface FieldOffer {
	path: string;
	value: unknown;
}

/** An offered value that was not applied because the record already had one (policy fill). */
export interface KeptValue {
	path: string;
	current: unknown;
	offered: unknown;
}

/**
 * `current` with the offers applied under their policies (a copy; `current` is not touched), the paths
 * that changed, and the offered values left out. Offers for paths without a spec are ignored.
 */
export function applyOffers<T extends object>(
	specs: readonly FieldSpec[],
	current: T,
	offers: readonly FieldOffer[],
	policies: Partial<Record<string, UpdatePolicy>> = {}
): { next: T; changed: string[]; kept: KeptValue[] } {
	const next = structuredClone(current) as Record<string, unknown>;
	const bySpec = new Map(specs.map((s) => [s.path, s]));
	const changed: string[] = [];
	const kept: KeptValue[] = [];
	for (const offer of offers) {
		const spec = bySpec.get(offer.path);
		if (!spec) continue;
		const mine = getPath(next, offer.path);
		const policy = effectivePolicy(spec, policies[offer.path]);
		let value: unknown;
		if (policy === 'replace') value = offer.value;
		else if (isEmptyValue(offer.value)) continue;
		else if (policy === 'union') value = unionList(spec, mine, offer.value);
		else if (isEmptyValue(mine)) value = structuredClone(offer.value);
		else {
			if (!sameValue(mine, offer.value)) kept.push({ path: offer.path, current: mine, offered: offer.value });
			continue;
		}
		if (sameValue(mine, value)) continue;
		setPath(next, offer.path, value);
		changed.push(offer.path);
	}
	return { next: next as T, changed, kept };
}
