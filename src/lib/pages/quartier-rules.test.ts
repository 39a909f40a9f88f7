import { describe, expect, it } from 'vitest';
import type { Quartier } from '$lib/domain/geography';
import {
	communeArea,
	groupBySubQuartier,
	keyNumbers,
	mapHref,
	nearbyOrganisations,
	quartierArea,
	residentFundingReason,
	residentFundingTools
} from './quartier-rules';
import { fundingToolSchema, initiativeSchema, organisationSchema } from '$lib/domain/records';
import { initiativeFixture, organisationFixture, toolFixture } from '$lib/domain/test-fixtures';

const quartier: Quartier = {
	code: 'SQ_06',
	slug: 'cronenbourg-hautepierre',
	name: 'Cronenbourg – Hautepierre',
	communeCode: '67482',
	subQuartiers: [
		{ slug: 'cronenbourg', name: 'Cronenbourg' },
		{ slug: 'hautepierre', name: 'Hautepierre' }
	],
	point: { lon: 7.7094, lat: 48.5967 },
	pointConfidence: 'medium',
	sources: [{ reference: 'test', seen: '2026-01-01' }]
};
const area = quartierArea(quartier);

const tool = (overrides: Parameters<typeof toolFixture>[0]) =>
	fundingToolSchema.parse(toolFixture(overrides));
const org = (overrides: Parameters<typeof organisationFixture>[0]) =>
	organisationSchema.parse(organisationFixture(overrides));
const init = (overrides: Parameters<typeof initiativeFixture>[0]) =>
	initiativeSchema.parse(initiativeFixture(overrides));

describe('funding aimed at residents', () => {
	const where = { communeCode: '67482', hasQpv: true };

	it('applies the documented rule', () => {
		expect(
			residentFundingReason(tool({ eligibility: { audiences: ['association'], qpvOnly: true } }), where)
		).toBe('qpv');
		expect(
			residentFundingReason(tool({ eligibility: { audiences: ['association'], qpvOnly: true } }), {
				...where,
				hasQpv: false
			})
		).toBeUndefined();
		expect(
			residentFundingReason(
				tool({
					eligibility: { audiences: ['fiscalisee'] },
					stages: ['creation'],
					thematiques: ['initiatives-habitants']
				}),
				where
			)
		).toBe('initiatives-habitants');
		expect(
			residentFundingReason(
				tool({ eligibility: { audiences: ['association'] }, stages: ['emergence'] }),
				where
			)
		).toBe('emergence-association');
		// A company loan at the creation stage is not for a residents' collective.
		expect(
			residentFundingReason(tool({ eligibility: { audiences: ['fiscalisee'] }, stages: ['creation'] }), where)
		).toBeUndefined();
		expect(
			residentFundingReason(
				tool({ eligibility: { audiences: ['association'] }, stages: ['developpement'] }),
				where
			)
		).toBeUndefined();
		// A tool reserved to another commune, or a draft, is never shown.
		expect(
			residentFundingReason(
				tool({ territory: 'commune', territoryCommune: '67447', thematiques: ['initiatives-habitants'] }),
				where
			)
		).toBeUndefined();
		expect(
			residentFundingReason(tool({ status: 'draft', thematiques: ['initiatives-habitants'] }), where)
		).toBeUndefined();
	});

	it('sorts open tools first and closed ones last', () => {
		const list = residentFundingTools(
			[
				tool({ id: 'aa', name: 'A fermé', availability: 'ferme', thematiques: ['initiatives-habitants'] }),
				tool({ id: 'bb', name: 'B ouvert' }),
				tool({ id: 'cc', name: 'C incertain', availability: 'incertain' }),
				tool({ id: 'dd', name: 'D non', eligibility: { audiences: ['porteur'] } })
			],
			where
		);
		expect(list.map((x) => x.tool.id)).toEqual(['bb', 'cc', 'aa']);
	});
});

describe('structures in and near the area', () => {
	it('keeps ESS structures of the quartier first, then those within 1.5 km, nearest first, once each', () => {
		const near = org({
			id: 'near',
			name: 'Près',
			location: { lon: 7.7206, lat: 48.5967, precision: 'quartier' }
		});
		const list = nearbyOrganisations(
			[
				org({ id: 'far', name: 'Loin', location: { lon: 7.7507, lat: 48.5818, precision: 'commune' } }),
				near,
				org({ id: 'here', name: 'Ici', quartierCode: 'SQ_06' }),
				org({ id: 'not-ess', name: 'Pas ESS', isEss: false, quartierCode: 'SQ_06' }),
				org({ id: 'draft', name: 'Brouillon', status: 'draft', quartierCode: 'SQ_06' }),
				near
			],
			area
		);
		expect(list.map((x) => [x.organisation.id, x.inArea])).toEqual([
			['here', true],
			['near', false]
		]);
		expect(list[0].meters).toBeUndefined();
		expect(list[1].meters).toBeCloseTo(825, -1);
	});

	it('uses the commune for commune pages', () => {
		const commune = communeArea({
			code: '67447',
			slug: 'schiltigheim',
			name: 'Schiltigheim',
			postcodes: ['67300'],
			population: 34708,
			centroid: { lon: 7.7463, lat: 48.6119 },
			inCus2014: true,
			sources: [{ reference: 'test', seen: '2026-01-01' }]
		});
		const list = nearbyOrganisations([org({ id: 'ss', communeCode: '67447' }), org({ id: 'xx' })], commune);
		expect(list.map((x) => x.organisation.id)).toEqual(['ss']);
		expect(mapHref(commune)).toBe('/carte?lieu=67447&at=14/48.61190/7.74630');
	});
});

describe('groupBySubQuartier', () => {
	it('puts the whole quartier first, then sub-quartiers in the quartier’s order, empty ones kept', () => {
		const groups = groupBySubQuartier(
			[
				init({ id: 'h2', name: 'Zèbre', subQuartier: 'hautepierre' }),
				init({ id: 'h1', name: 'Atelier', subQuartier: 'hautepierre' }),
				init({ id: 'qq', name: 'Quartier entier' })
			],
			area
		);
		expect(groups.map((g) => [g.slug, g.initiatives.map((i) => i.id)])).toEqual([
			[undefined, ['qq']],
			['cronenbourg', []],
			['hautepierre', ['h1', 'h2']]
		]);
	});
});

describe('keyNumbers', () => {
	it('counts what the page lists, in French with plurals', () => {
		const numbers = keyNumbers({
			initiatives: [{ needs: ['benevoles', 'local'] }, { needs: [] }, { needs: ['benevoles'] }],
			organisations: [{ inArea: true }],
			fundingTools: [
				{ tool: { availability: 'ouvert' } },
				{ tool: { availability: 'appel-a-projets' } },
				{ tool: { availability: 'ferme' } }
			],
			qpv: [{ slug: 'hautepierre' }, { slug: 'cronenbourg' }]
		});
		expect(numbers.map((n) => `${n.value} ${n.label}`)).toEqual([
			'3 initiatives et ressources',
			'2 en recherche de bénévoles',
			'1 structure de l’ESS ici ou à côté',
			'2 aides ouvertes aux initiatives',
			'2 quartiers prioritaires (QPV)'
		]);
	});

	it('leaves out QPV when there is none and adds the population of a commune', () => {
		const numbers = keyNumbers({
			initiatives: [],
			organisations: [],
			fundingTools: [],
			qpv: [],
			population: 2637
		});
		expect(numbers.map((n) => n.id)).toEqual([
			'initiatives',
			'benevoles',
			'structures',
			'financements',
			'population'
		]);
		expect(numbers[0]).toEqual({ id: 'initiatives', value: 0, label: 'initiative ou ressource' });
	});
});

describe('mapHref', () => {
	it('zooms the map on the quartier', () => {
		expect(mapHref(area)).toBe('/carte?lieu=SQ_06&at=15/48.59670/7.70940');
	});
});
