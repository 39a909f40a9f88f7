import { describe, expect, it } from 'vitest';
import { listTools, parseListParams } from './list';
import { confirmedTools, geo, NOW, tools } from './test-seed';

/** The finder's reference data and these thématiques. */
const ref = (thematiques: string[]) => ({
	...geo,
	quartiers: [],
	thematiques: thematiques.map((code) => ({ code, label: code }))
});

describe('the list page', () => {
	it('list: filters by type, thématique and open now, hides non-eligible tools, sorts by fit or amount', () => {
		const parsed = parseListParams(
			new URLSearchParams('structure=association&type=garantie&ouvert=oui'),
			ref(['innovation-sociale'])
		);
		expect(parsed.errors).toEqual([]);
		const r = listTools(confirmedTools, parsed.profile, parsed.filters, { now: NOW });
		expect(r.items.map((e) => e.tool.id)).toEqual(['garantie-france-active']);
		expect(r.hiddenIneligible).toBe(2); // Sofiscop and Socoden are for cooperatives
		const byAmount = listTools(tools, {}, { selection: {}, tri: 'montant' }, { now: NOW });
		expect(byAmount.items[0].tool.id).toBe('pret-participatif-socoden');
		// With no filter every tool is listed, closed ones last when sorted by fit; the ESUS approval apart, as a
		// step « à obtenir » (approvals are not money).
		const all = listTools(tools, {}, { selection: {}, tri: 'adequation' }, { now: NOW });
		expect(all.items).toHaveLength(tools.length - 1);
		expect(all.steps.map((s) => s.evaluation.tool.id)).toEqual(['agrement-esus']);
		expect(all.hiddenIneligible).toBe(0);
		expect(all.items.slice(-2).map((e) => e.tool.availability)).toEqual(['ferme', 'ferme']);
		const open = listTools(tools, {}, { selection: { open: ['oui'] }, tri: 'adequation' }, { now: NOW });
		expect(open.items.map((e) => e.tool.id)).not.toContain('pia-ess');
		expect(open.items.map((e) => e.tool.id)).not.toContain('novess');
		const bad = parseListParams(
			new URLSearchParams('type=don&thematique=x&ouvert=peut-etre&tri=prix'),
			ref([])
		);
		expect(bad.errors.map((e) => e.field)).toEqual(['type', 'thematique', 'ouvert', 'tri']);
	});
});
