import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance, foldHeader, foldName, parseFrenchDate, suggest } from './values';

describe('names compared as people write them', () => {
	it('ignores accents, case, dashes, apostrophes and ligatures', () => {
		expect(foldName('  Hœnheim ')).toBe('hoenheim');
		expect(foldName('ILLKIRCH–GRAFFENSTADEN')).toBe('illkirch graffenstaden');
		expect(foldName('Cité de l’Ill')).toBe(foldName("Cite de l'Ill"));
	});

	it('compares headers without plurals or « (s) »', () => {
		expect(foldHeader('Thématique(s)')).toBe(foldHeader('thématiques'));
		expect(foldHeader('Sources')).toBe('source');
		expect(foldHeader('ESS ?')).toBe('ess');
	});

	it('suggests close names, best first, and says nothing without one', () => {
		const communes = ['Schiltigheim', 'Strasbourg', 'Bischheim', 'Illkirch-Graffenstaden'].map((n) => ({
			key: foldName(n),
			display: n
		}));
		expect(editDistance('schiltigeim', 'schiltigheim')).toBe(1);
		expect(suggest('Schiltigeim', communes)).toEqual(['Schiltigheim']);
		expect(suggest('Strasbrug', communes)).toEqual(['Strasbourg']);
		expect(suggest('Illkirch', communes)).toEqual(['Illkirch-Graffenstaden']);
		expect(suggest('Paris', communes)).toEqual([]);
		expect(didYouMean(['A', 'B'])).toBe('vouliez-vous dire « A » ou « B » ?');
		expect(didYouMean([])).toBe('');
	});
});

describe('French dates', () => {
	it.each([
		['2026-12-04', '2026-12-04'],
		['04/12/2026', '2026-12-04'],
		['4/12/2026', '2026-12-04'],
		['04-12-2026', '2026-12-04'],
		['04.12.2026', '2026-12-04'],
		['4/12/26', '2026-12-04'],
		['4 décembre 2026', '2026-12-04'],
		['1er juillet 2026', '2026-07-01'],
		['04/12/2026 10:30', '2026-12-04'],
		['2026-12-04T09:00:00Z', '2026-12-04']
	])('reads %s as %s (day first, two-digit years in 2000-2099)', (text, iso) => {
		expect(parseFrenchDate(text)).toEqual({ ok: true, iso });
	});

	it('reads 12/04/2026 as the 12th of April, never as an American date', () => {
		expect(parseFrenchDate('12/04/2026')).toEqual({ ok: true, iso: '2026-04-12' });
	});

	it.each(['31/02/2026', '13/13/2026', 'demain', '2026', '04/12'])('refuses %s with an example', (text) => {
		expect(parseFrenchDate(text)).toEqual({
			ok: false,
			message: expect.stringMatching(/date illisible .* 04\/12\/2026 ou 2026-12-04/)
		});
	});
});
