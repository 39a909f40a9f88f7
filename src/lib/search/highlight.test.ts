import { describe, expect, it } from 'vitest';
import { highlight, snippetOf } from './highlight';
import { stem } from './text';
import type { Segment } from './types';

const render = (segments: Segment[]) => segments.map((s) => (s.match ? `[${s.text}]` : s.text)).join('');

describe('highlight and snippet', () => {
	it('marks words by stem and keeps everything else as text', () => {
		const terms = new Set([stem('jardin'), stem('partage')]);
		expect(render(highlight('Les jardins partagés <b>', terms))).toBe('Les [jardins] [partagés] <b>');
	});

	it('cuts long texts around the first match at word boundaries', () => {
		const text = `${'mot '.repeat(50)}vélo ${'suite '.repeat(60)}`.trim();
		const s = snippetOf(text, new Set([stem('velo')]))!;
		const joined = s.map((x) => x.text).join('');
		expect(joined.startsWith('… ')).toBe(true);
		expect(joined.endsWith(' …')).toBe(true);
		expect(joined.length).toBeLessThan(220);
		expect(s.filter((x) => x.match).map((x) => x.text)).toEqual(['vélo']);
		expect(snippetOf('rien ici', new Set([stem('velo')]))).toBeUndefined();
	});
});
