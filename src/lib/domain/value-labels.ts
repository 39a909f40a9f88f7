/**
 * What a maintainer reads in a diff instead of a stored code: « Strasbourg » for `67482`, « Neuhof –
 * Stockfeld – Ganzau » for `SQ_10`, a thématique's label, a linked record's name. Taxonomy codes (legal
 * forms, sectors, precision...) are labelled by the diff itself; these are the codes whose labels live in
 * the store (places, thématiques, records), handed in as plain maps so this stays pure.
 */
import type { FieldSpec, RefSource } from './fields';
import { getPath } from './paths';

/** Labels by code for each reference list; `subQuartier` is keyed `<quartier code>/<slug>`. */
export type ValueLabels = Partial<Record<RefSource | 'subQuartier', ReadonlyMap<string, string>>>;

/** The key of a sub-quartier in ValueLabels.subQuartier. */
export const subQuartierKey = (quartierCode: string, slug: string) => `${quartierCode}/${slug}`;

function labelOne(map: ReadonlyMap<string, string> | undefined, code: string, withCode: boolean): string {
	const label = map?.get(code);
	if (label === undefined) return code;
	return withCode && label !== code ? `${label} (${code})` : label;
}

/**
 * The label of a reference field's value, or undefined when the field is not a reference (the diff's own
 * display then applies). `record` is the record the value belongs to (a sub-quartier is read within its
 * quartier). Codes nobody knows stay as they are: a wrong code must remain visible to be corrected.
 */
export function referenceLabel(
	spec: Pick<FieldSpec, 'path' | 'ref'> | undefined,
	value: unknown,
	labels: ValueLabels,
	record?: unknown
): string | undefined {
	if (!spec || value === undefined || value === null || value === '') return undefined;
	if (spec.path === 'subQuartier' && typeof value === 'string') {
		const quartier = getPath(record, 'quartierCode');
		const map = labels.subQuartier;
		const key = typeof quartier === 'string' ? subQuartierKey(quartier, value) : undefined;
		return (key ? map?.get(key) : undefined) ?? value;
	}
	if (!spec.ref) return undefined;
	// Places are recognised by name; linked records also keep their id, which is what a maintainer types.
	const withCode = spec.ref === 'organisation' || spec.ref === 'provider' || spec.ref === 'funding-tool';
	const map = labels[spec.ref];
	if (Array.isArray(value)) return value.map((v) => labelOne(map, String(v), withCode)).join(' ; ');
	return labelOne(map, String(value), withCode);
}

/** A field-level change as the diffs give it: a path and both values as text. */
export interface LabelledChange {
	path: string;
	before: string;
	after: string;
}

/**
 * The same changes with reference codes replaced by their labels, read from the two versions the changes
 * were computed from (either may be undefined: a new record, a record shown alone).
 */
export function labelChanges<C extends LabelledChange>(
	changes: readonly C[],
	specOf: (path: string) => Pick<FieldSpec, 'path' | 'ref'> | undefined,
	before: unknown,
	after: unknown,
	labels: ValueLabels
): C[] {
	return changes.map((c) => {
		const spec = specOf(c.path);
		const b = referenceLabel(spec, getPath(before, c.path), labels, before);
		const a = referenceLabel(spec, getPath(after, c.path), labels, after);
		return b === undefined && a === undefined ? c : { ...c, before: b ?? c.before, after: a ?? c.after };
	});
}
