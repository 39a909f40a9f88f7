import { describe, expect, it } from 'vitest';
import { estimateTotal } from './estimate';
import { byId, confirmed, confirmedTools, run } from './test-seed';

describe('the estimate', () => {
	it('estimates a total labelled as an estimate, capped per tool at the need, without double counting', () => {
		const e = run(
			'structure=porteur&stade=creation&montant=10000&territoire=67482',
			confirmedTools
		).estimate!;
		expect(e.label).toBe('estimation');
		expect(e.parts.map((p) => [p.toolId, p.amount, p.basis])).toEqual([
			['pret-honneur-initiative-france', 9700, 'moyenne'],
			['microcredit-adie', 4400, 'moyenne'],
			['subvention-moins-26-ans-france-active-alsace', 2000, 'plafond']
		]);
		expect(e.total).toBe(16100);
		expect(e.covers).toBe(true);
		expect(e.byKind).toEqual([
			{ kind: 'don', amount: 2000 },
			{ kind: 'pret', amount: 14100 }
		]);
	});

	it('leaves out guarantees, unconfirmed tools and tools without an amount, saying why', () => {
		const e = estimateTotal(
			[
				byId('garantie-france-active'),
				byId('clubs-cigales'),
				confirmed('prets-la-nef'),
				confirmed('contrat-apport-associatif')
			],
			20000
		);
		expect(e.parts.map((p) => p.toolId)).toEqual(['contrat-apport-associatif']);
		expect(Object.fromEntries(e.leftOut.map((l) => [l.toolId, l.reason]))).toEqual({
			'garantie-france-active': expect.stringMatching(/garantie/),
			'clubs-cigales': 'disponibilité non confirmée',
			'prets-la-nef': 'montant par projet non publié'
		});
	});

	it('counts one tool per financer and kind of money', () => {
		const e = estimateTotal(
			[confirmed('pret-participatif-france-active'), byId('pacte-relance-france-active')],
			50000
		);
		// Pacte Relance is "incertain"; with a second open France Active loan only one would count.
		const twin = {
			...confirmed('pret-participatif-france-active'),
			id: 'twin',
			name: 'Jumeau (synthétique)'
		};
		const e2 = estimateTotal([confirmed('pret-participatif-france-active'), twin], 50000);
		expect(e.parts).toHaveLength(1);
		expect(e2.parts).toHaveLength(1);
		expect(e2.leftOut[0].reason).toMatch(/même financeur/);
	});
});
