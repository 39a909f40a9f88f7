import { describe, expect, it } from 'vitest';
import { legalFormsLabel } from './labels';
import { byId } from './test-seed';

describe('labels', () => {
	it('collapses the association forms', () => {
		expect(legalFormsLabel(byId('pret-honneur-initiative-france').eligibility.excludedLegalForms!)).toBe(
			'associations (toutes formes)'
		);
	});
});
