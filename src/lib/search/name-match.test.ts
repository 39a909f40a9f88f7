import { describe, expect, it } from 'vitest';
import { ABBREVIATIONS } from './abbreviations';
import { nameMatcher, nameWords } from './name-match';

const finds = (query: string, name: string) => nameMatcher(query)(name);

describe('name matching for unranked lists (the workspace’s records)', () => {
	it('folds accents and case, skips stop words, and matches word prefixes', () => {
		expect(finds('epicerie', 'Épicerie solidaire de la Meinau')).toBe(true);
		expect(finds('EPIC soli', 'Épicerie solidaire de la Meinau')).toBe(true);
		expect(finds('la meinau', 'Épicerie solidaire de la Meinau')).toBe(true);
		expect(finds('economie', 'L’Économie en marche')).toBe(true);
		// A word must begin a word: « cerie » is inside « épicerie », not at its start.
		expect(finds('cerie', 'Épicerie solidaire')).toBe(false);
		// Every word must be found.
		expect(finds('epicerie neudorf', 'Épicerie solidaire de la Meinau')).toBe(false);
		expect(finds('   ', 'Épicerie solidaire')).toBe(true);
	});

	it('understands the sector’s acronyms both ways', () => {
		expect(finds('csc neuhof', 'CSC du Neuhof')).toBe(true);
		expect(finds('csc neuhof', 'Centre socio-culturel du Neuhof')).toBe(true);
		expect(finds('csc neuhof', 'Centre socioculturel du Neuhof')).toBe(true);
		expect(finds('centre socioculturel neuhof', 'CSC du Neuhof')).toBe(true);
		expect(finds('centre socio-culturel', 'CSC du Neuhof')).toBe(true);
		expect(finds('Csc', 'centre Socio Culturel Victor Schoelcher')).toBe(true);
		expect(finds('maison des jeunes', 'MJC Camille Claus')).toBe(true);
		expect(finds('scic', 'Société coopérative d’intérêt collectif Tout autre')).toBe(true);
		expect(finds('csc meinau', 'CSC du Neuhof')).toBe(false);
		expect(finds('mjc', 'Centre socio-culturel du Neuhof')).toBe(false);
		// An acronym's long form must be all there, in order.
		expect(nameWords('Centre culturel du Neuhof').has('csc')).toBe(false);
	});

	it('reads every entry of the table both ways', () => {
		for (const a of ABBREVIATIONS) {
			expect(a.short).toMatch(/^[A-Za-z]+$/);
			for (const long of a.long) {
				expect(finds(long, `${a.short} de Test`), `${long} -> ${a.short}`).toBe(true);
				expect(finds(`${a.short} test`, `${long} de Test`), `${a.short} -> ${long}`).toBe(true);
			}
		}
	});
});
