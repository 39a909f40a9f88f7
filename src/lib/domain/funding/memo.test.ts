import { describe, expect, it } from 'vitest';
import { fundingToolSchema } from '../records';
import { toolFixture } from '../test-fixtures';
import { evaluateTool } from './criteria';
import { memoTools, staleTools } from './memo';
import { isStale } from './tool';
import { NOW, tools } from './test-seed';

describe('memos', () => {
	it('splits the tools by fiscal status; founders’ tools go with the fiscalisées; closed tools are left out', () => {
		const f = memoTools(tools, 'fiscalisees').map((t) => t.id);
		const nf = memoTools(tools, 'non-fiscalisees').map((t) => t.id);
		expect(f).toEqual(
			expect.arrayContaining([
				'pret-honneur-initiative-france',
				'microcredit-adie',
				'garantie-sofiscop',
				'garantie-france-active'
			])
		);
		expect(f).not.toContain('contrat-apport-associatif');
		expect(f).not.toContain('pacte-emergence-france-active');
		expect(nf).toEqual(
			expect.arrayContaining(['contrat-apport-associatif', 'poste-fonjep', 'garantie-france-active'])
		);
		expect(nf).not.toContain('pret-honneur-initiative-france');
		expect(nf).not.toContain('incubation-semia');
		for (const closed of ['pia-ess', 'bourse-nationale-experimentation-participation-habitants']) {
			expect(f).not.toContain(closed);
			expect(nf).not.toContain(closed);
		}
		// Every open tool is in at least one memo.
		for (const t of tools.filter((x) => x.availability !== 'ferme'))
			expect([...f, ...nf], t.id).toContain(t.id);
	});
});

describe('freshness', () => {
	it('flags a record not verified for 12 months', () => {
		expect(isStale('2025-11-29', NOW)).toBe(false);
		expect(isStale('2025-11-28', NOW)).toBe(true);
		const old = fundingToolSchema.parse(toolFixture({ id: 'old', slug: 'old', lastVerified: '2024-03-01' }));
		const e = evaluateTool(old, {}, { now: NOW });
		expect(e.stale).toBe(true);
		expect(e.unchecked.find((c) => c.key === 'fraicheur')?.text).toMatch(/Fiche à vérifier.*1 mars 2024/);
		expect(staleTools([...tools, old], NOW).map((t) => t.id)).toEqual(['old']);
	});
});
