import { describe, expect, it } from 'vitest';
import { NOW, geo, tools } from '../funding/test-seed';
import { buildPath, isSupportOffer } from './path';
import { parseCreateParams } from './profile-parse';

function path(query: string) {
	const parsed = parseCreateParams(new URLSearchParams(query), geo);
	expect(parsed.errors).toEqual([]);
	return buildPath(tools, parsed.profile, { now: NOW });
}

/** Real seed offers: who a profile is sent to first, and the order of its steps. */
const CASES: { name: string; query: string; start: string; steps: string[] }[] = [
	{
		name: 'a QPV resident at the idea stage is sent to CitésLab',
		query: 'stade=idee&territoire=qpv',
		start: 'citeslab-strasbourg-creation',
		steps: ['diagnostic', 'accompagnement', 'reseau']
	},
	{
		name: 'a QPV of Strasbourg named by its slug counts as a QPV too',
		query: 'projet=collectif&stade=idee&territoire=qpv-hautepierre&besoin=accompagnement',
		start: 'citeslab-strasbourg-creation',
		steps: ['diagnostic', 'accompagnement']
	},
	{
		name: 'a workers’ takeover of a firm is sent to the URSCOP',
		query: 'projet=cooperative&stade=reprise&territoire=67482',
		start: 'urscop-creation-reprise',
		steps: ['diagnostic', 'accompagnement', 'financement', 'reseau']
	},
	{
		name: 'an association with no need declared gets a diagnostic first',
		query: 'projet=association&stade=developpement&territoire=67482',
		start: 'dla',
		steps: ['diagnostic', 'accompagnement', 'financement', 'reseau']
	},
	{
		name: 'an artist testing an activity is hosted by Artenréel',
		query: 'projet=cae&stade=creation&territoire=67482&besoin=hebergement-juridique',
		start: 'artenreel-cae',
		steps: ['hebergement-juridique']
	},
	{
		name: 'residents creating a shared garden meet ECO-Conseil or Eco-Quartier',
		query: 'projet=collectif&stade=emergence&territoire=67482&besoin=accompagnement',
		start: 'eco-conseil-jardins-partages',
		steps: ['accompagnement']
	},
	{
		name: 'an ESUS company is told to obtain the approval',
		query: 'projet=esus&stade=creation&territoire=67482&besoin=financement',
		start: 'agrement-esus',
		steps: ['agrement', 'financement']
	}
];

describe('buildPath on the seed offers', () => {
	it.each(CASES)('$name', ({ query, start, steps }) => {
		const p = path(query);
		expect(p.steps.map((s) => s.key)).toEqual(steps);
		expect(p.start?.tool.id).toBe(start);
	});

	it('says why an offer does not fit', () => {
		const p = path('projet=association&stade=idee&territoire=67482&besoin=accompagnement');
		const step = p.steps.find((s) => s.key === 'accompagnement')!;
		const urscop = step.others.find((e) => e.tool.id === 'urscop-creation-reprise')!;
		expect(urscop.unmet.map((c) => c.text).join(' ')).toMatch(/accompagne seulement une coopérative/);
		// CitésLab is for QPV: a project in Strasbourg but not in a QPV is told how to say it is.
		const cites = step.others.find((e) => e.tool.id === 'citeslab-strasbourg-creation')!;
		expect(cites.unmet.map((c) => c.text).join(' ')).toMatch(/réservé aux QPV/);
	});

	it('a step without an offer in the data still appears, empty, and money comes from the finder', () => {
		const p = path('projet=cooperative&stade=creation&besoin=formation&besoin=financement');
		expect(p.steps.map((s) => s.key)).toEqual(['formation', 'financement']);
		expect(p.steps[0].offers).toEqual([]);
		expect(p.funding.count).toBeGreaterThan(0);
		expect(p.funding.first.every((t) => !isSupportOffer(t))).toBe(true);
	});

	it('lists places as a step that continues on /lieux', () => {
		const p = path('besoin=locaux');
		expect(p.steps).toHaveLength(1);
		expect(p.steps[0].continues).toBe('lieux');
	});
});

describe('parseCreateParams', () => {
	it('reads several needs, in order, comma-separated or repeated', () => {
		const r = parseCreateParams(new URLSearchParams('besoin=reseau,diagnostic&besoin=locaux'), geo);
		expect(r.profile.besoins).toEqual(['diagnostic', 'locaux', 'reseau']);
		expect(r.answered).toBe(true);
	});
	it('names the field and the values on a bad value', () => {
		const r = parseCreateParams(
			new URLSearchParams('projet=sarl&stade=demain&besoin=argent&territoire=lune'),
			geo
		);
		expect(r.errors.map((e) => e.field)).toEqual(['projet', 'stade', 'territoire', 'besoin']);
		expect(r.errors[0].message).toMatch(/type de projet inconnu : « sarl »/);
		expect(r.errors[3].message).toMatch(/besoin inconnu : « argent »/);
	});
});
