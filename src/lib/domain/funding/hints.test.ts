import { describe, expect, it } from 'vitest';
import { combinationHints } from './hints';
import { byId, run } from './test-seed';

describe('combination hints', () => {
	it('pairs a guarantee with the loans among the matches', () => {
		const hints = combinationHints([byId('garantie-france-active'), byId('pret-participatif-france-active')]);
		expect(hints).toHaveLength(1);
		expect(hints[0].toolIds).toEqual(['garantie-france-active', 'pret-participatif-france-active']);
		expect(hints[0].text).toMatch(/garantit un prêt.*Prêt participatif France Active/);
	});

	it('names the prêt d’honneur as leverage and the pairs the data declares', () => {
		const r = run('structure=porteur&stade=creation&montant=10000&territoire=67482');
		expect(
			r.hints.some((h) => /prêt d’honneur.*levier/.test(h.text) && h.toolIds.includes('microcredit-adie'))
		).toBe(true);
		const cae = run('structure=fiscalisee&forme=cae&stade=creation&territoire=67482');
		expect(
			cae.hints.some(
				(h) =>
					h.toolIds.includes('porte-entree-ess-creation') &&
					h.toolIds.includes('accompagnement-cooproduction')
			)
		).toBe(true);
	});

	it('a tool that is both a loan and a guarantee (Socoden) is not described as bringing no money', () => {
		const hints = combinationHints([byId('pret-participatif-socoden'), byId('garantie-sofiscop')]);
		expect(hints.filter((h) => /n’apporte pas d’argent/.test(h.text)).map((h) => h.toolIds[0])).toEqual([
			'garantie-sofiscop'
		]);
	});
});
