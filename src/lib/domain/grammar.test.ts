import { describe, expect, it } from 'vitest';
import { agree, countOf, pluralOf } from './grammar';

describe('agree', () => {
	it('agrees a regular adjective in gender and number', () => {
		expect(agree('inconnu', 'm')).toBe('inconnu');
		expect(agree('inconnu', 'f')).toBe('inconnue');
		expect(agree('inconnu', 'm', 2)).toBe('inconnus');
		expect(agree('inconnu', 'f', 3)).toBe('inconnues');
		expect(agree('connecté', 'f')).toBe('connectée');
	});
	it('knows the usual feminine endings', () => {
		expect(agree('approximatif', 'f')).toBe('approximative');
		expect(agree('nombreux', 'f')).toBe('nombreuse');
		expect(agree('officiel', 'f')).toBe('officielle');
		expect(agree('ancien', 'f')).toBe('ancienne');
		expect(agree('publique', 'f')).toBe('publique');
		expect(agree('libre', 'm', 2)).toBe('libres');
	});
});

describe('plurals', () => {
	it('makes regular plurals', () => {
		expect(pluralOf('fiche')).toBe('fiches');
		expect(pluralOf('lieu')).toBe('lieux');
		expect(pluralOf('local')).toBe('locaux');
		expect(pluralOf('QPV')).toBe('QPV');
		expect(pluralOf('prix')).toBe('prix');
	});
	it('counts, zero and one singular, with French digit grouping', () => {
		expect(countOf(0, 'lieu')).toBe('0 lieu');
		expect(countOf(1, 'fiche')).toBe('1 fiche');
		expect(countOf(12000, 'fiche')).toBe('12\u202f000 fiches');
		expect(countOf(2, 'QPV')).toBe('2 QPV');
	});
});
