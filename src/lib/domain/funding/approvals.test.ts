import { describe, expect, it } from 'vitest';
import type { FundingTool } from '../records';
import { approvalsNamedIn } from './approvals';
import { isGrant, isStep, toolKind } from './kind';
import { byId, run, tools } from './test-seed';

describe('tool kinds', () => {
	it.each([
		['agrement-esus', 'agrement', true],
		['garantie-france-active', 'garantie', false],
		['dla', 'accompagnement', false],
		['pret-participatif-socoden', 'pret', false],
		['contrat-apport-associatif', 'fonds-propres', false],
		['okote', 'don', false],
		['poste-fonjep', 'don', false]
	] as const)('%s is %s', (id, kind, step) => {
		expect(toolKind(byId(id))).toBe(kind);
		expect(isStep(byId(id))).toBe(step);
		expect(isGrant(byId(id))).toBe(kind === 'don');
	});

	it('the ESUS approval is the only step of the seed', () => {
		expect(tools.filter(isStep).map((t) => t.id)).toEqual(['agrement-esus']);
	});
});

describe('approvals named in texts', () => {
	it.each([
		["Agrément ESUS (entreprise solidaire d'utilité sociale)", ['esus']],
		['Association employeuse, coopérative, SIAE, entreprise adaptée ou entreprise ESUS', ['esus', 'siae']],
		['Association intermédiaire (AI)', ['ai']],
		['ai, ea, esus en minuscules', []],
		['PAIE, EAU, GEIQUE', []]
	])('%s', (text, codes) => {
		expect(approvalsNamedIn(text)).toEqual(codes);
	});
});

describe('approvals as steps « à obtenir » (seed)', () => {
	it.each([
		'structure=association&stade=creation&montant=20000&territoire=67482',
		'structure=fiscalisee&forme=societe-ess&stade=changement-echelle&montant=300000',
		'structure=association&stade=developpement&territoire=67482',
		''
	])('%s: ESUS is a step, never a result nor counted', (query) => {
		const r = run(query);
		expect(r.matches.map((m) => m.tool.id)).not.toContain('agrement-esus');
		expect(r.steps.map((s) => s.evaluation.tool.id)).toEqual(['agrement-esus']);
		expect(r.steps[0].approvals).toEqual(['esus']);
		for (const h of r.hints) expect(h.toolIds).not.toContain('agrement-esus');
		if (r.estimate) {
			expect(r.estimate.parts.map((p) => p.toolId)).not.toContain('agrement-esus');
			expect(r.estimate.leftOut.map((p) => p.toolId)).not.toContain('agrement-esus');
		}
	});

	it('names the results that require it or cite it in their conditions', () => {
		// The DLA's conditions name « entreprise ESUS » as one way in.
		const dev = run('structure=association&stade=developpement&territoire=67482');
		expect(dev.steps[0].namedBy.map((t) => t.id)).toEqual(['dla']);
		expect(dev.steps[0].requiredBy).toEqual([]);
		// A solidarity fund requiring the approval (NovESS as if its record said so) is named as requiring it.
		const novess: FundingTool = {
			...byId('novess'),
			eligibility: { ...byId('novess').eligibility, requiredApprovals: ['esus'] }
		};
		const list = tools.map((t) => (t.id === 'novess' ? novess : t));
		const scale = run('structure=fiscalisee&forme=societe-ess&stade=changement-echelle', list);
		expect(scale.steps[0].requiredBy.map((t) => t.id)).toEqual(['novess']);
	});

	it('a porteur without a structure cannot hold it: excluded, not a step', () => {
		const r = run('structure=porteur&stade=creation');
		expect(r.steps).toEqual([]);
		expect(r.excluded.map((e) => e.tool.id)).toContain('agrement-esus');
	});
});
