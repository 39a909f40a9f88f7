/**
 * The search engine: builds the indexes from search documents, serializes and loads them, and answers
 * queries. Pure (no IO, no DOM): the server, the Web Worker and the benchmark run this same code.
 *
 * Why not lunr's own Index: measured on this machine at 10k synthetic records (npm run bench:search,
 * "lunr index.query" rows), lunr scores every matching field of every matching document through sparse
 * vectors and allocates match data for each, which costs tens of milliseconds when a word appears in
 * thousands of records, and its JSON (field vectors plus an inverted index repeating every field per
 * term) is several times larger than needed. So the scores are lunr's (BM25 with k1 = 1.2, b = 0.75,
 * lunr's idf, per-field boosts), stored as one impact per (term, document), and a query adds them up in
 * typed arrays. lunr still provides the typo automaton (TokenSet), lunr-languages the French stemmer and
 * stop words (text.ts).
 *
 * Queries are never parsed as a query language: a query is tokenized like the documents and each word
 * becomes index terms we chose (exact stem, prefix completions, close spellings). `:`, `~`, `^`, `*`,
 * `+`, `-`, quotes or emoji are plain characters that simply match nothing.
 */
import lunr from 'lunr';
import type { PublicRecord, RecordKind } from '$lib/domain/records';
import {
	FIELD_BOOSTS,
	FULL_FIELDS,
	QUICK_FIELDS,
	toSearchDocument,
	type SearchDocument,
	type SearchGeo
} from './documents';
import { MAX_WORD_LENGTH, fold, isStopWord, stem, tokenize } from './text';
import { highlight, snippetOf } from './highlight';
import type { SearchHit, SearchMode, SearchOptions, SearchResult } from './types';

/** Longer queries are cut: nobody types more, and every word costs expansions. */
export const MAX_QUERY_LENGTH = 200;
/** Words of a query taken into account (the rest are ignored); also the width of the match masks. */
export const MAX_QUERY_WORDS = 8;
/** Completions kept per prefix: the shortest ones, the closest to what was typed. */
const PREFIX_CAP = 40;
const FUZZY_CAP = 20;
/** Weights of the expansions relative to the exact stem. */
const WEIGHT = { exact: 1, prefixTyping: 0.6, prefix: 0.3, fuzzy: 0.25 } as const;
/** BM25 parameters, lunr's defaults. */
export const K1 = 1.2;
export const B = 0.75;
/** Impacts are stored as integers: tenths of a BM25 point keep the ranking and shorten the JSON. */
const WEIGHT_SCALE = 10;

const FORMAT = 'carto-ess-search/2';

/** lunr's automaton builders, public in lunr 2.3.9 but missing from @types/lunr. */
const TokenSet = lunr.TokenSet as unknown as {
	fromArray(sortedWords: readonly string[]): lunr.TokenSet;
	fromFuzzyString(word: string, editDistance: number): lunr.TokenSet;
};
const KIND_CODES: Record<RecordKind, string> = {
	organisation: 'o',
	initiative: 'i',
	'funding-tool': 'f',
	place: 'l',
	event: 'e'
};
const KIND_OF_CODE: Record<string, RecordKind> = {
	o: 'organisation',
	i: 'initiative',
	f: 'funding-tool',
	l: 'place',
	e: 'event'
};

/** What is kept per document to show a hit without the record: id, kind, slug, name, subtitle. */
type DocTuple = [id: string, kind: string, slug: string, name: string, subtitle: string];

export interface SerializedEngine {
	format: typeof FORMAT;
	mode: SearchMode;
	docs: DocTuple[];
	/** Full mode: the long text of each document, for description snippets. */
	texts?: string[];
	/** Index terms (stems), sorted. */
	terms: string[];
	/** Per term: the documents containing it, as gaps between sorted document numbers. */
	postings: number[][];
	/** Per term and document: the BM25 impact summed over fields, times WEIGHT_SCALE, rounded. */
	weights: number[][];
	/** Sorted folded words of the indexed text, for prefixes, typos and suggestions. */
	vocab: string[];
	/** The term (index in `terms`) of each vocab word. */
	vocabTerms: number[];
	/** Accented spelling of vocab words that have one (index -> word), for suggestions. */
	accents: Record<string, string>;
}

/** One matching document before its highlights are built. */
export interface RankedMatch {
	/** Document number inside the engine. */
	ref: number;
	id: string;
	kind: RecordKind;
	score: number;
}

export interface Ranking {
	query: string;
	mode: SearchMode;
	matches: RankedMatch[];
	partial: boolean;
	suggestions: string[];
	/** Term numbers the query expanded to (opaque: `hit` uses them to find what each document matched). */
	readonly clauses: readonly number[];
}

export interface SearchEngine {
	readonly mode: SearchMode;
	/** Documents indexed. */
	readonly size: number;
	/** Hits with highlights for the first `limit` matches. Never throws on any string. */
	search(query: string, options?: SearchOptions): SearchResult;
	/** Every match, ranked, without highlights: for callers that filter, facet and paginate first. */
	rank(query: string, options?: Omit<SearchOptions, 'limit'>): Ranking;
	/** The hit (name, subtitle, highlights) of one match of `ranking`. */
	hit(match: RankedMatch, ranking: Ranking): SearchHit;
	/** JSON text of the engine, loaded back by loadSearchEngine. */
	serialize(): string;
	/**
	 * The engine as data a worker thread can post to another (`postMessage(data, transfer)`): its posting
	 * lists travel as transferred typed arrays, not copied; `engineFromTransferable` rebuilds it.
	 */
	transferable(): { data: TransferableEngine; transfer: ArrayBuffer[] };
}

/** What `transferable()` gives: the serialized engine's small parts, and its postings concatenated. */
export interface TransferableEngine extends Omit<SerializedEngine, 'postings' | 'weights'> {
	/** Document numbers of every posting list, one list after the other. */
	postingDocs: Int32Array;
	/** Their impacts, already divided by the weight scale. */
	postingWeights: Float32Array;
	/** Term t's postings are `[offsets[t], offsets[t + 1])`. */
	offsets: Int32Array;
}

type EngineData = Omit<SerializedEngine, 'postings' | 'weights'>;

/** A query word and the index terms that stand for it, each with a weight. */
interface Group {
	folded: string;
	/** Where the word is in the query, to rewrite it in a suggestion. */
	start: number;
	end: number;
	required: boolean;
	terms: Map<number, number>;
}

function add(terms: Map<number, number>, term: number, weight: number) {
	if ((terms.get(term) ?? 0) < weight) terms.set(term, weight);
}

/** Optimal string alignment distance (a transposition counts as one edit, as in lunr's fuzzy sets). */
export function editDistance(a: string, b: string): number {
	const m = a.length;
	const n = b.length;
	let prev2: number[] = [];
	let prev = Array.from({ length: n + 1 }, (_, j) => j);
	for (let i = 1; i <= m; i++) {
		const cur = [i];
		for (let j = 1; j <= n; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
			cur.push(d);
		}
		prev2 = prev;
		prev = cur;
	}
	return prev[n];
}

/** First index of the sorted array whose value is >= key. */
function lowerBound(sorted: readonly string[], key: string): number {
	let lo = 0;
	let hi = sorted.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (sorted[mid] < key) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

function contains(sorted: Int32Array, value: number): boolean {
	let lo = 0;
	let hi = sorted.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (sorted[mid] < value) lo = mid + 1;
		else hi = mid;
	}
	return lo < sorted.length && sorted[lo] === value;
}

/** The best `k` items in order, without sorting all of them (typing "st" matches half the directory). */
function topK(items: number[], k: number, compare: (a: number, b: number) => number): number[] {
	const top: number[] = [];
	if (k <= 0) return top;
	for (const x of items) {
		if (top.length === k && compare(x, top[k - 1]) >= 0) continue;
		let i = top.length === k ? k - 1 : top.length;
		while (i > 0 && compare(x, top[i - 1]) < 0) {
			top[i] = top[i - 1];
			i--;
		}
		top[i] = x;
	}
	return top;
}

function bitCount(n: number): number {
	let c = 0;
	for (let x = n; x; x &= x - 1) c++;
	return c;
}

class Engine implements SearchEngine {
	readonly mode: SearchMode;
	readonly size: number;
	readonly #s: EngineData;
	#serialized: SerializedEngine | undefined;
	readonly #kinds: RecordKind[];
	readonly #termOf: Map<string, number>;
	readonly #docsOf: Int32Array[];
	readonly #weightsOf: Float32Array[];
	#vocabSet: lunr.TokenSet | undefined;
	/** Scratch space reused by every query: a score and a bit per query word for each document. */
	readonly #scores: Float64Array;
	readonly #masks: Uint8Array;

	constructor(
		s: EngineData,
		docsOf: Int32Array[],
		weightsOf: Float32Array[],
		serialized: SerializedEngine | undefined
	) {
		this.#s = s;
		this.#serialized = serialized;
		this.mode = s.mode;
		this.size = s.docs.length;
		this.#kinds = s.docs.map((d) => KIND_OF_CODE[d[1]]);
		this.#termOf = new Map(s.terms.map((t, i) => [t, i]));
		this.#docsOf = docsOf;
		this.#weightsOf = weightsOf;
		this.#scores = new Float64Array(this.size);
		this.#masks = new Uint8Array(this.size);
	}

	static fromSerialized(s: SerializedEngine): Engine {
		const docsOf = s.postings.map((gaps) => {
			const docs = new Int32Array(gaps.length);
			let d = 0;
			for (let i = 0; i < gaps.length; i++) docs[i] = d += gaps[i];
			return docs;
		});
		const weightsOf = s.weights.map((w) => Float32Array.from(w, (x) => x / WEIGHT_SCALE));
		const { postings: _p, weights: _w, ...data } = s;
		return new Engine(data, docsOf, weightsOf, s);
	}

	static fromTransferable(t: TransferableEngine): Engine {
		const { postingDocs, postingWeights, offsets, ...data } = t;
		const docsOf: Int32Array[] = [];
		const weightsOf: Float32Array[] = [];
		for (let i = 0; i + 1 < offsets.length; i++) {
			docsOf.push(postingDocs.subarray(offsets[i], offsets[i + 1]));
			weightsOf.push(postingWeights.subarray(offsets[i], offsets[i + 1]));
		}
		return new Engine(data, docsOf, weightsOf, undefined);
	}

	transferable(): { data: TransferableEngine; transfer: ArrayBuffer[] } {
		const offsets = new Int32Array(this.#docsOf.length + 1);
		for (let i = 0; i < this.#docsOf.length; i++) offsets[i + 1] = offsets[i] + this.#docsOf[i].length;
		const total = offsets[this.#docsOf.length];
		const postingDocs = new Int32Array(total);
		const postingWeights = new Float32Array(total);
		this.#docsOf.forEach((d, i) => postingDocs.set(d, offsets[i]));
		this.#weightsOf.forEach((w, i) => postingWeights.set(w, offsets[i]));
		return {
			data: { ...this.#s, postingDocs, postingWeights, offsets },
			transfer: [postingDocs.buffer, postingWeights.buffer, offsets.buffer]
		};
	}

	#isWord(folded: string): boolean {
		return this.#s.vocab[lowerBound(this.#s.vocab, folded)] === folded;
	}

	/** Vocabulary words starting with `prefix`, shortest first, at most `cap`. */
	#completions(prefix: string, cap: number): number[] {
		const vocab = this.#s.vocab;
		const found: number[] = [];
		for (let i = lowerBound(vocab, prefix); i < vocab.length; i++) {
			if (!vocab[i].startsWith(prefix)) break;
			found.push(i);
		}
		if (found.length > cap) found.sort((a, b) => vocab[a].length - vocab[b].length || a - b).length = cap;
		return found;
	}

	/** Index terms starting with `prefix` (terms are sorted), at most `cap`. */
	#termCompletions(prefix: string, cap: number): number[] {
		const terms = this.#s.terms;
		const found: number[] = [];
		for (let i = lowerBound(terms, prefix); i < terms.length && found.length < cap; i++) {
			if (!terms[i].startsWith(prefix)) break;
			found.push(i);
		}
		return found;
	}

	/** Vocabulary words within `distance` edits of `word`, through lunr's automaton over the whole vocabulary. */
	#near(word: string, distance: number, cap: number): number[] {
		// Built on the first typo rather than at load: most sessions never need it.
		const vocabSet = (this.#vocabSet ??= TokenSet.fromArray(this.#s.vocab));
		const words = vocabSet.intersect(TokenSet.fromFuzzyString(word, distance)).toArray();
		const out: number[] = [];
		for (const w of words) {
			const i = lowerBound(this.#s.vocab, w);
			if (this.#s.vocab[i] === w) out.push(i);
			if (out.length >= cap) break;
		}
		return out;
	}

	#groups(query: string, mode: SearchMode): Group[] {
		const typing = mode === 'quick' && !/\s$/.test(query);
		const tokens = tokenize(query).slice(0, MAX_QUERY_WORDS);
		const vocabTerms = this.#s.vocabTerms;
		const groups: Group[] = [];
		tokens.forEach((tok, i) => {
			const w = tok.folded;
			const last = i === tokens.length - 1 && typing;
			const stop = isStopWord(w);
			// A function word is skipped, unless it is the word being typed ("de" may become "déchets").
			if (stop && !last) return;
			const terms = new Map<number, number>();
			const s = stem(w);
			if (!stop) {
				const t = this.#termOf.get(s);
				if (t !== undefined) add(terms, t, WEIGHT.exact);
			}
			// Prefixes: the word being typed, and any word of 3+ letters ("coop" finds "coopérative").
			if (w.length >= 3 || (last && w.length >= 2)) {
				const weight = last ? WEIGHT.prefixTyping : WEIGHT.prefix;
				for (const v of this.#completions(w, PREFIX_CAP)) add(terms, vocabTerms[v], weight);
				// Other words of the family: "bénévoles" (stem "benevol") also finds "bénévolat".
				if (!stop && s.length >= 4)
					for (const t of this.#termCompletions(s, PREFIX_CAP)) add(terms, t, WEIGHT.prefix);
			}
			// Typos, for words the directory does not contain: one edit from 5 letters, two from 8.
			if (!stop && w.length >= 5 && w.length <= 20 && !this.#isWord(w)) {
				for (const v of this.#near(w, w.length >= 8 ? 2 : 1, FUZZY_CAP))
					add(terms, vocabTerms[v], WEIGHT.fuzzy);
			}
			groups.push({ folded: w, start: tok.start, end: tok.end, required: !stop, terms });
		});
		return groups;
	}

	/**
	 * Scores every document containing any expansion, keeps those with every required word (or, when none
	 * has them all, those with the most), and returns the best `limit` of them in order plus the total.
	 */
	#match(groups: Group[], kinds: readonly RecordKind[] | undefined, limit = Infinity) {
		const scores = this.#scores;
		const masks = this.#masks;
		const touched: number[] = [];
		let required = 0;
		groups.forEach((g, gi) => {
			const bit = 1 << gi;
			if (g.required) required |= bit;
			for (const [t, factor] of g.terms) {
				const docs = this.#docsOf[t];
				const weights = this.#weightsOf[t];
				for (let k = 0; k < docs.length; k++) {
					const d = docs[k];
					if (masks[d] === 0) touched.push(d);
					masks[d] |= bit;
					scores[d] += factor * weights[k];
				}
			}
		});
		const wanted = bitCount(required);
		let best = 0;
		const kept: number[] = [];
		for (const d of touched) {
			if (kinds && !kinds.includes(this.#kinds[d])) continue;
			const n = bitCount(masks[d] & required);
			if (n > best && n < wanted) best = n;
			if (n === wanted) kept.push(d);
		}
		let partial = false;
		if (kept.length === 0 && wanted > 1 && best > 0) {
			// Nothing has every word: show what has the most of them (the page says so).
			partial = true;
			for (const d of touched)
				if ((!kinds || kinds.includes(this.#kinds[d])) && bitCount(masks[d] & required) === best)
					kept.push(d);
		}
		const byScore = (a: number, b: number) => scores[b] - scores[a] || a - b;
		const top = limit >= kept.length ? kept.sort(byScore) : topK(kept, limit, byScore);
		const matches: RankedMatch[] = top.map((d) => ({
			ref: d,
			id: this.#s.docs[d][0],
			kind: this.#kinds[d],
			score: scores[d]
		}));
		for (const d of touched) {
			scores[d] = 0;
			masks[d] = 0;
		}
		return { matches, total: kept.length, partial };
	}

	/** A close spelling of the query that gives results, when it gave none. */
	#suggest(query: string, groups: Group[], kinds: readonly RecordKind[] | undefined): string[] {
		const replaced: { start: number; end: number; word: string }[] = [];
		for (const g of groups) {
			if (!g.required || g.folded.length < 3 || g.folded.length > 20) continue;
			let best: { word: string; d: number; df: number } | undefined;
			for (const v of this.#near(g.folded, g.folded.length >= 5 ? 2 : 1, 50)) {
				const word = this.#s.vocab[v];
				if (word === g.folded) continue;
				const d = editDistance(word, g.folded);
				const df = this.#docsOf[this.#s.vocabTerms[v]].length;
				if (!best || d < best.d || (d === best.d && df > best.df))
					best = { word: this.#s.accents[v] ?? word, d, df };
			}
			if (best) replaced.push({ start: g.start, end: g.end, word: best.word });
		}
		if (replaced.length === 0) return [];
		let text = '';
		let at = 0;
		for (const r of replaced) {
			text += query.slice(at, r.start) + r.word;
			at = r.end;
		}
		text = (text + query.slice(at)).trim();
		if (fold(text) === fold(query.trim())) return [];
		return this.#match(this.#groups(text, 'full'), kinds, 0).total > 0 ? [text] : [];
	}

	#rank(query: string, options: Omit<SearchOptions, 'limit'>, limit: number): Ranking & { total: number } {
		const raw = (typeof query === 'string' ? query : '').slice(0, MAX_QUERY_LENGTH);
		const mode = options.mode ?? this.mode;
		const groups = this.#groups(raw, mode);
		const { matches, total, partial } = this.#match(groups, options.kinds, limit);
		const suggestions = total === 0 && groups.length > 0 ? this.#suggest(raw, groups, options.kinds) : [];
		const clauses = [...new Set(groups.flatMap((g) => [...g.terms.keys()]))];
		return { query: raw.trim(), mode, matches, total, partial, suggestions, clauses };
	}

	rank(query: string, options: Omit<SearchOptions, 'limit'> = {}): Ranking {
		const { total: _total, ...ranking } = this.#rank(query, options, Infinity);
		return ranking;
	}

	hit(match: RankedMatch, ranking: Ranking): SearchHit {
		const doc = this.#s.docs[match.ref];
		const terms = new Set<string>();
		for (const t of ranking.clauses) if (contains(this.#docsOf[t], match.ref)) terms.add(this.#s.terms[t]);
		const hit: SearchHit = {
			id: doc[0],
			kind: match.kind,
			slug: doc[2],
			name: doc[3],
			subtitle: doc[4],
			score: Math.round(match.score * 100) / 100,
			highlights: { name: highlight(doc[3], terms) }
		};
		const text = this.#s.texts?.[match.ref];
		if (text) {
			const snippet = snippetOf(text, terms);
			if (snippet) hit.highlights.description = snippet;
		}
		return hit;
	}

	search(query: string, options: SearchOptions = {}): SearchResult {
		const limit = options.limit ?? 20;
		const n = Number.isFinite(limit) ? Math.max(0, Math.floor(limit)) : Infinity;
		const ranking = this.#rank(query, options, n);
		return {
			query: ranking.query,
			mode: ranking.mode,
			total: ranking.total,
			hits: ranking.matches.map((m) => this.hit(m, ranking)),
			partial: ranking.partial,
			suggestions: ranking.suggestions
		};
	}

	serialize(): string {
		// An engine received from a worker has no serialized form yet: rebuilt from its typed arrays.
		const s = this.#s;
		// Same keys in the same order as buildSearchEngine writes them: the same engine, the same bytes.
		this.#serialized ??= {
			format: s.format,
			mode: s.mode,
			docs: s.docs,
			...(s.texts ? { texts: s.texts } : {}),
			terms: s.terms,
			postings: this.#docsOf.map((docs) => Array.from(docs, (d, i) => (i === 0 ? d : d - docs[i - 1]))),
			weights: this.#weightsOf.map((w) => Array.from(w, (x) => Math.round(x * WEIGHT_SCALE))),
			vocab: s.vocab,
			vocabTerms: s.vocabTerms,
			accents: s.accents
		};
		return JSON.stringify(this.#serialized);
	}
}

/** Builds one engine: BM25 impacts per (term, document), summed over the mode's fields with their boosts. */
export function buildSearchEngine(documents: readonly SearchDocument[], mode: SearchMode): SearchEngine {
	const fields = mode === 'quick' ? QUICK_FIELDS : FULL_FIELDS;
	const termIds = new Map<string, number>();
	const termNames: string[] = [];
	const df: number[] = [];
	const surface = new Map<string, number>();
	const accents = new Map<string, string>();
	// Pass 1: term frequencies per document and field, field lengths, document frequencies.
	const perDoc: { tf: Map<number, number>; length: number }[][] = [];
	const totalLength = fields.map(() => 0);
	for (const doc of documents) {
		const seen = new Set<number>();
		const row = fields.map((f, fi) => {
			const tf = new Map<number, number>();
			let length = 0;
			for (const t of tokenize(doc[f])) {
				if (isStopWord(t.folded)) continue;
				const s = stem(t.folded);
				let id = termIds.get(s);
				if (id === undefined) {
					id = termNames.length;
					termIds.set(s, id);
					termNames.push(s);
					df.push(0);
				}
				if (!surface.has(t.folded)) surface.set(t.folded, id);
				const lower = t.text.toLowerCase();
				if (lower !== t.folded && !accents.has(t.folded) && !/['’ʼ]/.test(lower))
					accents.set(t.folded, lower);
				tf.set(id, (tf.get(id) ?? 0) + 1);
				seen.add(id);
				length++;
			}
			totalLength[fi] += length;
			return { tf, length };
		});
		for (const id of seen) df[id]++;
		perDoc.push(row);
	}
	// Terms sorted, so the same records always serialize to the same bytes (the URL carries their hash).
	const order = termNames.map((_, i) => i).sort((a, b) => (termNames[a] < termNames[b] ? -1 : 1));
	const rank = new Int32Array(order.length);
	order.forEach((old, i) => (rank[old] = i));
	const n = documents.length;
	const avg = totalLength.map((l) => (n > 0 ? l / n : 0) || 1);
	const idf = df.map((d) => Math.log(1 + Math.abs((n - d + 0.5) / (d + 0.5))));
	// Pass 2: impacts, appended in document order so every posting list is sorted.
	const postings: number[][] = order.map(() => []);
	const weights: number[][] = order.map(() => []);
	const previous = new Int32Array(order.length);
	perDoc.forEach((row, d) => {
		const impact = new Map<number, number>();
		row.forEach(({ tf, length }, fi) => {
			const norm = K1 * (1 - B + (B * length) / avg[fi]);
			const boost = FIELD_BOOSTS[fields[fi]];
			for (const [id, f] of tf)
				impact.set(id, (impact.get(id) ?? 0) + (boost * idf[id] * f * (K1 + 1)) / (f + norm));
		});
		for (const [id, w] of impact) {
			const t = rank[id];
			postings[t].push(d - previous[t]);
			previous[t] = d;
			weights[t].push(Math.max(1, Math.round(w * WEIGHT_SCALE)));
		}
	});
	const vocab = [...surface.keys()].filter((w) => w.length <= MAX_WORD_LENGTH).sort();
	const accentMap: Record<string, string> = {};
	vocab.forEach((w, i) => {
		const a = accents.get(w);
		if (a) accentMap[i] = a;
	});
	return Engine.fromSerialized({
		format: FORMAT,
		mode,
		docs: documents.map((d) => [d.id, KIND_CODES[d.kind], d.slug, d.name, d.subtitle]),
		...(mode === 'full' ? { texts: documents.map((d) => d.text) } : {}),
		terms: order.map((i) => termNames[i]),
		postings,
		weights,
		vocab,
		vocabTerms: vocab.map((w) => rank[surface.get(w)!]),
		accents: accentMap
	});
}

/** The two indexes of the site, from published records: quick (as you type) and full (submitted queries). */
export function buildSearchIndexes(
	records: readonly PublicRecord[],
	geo: SearchGeo
): { quick: SearchEngine; full: SearchEngine; documents: SearchDocument[] } {
	const documents = records.filter((r) => r.status === 'published').map((r) => toSearchDocument(r, geo));
	return {
		quick: buildSearchEngine(documents, 'quick'),
		full: buildSearchEngine(documents, 'full'),
		documents
	};
}

/** Loads an engine from `serialize()` output (text or parsed). Throws on anything else. */
export function loadSearchEngine(serialized: string | SerializedEngine): SearchEngine {
	const s = (typeof serialized === 'string' ? JSON.parse(serialized) : serialized) as SerializedEngine;
	if (!s || s.format !== FORMAT) throw new Error(`Index de recherche illisible : format attendu ${FORMAT}`);
	return Engine.fromSerialized(s);
}

/** Rebuilds an engine posted by a worker thread (see `SearchEngine.transferable`). */
export function engineFromTransferable(t: TransferableEngine): SearchEngine {
	if (!t || t.format !== FORMAT) throw new Error(`Index de recherche illisible : format attendu ${FORMAT}`);
	return Engine.fromTransferable(t);
}
