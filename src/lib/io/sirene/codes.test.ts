import { describe, expect, it } from 'vitest';
import { LEGAL_FORMS } from '$lib/domain/taxonomies';
import {
	LEGAL_CATEGORY_LABELS,
	STREET_TYPES,
	legalFormForInsee,
	nafLabel,
	nafSubclasses,
	repetitionWord,
	streetTypeWord
} from './codes';

describe('street types', () => {
	it('has INSEE’s 63 codes', () => {
		expect(Object.keys(STREET_TYPES)).toHaveLength(63);
	});

	it('expands a code and reads a word, giving accents back', () => {
		expect(streetTypeWord('AV')).toBe('avenue');
		expect(streetTypeWord('AVENUE')).toBe('avenue');
		expect(streetTypeWord('ALL')).toBe('allée');
		expect(streetTypeWord('ALLEE')).toBe('allée');
		expect(streetTypeWord('ROND POINT')).toBe('rond-point');
		expect(streetTypeWord('GRANDE RUE')).toBe('grande rue');
		expect(streetTypeWord('VENELLE')).toBe('venelle');
		expect(streetTypeWord(null)).toBeNull();
	});

	it('writes repetition indexes as words', () => {
		expect(repetitionWord('B')).toBe('bis');
		expect(repetitionWord('T')).toBe('ter');
		expect(repetitionWord('Q')).toBe('quater');
		expect(repetitionWord('C')).toBe('quinquies');
		expect(repetitionWord('A')).toBe('a');
		expect(repetitionWord(null)).toBeNull();
	});
});

describe('legal categories', () => {
	it('maps each INSEE code of the taxonomy to exactly one form, the one the register proves', () => {
		const codes = new Set(LEGAL_FORMS.flatMap((f) => [...f.insee]));
		for (const code of codes) expect(legalFormForInsee(code), code).not.toBe('inconnue');
		expect(legalFormForInsee('9260')).toBe('association-droit-local');
		expect(legalFormForInsee('9220')).toBe('association-declaree');
		expect(legalFormForInsee('5458')).toBe('scop');
		expect(legalFormForInsee('5460')).toBe('cooperative');
		expect(legalFormForInsee('5710')).toBe('societe-ess');
		expect(legalFormForInsee('8210')).toBe('mutuelle');
		expect(legalFormForInsee('9300')).toBe('fondation');
	});

	it('answers inconnue for codes the taxonomy has no form for', () => {
		expect(legalFormForInsee('1000')).toBe('inconnue');
		expect(legalFormForInsee('6317')).toBe('inconnue');
		expect(legalFormForInsee(null)).toBe('inconnue');
	});

	it('labels the ESS categories', () => {
		expect(LEGAL_CATEGORY_LABELS['9260']).toBe('Association de droit local (Bas-Rhin, Haut-Rhin et Moselle)');
		expect(LEGAL_CATEGORY_LABELS['1000']).toBe('Entrepreneur individuel');
		for (const code of Object.keys(LEGAL_CATEGORY_LABELS)) expect(code).toMatch(/^\d{4}$/);
	});
});

describe('NAF labels', () => {
	it('knows the 732 sub-classes of NAF rév. 2', () => {
		expect(nafSubclasses()).toHaveLength(732);
	});

	it('labels codes as INSEE writes them, spaces collapsed', () => {
		expect(nafLabel('88.99B')).toBe('Action sociale sans hébergement n.c.a.');
		expect(nafLabel('38.32Z')).toBe('Récupération de déchets triés');
		expect(nafLabel('88.10B')).not.toMatch(/ {2}/);
		expect(nafLabel('85.3K')).toBeNull();
		expect(nafLabel(null)).toBeNull();
	});
});
