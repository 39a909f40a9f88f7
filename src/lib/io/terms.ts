/**
 * Taxonomy values as people write them in a spreadsheet: the code (`association-declaree`), the French
 * label (« Association déclarée (loi 1901) »), the label without its parenthesis, the abbreviations in it
 * (« SCOP », « ESUS »), or a few common words (« moyenne » for the confidence, « publié » for the status).
 * Unknown values get suggestions and, for short lists, every accepted label.
 */
import { termsOf, type TaxonomyName } from '$lib/domain/taxonomies';
import { didYouMean, foldName, suggest } from './values';

/** Words people use that are neither a code nor a label, per taxonomy (folded). */
const SYNONYMS: Partial<Record<TaxonomyName, Record<string, string>>> = {
	confidence: {
		haute: 'high',
		elevee: 'high',
		forte: 'high',
		bonne: 'high',
		sure: 'high',
		moyenne: 'medium',
		moyen: 'medium',
		faible: 'low',
		basse: 'low',
		'non verifie': 'low',
		'non verifiee': 'low',
		'a verifier': 'low'
	},
	status: {
		publie: 'published',
		publiee: 'published',
		'en ligne': 'published',
		brouillon: 'draft',
		archive: 'archived',
		archivee: 'archived'
	},
	role: {
		acteur: 'acteur',
		'acteur de l ess': 'acteur',
		structure: 'acteur',
		accompagnement: 'accompagnateur',
		financement: 'financeur'
	},
	legalForm: {
		'association loi 1901': 'association-declaree',
		'association declaree': 'association-declaree',
		'association de droit local': 'association-droit-local',
		'association inscrite': 'association-droit-local',
		'association droit local': 'association-droit-local',
		cooperative: 'cooperative',
		'non connue': 'inconnue',
		inconnue: 'inconnue'
	},
	fiscalStatus: {
		fiscalisee: 'fiscalisee',
		'non fiscalisee': 'non-fiscalisee',
		inconnu: 'inconnu'
	},
	precision: {
		adresse: 'address',
		rue: 'street',
		quartier: 'quartier',
		commune: 'commune'
	}
};

export interface TermIndex {
	taxonomy: TaxonomyName;
	byKey: Map<string, Set<string>>;
	labels: Map<string, string>;
	candidates: { key: string; display: string }[];
}

const cache = new Map<TaxonomyName, TermIndex>();

/** The keys a term is known by: code, label, label without parenthesis, each abbreviation in it. */
function keysOf(code: string, label: string): string[] {
	const keys = [code, code.replace(/-/g, ' '), label];
	const paren = /^(.*?)\s*\(([^)]*)\)\s*$/.exec(label);
	if (paren) {
		keys.push(paren[1]);
		for (const part of paren[2].split(/[,;]/)) {
			const p = part.replace(/\.\.\.|…/g, '').trim();
			if (p.length >= 2) keys.push(p);
		}
	}
	return keys.map(foldName).filter((k) => k !== '');
}

export function termIndex(taxonomy: TaxonomyName): TermIndex {
	const cached = cache.get(taxonomy);
	if (cached) return cached;
	const byKey = new Map<string, Set<string>>();
	const labels = new Map<string, string>();
	const candidates: { key: string; display: string }[] = [];
	const add = (key: string, code: string) => {
		const set = byKey.get(key) ?? new Set();
		set.add(code);
		byKey.set(key, set);
	};
	for (const t of termsOf(taxonomy)) {
		labels.set(t.code, t.label);
		for (const key of keysOf(t.code, t.label)) {
			add(key, t.code);
			candidates.push({ key, display: t.label });
		}
	}
	// Synonyms only where they name one term and no label already claims the word.
	for (const [key, code] of Object.entries(SYNONYMS[taxonomy] ?? {}))
		if (!byKey.has(key) && labels.has(code)) {
			add(key, code);
			candidates.push({ key, display: labels.get(code)! });
		}
	const index = { taxonomy, byKey, labels, candidates };
	cache.set(taxonomy, index);
	return index;
}

export type TermResult = { ok: true; code: string } | { ok: false; message: string };

/** One value of a taxonomy, from its code, label or a known word. */
export function matchTerm(taxonomy: TaxonomyName, text: string): TermResult {
	const index = termIndex(taxonomy);
	const t = text.trim();
	if (index.labels.has(t)) return { ok: true, code: t };
	const found = index.byKey.get(foldName(t));
	if (found?.size === 1) return { ok: true, code: [...found][0] };
	if (found && found.size > 1)
		return {
			ok: false,
			message: `« ${t.slice(0, 60)} » peut désigner plusieurs valeurs : ${[...found]
				.map((c) => `« ${index.labels.get(c)} »`)
				.join(', ')} ; écrivez la valeur entière`
		};
	return { ok: false, message: unknownTerm(index, t) };
}

function unknownTerm(index: TermIndex, t: string): string {
	const hint = didYouMean(suggest(t, index.candidates));
	const all = [...index.labels.values()];
	const possible =
		all.length <= 8 ? `valeurs possibles : ${all.map((l) => `« ${l} »`).join(', ')}` : undefined;
	return [`valeur inconnue « ${t.slice(0, 60)} »`, hint, possible].filter(Boolean).join(' ; ');
}

/**
 * Items of a list cell. « | » and « ; » always separate items; a piece that is not a value as a whole is
 * split again at commas, because labels themselves hold commas (« Réemploi, réparation, recyclage »).
 */
export function splitItems(text: string, isWhole: (piece: string) => boolean): string[] {
	const out: string[] = [];
	for (const piece of text.split(/[|;\n]/)) {
		const p = piece.trim();
		if (p === '') continue;
		if (isWhole(p) || !p.includes(',')) out.push(p);
		else
			out.push(
				...p
					.split(',')
					.map((s) => s.trim())
					.filter((s) => s !== '')
			);
	}
	return out;
}

/** A list of taxonomy values; every unknown item is named in one message. */
export function matchTerms(
	taxonomy: TaxonomyName,
	text: string
): { ok: true; codes: string[] } | { ok: false; message: string } {
	const items = splitItems(text, (p) => matchTerm(taxonomy, p).ok);
	const codes: string[] = [];
	const problems: string[] = [];
	for (const item of items) {
		const r = matchTerm(taxonomy, item);
		if (r.ok) {
			if (!codes.includes(r.code)) codes.push(r.code);
		} else problems.push(r.message);
	}
	return problems.length ? { ok: false, message: problems.join(' ; ') } : { ok: true, codes };
}
