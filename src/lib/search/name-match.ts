/**
 * A filter on names for lists that are not ranked (the workspace's records, drafts and archives included):
 * every significant word typed must begin a word of the name, with the site's French analysis (text.ts:
 * accents and case folded, elisions split off, stop words ignored) and the sector's acronyms
 * (abbreviations.ts) understood both ways: « csc neuhof » finds « CSC du Neuhof » and « Centre
 * socio-culturel du Neuhof », « centre socioculturel neuhof » finds « CSC du Neuhof ».
 *
 * The ranked search (engine.ts) answers visitors with stems and typos over published records; a list a
 * maintainer filters wants exactly the records whose name says what was typed, in its own order.
 */
import { ABBREVIATIONS } from './abbreviations';
import { fold, isStopWord, tokenize } from './text';

/** The significant folded words of a text (all of them when it has only stop words, « La Ruche »). */
function significant(text: string): string[] {
	const words = tokenize(text).map((t) => t.folded);
	const kept = words.filter((w) => !isStopWord(w));
	return kept.length ? kept : words;
}

interface Expansion {
	short: string;
	/** Each long form's significant words. */
	long: string[][];
}

let expansions: Expansion[] | undefined;
function table(): Expansion[] {
	expansions ??= ABBREVIATIONS.map((a) => ({ short: fold(a.short), long: a.long.map(significant) }));
	return expansions;
}

/** Whether `phrase` appears in `words` from `at`, its words possibly written together (socio-culturel). */
function phraseAt(words: readonly string[], at: number, phrase: readonly string[]): boolean {
	const target = phrase.join('');
	let joined = '';
	for (let i = at; i < words.length && joined.length < target.length; i++) {
		joined += words[i];
		if (joined === target) return true;
		if (!target.startsWith(joined)) return false;
	}
	return false;
}

/**
 * The words a name can be found by: its own, the long forms of its acronyms (« CSC » gives centre, socio,
 * culturel, socioculturel...) and the acronyms of its long forms (« Centre socio-culturel » gives csc).
 */
export function nameWords(name: string): Set<string> {
	const words = tokenize(name).map((t) => t.folded);
	const out = new Set(words);
	// Two words written together are found too: « socio-culturel » by « socioculturel ».
	for (let i = 1; i < words.length; i++) out.add(words[i - 1] + words[i]);
	const meaningful = words.filter((w) => !isStopWord(w));
	for (const e of table()) {
		const applies =
			out.has(e.short) || e.long.some((long) => meaningful.some((_, i) => phraseAt(meaningful, i, long)));
		if (!applies) continue;
		out.add(e.short);
		// The long forms' words, and each run of them written together: « socioculturel », « centresocioculturel ».
		for (const long of e.long)
			for (let i = 0; i < long.length; i++)
				for (let j = i + 1; j <= long.length; j++) out.add(long.slice(i, j).join(''));
	}
	return out;
}

/**
 * A predicate for a typed query: true for a text in which every significant word of the query begins a
 * word (of the text or of its acronyms' expansions). An empty query matches everything.
 */
export function nameMatcher(query: string): (text: string) => boolean {
	const wanted = significant(query.slice(0, 200));
	if (!wanted.length) return () => true;
	return (text) => {
		const words = [...nameWords(text)];
		return wanted.every((q) => words.some((w) => w.startsWith(q)));
	};
}
