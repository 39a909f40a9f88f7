import { describe, expect, it } from 'vitest';
import { fieldSpec } from './fields';
import { labelChanges, referenceLabel, subQuartierKey, type ValueLabels } from './value-labels';

const labels: ValueLabels = {
	commune: new Map([['67482', 'Strasbourg']]),
	quartier: new Map([['SQ_10', 'Neuhof – Stockfeld – Ganzau']]),
	subQuartier: new Map([[subQuartierKey('SQ_10', 'neuhof-1'), 'Neuhof 1']]),
	thematique: new Map([['finance-solidaire', 'Finance solidaire']]),
	organisation: new Map([['csc-neuhof', 'CSC du Neuhof']]),
	'funding-tool': new Map([['pret-honneur', 'Prêt d’honneur']])
};

describe('labels of diff values', () => {
	it('reads places, thématiques and linked records by their names', () => {
		const spec = (path: string) => fieldSpec('organisation', path);
		expect(referenceLabel(spec('communeCode'), '67482', labels)).toBe('Strasbourg');
		expect(referenceLabel(spec('quartierCode'), 'SQ_10', labels)).toBe('Neuhof – Stockfeld – Ganzau');
		expect(referenceLabel(spec('thematiques'), ['finance-solidaire', 'inconnue'], labels)).toBe(
			'Finance solidaire ; inconnue'
		);
		expect(referenceLabel(spec('parentId'), 'csc-neuhof', labels)).toBe('CSC du Neuhof (csc-neuhof)');
		expect(referenceLabel(fieldSpec('funding-tool', 'combinesWith'), ['pret-honneur'], labels)).toBe(
			'Prêt d’honneur (pret-honneur)'
		);
	});

	it('reads a sub-quartier within the record’s quartier, and leaves other fields to the diff', () => {
		const spec = fieldSpec('initiative', 'subQuartier');
		expect(referenceLabel(spec, 'neuhof-1', labels, { quartierCode: 'SQ_10' })).toBe('Neuhof 1');
		expect(referenceLabel(spec, 'neuhof-1', labels, { quartierCode: 'SQ_07' })).toBe('neuhof-1');
		expect(referenceLabel(fieldSpec('initiative', 'name'), 'x', labels)).toBeUndefined();
		expect(referenceLabel(fieldSpec('initiative', 'communeCode'), '', labels)).toBeUndefined();
	});

	it('relabels a diff from the two versions it was computed from', () => {
		const before = { kind: 'initiative', communeCode: '67482', quartierCode: 'SQ_10', name: 'A' };
		const after = { kind: 'initiative', communeCode: '67000', name: 'B' };
		const changes = [
			{ path: 'name', label: 'Nom', before: 'A', after: 'B' },
			{ path: 'communeCode', label: 'Commune', before: '67482', after: '67000' },
			{ path: 'quartierCode', label: 'Quartier', before: 'SQ_10', after: '' }
		];
		expect(
			labelChanges(changes, (p) => fieldSpec('initiative', p), before, after, labels).map((c) => [
				c.before,
				c.after
			])
		).toEqual([
			['A', 'B'],
			['Strasbourg', '67000'],
			['Neuhof – Stockfeld – Ganzau', '']
		]);
	});
});
