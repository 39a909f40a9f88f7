/**
 * Merging a duplicate into the record kept: each field follows the merge rule of its metadata (keep the
 * kept record's value, fill it when missing, or the union of both lists; see MergeRule in field-meta.ts).
 * With today's rules: the kept record's own values win; the other's sources, thématiques, sectors and tags
 * are added, and its contact details, SIRET, short name, founding year, address, position and quartier fill
 * what the kept record lacks.
 */
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
