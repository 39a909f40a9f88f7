import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiParameterList, filterTable } from './docs';

/** The cells of a Markdown table, trimmed (Prettier may pad the README's columns). */
const cells = (table: string) =>
	table
		.trim()
		.split('\n')
		.map((row) =>
			row
				.replace(/^\|/, '')
				.replace(/\|$/, '')
				.split('|')
				.map((c) => c.trim().replace(/^-+$/, '---'))
		);

describe('README', () => {
	it('lists the registry’s filters as they are (paste the table below between the markers if not)', () => {
		const readme = readFileSync('README.md', 'utf8');
		const [, table = ''] =
			/<!-- filters:begin[^>]*-->\s*\n([\s\S]*?)\n\s*<!-- filters:end -->/.exec(readme) ?? [];
		const expected = filterTable();
		expect(cells(table), `\n${expected}\n`).toEqual(cells(expected));
	});

	it('lists the API’s parameters per collection as the registry has them', () => {
		const readme = readFileSync('README.md', 'utf8');
		const [, list = ''] =
			/<!-- api-filters:begin[^>]*-->\s*\n([\s\S]*?)\n\s*<!-- api-filters:end -->/.exec(readme) ?? [];
		const words = (s: string) => s.split(/\s+/).filter(Boolean);
		const expected = apiParameterList();
		expect(words(list), `\n${expected}\n`).toEqual(words(expected));
	});
});
