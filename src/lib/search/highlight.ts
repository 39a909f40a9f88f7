/**
 * Highlights of search results: a text cut into matched and unmatched segments (never HTML: pages render
 * the segments as text), and a snippet of a long text around its first match.
 */
import { isStopWord, stem, tokenize } from './text';
import type { Segment } from './types';

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
