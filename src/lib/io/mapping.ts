/**
 * Column mapping: which file column fills which record field. Proposed from what the maintainer chose for
 * the same column name in earlier imports of the same kind (remembered in the store), then from the column
 * names (our own export names, the French labels, the other names a field's metadata lists; accents, case,
 * punctuation and plurals do not matter), then confirmed by the maintainer.
 */
import { z } from 'zod';
import type { RecordKind } from '$lib/domain/records';
import type { UpdatePolicy } from '$lib/domain/record-update';
import { FIELDS } from '$lib/domain/fields';
import { foldHeader } from './values';

/** One target per column, in column order; '' leaves the column out. */
export type Mapping = string[];

/** How a column name is remembered and compared: « Thématique(s) » and « thematiques » are one name. */
export const headerKey = (header: string): string => foldHeader(header);

/** What a maintainer chose for a column name: the field ('' to leave it out) and the update policy. */
export interface RememberedColumn {
	target: string;
	policy?: UpdatePolicy;
}

/** Why a column got its target: remembered from an earlier import, recognised by its name, or neither. */
export type MappingOrigin = 'memoire' | 'nom' | '';

function namesOf(kind: RecordKind): Map<string, string> {
	const byName = new Map<string, string>();
	for (const f of FIELDS[kind]) {
		byName.set(headerKey(f.column), f.path);
		byName.set(headerKey(f.label), f.path);
	}
	// Other names come last: a column named like a field's own column or label goes to that field.
	for (const f of FIELDS[kind])
		for (const s of f.aliases ?? []) if (!byName.has(headerKey(s))) byName.set(headerKey(s), f.path);
	return byName;
}

export function proposeMapping(
	kind: RecordKind,
	headers: string[],
	remembered: ReadonlyMap<string, RememberedColumn> = new Map()
): { mapping: Mapping; origin: MappingOrigin[] } {
	const byName = namesOf(kind);
	const known = new Set(FIELDS[kind].map((f) => f.path));
	const used = new Set<string>();
	const mapping: Mapping = headers.map(() => '');
	const origin: MappingOrigin[] = headers.map(() => '');
	// Remembered choices first (an ignored column stays ignored), then names, each field once.
	headers.forEach((h, i) => {
		const r = remembered.get(headerKey(h));
		if (!r || (r.target !== '' && (!known.has(r.target) || used.has(r.target)))) return;
		mapping[i] = r.target;
		origin[i] = 'memoire';
		if (r.target) used.add(r.target);
	});
	headers.forEach((h, i) => {
		if (origin[i]) return;
		const target = byName.get(headerKey(h));
		if (!target || used.has(target)) return;
		used.add(target);
		mapping[i] = target;
		origin[i] = 'nom';
	});
	return { mapping, origin };
}

export function suggestMapping(kind: RecordKind, headers: string[]): Mapping {
	return proposeMapping(kind, headers).mapping;
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
