import { describe, expect, it } from 'vitest';
import { defaultState, explorerParams, explorerSearch, formatAt, parseAt, parseZone } from './map-url';
import { parseExplorerParams } from './map-url-parse';
import type { FilterRef } from '../filters/types';

// Sectors come from their taxonomy (jardins and reemploi are two of them); the rest from reference data.
const known: FilterRef = {
	thematiques: [
		{ code: 'emploi', label: 'Emploi' },
		{ code: 'initiatives-habitants', label: 'Initiatives d’habitants' }
	],
	communes: [
		{ code: '67482', slug: 'strasbourg', name: 'Strasbourg' },
		{ code: '67447', slug: 'schiltigheim', name: 'Schiltigheim' }
	],
	quartiers: [{ code: 'SQ_08', slug: 'neudorf', name: 'Neudorf' }]
};
const parse = (s: string) => parseExplorerParams(new URLSearchParams(s), known);

describe('at', () => {
	it('formats zoom/lat/lon compactly and reads it back', () => {
		const v = { zoom: 13.5, lat: 48.581812345, lon: 7.750712345 };
		expect(formatAt(v)).toBe('13.5/48.58181/7.75071');
		expect(formatAt({ zoom: 12, lat: 48.5, lon: 7.7 })).toBe('12/48.50000/7.70000');
		expect(parseAt('13.5/48.58181/7.75071')).toEqual({ zoom: 13.5, lat: 48.58181, lon: 7.75071 });
	});
	it('refuses views outside the region, bad zooms and junk', () => {
		expect(parseAt('12/40.0/2.0')).toBeUndefined();
		expect(parseAt('30/48.5/7.7')).toBeUndefined();
		expect(parseAt('12/48.5')).toBeUndefined();
		expect(parseAt('<script>')).toBeUndefined();
	});
});

describe('parseExplorerParams', () => {
	it('gives the defaults for an empty query', () => {
		expect(parse('')).toEqual({ state: defaultState(), ignored: [] });
	});
	it('reads every parameter', () => {
		const { state, ignored } = parse(
			'at=14/48.5818/7.7507&sel=csc-neudorf&q=%20jardin%20%20partage&couches=initiatives,structures' +
				'&thematique=emploi&secteur=jardins,reemploi&lieu=SQ_08&lieu=67447&zone=7.7,48.55,7.8,48.6&vue=carte&fond=ign&quartiers=1'
		);
		expect(ignored).toEqual([]);
		expect(state).toEqual({
			at: { zoom: 14, lat: 48.5818, lon: 7.7507 },
			sel: 'csc-neudorf',
			q: 'jardin partage',
			filters: {
				layers: ['structures', 'initiatives'],
				thematique: ['emploi'],
				secteur: ['jardins', 'reemploi'],
				lieu: ['SQ_08', '67447'],
				activite: [],
				taille: []
			},
			zone: [7.7, 48.55, 7.8, 48.6],
			vue: 'carte',
			fond: 'ign',
			quartiers: true
		});
	});
	it('ignores bad values with a message naming the parameter, keeping the good ones', () => {
		const { state, ignored } = parse(
			'at=oops&sel=Bad%20Id&couches=nope&secteur=jardins,inconnu&zone=1,2&fond=google&vue=x'
		);
		expect(ignored.map((i) => i.parameter)).toEqual([
			'at',
			'sel',
			'couches',
			'secteur',
			'zone',
			'vue',
			'fond'
		]);
		expect(ignored.find((i) => i.parameter === 'secteur')?.message).toBe('valeur inconnue : inconnu');
		expect(state.filters.secteur).toEqual(['jardins']);
		expect(state.filters.layers).toEqual(['structures', 'initiatives', 'financeurs', 'lieux', 'evenements']);
		expect(state.at).toBeUndefined();
	});
	it('understands "no layer" and caps the text', () => {
		expect(parse('couches=aucune').state.filters.layers).toEqual([]);
		expect(parse(`q=${'a'.repeat(500)}`).state.q).toHaveLength(200);
	});
});

describe('explorerParams', () => {
	it('writes nothing for the defaults', () => {
		expect(explorerSearch(defaultState())).toBe('');
	});
	it('round-trips a full state and keeps slashes and commas readable', () => {
		const { state } = parse(
			'q=jardin&couches=initiatives&lieu=SQ_08,67482&zone=7.7,48.55,7.8,48.6&at=14/48.5818/7.7507&sel=x1'
		);
		const search = explorerSearch(state);
		expect(search).toBe(
			'?q=jardin&couches=initiatives&lieu=SQ_08,67482&zone=7.70000,48.55000,7.80000,48.60000&at=14/48.58180/7.75070&sel=x1'
		);
		expect(parseExplorerParams(explorerParams(state), known).state).toEqual(state);
	});
	it('writes "aucune" when every layer is off', () => {
		const s = defaultState();
		s.filters.layers = [];
		expect(explorerParams(s).get('couches')).toBe('aucune');
	});
});

describe('parseZone', () => {
	it('refuses inverted boxes', () => {
		expect(parseZone('7.8,48.5,7.7,48.6')).toBeUndefined();
	});
});
