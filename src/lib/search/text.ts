/**
 * French text analysis shared by indexing and querying: the same function turns a record's name and a
 * person's query into terms, so both sides always agree (accents, elisions, stop words, stems).
 *
 * lunr's default tokenizer splits on spaces and hyphens only, so "l'économie" stays one token and never
 * matches "economie"; lunr-languages' French trimmer also drops every non-Latin letter. We tokenize
 * ourselves and reuse lunr-languages only for what it does well: the Snowball French stemmer and the
 * French stop-word list.
 */
import lunr from 'lunr';
import stemmerSupport from 'lunr-languages/lunr.stemmer.support';
import fr from 'lunr-languages/lunr.fr';

type LunrFr = {
	stemmer: (token: lunr.Token) => lunr.Token;
	stopWordFilter: (token: string) => string | undefined;
};

let french: LunrFr | undefined;

/**
 * Registers lunr-languages' French support once. It must run before any stemming and before
 * `lunr.Index.load`, which otherwise throws "unregistered function" for the French pipeline.
 */
export function frenchSupport(): LunrFr {
	if (!french) {
		const l = lunr as unknown as { fr?: LunrFr; stemmerSupport?: unknown };
		if (!l.stemmerSupport) stemmerSupport(lunr);
		if (!l.fr) fr(lunr);
		french = l.fr as LunrFr;
	}
	return french;
}

/** Longest word kept: longer "words" are noise (URLs, pasted garbage) and make fuzzy matching explode. */
export const MAX_WORD_LENGTH = 40;

/**
 * Elided articles and conjunctions written before a vowel: "l'économie", "d'honneur", "qu'il",
 * "jusqu'à", "presqu'île". The part before the apostrophe is dropped, the rest is the word.
 */
const ELISIONS = new Set([
	'l',
	'd',
	'j',
	'm',
	'n',
	's',
	't',
	'c',
	'qu',
	'jusqu',
	'lorsqu',
	'puisqu',
	'quoiqu',
	'presqu'
]);

/** Letters and digits in any script, with apostrophes (straight, typographic, modifier) inside a word. */
export const WORD_RE = /[\p{L}\p{N}]+(?:['’ʼ][\p{L}\p{N}]+)*/gu;
export const APOSTROPHE_RE = /['’ʼ]/;

export interface Token {
	/** The word as written in the text (accents and case kept), without an elided article. */
	text: string;
	/** Offsets in the original string: text === source.slice(start, end). */
	start: number;
	end: number;
	/** Lower-case, accent-free form: what prefixes and typos are compared with. */
	folded: string;
}

const ASCII_WORD = /^[a-z0-9]*$/;

/** Lower case without diacritics: é -> e, ç -> c, œ -> oe, ß -> ss; compatibility forms (ﬁ, ²) decomposed. */
export function fold(word: string): string {
	const lower = word.toLowerCase();
	if (ASCII_WORD.test(lower)) return lower;
	return lower
		.normalize('NFKD')
		.replace(/\p{M}+/gu, '')
		.replace(/œ/g, 'oe')
		.replace(/æ/g, 'ae')
		.replace(/ß/g, 'ss');
}

/** Memoised fold of a word as written: a corpus repeats the same few thousand words. */
const foldCache = new Map<string, string>();
function foldWord(word: string): string {
	let f = foldCache.get(word);
	if (f === undefined) {
		f = fold(word);
		if (foldCache.size > 200_000) foldCache.clear();
		foldCache.set(word, f);
	}
	return f;
}

/**
 * Splits a text into words with their offsets. Elisions are split off and dropped ("l'économie" ->
 * "économie"); a word with an inner apostrophe that is not an elision ("Bretz'selle") yields its parts
 * and the joined form, so "bretz", "selle" and "bretzselle" all find it. Hyphens separate words.
 * Never throws, whatever the input.
 */
export function tokenize(source: string): Token[] {
	const tokens: Token[] = [];
	if (typeof source !== 'string' || source === '') return tokens;
	for (const m of source.matchAll(WORD_RE)) {
		const whole = m[0];
		const at = m.index ?? 0;
		if (!APOSTROPHE_RE.test(whole)) {
			push(tokens, whole, at);
			continue;
		}
		const parts: { text: string; start: number }[] = [];
		let offset = 0;
		for (const part of whole.split(APOSTROPHE_RE)) {
			parts.push({ text: part, start: at + offset });
			offset += part.length + 1;
		}
		if (ELISIONS.has(foldWord(parts[0].text))) parts.shift();
		for (const p of parts) push(tokens, p.text, p.start);
		if (parts.length > 1) {
			const first = parts[0];
			const last = parts[parts.length - 1];
			const joined = parts.map((p) => p.text).join('');
			if (joined.length <= MAX_WORD_LENGTH)
				tokens.push({
					text: source.slice(first.start, last.start + last.text.length),
					start: first.start,
					end: last.start + last.text.length,
					folded: fold(joined)
				});
		}
	}
	return tokens;
}

function push(tokens: Token[], text: string, start: number) {
	if (text.length === 0 || text.length > MAX_WORD_LENGTH) return;
	const folded = foldWord(text);
	if (folded === '') return;
	tokens.push({ text, start, end: start + text.length, folded });
}

/** Words the French stop-word list misses in folded form ("a" from "il a", "à" folded). */
const EXTRA_STOP_WORDS = new Set(['a', 'l', 'd', 'qu', 'y', 'o']);

const stopCache = new Map<string, boolean>();

/** True for French function words (le, de, et, à...), compared accent-free. */
export function isStopWord(folded: string): boolean {
	let stop = stopCache.get(folded);
	if (stop === undefined) {
		stop = EXTRA_STOP_WORDS.has(folded) || frenchSupport().stopWordFilter(folded) === undefined;
		if (stopCache.size > 200_000) stopCache.clear();
		stopCache.set(folded, stop);
	}
	return stop;
}

const stemCache = new Map<string, string>();

/** Snowball French stem of a folded word, memoised: indexing 10k records stems the same words again and again. */
export function stem(folded: string): string {
	let s = stemCache.get(folded);
	if (s === undefined) {
		s = frenchSupport().stemmer(new lunr.Token(folded, {})).toString() || folded;
		if (stemCache.size > 200_000) stemCache.clear();
		stemCache.set(folded, s);
	}
	return s;
}

/** The index terms of a text: folded, stop words removed, stemmed. */
export function terms(source: string): string[] {
	const out: string[] = [];
	for (const t of tokenize(source)) if (!isStopWord(t.folded)) out.push(stem(t.folded));
	return out;
}
