import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { communeSchema, quartierSchema } from '../geography';
import { organisationSchema, type Organisation } from '../records';
import { organisationFixture } from '../test-fixtures';
import { basesOf, eligibility, LEGAL_BASES } from './bases';
import { parseSourcingQuery, sourcingQueryString, type PlaceGeo } from './query';
import { potentialOf, sourcing, supplierFamily } from './sourcing';

// The real seed: the rules are checked on the suppliers visitors see.
const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as unknown[];
const organisations: Organisation[] = readdirSync('data/organisations')
	.flatMap((f) => read(`data/organisations/${f}`))
	.map((r) => organisationSchema.parse(r))
	.filter((o) => o.status === 'published');
const geo: PlaceGeo = {
	communes: read('data/communes.json').map((c) => communeSchema.parse(c)),
	quartiers: read('data/quartiers.json').map((q) => quartierSchema.parse(q))
};
const run = (qs: string) =>
	sourcing(organisations, geo, parseSourcingQuery(new URLSearchParams(qs), geo).query);
const ids = (list: { record: { id: string } }[]) => list.map((s) => s.record.id);
const SIAE = new Set(['ei', 'etti', 'ai', 'aci', 'eiti', 'siae']);

describe('sourcing on the seed suppliers', () => {
	it.each([
		// [query, expected among the matches, never among the matches]
		[
			'activite=environnement-reemploi&lieu=strasbourg&rayon=15&base=L2113-13',
			['envie-strasbourg', 'envie-2e-alsace', 'humanis', 'libre-objet', 'emmaus-mundolsheim'],
			['emmaus-strasbourg', 'eco-vestiaire']
		],
		[
			'activite=alimentation&lieu=koenigshoffen-montagne-verte-elsau&base=L2113-13',
			['jardins-de-la-montagne-verte'],
			['coopalim']
		],
		['activite=transport-mobilite&lieu=strasbourg&base=L2113-15', ['bretzselle', 'citiz-grand-est'], []],
		[
			'activite=environnement-reemploi&lieu=strasbourg&base=clause',
			['envie-strasbourg', 'emmaus-strasbourg'],
			[]
		]
	])('%s', (qs, expected, excluded) => {
		const r = run(qs);
		for (const id of expected) expect(ids(r.matches), id).toContain(id);
		for (const id of excluded) expect(ids(r.matches), id).not.toContain(id);
	});

	it('a L2113-13 need lists only SIAE, each with its approval and proof when the record has one', () => {
		const r = run('activite=environnement-reemploi&lieu=strasbourg&base=L2113-13');
		expect(r.matches.length).toBeGreaterThan(0);
		for (const s of r.matches)
			expect(
				s.record.approvals.some((a) => SIAE.has(a)),
				s.record.id
			).toBe(true);
		const envie = r.matches.find((s) => s.record.id === 'envie-strasbourg')!;
		expect(envie.kinds[0]).toMatchObject({
			approval: 'ei',
			proof: { site: 'France Bleu', date: '2026-11-29' }
		});
		// Emmaüs Strasbourg (OACAS) is near and in the activity, but listed apart with the reason.
		const apart = r.apart.find((s) => s.record.id === 'emmaus-strasbourg')!;
		expect(apart.eligibility?.reason).toMatch(/Pas une SIAE/);
	});

	it('a SIAE whose type no source gave is listed, its approval to check', () => {
		const r = run('activite=environnement-reemploi&lieu=mundolsheim&base=L2113-13');
		const mundo = r.matches.find((s) => s.record.id === 'emmaus-mundolsheim')!;
		expect(mundo.checks.find((c) => c.criterion === 'base')).toMatchObject({ answer: 'unknown' });
	});

	it('a L2113-12 need lists only EA, EATT or ESAT, and says so when there are none nearby', () => {
		const r = run('activite=environnement-reemploi&lieu=strasbourg&rayon=30&base=L2113-12');
		for (const s of r.matches)
			expect(s.record.approvals.some((a) => ['ea', 'eatt', 'esat'].includes(a))).toBe(true);
		// The seed holds no EA or ESAT in the Eurométropole (no source found one).
		expect(r.matches).toEqual([]);
		expect(r.noneNearby).toMatch(
			/Aucune structure admise au titre de l’article L2113-12 .* 30 km autour de Strasbourg/
		);
		expect(ids(r.apart)).toContain('envie-strasbourg');
	});

	it('L2113-15 explains its limits and admits ESS enterprises only', () => {
		const r = run('activite=transport-mobilite&lieu=strasbourg&base=L2113-15');
		expect(r.basis?.limits.join(' ')).toMatch(/services sociaux et autres services spécifiques/);
		expect(r.basis?.limits.join(' ')).toMatch(/3 ans/);
		expect(r.basis?.limits.join(' ')).toMatch(/cite l’article L2113-15/);
		for (const s of r.matches) {
			expect(s.record.isEss).toBe(true);
			expect(s.eligibility?.reason).toMatch(/mission de service public/);
		}
	});

	it('sorts by distance and says how far, approximately when placed on a reference point', () => {
		const r = run('activite=environnement-reemploi&lieu=meinau&base=L2113-13');
		const d = r.matches.map((s) => s.distanceKm!);
		expect([...d].sort((a, b) => a - b)).toEqual(d);
		expect(r.matches[0].checks.find((c) => c.criterion === 'lieu')?.text).toMatch(
			/^Implantée à environ .* km de Meinau\.$/
		);
	});

	it('keeps suppliers beyond the radius apart, nearest first', () => {
		const r = run('activite=environnement-reemploi&lieu=meinau&rayon=1&base=L2113-13');
		expect(r.further.length).toBeGreaterThan(0);
		for (const s of r.further) expect(s.distanceKm!).toBeGreaterThan(1);
	});

	it('suggests a potential from the count, never more than the data allows', () => {
		const r = run('activite=environnement-reemploi&lieu=strasbourg&rayon=20');
		expect(r.potential?.count).toBe(5);
		expect(r.potential?.kind).toBe('reserve-all');
		expect(run('activite=alimentation&lieu=strasbourg&rayon=20').potential?.kind).toBe('clause');
	});

	it('forms co-contracting groups that cover every lot', () => {
		const r = run('lieu=strasbourg&rayon=20&base=L2113-13&lot=environnement-reemploi&lot=alimentation');
		expect(r.lots).toEqual([
			{ family: 'environnement-reemploi', count: 5 },
			{ family: 'alimentation', count: 1 }
		]);
		expect(r.groups.length).toBeGreaterThan(0);
		for (const g of r.groups) {
			expect(g.members.map((m) => m.lot)).toEqual(['environnement-reemploi', 'alimentation']);
			expect(g.members[1].supplier.record.id).toBe('jardins-de-la-montagne-verte');
		}
		expect(run('lieu=strasbourg&base=L2113-12&lot=environnement-reemploi&lot=alimentation').groups).toEqual(
			[]
		);
	});

	it('keeps the shortlist in the order chosen, unknown ids said apart', () => {
		const r = run('activite=alimentation&choix=humanis&choix=envie-strasbourg&choix=nobody');
		expect(ids(r.shortlist)).toEqual(['humanis', 'envie-strasbourg']);
		expect(r.unknownChoices).toEqual(['nobody']);
	});
});

describe('legal bases', () => {
	const org = (over: Parameters<typeof organisationFixture>[0]) =>
		organisationSchema.parse(organisationFixture(over));

	it.each([
		[{ approvals: ['esat'] }, ['L2113-12', 'L2113-14', 'L2113-15']],
		[{ approvals: ['aci'] }, ['L2113-13', 'L2113-14', 'L2113-15']],
		[{ approvals: ['geiq'], legalForm: 'scop' }, ['L2113-15']],
		[{ approvals: [], legalForm: 'collectif' }, []]
	] as const)('%o qualifies for %o', (over, expected) => {
		expect(basesOf(org({ ...over, approvals: [...over.approvals] }))).toEqual(expected);
	});

	it('answers clause for everybody, saying who carries the insertion hours', () => {
		expect(eligibility(org({ approvals: ['geiq'] }), 'clause').reason).toMatch(/heures d’insertion/);
		expect(eligibility(org({ approvals: [] }), 'clause').answer).toBe('yes');
	});

	it('cite public sources for every basis', () => {
		for (const b of LEGAL_BASES) {
			expect(b.sources.length).toBeGreaterThan(0);
			for (const s of b.sources) expect(s.url).toMatch(/^https:\/\//);
		}
	});

	it('derives the family from the NAF code when the record has none', () => {
		expect(supplierFamily({ naf: '81.30Z' })).toBe('environnement-reemploi');
		expect(supplierFamily({ naf: '81.30Z', activityFamily: 'habitat' })).toBe('habitat');
		expect(supplierFamily({})).toBeUndefined();
	});
});

describe('the /acheter URL', () => {
	it('reads leniently, notes what it drops, and writes back canonically', () => {
		const { query, notes } = parseSourcingQuery(
			new URLSearchParams(
				'activite=x&lieu=SQ_07&rayon=500&base=L2113-13&lot=alimentation&lot=alimentation&choix=a'
			),
			geo
		);
		expect(query).toMatchObject({ lieu: 'SQ_07', rayon: 15, base: 'L2113-13', lots: ['alimentation'] });
		expect(notes).toHaveLength(3);
		expect(notes[0]).toMatch(/Activité inconnue « x »/);
		expect(sourcingQueryString(query, geo)).toBe('lieu=meinau&base=L2113-13&lot=alimentation');
		const again = parseSourcingQuery(new URLSearchParams(sourcingQueryString(query, geo)), geo);
		expect(again.query).toEqual(query);
	});

	it('potential wording says it is no legal advice through its method, and counts', () => {
		const p = potentialOf(1, parseSourcingQuery(new URLSearchParams(''), geo).query);
		expect(p.kind).toBe('clause');
		expect(p.reasoning.join(' ')).toMatch(/Une seule structure/);
	});
});
