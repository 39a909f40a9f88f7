import { describe, expect, it } from 'vitest';
import { fundingToolSchema } from '../records';
import { toolFixture } from '../test-fixtures';
import { CRITERIA, evaluateTool } from './criteria';
import { parseFinderParams } from './profile-parse';
import { geo, NOW, run } from './test-seed';

describe('the criteria table', () => {
	it('has one row per criterion key, in the order the why-lists show them', () => {
		expect(CRITERIA.map((r) => r.key)).toEqual([
			'structure',
			'forme',
			'stade',
			'montant',
			'besoin',
			'territoire',
			'qpv',
			'disponibilite',
			'agrement',
			'condition',
			'fraicheur'
		]);
	});
});

describe('why: met, not met and unchecked in French words', () => {
	it('explains each criterion of a match', () => {
		const e = run('structure=association&stade=creation&montant=20000&territoire=67482').matches.find(
			(m) => m.tool.id === 'contrat-apport-associatif'
		)!;
		const met = e.met.map((c) => c.text).join('\n');
		expect(met).toMatch(/Public : ouvert aux associations non fiscalisées/);
		expect(met).toMatch(/Stade : création/);
		expect(met).toMatch(/Montant : votre besoin de 20\s000\s€ est dans la fourchette/);
		// The data's own "cannot check" conditions are shown as they are written.
		expect(e.unchecked.map((c) => c.text)).toContain(
			'Apport au moins égalé par d’autres financements'.replace('’', "'")
		);
	});

	it('a ceiling below the need is a non-blocking "not met" that lowers the rank', () => {
		const r = run('structure=association&stade=creation&montant=20000&territoire=67482');
		const cigales = r.matches.find((m) => m.tool.id === 'clubs-cigales')!;
		expect(cigales.unmet.map((c) => [c.key, c.blocking])).toEqual([['montant', false]]);
		expect(cigales.unmet[0].text).toMatch(/au plus 10\s000\s€.*à compléter/);
		const apport = r.matches.find((m) => m.tool.id === 'contrat-apport-associatif')!;
		expect(r.matches.indexOf(apport)).toBeLessThan(r.matches.indexOf(cigales));
	});

	it('says which conditions it cannot check: uncertain availability, approvals, unknown territory', () => {
		const r = run('structure=fiscalisee&forme=societe-ess&stade=changement-echelle');
		const esusOnly = fundingToolSchema.parse(
			toolFixture({ eligibility: { audiences: ['fiscalisee'], requiredApprovals: ['esus'] } })
		);
		const esusProfile = parseFinderParams(new URLSearchParams('structure=fiscalisee&forme=societe-ess'), geo);
		const funds = evaluateTool(esusOnly, esusProfile.profile, { now: NOW });
		expect(funds.unchecked.map((c) => c.text)).toContain(
			"Agrément requis : Agrément ESUS (entreprise solidaire d'utilité sociale)"
		);
		const novess = r.matches.find((m) => m.tool.id === 'novess')!;
		// Said « disponibilité à vérifier » everywhere (it was « non confirmée » here and « à vérifier » in the data).
		expect(
			novess.unchecked.some((c) => c.key === 'disponibilite' && /^Disponibilité à vérifier/.test(c.text))
		).toBe(true);
		const noPlace = run('structure=association&stade=emergence');
		const okote = noPlace.matches.find((m) => m.tool.id === 'okote')!;
		expect(okote.unchecked.find((c) => c.key === 'territoire')?.text).toMatch(/réservé à Alsace ; précisez/);
	});

	it('ranks local tools above national ones when the answers fit equally', () => {
		const r = run('structure=association&stade=emergence&territoire=67482');
		const order = r.matches.map((m) => m.tool.id);
		expect(order.indexOf('okote')).toBeLessThan(order.indexOf('pacte-emergence-france-active'));
		// A stable order: the same profile gives the same list.
		expect(
			run('structure=association&stade=emergence&territoire=67482').matches.map((m) => m.tool.id)
		).toEqual(order);
	});

	it('orders non-eligible tools by how many reasons exclude them', () => {
		const r = run('structure=association&stade=creation&territoire=67482');
		const counts = r.excluded.map((e) => e.unmet.filter((u) => u.blocking).length);
		expect(counts).toEqual([...counts].sort((a, b) => a - b));
	});
});

describe('QPV and commune-level tools', () => {
	const qpvTool = fundingToolSchema.parse(
		toolFixture({
			id: 'qpv-only',
			slug: 'qpv-only',
			eligibility: { audiences: ['association'], qpvOnly: true }
		})
	);
	const profile = (q: string) => parseFinderParams(new URLSearchParams(q), geo).profile;

	it.each([
		['territoire=qpv-hautepierre', 'met'],
		['territoire=qpv', 'met'],
		['territoire=67482', 'unmet'],
		['territoire=eurometropole', 'unmet'],
		['territoire=hors-ems', 'unchecked'],
		['', 'unchecked']
	])('a QPV-only tool with %s is %s', (q, status) => {
		const e = evaluateTool(qpvTool, profile(`structure=association&stade=emergence&${q}`), { now: NOW });
		const c = [...e.met, ...e.unmet, ...e.unchecked].find((x) => x.key === 'qpv')!;
		expect(c.status).toBe(status);
		expect(e.eligible).toBe(status !== 'unmet');
	});

	it('a commune-level tool needs that commune', () => {
		const local = fundingToolSchema.parse(
			toolFixture({ id: 'local', slug: 'local', territory: 'commune', territoryCommune: '67447' })
		);
		const status = (q: string) => {
			const e = evaluateTool(local, profile(q), { now: NOW });
			return [...e.met, ...e.unmet, ...e.unchecked].find((c) => c.key === 'territoire')!.status;
		};
		expect(status('territoire=schiltigheim')).toBe('met');
		expect(status('territoire=67482')).toBe('unmet');
		expect(status('territoire=eurometropole')).toBe('unchecked');
		expect(status('territoire=hors-ems')).toBe('unmet');
	});
});

describe('calls for projects', () => {
	it('a call for projects past its deadline excludes the tool unless it recurs', () => {
		const closed = fundingToolSchema.parse(
			toolFixture({ availability: 'appel-a-projets', deadline: '2026-01-15' })
		);
		expect(evaluateTool(closed, {}, { now: NOW }).eligible).toBe(false);
		const yearly = fundingToolSchema.parse(
			toolFixture({ availability: 'appel-a-projets', deadline: '2026-01-15', recurrence: 'chaque année' })
		);
		expect(evaluateTool(yearly, {}, { now: NOW }).eligible).toBe(true);
	});
});
