/**
 * Places, thématiques and records by the names people write in spreadsheets: « Schiltigheim » for 67447,
 * « Neudorf » or « Hautepierre » for their Strasbourg quartier, « Achat public » for its thématique, a
 * financer's name for its record. Accents, case, dashes and ligatures do not matter; a name typed a little
 * wrong gets « vouliez-vous dire … ? ».
 */
import type { RefSource } from '$lib/domain/fields';
import type { RefContext } from './refs';
import { didYouMean, foldName, suggest } from './values';

/** The names of the reference lists, as the store holds them. */
export interface RefNames {
	communes: { code: string; name: string; slug?: string; postcodes?: readonly string[] }[];
	quartiers: {
		code: string;
		name: string;
		slug?: string;
		communeCode: string;
		subQuartiers?: readonly { slug: string; name: string }[];
	}[];
	qpv: { slug: string; name: string }[];
	thematiques: { code: string; label: string }[];
}

/** What the reference lists hold when only their codes are known (tests, the benchmark). */
export function namesFromRefs(refs: Omit<RefContext, 'organisations' | 'fundingTools'>): RefNames {
	return {
		communes: [...refs.communes].map(([code, c]) => ({ code, name: c.name })),
		quartiers: [...refs.quartiers].map(([code, q]) => ({
			code,
			name: code,
			communeCode: q.communeCode,
			subQuartiers: q.subQuartiers.map((slug) => ({ slug, name: slug }))
		})),
		qpv: [...refs.qpv].map((slug) => ({ slug, name: slug })),
		thematiques: [...refs.thematiques].map((code) => ({ code, label: code }))
	};
}

interface PlaceIndex {
	/** folded name -> codes it may mean */
	byKey: Map<string, Set<string>>;
	codes: Set<string>;
	display: Map<string, string>;
	candidates: { key: string; display: string }[];
}

function newIndex(): PlaceIndex {
	return { byKey: new Map(), codes: new Set(), display: new Map(), candidates: [] };
}

function add(index: PlaceIndex, code: string, display: string, ...names: (string | undefined)[]) {
	index.codes.add(code);
	if (!index.display.has(code)) index.display.set(code, display);
	for (const name of names) {
		if (!name) continue;
		const key = foldName(name);
		if (key === '') continue;
		const set = index.byKey.get(key) ?? new Set();
		set.add(code);
		index.byKey.set(key, set);
		index.candidates.push({ key, display });
	}
}

/** « Neudorf – Schluthfeld – Port du Rhin » is known by each of its parts too. */
const parts = (name: string) => name.split(/\s+[–—-]\s+|\s*\/\s*/).filter((p) => p.trim() !== '');

export interface NameIndexes {
	commune: PlaceIndex;
	quartier: PlaceIndex;
	qpv: PlaceIndex;
	thematique: PlaceIndex;
	/** The commune of each quartier, to fill an empty commune. */
	quartierCommune: Map<string, string>;
}

const cache = new WeakMap<RefNames, NameIndexes>();

export function nameIndexes(names: RefNames): NameIndexes {
	const cached = cache.get(names);
	if (cached) return cached;
	const commune = newIndex();
	const postcodes = new Map<string, Set<string>>();
	for (const c of names.communes) {
		add(commune, c.code, c.name, c.code, c.name, c.slug);
		for (const p of c.postcodes ?? []) postcodes.set(p, (postcodes.get(p) ?? new Set()).add(c.code));
	}
	// A postcode names a commune only when it is that commune's alone (67800 is Bischheim's and Hœnheim's).
	for (const [p, codes] of postcodes) if (!commune.byKey.has(p)) commune.byKey.set(p, codes);
	const quartier = newIndex();
	const quartierCommune = new Map<string, string>();
	for (const q of names.quartiers) {
		quartierCommune.set(q.code, q.communeCode);
		add(quartier, q.code, q.name, q.code, q.name, q.slug, ...parts(q.name));
		for (const s of q.subQuartiers ?? []) add(quartier, q.code, q.name, s.slug, s.name, ...parts(s.name));
	}
	const qpv = newIndex();
	for (const q of names.qpv) add(qpv, q.slug, q.name, q.slug, q.name);
	const thematique = newIndex();
	for (const t of names.thematiques) {
		// « Achat public » names « Achat public, levier du développement durable ».
		const head = t.label.split(/[,:]/)[0];
		add(thematique, t.code, t.label, t.code, t.label, head);
	}
	const out = { commune, quartier, qpv, thematique, quartierCommune };
	cache.set(names, out);
	return out;
}

export type RefResult = { ok: true; code: string } | { ok: false; message: string };

const WHAT: Record<'commune' | 'quartier' | 'qpv' | 'thematique', { unknown: string; expected: string }> = {
	commune: {
		unknown: 'commune inconnue',
		expected:
			'une des communes de l’Eurométropole est attendue, par son nom (« Schiltigheim ») ou son code INSEE (67447)'
	},
	quartier: {
		unknown: 'quartier inconnu',
		expected:
			'un quartier de Strasbourg est attendu, par son nom (« Neudorf », « Meinau », « Hautepierre »…) ou son code (SQ_07)'
	},
	qpv: {
		unknown: 'QPV inconnu',
		expected: 'un quartier prioritaire de l’Eurométropole est attendu, par son nom'
	},
	thematique: {
		unknown: 'thématique inconnue',
		expected: 'une des thématiques du Conseil de l’ESS est attendue, par son nom'
	}
};

/**
 * A place or thématique from its code or name. A value shaped like a code that the store does not know
 * (`99999`, `SQ_99`) is returned as it is, for the store's checks to name it.
 */
export function resolvePlace(
	names: RefNames,
	ref: 'commune' | 'quartier' | 'qpv' | 'thematique',
	text: string
): RefResult {
	const index = nameIndexes(names)[ref];
	const t = text.trim();
	if (index.codes.has(t)) return { ok: true, code: t };
	let key = foldName(t);
	// « 67300 Schiltigheim », « Strasbourg 67000 »
	if (ref === 'commune' && !index.byKey.has(key)) key = key.replace(/^\d{5} | \d{5}$/, '');
	const found = index.byKey.get(key);
	if (found?.size === 1) return { ok: true, code: [...found][0] };
	if ((ref === 'commune' && /^\d[\dAB]\d{3}$/.test(t)) || (ref === 'quartier' && /^SQ_\d+$/i.test(t)))
		return { ok: true, code: t.toUpperCase() };
	const what = WHAT[ref];
	if (found && found.size > 1)
		return {
			ok: false,
			message: `${what.unknown} : « ${t.slice(0, 60)} » peut désigner ${[...found]
				.map((c) => `« ${index.display.get(c)} »`)
				.join(' ou ')} ; écrivez le nom entier`
		};
	const hint = didYouMean(suggest(t, index.candidates));
	return { ok: false, message: `${what.unknown} « ${t.slice(0, 60)} » : ${hint || what.expected}` };
}

export function communeOfQuartier(names: RefNames, quartierCode: string): string | undefined {
	return nameIndexes(names).quartierCommune.get(quartierCode);
}

/** Records that links may point to: id, name, kind and roles (organisations). */
export interface LinkableRecord {
	id: string;
	name: string;
	kind: string;
	roles?: readonly string[];
}

/** Records by folded name, for links typed as names (« France Active Alsace » for its id). */
export function recordsByName(records: readonly LinkableRecord[]): Map<string, LinkableRecord[]> {
	const out = new Map<string, LinkableRecord[]>();
	for (const r of records) {
		const key = foldName(r.name);
		out.set(key, [...(out.get(key) ?? []), r]);
	}
	return out;
}

/**
 * The id of a linked record from its id or its exact name (one record of the kind the field takes). Any
 * other text is returned as it is: the store's checks then say which record is unknown.
 */
export function resolveRecordRef(
	byName: Map<string, LinkableRecord[]>,
	ref: RefSource,
	text: string
): string {
	const t = text.trim();
	// An id is kept as typed: names are looked up only for what cannot be an id.
	if (/^[a-z0-9][a-z0-9-]{1,79}$/.test(t)) return t;
	const fits = (r: LinkableRecord) =>
		ref === 'funding-tool'
			? r.kind === 'funding-tool'
			: r.kind === 'organisation' &&
				(ref !== 'provider' || !!r.roles?.some((x) => x === 'financeur' || x === 'accompagnateur'));
	const found = (byName.get(foldName(t)) ?? []).filter(fits);
	return found.length === 1 ? found[0].id : t;
}
