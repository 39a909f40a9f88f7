/**
 * Merging a duplicate into the record kept: each field follows the merge rule of its metadata (keep the
 * kept record's value, fill it when missing, or the union of both lists; see MergeRule in field-meta.ts).
 * With today's rules: the kept record's own values win; the other's sources, thématiques, sectors and tags
 * are added, and its contact details, SIRET, short name, founding year, address, position and quartier fill
 * what the kept record lacks.
 */
import type { MergeRule } from './field-meta';
import { FIELDS, type FieldSpec } from './fields';
import { getPath, setPath } from './paths';
import type { PublicRecord } from './records';

const isEmpty = (v: unknown) => v === undefined || v === null || v === '';

function itemKey(item: unknown, by: readonly string[] | undefined): string {
	if (!by) return String(item);
	const o = (item ?? {}) as Record<string, unknown>;
	const key = by.map((k) => o[k]).find((v) => !isEmpty(v));
	return key === undefined ? '' : String(key);
}

/** `keep` with `drop` merged in, field by field, in the fields' order (a `sameAs` field is merged first). */
export function mergeFields<T extends object>(fields: readonly FieldSpec[], keep: T, drop: object): T {
	const out = structuredClone(keep) as Record<string, unknown>;
	for (const f of fields) {
		const rule = f.merge;
		const mine = getPath(out, f.path);
		const theirs = getPath(drop, f.path);
		if (rule.rule === 'union') {
			const a = Array.isArray(mine) ? mine : [];
			const b = Array.isArray(theirs) ? theirs : [];
			if (b.length === 0) continue;
			const seen = new Set(a.map((v) => itemKey(v, rule.by)));
			const merged = [...a, ...structuredClone(b).filter((v) => !seen.has(itemKey(v, rule.by)))];
			setPath(out, f.path, f.maxItems === undefined ? merged : merged.slice(0, f.maxItems));
		} else if (rule.rule === 'fill') {
			if (!isEmpty(mine) || isEmpty(theirs)) continue;
			if (rule.sameAs && getPath(out, rule.sameAs) !== getPath(drop, rule.sameAs)) continue;
			setPath(out, f.path, structuredClone(theirs));
		}
	}
	return out as T;
}

/** The kept record after a merge with its duplicate (of the same kind). */
export function mergeRecords<T extends PublicRecord>(keep: T, drop: PublicRecord): T {
	if (keep.kind !== drop.kind) throw new Error('merge of records of different kinds');
	return mergeFields(FIELDS[keep.kind], keep, drop);
}

/** What a merge does to one field, as the confirmation page shows it. */
export type MergeOutcome =
	/** Both records say the same. */
	| 'same'
	/** The kept record's value stays; the other's is dropped (rule `keep`, or `fill` with a value already). */
	| 'kept'
	/** The kept record had none: the other's fills it (rule `fill`). */
	| 'filled'
	/** The other's items are added to the kept record's list (rule `union`). */
	| 'united';

export interface MergeRow {
	path: string;
	label: string;
	rule: MergeRule;
	keep: unknown;
	drop: unknown;
	/** The value after the merge. */
	result: unknown;
	outcome: MergeOutcome;
}

const same = (a: unknown, b: unknown) =>
	(isEmpty(a) || (Array.isArray(a) && !a.length)) && (isEmpty(b) || (Array.isArray(b) && !b.length))
		? true
		: JSON.stringify(a) === JSON.stringify(b);

/**
 * The merge of `drop` into `keep`, field by field, from the fields' merge rules: what each record says and
 * what the kept record will say. Fields empty in both are left out.
 */
export function mergePlan(keep: PublicRecord, drop: PublicRecord): MergeRow[] {
	if (keep.kind !== drop.kind) throw new Error('merge of records of different kinds');
	const merged = mergeRecords(keep, drop);
	const rows: MergeRow[] = [];
	for (const f of FIELDS[keep.kind]) {
		const a = getPath(keep, f.path);
		const b = getPath(drop, f.path);
		const result = getPath(merged, f.path);
		if (same(a, undefined) && same(b, undefined)) continue;
		const outcome: MergeOutcome = same(a, b)
			? 'same'
			: same(result, a)
				? 'kept'
				: f.merge.rule === 'union'
					? 'united'
					: 'filled';
		rows.push({ path: f.path, label: f.label, rule: f.merge, keep: a, drop: b, result, outcome });
	}
	return rows;
}

/** A field's merge rule in French, for the confirmation page. */
export function describeMergeRule(rule: MergeRule, labelOf: (path: string) => string): string {
	if (rule.rule === 'union') return 'réunit les deux listes';
	if (rule.rule === 'fill')
		return rule.sameAs
			? `complète si vide, quand « ${labelOf(rule.sameAs)} » est la même`
			: 'complète si vide';
	return 'garde la valeur de la fiche gardée';
}
