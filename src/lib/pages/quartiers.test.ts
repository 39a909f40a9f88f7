import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '$lib/domain/catalogue';
import {
	fundingToolSchema,
	initiativeSchema,
	organisationSchema,
	type InitiativeInput,
	type PublicRecord
} from '$lib/domain/records';
import { testCatalogue } from '$lib/domain/test-catalogue';
import { initiativeFixture, organisationFixture, toolFixture } from '$lib/domain/test-fixtures';
import { loadDataset } from '$lib/server/seed/read-data';
import {
	AREA_INITIATIVES_SHOWN,
	AREA_STRUCTURES_SHOWN,
	areaPage,
	quartiersIndexPage,
	shownInitiatives,
	shownStructures
} from './quartiers';

let catalogue: Catalogue;

beforeAll(() => {
	// Real geography from data/, synthetic records: the page logic is tested, not the seed's content.
	const { dataset } = loadDataset('data');
	const records: PublicRecord[] = [];
	const hautepierre = { lon: 7.7094, lat: 48.5967, precision: 'quartier' as const };
	const extras: [string, Partial<InitiativeInput>][] = [
		['galet-test', { subQuartier: 'hautepierre', needs: ['benevoles'] }],
		['jardin-test', { subQuartier: 'hautepierre' }],
		['cronenbourg-test', { subQuartier: 'cronenbourg' }]
	];
	for (const [id, extra] of extras) {
		records.push(
			initiativeSchema.parse(
				initiativeFixture({ id, slug: id, quartierCode: 'SQ_06', location: hautepierre, ...extra })
			)
		);
	}
	records.push(initiativeSchema.parse(initiativeFixture({ id: 'ville-test', slug: 'ville-test' })));
	records.push(
		initiativeSchema.parse(
			initiativeFixture({ id: 'draft-test', slug: 'draft-test', status: 'draft', quartierCode: 'SQ_06' })
		)
	);
	records.push(
		initiativeSchema.parse(
			initiativeFixture({ id: 'schilick-test', slug: 'schilick-test', communeCode: '67447' })
		)
	);
	records.push(
		organisationSchema.parse(organisationFixture({ id: 'org-ici', slug: 'org-ici', quartierCode: 'SQ_06' }))
	);
	// Positioned 0.8 km from the quartier's point but filed under no quartier; a draft at the same place;
	// one in Lingolsheim, far away.
	const cronenbourg = { lon: 7.7206, lat: 48.5967, precision: 'quartier' as const };
	for (const [id, extra] of [
		['org-pres', { location: cronenbourg }],
		['org-brouillon', { location: cronenbourg, status: 'draft' as const }],
		[
			'org-loin',
			{ communeCode: '67267', location: { lon: 7.6817, lat: 48.5553, precision: 'commune' as const } }
		]
	] as const) {
		records.push(organisationSchema.parse(organisationFixture({ id, slug: id, ...extra })));
	}
	records.push(
		fundingToolSchema.parse(
			toolFixture({
				id: 'bourse-test',
				slug: 'bourse-test',
				eligibility: { audiences: ['association'], qpvOnly: true }
			})
		)
	);
	catalogue = testCatalogue(records, {
		communes: dataset.communes,
		quartiers: dataset.quartiers,
		qpv: dataset.qpv,
		thematiques: dataset.thematiques
	});
});

describe('quartiersIndexPage', () => {
	it('lists the 10 quartiers with sub-quartiers and the 32 other communes, with published counts', () => {
		const index = quartiersIndexPage(catalogue);
		expect(index.quartiers).toHaveLength(10);
		expect(index.communes).toHaveLength(32);
		expect(index.communes.some((c) => c.slug === 'strasbourg')).toBe(false);
		const sq06 = index.quartiers.find((q) => q.slug === 'cronenbourg-hautepierre')!;
		expect(sq06.subQuartiers.map((s) => s.slug)).toEqual(['cronenbourg', 'hautepierre']);
		expect(sq06.initiatives).toBe(3);
		expect(index.communes.find((c) => c.slug === 'schiltigheim')?.initiatives).toBe(1);
		expect(index.strasbourg).toMatchObject({ slug: 'strasbourg', initiatives: 4 });
	});
});

describe('areaPage', () => {
	it('sends the browser the first structures with what their lines show, and how many there are', () => {
		const page = areaPage(catalogue, 'cronenbourg-hautepierre')!;
		const many = Array.from({ length: AREA_STRUCTURES_SHOWN + 5 }, () => page.organisations[0]);
		const shown = shownStructures(many);
		expect(shown.organisationsTotal).toBe(AREA_STRUCTURES_SHOWN + 5);
		expect(shown.organisations).toHaveLength(AREA_STRUCTURES_SHOWN);
		expect(Object.keys(shown.organisations[0].organisation).sort()).toEqual([
			'id',
			'kind',
			'legalForm',
			'name',
			'slug'
		]);
		expect(shownStructures(page.organisations).organisations).toEqual(
			page.organisations.map((o) => expect.objectContaining({ inArea: o.inArea, meters: o.meters }))
		);
	});

	it('lists each group’s first initiatives with the group’s count, and links the annuaire for the rest', () => {
		const page = areaPage(catalogue, 'cronenbourg-hautepierre')!;
		const crowded = {
			...page.groups[1],
			initiatives: Array(AREA_INITIATIVES_SHOWN + 3).fill(page.groups[1].initiatives[0])
		};
		const [few, many] = shownInitiatives([page.groups[0], crowded]);
		expect(few).toMatchObject({ total: page.groups[0].initiatives.length });
		expect(few.initiatives).toEqual(page.groups[0].initiatives);
		expect(many.total).toBe(AREA_INITIATIVES_SHOWN + 3);
		expect(many.initiatives).toHaveLength(AREA_INITIATIVES_SHOWN);
		expect(page.initiativesHref).toBe('/annuaire?kind=initiative&quartier=cronenbourg-hautepierre');
	});

	it('resolves a quartier: initiatives by sub-quartier, structures, QPV funding, key numbers', () => {
		const page = areaPage(catalogue, 'cronenbourg-hautepierre')!;
		expect(page.area).toMatchObject({ kind: 'quartier', code: 'SQ_06' });
		expect(page.groups.map((g) => [g.slug, g.initiatives.map((i) => i.id)])).toEqual([
			['cronenbourg', ['cronenbourg-test']],
			['hautepierre', ['galet-test', 'jardin-test']]
		]);
		expect(page.organisations.map((o) => [o.organisation.id, o.inArea])).toEqual([
			['org-ici', true],
			['org-pres', false]
		]);
		expect(page.fundingTools.map((f) => [f.tool.id, f.reason])).toEqual([['bourse-test', 'qpv']]);
		expect(page.qpv.map((q) => q.slug)).toEqual(expect.arrayContaining(['hautepierre', 'cronenbourg']));
		expect(page.keyNumbers.find((n) => n.id === 'initiatives')?.value).toBe(3);
		expect(page.keyNumbers.find((n) => n.id === 'benevoles')?.value).toBe(1);
		expect(page.mapHref).toBe('/carte?lieu=SQ_06&at=15/48.59670/7.70940');
		// The store's version counter is internal and stays off the page.
		expect(page.groups[1].initiatives[0]).not.toHaveProperty('version');
	});

	it('resolves a commune, and Strasbourg lists its quartiers plus initiatives without quartier', () => {
		const schilick = areaPage(catalogue, 'schiltigheim')!;
		expect(schilick.area).toMatchObject({ kind: 'commune', code: '67447', population: expect.any(Number) });
		expect(schilick.groups.flatMap((g) => g.initiatives.map((i) => i.id))).toEqual(['schilick-test']);
		expect(schilick.fundingTools).toHaveLength(1);

		const strasbourg = areaPage(catalogue, 'strasbourg')!;
		expect(strasbourg.quartiersOfCommune).toHaveLength(10);
		expect(strasbourg.groups.flatMap((g) => g.initiatives.map((i) => i.id))).toEqual(['ville-test']);

		// A commune without QPV in the data gets no QPV-only tool.
		expect(areaPage(catalogue, 'achenheim')!.fundingTools).toEqual([]);
	});

	it('answers undefined for an unknown slug', () => {
		expect(areaPage(catalogue, 'nulle-part')).toBeUndefined();
		expect(areaPage(catalogue, 'hautepierre')).toBeUndefined();
	});
});
