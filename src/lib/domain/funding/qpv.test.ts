import { describe, expect, it } from 'vitest';
import type { FundingTool } from '../records';
import { byId, run, tools as seed } from './test-seed';

// CitésLab, the one open QPV-only offer of the seed, is checked on its own below; the other tests keep the
// seed without it, so they still cover the answer when no open tool depends on the QPV.
const CITESLAB = 'citeslab-strasbourg-creation';
const tools = seed.filter((t) => t.id !== CITESLAB);

const ids = (r: ReturnType<typeof run>) => r.matches.map((m) => m.tool.id);

describe('the QPV answer on the seed, CitésLab included', () => {
	it('a project in a QPV at the emergence stage gets CitésLab, and is told why', () => {
		const qpv = run('structure=porteur&stade=emergence&territoire=qpv-hautepierre');
		const town = run('structure=porteur&stade=emergence&territoire=67482');
		expect(ids(qpv)).toContain(CITESLAB);
		expect(ids(town)).not.toContain(CITESLAB);
		expect(qpv.qpv).toMatchObject({ changes: true, reserved: [expect.objectContaining({ id: CITESLAB })] });
		// The closed QPV-only tool is « another » one, not « the only » one, once CitésLab is open.
		const text = qpv.qpv!.text.join(' ');
		expect(text).toContain('Un autre outil recensé réservé aux QPV, Bourse nationale');
		expect(text).not.toContain('Le seul outil');
	});
});

/** The seed without CitésLab: its one QPV-only tool is closed, and no condition cites the QPV. */
describe('the QPV answer on the seed without CitésLab', () => {
	it('checks the premise: no open tool of the seed depends on the QPV', () => {
		const qpv = tools.filter(
			(t) =>
				t.eligibility.qpvOnly || t.eligibility.unchecked.some((c) => /QPV|quartiers? prioritaires?/i.test(c))
		);
		expect(qpv.map((t) => [t.id, t.availability])).toEqual([
			['bourse-nationale-experimentation-participation-habitants', 'ferme']
		]);
	});

	it.each([
		'structure=association&stade=emergence',
		'structure=association&stade=creation&montant=20000',
		'structure=fiscalisee&stade=developpement',
		''
	])('%s: QPV Hautepierre gives the Strasbourg list, and says so', (profile) => {
		const qpv = run(`${profile}&territoire=qpv-hautepierre`, tools);
		const town = run(`${profile}&territoire=67482`, tools);
		expect(ids(qpv)).toEqual(ids(town));
		expect(town.qpv).toBeUndefined();
		expect(qpv.qpv).toMatchObject({ changes: false, reserved: [], favoured: [], elsewhere: [] });
		const text = qpv.qpv!.text.join(' ');
		expect(text).toMatch(
			/^Votre réponse « QPV Hautepierre » ne change pas vos résultats : aucun outil ouvert/
		);
		expect(text).toMatch(
			/Le seul outil recensé réservé aux QPV, Bourse nationale d'expérimentation en faveur de la participation des habitants, est fermé\./
		);
	});
});

/** The same seed tools as if a source had changed them, to check what a QPV answer must change. */
describe('the QPV answer when a tool depends on it', () => {
	const reopened: FundingTool = {
		...byId('bourse-nationale-experimentation-participation-habitants'),
		availability: 'ouvert'
	};
	const priority: FundingTool = {
		...byId('okote'),
		eligibility: {
			...byId('okote').eligibility,
			unchecked: ['Priorité aux projets situés dans un quartier prioritaire (QPV)']
		}
	};
	const list = tools.map((t) => (t.id === reopened.id ? reopened : t.id === priority.id ? priority : t));

	it.each([
		['qpv-hautepierre', true],
		['qpv', true],
		['67482', false],
		['eurometropole', false]
	] as const)('territoire=%s: the QPV-only tool is offered: %s', (territoire, offered) => {
		const r = run(`structure=association&stade=emergence&territoire=${territoire}`, list);
		expect(ids(r).includes(reopened.id)).toBe(offered);
		if (!offered)
			expect(r.excluded.find((e) => e.tool.id === reopened.id)?.unmet.map((u) => u.key)).toContain('qpv');
	});

	it('a QPV profile is told what changed: reserved tools and priorities written in conditions', () => {
		const qpv = run('structure=association&stade=emergence&territoire=qpv-hautepierre', list);
		expect(qpv.qpv).toMatchObject({
			changes: true,
			reserved: [expect.objectContaining({ id: reopened.id })],
			favoured: [expect.objectContaining({ id: 'okote' })]
		});
		expect(qpv.qpv!.text[0]).toMatch(
			/^Votre réponse « QPV Hautepierre » change vos résultats : Bourse nationale .* est réservé aux quartiers prioritaires ; Okoté .* cite les quartiers prioritaires dans ses conditions\.$/
		);
		// The priority is a met criterion for a project in a QPV, absent for one outside.
		const okoteIn = qpv.matches.find((m) => m.tool.id === 'okote')!;
		expect(okoteIn.met.find((c) => c.key === 'qpv')?.text).toMatch(/les conditions citent les QPV/);
		const town = run('structure=association&stade=emergence&territoire=67482', list);
		const okoteOut = town.matches.find((m) => m.tool.id === 'okote')!;
		expect([...okoteOut.met, ...okoteOut.unmet, ...okoteOut.unchecked].some((c) => c.key === 'qpv')).toBe(
			false
		);
		expect(okoteIn.score).toBeGreaterThan(okoteOut.score);
	});

	it('a QPV tool excluded by another answer is named, not passed over in silence', () => {
		const r = run('structure=fiscalisee&stade=emergence&territoire=qpv-hautepierre', [
			reopened,
			byId('okote')
		]);
		expect(r.qpv!.changes).toBe(false);
		expect(r.qpv!.text[0]).toMatch(
			/l’outil lié aux quartiers prioritaires \(Bourse nationale .*\) ne correspond pas/
		);
	});
});
