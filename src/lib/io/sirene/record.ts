/**
 * A selected SIRENE establishment as a directory record, and the merge of the register's values into a
 * record that already exists. Pure: the store's import (src/lib/server/sirene/store.ts) reads and writes.
 *
 * Merge rule, one for every register-fed field (`REGISTER_KEYS`), whatever the record's origin:
 * - a field the record lacks is filled (a reference point counts as lacking when the register has the
 *   address's coordinates; « forme juridique non connue » as lacking a legal form);
 * - a field holding exactly what the previous import wrote follows the register (the register moved and
 *   nobody touched the field since);
 * - any other value was typed or corrected by a person and stays: curated fields always win.
 * Name and description are register-fed only for records the register created.
 */
import type { LonLat } from '$lib/domain/coordinates';
import type { Organisation, OrganisationInput, PublicRecord } from '$lib/domain/records';
import { slugify } from '$lib/domain/slug';
import { LEGAL_CATEGORY_LABELS } from './codes';
import type { SireneEstablishment } from './types';

/** The stock file's stable data.gouv.fr address (always the latest month), under the Licence Ouverte. */
export const SIRENE_SOURCE_URL = 'https://www.data.gouv.fr/datasets/r/0651fb76-bcf3-4f6a-a38d-bc04fa708576';
/** The history's author of every write the import makes (no account: a named process). */
export const SIRENE_ACTOR = 'import-sirene';

export interface SireneCommune {
	name: string;
	centroid: LonLat;
}

/** The id of the record an establishment creates: stable across stocks, the SIRET being. */
export function sireneRecordId(siret: string): string {
	return `sirene-${siret}`;
}

/** « INSEE, répertoire SIRENE, stock du 2026-12-01 » with its address: the source of every register fact. */
export function sireneSource(stockDate: string) {
	return {
		url: SIRENE_SOURCE_URL,
		title: `INSEE, répertoire SIRENE, stock du ${stockDate}`,
		site: 'data.gouv.fr',
		seen: stockDate,
		note: 'Licence Ouverte / Etalab 2.0'
	};
}

/**
 * The name shown: the register's (the establishment's enseigne when it differs from its unit's). Natural
 * persons are never named: their record says what they do and where.
 */
export function sireneName(e: SireneEstablishment, commune: SireneCommune): string {
	if (e.name) return cut(e.name, 200);
	const activity = e.activity.label ?? 'activité non précisée';
	if (e.naturalPerson) return `Entrepreneur individuel de l’ESS à ${commune.name} (${activity})`;
	return `Établissement ${e.siret} (${activity})`;
}

function sireneDescription(e: SireneEstablishment, commune: SireneCommune): string {
	const category = e.legalCategory.code
		? (LEGAL_CATEGORY_LABELS[e.legalCategory.code] ?? `catégorie juridique ${e.legalCategory.code}`)
		: 'forme juridique non précisée';
	const activity = e.activity.label
		? `${e.activity.label} (NAF ${e.activity.code})`
		: e.activity.code
			? `activité de code ${e.activity.code}`
			: 'activité non précisée';
	const where = `${e.headOffice ? 'Siège' : 'Établissement secondaire'} à ${commune.name}`;
	return `${activity}. ${category}. ${where}. Fiche créée d’après le répertoire SIRENE de l’INSEE, qui ne décrit pas ce que fait la structure : sa présentation reste à écrire.`;
}

/** Register values can be longer than a record's field: cut with an ellipsis rather than refused. */
function cut(text: string, max: number): string {
	return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function addressText(e: SireneEstablishment): string | undefined {
	const a = e.address;
	if (!a) return undefined;
	const text = [a.line, a.complement ? `(${a.complement})` : null].filter(Boolean).join(' ');
	return text ? cut(text, 300) : undefined;
}

/** What visitors should know about how the register named and placed this record. */
function sireneCaveats(e: SireneEstablishment): string[] {
	const out: string[] = [];
	if (e.nameFromEstablishment && e.unitName)
		out.push(`Nom d’enseigne de l’établissement ; l’unité légale s’appelle « ${e.unitName} ».`);
	if (e.naturalPerson)
		out.push('Entreprise individuelle : le répertoire la rattache à une personne, qui n’est pas nommée ici.');
	if (e.diffusion === 'P')
		out.push(
			'Diffusion partielle au répertoire SIRENE : ni adresse ni position précise ne sont publiées ; la fiche est au centre de la commune.'
		);
	else if (!e.position)
		out.push('Le répertoire ne donne pas de coordonnées utilisables : la fiche est au centre de la commune.');
	return out;
}

/** The register-fed fields, in the order history notes list them. */
export const REGISTER_KEYS = [
	'name',
	'description',
	'legalForm',
	'siret',
	'siren',
	'rna',
	'legalCategory',
	'naf',
	'activityFamily',
	'sizeBand',
	'sizeBandYear',
	'createdOn',
	'establishment',
	'communeCode',
	'address',
	'location'
] as const;
export type RegisterKey = (typeof REGISTER_KEYS)[number];
export type RegisterValues = Partial<Pick<Organisation, RegisterKey>>;

/** Only the register knows these; a curated record gets them filled but keeps its name and description. */
const CURATED_KEEPS = new Set<RegisterKey>(['name', 'description']);

/** What the register says of an establishment, as record fields (absent where it says nothing). */
export function registerValues(e: SireneEstablishment, commune: SireneCommune): RegisterValues {
	const v: RegisterValues = {
		name: sireneName(e, commune),
		description: sireneDescription(e, commune),
		legalForm: e.legalCategory.legalForm,
		siret: e.siret,
		siren: e.siren,
		rna: e.rna ?? undefined,
		legalCategory: e.legalCategory.code ?? undefined,
		naf: e.activity.code ?? undefined,
		activityFamily: e.activity.family,
		sizeBand: e.size?.code,
		sizeBandYear: e.size?.year ?? undefined,
		createdOn: e.createdOn ?? undefined,
		establishment: e.headOffice ? 'siege' : 'secondaire',
		communeCode: e.commune.code,
		address: addressText(e),
		location: e.position
			? { lon: e.position.lon, lat: e.position.lat, precision: 'address' }
			: { ...commune.centroid, precision: 'commune' }
	};
	for (const k of REGISTER_KEYS) if (v[k] === undefined) delete v[k];
	return v;
}

/** A new published record for an establishment (slug and status may be changed by the caller). */
export function sireneRecord(e: SireneEstablishment, commune: SireneCommune): OrganisationInput {
	const v = registerValues(e, commune);
	return {
		kind: 'organisation',
		id: sireneRecordId(e.siret),
		slug: slugify(v.name!, 100) || sireneRecordId(e.siret),
		name: v.name!,
		status: 'published',
		description: v.description!,
		siret: e.siret,
		roles: ['acteur'],
		legalForm: v.legalForm!,
		isEss: true,
		communeCode: e.commune.code,
		...(v.address ? { address: v.address } : {}),
		location: v.location,
		siren: v.siren,
		...(v.rna ? { rna: v.rna } : {}),
		...(v.legalCategory ? { legalCategory: v.legalCategory } : {}),
		...(v.naf ? { naf: v.naf } : {}),
		activityFamily: v.activityFamily,
		...(v.sizeBand ? { sizeBand: v.sizeBand } : {}),
		...(v.sizeBandYear ? { sizeBandYear: v.sizeBandYear } : {}),
		...(v.createdOn ? { createdOn: v.createdOn } : {}),
		establishment: v.establishment,
		origin: 'sirene',
		sireneStock: e.stockDate,
		sources: [sireneSource(e.stockDate)],
		lastVerified: e.stockDate,
		confidence: 'medium',
		caveats: sireneCaveats(e)
	};
}

function same(a: unknown, b: unknown): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}

function lacks(key: RegisterKey, current: unknown, next: unknown): boolean {
	if (current === undefined || current === null || current === '') return true;
	if (key === 'legalForm') return current === 'inconnue' && next !== 'inconnue';
	if (key === 'location') {
		const cur = current as Organisation['location'];
		const nxt = next as Organisation['location'];
		// A reference point stands for "somewhere in the quartier": the register's coordinates replace it.
		return (
			(cur?.precision === 'quartier' || cur?.precision === 'commune') &&
			(nxt?.precision === 'address' || nxt?.precision === 'street')
		);
	}
	return false;
}

export interface RegisterMerge {
	record: Organisation;
	/** Register-fed fields changed, in REGISTER_KEYS order. */
	changed: RegisterKey[];
}

/**
 * The register's values merged into an existing record (see the rule at the top). `previous` is what the
 * last import wrote into this record (undefined if it never wrote), read from the record's history.
 * The record's quartier is dropped when the commune changes (it belonged to the old one).
 */
export function mergeRegister(
	current: Organisation,
	next: RegisterValues,
	previous: RegisterValues | undefined
): RegisterMerge {
	const sirene = current.origin === 'sirene';
	const out = structuredClone(current) as Record<string, unknown>;
	const changed: RegisterKey[] = [];
	for (const key of REGISTER_KEYS) {
		if (!sirene && CURATED_KEEPS.has(key)) continue;
		const cur = out[key];
		const nxt = next[key];
		if (same(cur, nxt)) continue;
		let take = nxt !== undefined && lacks(key, cur, nxt);
		// Untouched since the import wrote it: the register's new value (or its silence, for its own records).
		if (!take && previous !== undefined && same(cur, previous[key]) && (nxt !== undefined || sirene))
			take = true;
		if (!take) continue;
		if (nxt === undefined) delete out[key];
		else out[key] = structuredClone(nxt);
		changed.push(key);
	}
	if (changed.includes('communeCode')) {
		delete out.quartierCode;
		delete out.subQuartier;
		delete out.qpv;
	}
	return { record: out as unknown as Organisation, changed };
}

/** The register-fed values a record holds (to compare with what the next import says). */
export function registerValuesOf(r: PublicRecord): RegisterValues | undefined {
	if (r.kind !== 'organisation') return undefined;
	const v: RegisterValues = {};
	for (const k of REGISTER_KEYS) if (r[k] !== undefined) (v as Record<string, unknown>)[k] = r[k];
	return v;
}

/** The record's SIRENE source set to this stock (added when missing), other sources untouched. */
export function withSireneSource<T extends { sources: Organisation['sources'] }>(r: T, stockDate: string): T {
	const source = sireneSource(stockDate);
	const at = r.sources.findIndex((s) => s.url === SIRENE_SOURCE_URL);
	const sources =
		at === -1 ? [...r.sources, source].slice(-20) : r.sources.map((s, i) => (i === at ? source : s));
	return { ...r, sources };
}

/** Words for a reason a watched establishment left the selection (history notes, caveats). */
export function archiveReason(
	reason: 'closed' | 'notEss' | 'unitMissing' | 'absent',
	stockDate: string
): string {
	switch (reason) {
		case 'closed':
			return `établissement fermé selon le répertoire SIRENE (stock du ${stockDate})`;
		case 'notEss':
			return `unité légale qui n’est plus de l’ESS selon le répertoire SIRENE (stock du ${stockDate})`;
		case 'unitMissing':
			return `unité légale absente du stock SIRENE du ${stockDate}`;
		case 'absent':
			return `absent de la sélection du stock SIRENE du ${stockDate} : fermé, hors de l’Eurométropole ou plus dans l’ESS`;
	}
}
