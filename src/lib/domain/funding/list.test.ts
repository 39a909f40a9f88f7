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

describe('the list: approvals and the neighbouring stage apart', () => {
	it.each([
		[
			'structure=association&stade=creation',
			['pacte-emergence-france-active', 'poste-fonjep'],
			'pret-honneur-initiative-france'
		],
		[
			'structure=porteur&stade=emergence',
			['pret-honneur-initiative-france', 'microcredit-adie'],
			'poste-fonjep'
		]
	])('%s', (query, nextDoor, hidden) => {
		const parsed = parseListParams(new URLSearchParams(query), ref([]));
		const r = listTools(tools, parsed.profile, parsed.filters, { now: NOW });
		const ids = r.neighbours.map((n) => n.evaluation.tool.id);
		for (const id of nextDoor) expect(ids, id).toContain(id);
		expect(ids).not.toContain(hidden);
		expect(r.items.map((e) => e.tool.id)).not.toContain('agrement-esus');
		// Every tool is shown once: a card, a step, the neighbouring stage, or counted as hidden.
		expect(r.items.length + r.steps.length + r.neighbours.length + r.hiddenIneligible).toBe(tools.length);
	});
});
