/**
 * Svelte 5 removes the whitespace at the start and end of an element's or a block's content (« whitespace at
 * the start and end of a tag is removed completely », https://svelte.dev/docs/svelte/basic-markup), while
 * Prettier formats templates as HTML, where that space is one space. So `{text}<span> (note)</span>` or
 * `{a}{#if b}\n · {b}{/if}` render « text(note) » and « a· b ». This test reads every component and
 * refuses a separating space that Svelte would drop. Write `&nbsp;` where a space must stay (ESLint refuses
 * `{' '}` as a useless mustache); it also keeps « · » or « ( » from starting a line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';

const ROOT = join(process.cwd(), 'src');
const INLINE = new Set('a abbr b cite code del em i ins mark q small span strong sub sup time'.split(' '));

interface Node {
	type: string;
	name?: string;
	data?: string;
	start: number;
	attributes?: { name?: string; value?: unknown }[];
	fragment?: { nodes: Node[] };
	consequent?: { nodes: Node[] };
	alternate?: { nodes: Node[] } | null;
	body?: { nodes: Node[] };
	[key: string]: unknown;
}

function svelteFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? svelteFiles(join(dir, e.name)) : e.name.endsWith('.svelte') ? [join(dir, e.name)] : []
	);
}

const isInlineElement = (n: Node | undefined) => n?.type === 'RegularElement' && INLINE.has(n.name!);
/** Visually hidden text is laid out as a block (position: absolute): accessible names keep its spaces. */
const isHidden = (n: Node) =>
	n.attributes?.some((a) => a.name === 'class' && JSON.stringify(a.value).includes('visually-hidden')) ??
	false;
// A normal space, not a no-break space (which Svelte keeps).
const LEADING = /^[ \t\r\n]/;
const TRAILING = /[ \t\r\n]$/;
/** Content that touches what comes before it (no space of its own on that side). */
const touchesLeft = (n: Node | undefined) =>
	!!n &&
	(n.type === 'ExpressionTag' ||
		isInlineElement(n) ||
		n.type === 'IfBlock' ||
		n.type === 'EachBlock' ||
		(n.type === 'Text' && /^\S/.test(n.data!)));
const touchesRight = (n: Node | undefined) =>
	!!n &&
	(n.type === 'ExpressionTag' ||
		isInlineElement(n) ||
		n.type === 'IfBlock' ||
		n.type === 'EachBlock' ||
		(n.type === 'Text' && /\S$/.test(n.data!)));

/** The fragments whose edges Svelte trims, for content that flows inline. */
function trimmedFragments(n: Node): Node[][] {
	if (isInlineElement(n) && !isHidden(n)) return [n.fragment!.nodes];
	if (n.type === 'IfBlock') return [n.consequent!.nodes, ...(n.alternate ? [n.alternate.nodes] : [])];
	if (n.type === 'EachBlock') return [n.body!.nodes];
	return [];
}

function lostSpaces(source: string): string[] {
	const found: string[] = [];
	const line = (pos: number) => source.slice(0, pos).split('\n').length;
	const scan = (siblings: Node[]) =>
		siblings.forEach((n, i) => {
			for (const kids of trimmedFragments(n)) {
				if (!kids.length) continue;
				const first = kids[0];
				const last = kids[kids.length - 1];
				// A space typed on the same line (« <span> (note) ») is always meant; one after a line break
				// matters when content touches it on the outside.
				if (
					first.type === 'Text' &&
					LEADING.test(first.data!) &&
					(/^[ \t]+\S/.test(first.data!) ||
						(touchesRight(siblings[i - 1]) && (first.data!.trim() !== '' || touchesLeft(kids[1]))))
				)
					found.push(`line ${line(first.start)}: ${JSON.stringify(first.data!.slice(0, 30))}`);
				if (
					last.type === 'Text' &&
					TRAILING.test(last.data!) &&
					(/\S[ \t]+$/.test(last.data!) ||
						(touchesLeft(siblings[i + 1]) &&
							(last.data!.trim() !== '' || touchesRight(kids[kids.length - 2]))))
				)
					found.push(`line ${line(last.start)}: ${JSON.stringify(last.data!.slice(-30))}`);
			}
		});
	const visit = (node: unknown) => {
		if (!node || typeof node !== 'object') return;
		if (Array.isArray(node)) return node.forEach(visit);
		const n = node as Node;
		if (Array.isArray(n.nodes)) scan(n.nodes as Node[]);
		for (const [key, value] of Object.entries(n)) if (key !== 'metadata') visit(value);
	};
	visit((parse(source, { modern: true }) as unknown as { fragment: Node }).fragment);
	return found;
}

describe('spaces in templates', () => {
	it('finds the space Svelte drops, and accepts the ways to keep one', () => {
		expect(lostSpaces('<p>{a}<span> (b)</span></p>')).toHaveLength(1);
		expect(lostSpaces('<dd>{a}{#if b}\n\t· {b}{/if}</dd>')).toHaveLength(1);
		expect(lostSpaces('<p>{#if a}<cite>{a}</cite> ·\n{/if}{b}</p>')).toHaveLength(1);
		expect(lostSpaces('<p>{a}{#if b}&nbsp;<span>(b)</span>{/if}</p>')).toEqual([]);
		expect(lostSpaces('<p>{a} <span>(b)</span></p>')).toEqual([]);
		expect(lostSpaces('<p>{a}{#if b}&nbsp;· {b}{/if}</p>')).toEqual([]);
		expect(lostSpaces('<ul>{#each a as x}\n\t<li>{x}</li>\n{/each}</ul>')).toEqual([]);
	});

	it('no component loses a separating space', () => {
		const problems = svelteFiles(ROOT).flatMap((file) =>
			lostSpaces(readFileSync(file, 'utf8')).map((p) => `${relative(process.cwd(), file)} ${p}`)
		);
		expect(problems).toEqual([]);
	});
});
