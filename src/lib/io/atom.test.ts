import { describe, expect, it } from 'vitest';
import { escapeXml, writeAtom } from './atom';

describe('writeAtom', () => {
	it('escapes text and attributes, drops characters XML forbids', () => {
		expect(escapeXml(`a & b < c > "d" 'e'\u0001`)).toBe('a &amp; b &lt; c &gt; &quot;d&quot; &apos;e&apos;');
	});

	it('writes one feed element with its entries, an empty feed included', () => {
		const xml = writeAtom({
			id: 'https://x.example/flux/a.atom',
			title: 'A & B',
			updated: '2026-12-01T00:00:00.000Z',
			self: 'https://x.example/flux/a.atom?quartier=a&b',
			alternate: 'https://x.example/a',
			author: { name: 'Carto ESS' },
			entries: [
				{
					id: 'tag:x.example,2026:initiative/a',
					title: 'Jardin',
					updated: '2026-12-01T00:00:00.000Z',
					link: 'https://x.example/initiatives/a',
					summary: 'Résumé',
					categories: ['Jardin partagé']
				}
			]
		});
		expect(
			xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"')
		).toBe(true);
		expect(xml).toContain('<title>A &amp; B</title>');
		expect(xml).toContain('href="https://x.example/flux/a.atom?quartier=a&amp;b"');
		expect(xml).toContain('<category term="Jardin partagé"/>');
		expect(xml.match(/<entry>/g)).toHaveLength(1);
		expect(xml.trimEnd().endsWith('</feed>')).toBe(true);
	});
});
