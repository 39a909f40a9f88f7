import { describe, expect, it } from 'vitest';
import { isGrant } from './kind';
import { run } from './test-seed';

/** Real seed tools: a profile without any grant among its results is told why and what else to read. */
const CASES: {
	query: string;
	/** undefined: a grant is among the results, nothing to explain. */
	why?: RegExp[];
	instead?: RegExp[];
}[] = [
	{
		// The issue as seen by new users: « création » gives only loans, guarantees and quasi-equity.
		query: 'structure=association&stade=creation&montant=20000&territoire=67482',
		why: [
			/^Prévues pour une autre étape : .*émergence \(.*Pacte Émergence/,
			/développement \(.*FONJEP/,
			// Closed whatever else excludes it (the bourse is also for émergence and for QPV).
			/^Fermées : Bourse nationale/m
		],
		instead: [
			/^Les aides non remboursables prévues pour l’étape voisine.*Pacte Émergence.*Poste FONJEP/,
			/quasi-fonds propres.*Contrat d'apport associatif/,
			/collectivités/
		]
	},
	{
		query: 'structure=porteur&stade=emergence&territoire=67482',
		why: [/Réservées à d’autres publics : .*Pacte Émergence.*\(associations non fiscalisées\)/],
		instead: [/étape voisine.*créateurs de moins de 26 ans/, /^Créer votre structure/]
	},
	{
		query: 'structure=fiscalisee&stade=reprise',
		why: [/^Prévues pour une autre étape/],
		instead: [/collectivités/]
	},
	{
		query: 'structure=fiscalisee&forme=cae&stade=creation&montant=30000&territoire=67482',
		why: undefined
	},
	{ query: 'structure=association&stade=emergence&territoire=67482', why: undefined },
	{ query: 'structure=porteur&stade=creation&territoire=67482', why: undefined },
	{ query: 'structure=association&stade=developpement&territoire=hors-ems', why: undefined }
];

describe('no grant at all: why, and what to look at instead (seed)', () => {
	it.each(CASES)('$query', ({ query, why, instead }) => {
		const r = run(query);
		const grants = r.matches.filter((m) => isGrant(m.tool));
		if (!why) {
			expect(grants.length).toBeGreaterThan(0);
			expect(r.noGrant).toBeUndefined();
			return;
		}
		expect(grants).toEqual([]);
		expect(r.noGrant).toBeDefined();
		for (const re of why) expect(r.noGrant!.why.join('\n')).toMatch(re);
		for (const re of instead ?? [])
			expect(
				r.noGrant!.instead.some((t) => re.test(t)),
				String(re)
			).toBe(true);
		expect(r.noGrant!.why.find((w) => w.startsWith('Prévues')) ?? '').not.toMatch(/Bourse nationale/);
		// Every grant of the data the profile does not get is named in the reasons.
		const reasons = r.noGrant!.why.join('\n');
		for (const e of [...r.excluded, ...r.neighbours.map((n) => n.evaluation)].filter((x) => isGrant(x.tool)))
			expect(reasons, e.tool.id).toContain(e.tool.name);
	});
});
