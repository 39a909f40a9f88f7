import { describe, expect, it } from 'vitest';
import { STAGE_CODES } from '../taxonomies';
import { STAGE_HELP, STAGE_NEIGHBOURS, neighbourReason, stageNoun } from './stages';
import { neighbourGroups } from './finder';
import { run } from './test-seed';

describe('stages in plain words', () => {
	it('explains every stage and words every neighbouring pair', () => {
		for (const s of STAGE_CODES) {
			expect(STAGE_HELP[s].length, s).toBeGreaterThan(40);
			for (const n of STAGE_NEIGHBOURS[s]) {
				expect(STAGE_NEIGHBOURS[n], `${n} is next to ${s} both ways`).toContain(s);
				// No pair falls back to the generic sentence.
				expect(neighbourReason(n, s)).not.toMatch(/s’en approche/);
			}
		}
		expect(stageNoun('emergence')).toBe('l’étape d’émergence');
		expect(stageNoun('creation')).toBe('l’étape de création');
		expect(neighbourReason('emergence', 'creation')).toMatch(
			/^prévu pour l’étape d’émergence : peut encore convenir si /
		);
		expect(neighbourReason('developpement', 'creation')).toMatch(/peut déjà convenir si/);
		expect(neighbourReason('creation', 'reprise')).toMatch(/peut aussi convenir si/);
	});
});

/** Real seed tools: which ones the stage alone keeps out, one stage away, with the reason. */
const CASES: {
	query: string;
	/** Tool id -> the start of its reason. */
	neighbours: Record<string, RegExp>;
	/** Excluded, not neighbours: another answer excludes them too, or their stage is two steps away. */
	notNeighbours: string[];
}[] = [
	{
		query: 'structure=association&stade=creation&territoire=67482',
		neighbours: {
			'pacte-emergence-france-active': /^prévu pour l’étape d’émergence : peut encore convenir si/,
			'micro-subventions-passions-alsace': /^prévu pour l’étape d’émergence/,
			'poste-fonjep': /^prévu pour l’étape de développement : peut déjà convenir si/,
			dla: /^prévu pour l’étape de développement/
		},
		notNeighbours: ['pret-honneur-initiative-france', 'garantie-sofiscop', 'novess']
	},
	{
		query: 'structure=association&stade=emergence&territoire=67482',
		neighbours: {
			'contrat-apport-associatif': /^prévu pour l’étape de création : peut déjà convenir si/,
			'garantie-france-active': /^prévu pour l’étape de création/
		},
		// FONJEP is for développement, two stages away; the under-26 grant is not for associations.
		notNeighbours: ['poste-fonjep', 'subvention-moins-26-ans-france-active-alsace']
	},
	{
		query: 'structure=porteur&stade=emergence&territoire=67482',
		neighbours: {
			'pret-honneur-initiative-france': /^prévu pour l’étape de création/,
			'microcredit-adie': /^prévu pour l’étape de création/,
			'subvention-moins-26-ans-france-active-alsace': /^prévu pour l’étape de création/
		},
		notNeighbours: ['pacte-emergence-france-active']
	},
	{
		query: 'structure=fiscalisee&stade=reprise',
		neighbours: {
			'pret-participatif-france-active': /^prévu pour l’étape de création : peut aussi convenir si/,
			'pess-bpifrance': /^prévu pour l’étape de développement : peut aussi convenir si/
		},
		notNeighbours: ['okote', 'novess']
	},
	{
		query: 'structure=fiscalisee&stade=changement-echelle',
		neighbours: {
			'pess-bpifrance': /^prévu pour l’étape de développement : peut encore convenir si/,
			'titres-participatifs-scopinvest': /^prévu pour l’étape de développement/
		},
		notNeighbours: ['microcredit-adie', 'okote']
	}
];

describe('tools of the neighbouring stage (seed)', () => {
	it.each(CASES)('$query', ({ query, neighbours, notNeighbours }) => {
		const r = run(query);
		const next = new Map(r.neighbours.map((n) => [n.evaluation.tool.id, n.reason]));
		for (const [id, reason] of Object.entries(neighbours)) {
			expect(next.get(id), `${id} at the neighbouring stage`).toMatch(reason);
			expect(r.matches.map((m) => m.tool.id)).not.toContain(id);
		}
		for (const id of notNeighbours) {
			expect(next.has(id), `${id} not a neighbour`).toBe(false);
			expect(
				r.excluded.map((e) => e.tool.id),
				`${id} excluded`
			).toContain(id);
		}
	});

	it('groups the neighbouring stage by reason, one group per stage', () => {
		const groups = neighbourGroups(run('structure=association&stade=creation&territoire=67482').neighbours);
		expect(groups.map((g) => g.reason.split(' : ')[0])).toEqual([
			'prévu pour l’étape d’émergence',
			'prévu pour l’étape de développement'
		]);
	});

	it('no stage answered: no neighbouring stage, nothing hidden by the stage', () => {
		expect(run('structure=association&territoire=67482').neighbours).toEqual([]);
	});
});
