/**
 * Column mapping: which file column fills which record field. Suggested from the column names (our own
 * export names, the French labels, common synonyms), then confirmed by the maintainer.
 */
import { z } from 'zod';
import type { RecordKind } from '$lib/domain/records';
import { normaliseLabel } from './cells';
import { FIELDS } from './fields';

/** One target per column, in column order; '' leaves the column out. */
export type Mapping = string[];

const SYNONYMS: Record<string, string[]> = {
	name: ['nom', 'raison sociale', 'denomination', 'title', 'titre'],
	description: ['presentation', 'descriptif'],
	siret: ['n siret', 'numero siret', 'siret etablissement'],
	communeCode: ['commune', 'code commune', 'code insee', 'insee', 'citycode'],
	quartierCode: ['quartier', 'code quartier'],
	address: ['adresse', 'adresse postale'],
	'location.lon': ['longitude', 'lon', 'lng', 'x'],
	'location.lat': ['latitude', 'lat', 'y'],
	'location.precision': ['precision'],
	'contact.website': ['site', 'site web', 'site internet', 'website', 'url'],
	'contact.email': ['email', 'e mail', 'courriel', 'mail'],
	'contact.phone': ['telephone', 'tel', 'phone'],
	lastVerified: ['derniere verification', 'verifie le', 'date de verification'],
	status: ['statut'],
	legalForm: ['forme juridique'],
	roles: ['role']
};

export function suggestMapping(kind: RecordKind, headers: string[]): Mapping {
	const byName = new Map<string, string>();
	for (const f of FIELDS[kind]) {
		byName.set(normaliseLabel(f.path), f.path);
		byName.set(normaliseLabel(f.label), f.path);
		for (const s of SYNONYMS[f.path] ?? []) if (!byName.has(s)) byName.set(s, f.path);
	}
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
