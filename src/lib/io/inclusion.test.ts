import { describe, expect, it } from 'vitest';
import { inclusionKinds, inclusionToTable } from './inclusion';

describe('data·inclusion structures', () => {
	it.each([
		['ei', ['ei']],
		["['ei', 'aci']", ['ei', 'aci']],
		['{esat,eatt}', ['eatt', 'esat']],
		['', []],
		['["mission-locale"]', []]
	])('reads the kinds of « %s »', (cell, expected) => {
		expect(inclusionKinds(cell)).toEqual(expected);
	});

	it('names the missing columns of the documented layout', () => {
		expect(() => inclusionToTable({ headers: ['id', 'nom'], rows: [] }, new Set())).toThrow(
			/colonnes manquantes : siret, description, reseaux_porteurs/
		);
	});
});
