/**
 * Column mapping: which file column fills which record field. Suggested from the column names (our own
 * export names, the French labels, the other names a field's metadata lists), then confirmed by the
 * maintainer.
 */
import { z } from 'zod';
import type { RecordKind } from '$lib/domain/records';
import { normaliseLabel } from './cells';
import { FIELDS } from '$lib/domain/fields';

/** One target per column, in column order; '' leaves the column out. */
export type Mapping = string[];

export function suggestMapping(kind: RecordKind, headers: string[]): Mapping {
	const byName = new Map<string, string>();
	for (const f of FIELDS[kind]) {
		byName.set(normaliseLabel(f.column), f.path);
		byName.set(normaliseLabel(f.label), f.path);
	}
	// Other names come last: a column named like a field's own column or label goes to that field.
	for (const f of FIELDS[kind]) for (const s of f.aliases ?? []) if (!byName.has(s)) byName.set(s, f.path);
	const used = new Set<string>();
	return headers.map((h) => {
		const target = byName.get(normaliseLabel(h));
		if (!target || used.has(target)) return '';
		used.add(target);
		return target;
	});
}

/** A mapping as posted by the form: known targets only, each used once, and a name or an id mapped. */
export function checkMapping(
	kind: RecordKind,
	headers: string[],
	mapping: unknown
): { ok: true; mapping: Mapping } | { ok: false; message: string } {
	const known = new Set(FIELDS[kind].map((f) => f.path));
	const parsed = z.array(z.string().max(100)).length(headers.length).safeParse(mapping);
	if (!parsed.success) return { ok: false, message: 'correspondance des colonnes illisible : recommencez' };
	const seen = new Map<string, string>();
	for (const [i, target] of parsed.data.entries()) {
		if (target === '') continue;
		if (!known.has(target)) return { ok: false, message: `champ inconnu « ${target} »` };
		const other = seen.get(target);
		if (other !== undefined)
			return {
				ok: false,
				message: `les colonnes « ${other} » et « ${headers[i]} » vont dans le même champ`
			};
		seen.set(target, headers[i]);
	}
	if (!seen.has('id') && !seen.has('name') && !seen.has('siret'))
		return { ok: false, message: 'associez au moins une colonne à l’identifiant, au nom ou au SIRET' };
	return { ok: true, mapping: parsed.data };
}
