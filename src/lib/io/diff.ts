/**
 * Field-level differences between two versions of a record, for histories, moderation and conflicts, with
 * the fields' French labels and in the order of the form (from the record schemas' metadata).
 */
import { FIELDS, fieldSpec, labelOfPath, type FieldSpec } from '$lib/domain/fields';
import type { PublicRecordInput, RecordKind } from '$lib/domain/records';
import { labelOf } from '$lib/domain/taxonomies';
import { canonical } from './cells';

export interface FieldChange {
	path: string;
	label: string;
	before: string;
	after: string;
}

/** Nested objects become dotted paths; lists and sources stay whole values. */
export function flattenRecord(value: unknown, prefix = '', out = new Map<string, unknown>()) {
	if (typeof value !== 'object' || value === null) return out;
	for (const [key, v] of Object.entries(value)) {
		const path = prefix ? `${prefix}.${key}` : key;
		if (typeof v === 'object' && v !== null && !Array.isArray(v)) flattenRecord(v, path, out);
		else out.set(path, v);
	}
	return out;
}

/** A value as one line of text for people; codes of a taxonomy are shown with their French label. */
export function displayValue(v: unknown, spec?: FieldSpec): string {
	if (v === undefined || v === null || v === '') return '';
	const taxonomy = spec?.taxonomy;
	if (taxonomy && typeof v === 'string') return labelOf(taxonomy, v);
	if (taxonomy && Array.isArray(v)) return v.map((x) => labelOf(taxonomy, String(x))).join(' ; ');
	if (typeof v === 'boolean') return v ? 'oui' : 'non';
	if (Array.isArray(v)) {
		return v
			.map((x) => {
				if (typeof x === 'object' && x !== null) {
					const s = x as { url?: string; reference?: string; seen?: string; note?: string };
					if (s.url || s.reference)
						return [s.url, s.reference, s.seen ? `(vu le ${s.seen})` : '', s.note].filter(Boolean).join(' ');
					return JSON.stringify(x);
				}
				return String(x);
			})
			.join(' ; ');
	}
	if (typeof v === 'object') return JSON.stringify(v);
	return String(v);
}

function order(kind: RecordKind | undefined): Map<string, number> {
	const paths = kind ? FIELDS[kind].map((f) => f.path) : [];
	return new Map(paths.map((p, i) => [p, i]));
}

/** A record, validated or not, possibly with its stored version (which is not compared). */
type Versioned = PublicRecordInput & { version?: number };

/** What changed from `before` to `after` (either may be undefined: creation, or a record shown alone). */
export function diffRecords(before: Versioned | undefined, after: Versioned | undefined): FieldChange[] {
	const kind = (after ?? before)?.kind;
	const a = flattenRecord(before);
	const b = flattenRecord(after);
	a.delete('version');
	b.delete('version');
	const rank = order(kind);
	const paths = [...new Set([...a.keys(), ...b.keys()])].sort(
		(x, y) => (rank.get(x) ?? 1000) - (rank.get(y) ?? 1000) || x.localeCompare(y)
	);
	const changes: FieldChange[] = [];
	for (const path of paths) {
		const x = a.get(path);
		const y = b.get(path);
		if (canonical({ v: x }) === canonical({ v: y })) continue;
		const spec = kind ? fieldSpec(kind, path) : undefined;
		changes.push({
			path,
			label: labelOfPath(kind, path),
			before: displayValue(x, spec),
			after: displayValue(y, spec)
		});
	}
	return changes;
}
