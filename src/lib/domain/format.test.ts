import { describe, expect, it } from 'vitest';
import { amountLabel, carrierWords, formatDate, frenchList, monthsRangeLabel } from './format';

describe('formatting', () => {
	it('writes amounts and durations in French', () => {
		expect(amountLabel({ min: 5000, max: 30000, year: 2020 })).toMatch(
			/^5\s000\s€ à 30\s000\s€ \(chiffre de 2020\)$/
		);
		expect(amountLabel({ max: 20000 })).toMatch(/^Jusqu’à 20\s000\s€$/);
		expect(amountLabel({ average: 9700 })).toMatch(/^En moyenne 9\s700\s€$/);
		expect(amountLabel(undefined)).toBe('Montant non publié');
		expect(amountLabel({ note: 'Fonds de 100 M€, pas un montant par projet.' })).toBe(
			'Montant par projet non publié'
		);
		expect(monthsRangeLabel({ min: 60, max: 84 })).toBe('5 à 7 ans');
		expect(monthsRangeLabel({ min: 2, max: 24 })).toBe('2 mois à 2 ans');
		expect(monthsRangeLabel({ max: 18 })).toBe('au plus 18 mois');
	});

	it('writes an ISO date in French words, whatever the server time zone', () => {
		expect(formatDate('2026-11-29')).toBe('29 novembre 2026');
		expect(formatDate('2026-01-01')).toBe('1 janvier 2026');
	});

	it('shows an unreadable date as written', () => {
		expect(formatDate('hier')).toBe('hier');
	});

	it('writes French lists', () => {
		expect(frenchList(['a', 'b', 'c'])).toBe('a, b et c');
		expect(frenchList(['a', 'b'], 'ou')).toBe('a ou b');
		expect(frenchList(['a'])).toBe('a');
		expect(frenchList([])).toBe('');
	});
});

describe('carrierWords', () => {
	it('gives the name and the kind of carrier', () => {
		expect(carrierWords('Association', 'Horizome')).toEqual({ name: 'Horizome', kind: 'association' });
		expect(carrierWords("Collectif d'habitants", 'Les Jardiniers')).toEqual({
			name: 'Les Jardiniers',
			kind: "collectif d'habitants"
		});
		expect(carrierWords("Structure de l'ESS", 'Emmaüs')).toEqual({
			name: 'Emmaüs',
			kind: "structure de l'ESS"
		});
	});
	it('says the kind once when there is no name or the name starts with it', () => {
		expect(carrierWords('Association')).toEqual({ name: 'Association' });
		expect(carrierWords('Association', '  ')).toEqual({ name: 'Association' });
		expect(carrierWords('Association', 'Association des résidents de l’Elsau')).toEqual({
			name: 'Association des résidents de l’Elsau'
		});
		expect(carrierWords("Collectif d'habitants", 'Collectif d’habitants du Landsberg')).toEqual({
			name: 'Collectif d’habitants du Landsberg'
		});
	});
});
