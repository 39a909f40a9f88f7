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
import {
	APOSTROPHE_RE,
	MAX_WORD_LENGTH,
	WORD_RE,
	fold,
	isStopWord,
	stem,
	tokenize,
	type Token
} from './text';
import { highlight, snippetOf } from './highlight';
import {
	ArrayColumn,
	columnOf,
	packColumn,
	packStrings,
	runNow,
	unpackStrings,
	type Column,
	type ColumnData,
	type Due,
	type StringTable,
	type TimeSlices
} from './packed';
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
	 * The engine as data a worker thread can post to another (`postMessage(data, transfer)`): everything
	 * travels in transferred buffers (moved, not copied, and not deserialized by the receiving thread in
	 * one piece); `installEngine` rebuilds it in time slices, `engineFromTransferable` at once.
	 */
	transferable(): { data: TransferableEngine; transfer: ArrayBuffer[] };
}

/** The postings of every term, one list after the other: term t's are `[offsets[t], offsets[t + 1])`. */
interface Postings {
	/** Document numbers, sorted within each term. */
	docs: Int32Array;
	/** Their impacts, already divided by the weight scale. */
	weights: Float32Array;
	offsets: Int32Array;
}

/** What `transferable()` gives: the engine's strings packed (./packed.ts) and its postings concatenated. */
export interface TransferableEngine {
	format: typeof FORMAT;
	mode: SearchMode;
	/** The documents' ids (every match carries its id). */
	ids: StringTable;
	/** The documents' kinds, as the character code of their letter. */
	kinds: Uint8Array;
	/** Slug, name and subtitle of each document, one after the other: read only for a hit. */
	shown: ColumnData;
	/** Full mode: the long text of each document, read only for a hit's snippet. */
	texts?: ColumnData;
	terms: StringTable;
	vocab: StringTable;
	vocabTerms: Int32Array;
	/** Vocabulary words with an accented spelling, and that spelling. */
	accentWords: Int32Array;
	accentSpellings: StringTable;
	postingDocs: Int32Array;
	postingWeights: Float32Array;
	offsets: Int32Array;
}

interface EngineData {
	format: typeof FORMAT;
	mode: SearchMode;
	ids: string[];
	kinds: RecordKind[];
	/** Slug, name and subtitle of document d at 3d, 3d + 1, 3d + 2. */
	shown: Column;
	texts?: Column;
	terms: string[];
	vocab: string[];
	vocabTerms: ArrayLike<number>;
	accents: Record<string, string>;
}

/** What the constructor would derive from the data, when it was derived beforehand in time slices. */
interface Derived {
	termOf: Map<string, number>;
}

/** The engine's document columns from documents as serialized (tuples). */
function docColumns(docs: readonly DocTuple[], texts: readonly string[] | undefined) {
	return {
		ids: docs.map((d) => d[0]),
		kinds: docs.map((d) => KIND_OF_CODE[d[1]]),
		shown: new ArrayColumn(docs.flatMap((d) => [d[2], d[3], d[4]])),
		...(texts ? { texts: new ArrayColumn(texts) } : {})
	};
}

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

/** Whether `sorted[from, to)` holds `value`. */
function contains(sorted: Int32Array, from: number, to: number, value: number): boolean {
	let lo = from;
	let hi = to;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (sorted[mid] < value) lo = mid + 1;
		else hi = mid;
	}
	return lo < to && sorted[lo] === value;
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
	readonly #termOf: Map<string, number>;
	readonly #p: Postings;
	#vocabSet: lunr.TokenSet | undefined;
	/** Scratch space reused by every query: a score and a bit per query word for each document. */
	readonly #scores: Float64Array;
	readonly #masks: Uint8Array;

	constructor(
		s: EngineData,
		postings: Postings,
		serialized: SerializedEngine | undefined,
		derived?: Derived
	) {
		this.#s = s;
		this.#serialized = serialized;
		this.mode = s.mode;
		this.size = s.ids.length;
		this.#termOf = derived?.termOf ?? new Map(s.terms.map((t, i) => [t, i]));
		this.#p = postings;
		this.#scores = new Float64Array(this.size);
		this.#masks = new Uint8Array(this.size);
	}

	static fromSerialized(s: SerializedEngine): Engine {
		const offsets = new Int32Array(s.postings.length + 1);
		s.postings.forEach((gaps, t) => (offsets[t + 1] = offsets[t] + gaps.length));
		const total = offsets[s.postings.length];
		const docs = new Int32Array(total);
		const weights = new Float32Array(total);
		s.postings.forEach((gaps, t) => {
			let d = 0;
			for (let i = 0, k = offsets[t]; i < gaps.length; i++, k++) docs[k] = d += gaps[i];
		});
		s.weights.forEach((w, t) => {
			for (let i = 0, k = offsets[t]; i < w.length; i++, k++) weights[k] = w[i] / WEIGHT_SCALE;
		});
		const { format, mode, terms, vocab, vocabTerms, accents } = s;
		const data = { format, mode, ...docColumns(s.docs, s.texts), terms, vocab, vocabTerms, accents };
		return new Engine(data, { docs, weights, offsets }, s);
	}

	/** Rebuilds an engine from `transferable()`'s data, pausing (a generator step) whenever `due()` says so. */
	static *fromTransferable(t: TransferableEngine, due: Due): Generator<void, Engine> {
		const ids = yield* unpackStrings(t.ids, due);
		const kinds: RecordKind[] = new Array(ids.length);
		for (let d = 0; d < ids.length; d++) {
			kinds[d] = KIND_OF_CODE[String.fromCharCode(t.kinds[d])];
			if (due()) yield;
		}
		const terms = yield* unpackStrings(t.terms, due);
		const termOf = new Map<string, number>();
		for (let i = 0; i < terms.length; i++) {
			termOf.set(terms[i], i);
			if (due()) yield;
		}
		const spellings = yield* unpackStrings(t.accentSpellings, due);
		const accents: Record<string, string> = {};
		t.accentWords.forEach((v, i) => (accents[v] = spellings[i]));
		const data: EngineData = {
			format: t.format,
			mode: t.mode,
			ids,
			kinds,
			shown: columnOf(t.shown),
			...(t.texts ? { texts: columnOf(t.texts) } : {}),
			terms,
			vocab: yield* unpackStrings(t.vocab, due),
			vocabTerms: t.vocabTerms,
			accents
		};
		const postings = { docs: t.postingDocs, weights: t.postingWeights, offsets: t.offsets };
		return new Engine(data, postings, undefined, { termOf });
	}

	transferable(): { data: TransferableEngine; transfer: ArrayBuffer[] } {
		const s = this.#s;
		const transfer: ArrayBuffer[] = [];
		const accentWords = Object.keys(s.accents).map(Number);
		// Copies: the engine stays whole for its own queries.
		const postingDocs = this.#p.docs.slice();
		const postingWeights = this.#p.weights.slice();
		const offsets = this.#p.offsets.slice();
		const vocabTerms = Int32Array.from(s.vocabTerms);
		const words = Int32Array.from(accentWords);
		const kinds = Uint8Array.from(s.kinds, (k) => KIND_CODES[k].charCodeAt(0));
		transfer.push(
			postingDocs.buffer,
			postingWeights.buffer,
			offsets.buffer,
			vocabTerms.buffer,
			words.buffer,
			kinds.buffer
		);
		return {
			data: {
				format: s.format,
				mode: s.mode,
				ids: packStrings(s.ids, transfer),
				kinds,
				shown: packColumn(s.shown, transfer),
				...(s.texts ? { texts: packColumn(s.texts, transfer) } : {}),
				terms: packStrings(s.terms, transfer),
				vocab: packStrings(s.vocab, transfer),
				vocabTerms,
				accentWords: words,
				accentSpellings: packStrings(
					accentWords.map((v) => s.accents[v]),
					transfer
				),
				postingDocs,
				postingWeights,
				offsets
			},
			transfer
		};
	}

	/** Documents containing term t. */
	#df(t: number): number {
		return this.#p.offsets[t + 1] - this.#p.offsets[t];
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
			const { docs, weights, offsets } = this.#p;
			for (const [t, factor] of g.terms) {
				for (let k = offsets[t], end = offsets[t + 1]; k < end; k++) {
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
			if (kinds && !kinds.includes(this.#s.kinds[d])) continue;
			const n = bitCount(masks[d] & required);
			if (n > best && n < wanted) best = n;
			if (n === wanted) kept.push(d);
		}
		let partial = false;
		if (kept.length === 0 && wanted > 1 && best > 0) {
			// Nothing has every word: show what has the most of them (the page says so).
			partial = true;
			for (const d of touched)
				if ((!kinds || kinds.includes(this.#s.kinds[d])) && bitCount(masks[d] & required) === best)
					kept.push(d);
		}
		const byScore = (a: number, b: number) => scores[b] - scores[a] || a - b;
		const top = limit >= kept.length ? kept.sort(byScore) : topK(kept, limit, byScore);
		const matches: RankedMatch[] = top.map((d) => ({
			ref: d,
			id: this.#s.ids[d],
			kind: this.#s.kinds[d],
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
				const df = this.#df(this.#s.vocabTerms[v]);
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
		const d = match.ref;
		const name = this.#s.shown.at(3 * d + 1);
		const terms = new Set<string>();
		const { docs, offsets } = this.#p;
		for (const t of ranking.clauses)
			if (contains(docs, offsets[t], offsets[t + 1], match.ref)) terms.add(this.#s.terms[t]);
		const hit: SearchHit = {
			id: this.#s.ids[d],
			kind: match.kind,
			slug: this.#s.shown.at(3 * d),
			name,
			subtitle: this.#s.shown.at(3 * d + 2),
			score: Math.round(match.score * 100) / 100,
			highlights: { name: highlight(name, terms) }
		};
		const text = this.#s.texts?.at(d);
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
			docs: s.ids.map((id, d): DocTuple => [
				id,
				KIND_CODES[s.kinds[d]],
				s.shown.at(3 * d),
				s.shown.at(3 * d + 1),
				s.shown.at(3 * d + 2)
			]),
			...(s.texts ? { texts: Array.from({ length: s.texts.length }, (_, i) => s.texts!.at(i)) } : {}),
			terms: s.terms,
			postings: s.terms.map((_, t) => {
				const docs = this.#p.docs.subarray(this.#p.offsets[t], this.#p.offsets[t + 1]);
				return Array.from(docs, (d, i) => (i === 0 ? d : d - docs[i - 1]));
			}),
			weights: s.terms.map((_, t) =>
				Array.from(this.#p.weights.subarray(this.#p.offsets[t], this.#p.offsets[t + 1]), (x) =>
					Math.round(x * WEIGHT_SCALE)
				)
			),
			vocab: s.vocab,
			vocabTerms: Array.from(s.vocabTerms),
			accents: s.accents
		};
		return JSON.stringify(this.#serialized);
	}
}

/** A growable Int32Array (the build's flat buffers: no object per document or per posting). */
class IntBuffer {
	data = new Int32Array(1024);
	length = 0;
	push(x: number) {
		if (this.length === this.data.length) {
			const bigger = new Int32Array(this.data.length * 2);
			bigger.set(this.data);
			this.data = bigger;
		}
		this.data[this.length++] = x;
	}
	/** The value at `i`, 0 beyond the end; `set` grows the buffer as needed. */
	at(i: number): number {
		return i < this.length ? this.data[i] : 0;
	}
	set(i: number, x: number) {
		while (i >= this.length) this.push(0);
		this.data[i] = x;
	}
}

/** What a word, as written, stands for in the index being built: null for nothing (stop word, too long). */
interface WordEntry {
	term: number;
}

/**
 * Builds one engine: BM25 impacts per (term, document), summed over the mode's fields with their boosts.
 * At national scale (250,000 records, tens of millions of words) the build's cost is per word, so a
 * word as written is analysed once (fold, stop word, stem, term number) and then looked up, and the
 * counts go to flat integer buffers rather than a Map per document and field.
 */
export function buildSearchEngine(documents: readonly SearchDocument[], mode: SearchMode): SearchEngine {
	const fields = mode === 'quick' ? QUICK_FIELDS : FULL_FIELDS;
	const termIds = new Map<string, number>();
	const termNames: string[] = [];
	const df = new IntBuffer();
	const surface = new Map<string, number>();
	const accents = new Map<string, string>();
	const words = new Map<string, WordEntry | null>();
	/** The term of an analysed token, registering what the index keeps of its surface form. */
	const termOfToken = (t: Token): number => {
		if (isStopWord(t.folded)) return -1;
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
		if (lower !== t.folded && !accents.has(t.folded) && !/['’ʼ]/.test(lower)) accents.set(t.folded, lower);
		return id;
	};
	// Pass 1: term frequencies per document and field (pairs of term and count), field lengths, document
	// frequencies. The pairs of document d's field fi are pairs[pairStart[d * F + fi], pairStart[d * F + fi + 1]).
	const F = fields.length;
	const pairTerms = new IntBuffer();
	const pairCounts = new IntBuffer();
	const pairStart = new Int32Array(documents.length * F + 1);
	const fieldLength = new Int32Array(documents.length * F);
	const totalLength = fields.map(() => 0);
	/** Scratch: count of each term in the current field, and the last document each term was seen in. */
	const count = new IntBuffer();
	const lastDoc = new IntBuffer();
	const touched: number[] = [];
	const see = (id: number, d: number) => {
		if (id < 0) return false;
		const c = count.at(id);
		if (c === 0) touched.push(id);
		count.set(id, c + 1);
		if (lastDoc.at(id) !== d + 1) {
			lastDoc.set(id, d + 1);
			df.data[id]++;
		}
		return true;
	};
	documents.forEach((doc, d) => {
		fields.forEach((f, fi) => {
			let length = 0;
			const source = doc[f];
			if (typeof source === 'string' && source !== '')
				for (const m of source.matchAll(WORD_RE)) {
					const whole = m[0];
					let entry = words.get(whole);
					if (entry === undefined) {
						// A word with an apostrophe (elision, "Bretz'selle") gives several tokens: analysed each time.
						if (APOSTROPHE_RE.test(whole)) {
							for (const t of tokenize(whole)) if (see(termOfToken(t), d)) length++;
							continue;
						}
						const [t] = tokenize(whole);
						const id = t ? termOfToken(t) : -1;
						entry = id < 0 ? null : { term: id };
						words.set(whole, entry);
					}
					if (entry && see(entry.term, d)) length++;
				}
			const slot = d * F + fi;
			for (const id of touched) {
				pairTerms.push(id);
				pairCounts.push(count.data[id]);
				count.data[id] = 0;
			}
			touched.length = 0;
			pairStart[slot + 1] = pairTerms.length;
			fieldLength[slot] = length;
			totalLength[fi] += length;
		});
	});
	// Terms sorted, so the same records always serialize to the same bytes (the URL carries their hash).
	const order = termNames.map((_, i) => i).sort((a, b) => (termNames[a] < termNames[b] ? -1 : 1));
	const rank = new Int32Array(order.length);
	order.forEach((old, i) => (rank[old] = i));
	const n = documents.length;
	const avg = totalLength.map((l) => (n > 0 ? l / n : 0) || 1);
	const idf = Array.from(df.data.subarray(0, termNames.length), (x) =>
		Math.log(1 + Math.abs((n - x + 0.5) / (x + 0.5)))
	);
	// Pass 2: impacts, appended in document order so every posting list is sorted. Term t (in sorted
	// order) holds df of them: its place in the flat arrays is known before the first is written.
	const offsets = new Int32Array(order.length + 1);
	order.forEach((old, t) => (offsets[t + 1] = offsets[t] + df.data[old]));
	const postingDocs = new Int32Array(offsets[order.length]);
	const postingWeights = new Float32Array(offsets[order.length]);
	const next = offsets.slice(0, order.length);
	const impact = new Float64Array(termNames.length);
	const boosts = fields.map((f) => FIELD_BOOSTS[f]);
	for (let d = 0; d < n; d++) {
		for (let fi = 0; fi < F; fi++) {
			const slot = d * F + fi;
			const norm = K1 * (1 - B + (B * fieldLength[slot]) / avg[fi]);
			for (let k = pairStart[slot], end = pairStart[slot + 1]; k < end; k++) {
				const id = pairTerms.data[k];
				const f = pairCounts.data[k];
				if (impact[id] === 0) touched.push(id);
				impact[id] += (boosts[fi] * idf[id] * f * (K1 + 1)) / (f + norm);
			}
		}
		for (const id of touched) {
			const t = rank[id];
			const k = next[t]++;
			postingDocs[k] = d;
			postingWeights[k] = Math.max(1, Math.round(impact[id] * WEIGHT_SCALE)) / WEIGHT_SCALE;
			impact[id] = 0;
		}
		touched.length = 0;
	}
	const vocab = [...surface.keys()].filter((w) => w.length <= MAX_WORD_LENGTH).sort();
	const accentMap: Record<string, string> = {};
	vocab.forEach((w, i) => {
		const a = accents.get(w);
		if (a) accentMap[i] = a;
	});
	const data: EngineData = {
		format: FORMAT,
		mode,
		ids: documents.map((d) => d.id),
		kinds: documents.map((d) => d.kind),
		shown: new ArrayColumn(documents.flatMap((d) => [d.slug, d.name, d.subtitle])),
		...(mode === 'full' ? { texts: new ArrayColumn(documents.map((d) => d.text)) } : {}),
		terms: order.map((i) => termNames[i]),
		vocab,
		vocabTerms: vocab.map((w) => rank[surface.get(w)!]),
		accents: accentMap
	};
	return new Engine(data, { docs: postingDocs, weights: postingWeights, offsets }, undefined);
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

/**
 * Rebuilds an engine posted by a worker thread (see `SearchEngine.transferable`) in time slices, so the
 * thread that receives it keeps answering requests meanwhile (no slice lasts much longer than the
 * budget of `slices`).
 */
export function installEngine(t: TransferableEngine, slices: TimeSlices): Promise<SearchEngine> {
	if (!t || t.format !== FORMAT) throw new Error(`Index de recherche illisible : format attendu ${FORMAT}`);
	return slices.run(Engine.fromTransferable(t, () => slices.due()));
}

/** The same at once (tests; a thread that has no request to answer meanwhile). */
export function engineFromTransferable(t: TransferableEngine): SearchEngine {
	if (!t || t.format !== FORMAT) throw new Error(`Index de recherche illisible : format attendu ${FORMAT}`);
	return runNow(Engine.fromTransferable(t, () => false));
}
