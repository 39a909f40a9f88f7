/**
 * The search engine: builds lunr indexes from search documents, serializes and loads them, and answers
 * queries. Pure (no IO, no DOM): the server, the Web Worker and the benchmark run this same code.
 *
 * Queries are never parsed with lunr's query-string syntax (`:`, `~`, `^`, `*`, `+`, `-` mean something
 * there and malformed input throws). A query is tokenized like the documents, each word is expanded into
 * index terms we chose (exact stem, prefix completions, close spellings) and handed to lunr through its
 * programmatic `index.query(q => q.term(...))` API with `usePipeline: false`.
 */
import lunr from 'lunr';
import type { PublicRecord, RecordKind } from '$lib/domain/records';
import {
	FIELD_BOOSTS,
	FULL_FIELDS,
	QUICK_FIELDS,
	toSearchDocument,
	type SearchDocument,
	type SearchField,
	type SearchGeo
} from './documents';
import { MAX_WORD_LENGTH, fold, isStopWord, stem, tokenize } from './text';
import type { SearchHit, SearchMode, SearchOptions, SearchResult, Segment } from './types';

/** Longer queries are cut: nobody types more, and every word costs expansions. */
export const MAX_QUERY_LENGTH = 200;
/** Words of a query taken into account (the rest are ignored). */
export const MAX_QUERY_WORDS = 8;
/** Completions kept per prefix: the shortest ones, the closest to what was typed. */
const PREFIX_CAP = 40;
const FUZZY_CAP = 20;
/** Weights of the expansions relative to the exact stem. */
const WEIGHT = { exact: 1, prefixTyping: 0.6, prefix: 0.3, fuzzy: 0.25 } as const;

const FORMAT = 'carto-ess-search/1';
/** Short lunr field names: they are repeated in every posting of the serialized index. */
const FIELD_KEYS: Record<SearchField, string> = {
	names: 'n',
	tags: 't',
	categories: 'c',
	place: 'p',
	text: 'x'
};
const KIND_CODES: Record<RecordKind, string> = { organisation: 'o', initiative: 'i', 'funding-tool': 'f' };
const KIND_OF_CODE: Record<string, RecordKind> = { o: 'organisation', i: 'initiative', f: 'funding-tool' };

/** What is kept per document to show a hit without the record: id, kind, slug, name, subtitle. */
type DocTuple = [id: string, kind: string, slug: string, name: string, subtitle: string];

export interface SerializedEngine {
	format: typeof FORMAT;
	mode: SearchMode;
	docs: DocTuple[];
	/** Full mode: the long text of each document, for description snippets. */
	texts?: string[];
	/** Sorted folded words of the indexed text, for prefixes, typos and suggestions. */
	vocab: string[];
	/** Stem of each vocab word: a number n means "the first n letters of the word". */
	stems: (number | string)[];
	/** Accented spelling of vocab words that have one (index -> word), for suggestions. */
	accents: Record<string, string>;
	index: object;
}

/** One matching document before its highlights are built. */
export interface RankedMatch {
	ref: number;
	id: string;
	kind: RecordKind;
	score: number;
	/** Index terms this document matched. */
	terms: ReadonlySet<string>;
}

export interface Ranking {
	query: string;
	mode: SearchMode;
	matches: RankedMatch[];
	partial: boolean;
	suggestions: string[];
}

export interface SearchEngine {
	readonly mode: SearchMode;
	/** Documents indexed. */
	readonly size: number;
	/** Hits with highlights for the first `limit` matches. Never throws on any string. */
	search(query: string, options?: SearchOptions): SearchResult;
	/** Every match, ranked, without highlights: for callers that filter, facet and paginate first. */
	rank(query: string, options?: Omit<SearchOptions, 'limit'>): Ranking;
	/** The hit (name, subtitle, highlights) of one match. */
	hit(match: RankedMatch): SearchHit;
	/** JSON text of the engine, loaded back by loadSearchEngine. */
	serialize(): string;
}

/** A query word and the index terms that stand for it, each with a weight. */
interface Group {
	folded: string;
	/** Where the word is in the query, to rewrite it in a suggestion. */
	start: number;
	end: number;
	required: boolean;
	terms: Map<string, number>;
}

function add(terms: Map<string, number>, term: string, weight: number) {
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

class Engine implements SearchEngine {
	readonly mode: SearchMode;
	readonly size: number;
	readonly #index: lunr.Index;
	readonly #docs: DocTuple[];
	readonly #texts: string[] | undefined;
	readonly #vocab: string[];
	readonly #stems: (number | string)[];
	readonly #accents: Record<string, string>;
	readonly #vocabSet: lunr.TokenSet;

	constructor(s: Omit<SerializedEngine, 'format' | 'index'>, index: lunr.Index) {
		this.mode = s.mode;
		this.#index = index;
		this.#docs = s.docs;
		this.#texts = s.texts;
		this.#vocab = s.vocab;
		this.#stems = s.stems;
		this.#accents = s.accents;
		this.size = s.docs.length;
		// lunr's automaton intersects a fuzzy query word with the whole vocabulary at once.
		this.#vocabSet = lunr.TokenSet.fromArray(s.vocab);
	}

	#stemAt(i: number): string {
		const s = this.#stems[i];
		return typeof s === 'number' ? this.#vocab[i].slice(0, s) : s;
	}

	#has(term: string): boolean {
		return Object.prototype.hasOwnProperty.call(this.#index.invertedIndex, term);
	}

	/** Vocabulary words starting with `prefix`, shortest first, at most `cap`. */
	#completions(prefix: string, cap: number): number[] {
		const found: number[] = [];
		for (let i = lowerBound(this.#vocab, prefix); i < this.#vocab.length; i++) {
			if (!this.#vocab[i].startsWith(prefix)) break;
			found.push(i);
		}
		if (found.length > cap) found.sort((a, b) => this.#vocab[a].length - this.#vocab[b].length).length = cap;
		return found;
	}

	/** Vocabulary words within `distance` edits of `word`. */
	#near(word: string, distance: number, cap: number): number[] {
		const words = this.#vocabSet.intersect(lunr.TokenSet.fromFuzzyString(word, distance)).toArray();
		const out: number[] = [];
		for (const w of words) {
			const i = lowerBound(this.#vocab, w);
			if (this.#vocab[i] === w) out.push(i);
			if (out.length >= cap) break;
		}
		return out;
	}

	#groups(query: string, mode: SearchMode): Group[] {
		const typing = mode === 'quick' && !/\s$/.test(query);
		const tokens = tokenize(query).slice(0, MAX_QUERY_WORDS);
		const groups: Group[] = [];
		tokens.forEach((tok, i) => {
			const w = tok.folded;
			const last = i === tokens.length - 1 && typing;
			const stop = isStopWord(w);
			// A function word is skipped, unless it is the word being typed ("de" may become "déchets").
			if (stop && !last) return;
			const terms = new Map<string, number>();
			if (!stop) {
				const s = stem(w);
				if (this.#has(s)) add(terms, s, WEIGHT.exact);
			}
			if (w.length >= 3 || (last && w.length >= 2)) {
				const weight = last ? WEIGHT.prefixTyping : WEIGHT.prefix;
				for (const i of this.#completions(w, PREFIX_CAP)) add(terms, this.#stemAt(i), weight);
			}
			// Typos: one edit from 5 letters, two from 8 ("cooperatve" -> "coopérative").
			if (!stop && w.length >= 5 && w.length <= 20) {
				for (const i of this.#near(w, w.length >= 8 ? 2 : 1, FUZZY_CAP))
					add(terms, this.#stemAt(i), WEIGHT.fuzzy);
			}
			groups.push({ folded: w, start: tok.start, end: tok.end, required: !stop, terms });
		});
		return groups;
	}

	#match(groups: Group[], kinds: readonly RecordKind[] | undefined) {
		const clauses = groups.flatMap((g) => [...g.terms]);
		if (clauses.length === 0) return { matches: [] as RankedMatch[], partial: false };
		const results = this.#index.query((q) => {
			for (const [term, boost] of clauses)
				q.term(term, { usePipeline: false, boost, presence: lunr.Query.presence.OPTIONAL });
		});
		const required = groups.filter((g) => g.required);
		const full: RankedMatch[] = [];
		const some: (RankedMatch & { groups: number })[] = [];
		for (const r of results) {
			const ref = Number(r.ref);
			const doc = this.#docs[ref];
			const kind = KIND_OF_CODE[doc[1]];
			if (kinds && !kinds.includes(kind)) continue;
			const terms = new Set(Object.keys(r.matchData.metadata));
			const match = { ref, id: doc[0], kind, score: r.score, terms };
			const hitGroups = required.filter((g) => [...g.terms.keys()].some((t) => terms.has(t))).length;
			if (hitGroups === required.length) full.push(match);
			else if (hitGroups > 0) some.push({ ...match, groups: hitGroups });
		}
		if (full.length > 0 || required.length <= 1) return { matches: full, partial: false };
		some.sort((a, b) => b.groups - a.groups || b.score - a.score);
		return { matches: some.map(({ groups: _g, ...m }) => m), partial: some.length > 0 };
	}

	/** A close spelling of the query that gives results, when it gave none. */
	#suggest(query: string, groups: Group[], kinds: readonly RecordKind[] | undefined): string[] {
		const replaced: { start: number; end: number; word: string }[] = [];
		for (const g of groups) {
			if (!g.required || g.folded.length < 3 || g.folded.length > 20) continue;
			let best: { word: string; d: number; df: number } | undefined;
			for (const i of this.#near(g.folded, g.folded.length >= 5 ? 2 : 1, 50)) {
				const word = this.#vocab[i];
				if (word === g.folded) continue;
				const d = editDistance(word, g.folded);
				const df = this.#docFrequency(this.#stemAt(i));
				if (!best || d < best.d || (d === best.d && df > best.df))
					best = { word: this.#accents[i] ?? word, d, df };
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
		const { matches } = this.#match(this.#groups(text, 'full'), kinds);
		return matches.length > 0 && fold(text) !== fold(query) ? [text] : [];
	}

	#docFrequency(term: string): number {
		const posting = this.#index.invertedIndex[term] as Record<string, object> | undefined;
		if (!posting) return 0;
		const refs = new Set<string>();
		for (const [field, docs] of Object.entries(posting))
			if (field !== '_index') for (const r in docs) refs.add(r);
		return refs.size;
	}

	rank(query: string, options: Omit<SearchOptions, 'limit'> = {}): Ranking {
		const text = (typeof query === 'string' ? query : '').slice(0, MAX_QUERY_LENGTH).trim();
		const mode = options.mode ?? this.mode;
		const groups = this.#groups(typeof query === 'string' ? query.slice(0, MAX_QUERY_LENGTH) : '', mode);
		const { matches, partial } = this.#match(groups, options.kinds);
		const suggestions =
			matches.length === 0 && groups.length > 0
				? this.#suggest(
						typeof query === 'string' ? query.slice(0, MAX_QUERY_LENGTH) : '',
						groups,
						options.kinds
					)
				: [];
		return { query: text, mode, matches, partial, suggestions };
	}

	hit(match: RankedMatch): SearchHit {
		const doc = this.#docs[match.ref];
		const hit: SearchHit = {
			id: doc[0],
			kind: match.kind,
			slug: doc[2],
			name: doc[3],
			subtitle: doc[4],
			score: Math.round(match.score * 1000) / 1000,
			highlights: { name: highlight(doc[3], match.terms) }
		};
		const text = this.#texts?.[match.ref];
		if (text) {
			const snippet = snippetOf(text, match.terms);
			if (snippet) hit.highlights.description = snippet;
		}
		return hit;
	}

	search(query: string, options: SearchOptions = {}): SearchResult {
		const ranking = this.rank(query, options);
		const limit = options.limit ?? 20;
		const n = Number.isFinite(limit) ? Math.max(0, Math.floor(limit)) : ranking.matches.length;
		return {
			query: ranking.query,
			mode: ranking.mode,
			total: ranking.matches.length,
			hits: ranking.matches.slice(0, n).map((m) => this.hit(m)),
			partial: ranking.partial,
			suggestions: ranking.suggestions
		};
	}

	serialize(): string {
		const s: SerializedEngine = {
			format: FORMAT,
			mode: this.mode,
			docs: this.#docs,
			...(this.#texts ? { texts: this.#texts } : {}),
			vocab: this.#vocab,
			stems: this.#stems,
			accents: this.#accents,
			index: this.#index.toJSON()
		};
		return JSON.stringify(s);
	}
}

/**
 * Character ranges of `text` whose words matched: their stem is one of the document's matched terms
 * (prefix completions and close spellings were turned into stems, so they light up too).
 */
function matchedRanges(text: string, terms: ReadonlySet<string>) {
	const ranges: [number, number][] = [];
	for (const t of tokenize(text)) {
		if (!isStopWord(t.folded) && terms.has(stem(t.folded))) ranges.push([t.start, t.end]);
	}
	ranges.sort((a, b) => a[0] - b[0]);
	const merged: [number, number][] = [];
	for (const r of ranges) {
		const last = merged[merged.length - 1];
		if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
		else merged.push([...r]);
	}
	return merged;
}

function segments(text: string, ranges: [number, number][], from = 0, to = text.length): Segment[] {
	const out: Segment[] = [];
	let at = from;
	for (const [s, e] of ranges) {
		if (e <= from || s >= to) continue;
		const start = Math.max(s, from);
		const end = Math.min(e, to);
		if (start > at) out.push({ text: text.slice(at, start), match: false });
		out.push({ text: text.slice(start, end), match: true });
		at = end;
	}
	if (at < to) out.push({ text: text.slice(at, to), match: false });
	return out;
}

/** The text cut into matched and unmatched segments; joined back, the segments give the text unchanged. */
export function highlight(text: string, terms: ReadonlySet<string>): Segment[] {
	return segments(text, matchedRanges(text, terms));
}

const SNIPPET_BEFORE = 60;
const SNIPPET_LENGTH = 200;

/** About 200 characters of a long text around its first match, cut at word boundaries, with ellipses. */
export function snippetOf(text: string, terms: ReadonlySet<string>): Segment[] | undefined {
	const ranges = matchedRanges(text, terms);
	if (ranges.length === 0) return undefined;
	let from = Math.max(0, ranges[0][0] - SNIPPET_BEFORE);
	if (from > 0) {
		const space = text.indexOf(' ', from);
		from = space >= 0 && space < ranges[0][0] ? space + 1 : ranges[0][0];
	}
	let to = Math.min(text.length, from + SNIPPET_LENGTH);
	if (to < text.length) {
		const space = text.lastIndexOf(' ', to);
		if (space > ranges[0][1]) to = space;
	}
	const out = segments(text, ranges, from, to);
	if (from > 0) out.unshift({ text: '… ', match: false });
	if (to < text.length) out.push({ text: ' …', match: false });
	return out;
}

/** Builds one engine over `fields` of the documents. */
export function buildSearchEngine(documents: readonly SearchDocument[], mode: SearchMode): SearchEngine {
	const fields = mode === 'quick' ? QUICK_FIELDS : FULL_FIELDS;
	const surface = new Map<string, string>();
	const accents = new Map<string, string>();
	const builder = new lunr.Builder();
	builder.ref('r');
	for (const f of fields) builder.field(FIELD_KEYS[f], { boost: FIELD_BOOSTS[f] });
	// No positions stored: highlights are recomputed from the displayed text, which keeps the index small.
	builder.metadataWhitelist = [];
	(builder as unknown as { tokenizer: (text: string) => lunr.Token[] }).tokenizer = (text) => {
		const out: lunr.Token[] = [];
		for (const t of tokenize(text)) {
			if (isStopWord(t.folded)) continue;
			const s = stem(t.folded);
			if (!surface.has(t.folded)) surface.set(t.folded, s);
			const lower = t.text.toLowerCase();
			if (lower !== t.folded && !accents.has(t.folded) && !/['’ʼ]/.test(lower)) accents.set(t.folded, lower);
			out.push(new lunr.Token(s, {}));
		}
		return out;
	};
	documents.forEach((d, r) => {
		const doc: Record<string, string> = { r: String(r) };
		for (const f of fields) doc[FIELD_KEYS[f]] = d[f];
		builder.add(doc);
	});
	const index = builder.build();
	const vocab = [...surface.keys()].filter((w) => w.length <= MAX_WORD_LENGTH).sort();
	const stems = vocab.map((w) => {
		const s = surface.get(w)!;
		return w.startsWith(s) ? s.length : s;
	});
	const accentMap: Record<string, string> = {};
	vocab.forEach((w, i) => {
		const a = accents.get(w);
		if (a) accentMap[i] = a;
	});
	return new Engine(
		{
			mode,
			docs: documents.map((d) => [d.id, KIND_CODES[d.kind], d.slug, d.name, d.subtitle]),
			texts: mode === 'full' ? documents.map((d) => d.text) : undefined,
			vocab,
			stems,
			accents: accentMap
		},
		index
	);
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
	return new Engine(s, lunr.Index.load(s.index));
}
