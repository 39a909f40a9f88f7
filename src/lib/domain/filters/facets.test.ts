import { describe, expect, it } from 'vitest';
import { countFacets, facetValuesOf, filterByFacets, filterRemovals, type FacetFilters } from './facets';
import { fundingToolSchema, initiativeSchema, organisationSchema } from '../records';
import { initiativeFixture, organisationFixture, toolFixture } from '../test-fixtures';

const items = [
	organisationSchema.parse(
		organisationFixture({ id: 'asso-meinau', legalForm: 'association-declaree', quartierCode: 'SQ_07' })
	),
	organisationSchema.parse(
		organisationFixture({ id: 'scop-meinau', legalForm: 'scop', quartierCode: 'SQ_07', approvals: ['esus'] })
	),
	organisationSchema.parse(
		organisationFixture({ id: 'scic-neuhof', legalForm: 'scic', quartierCode: 'SQ_10', thematiques: ['t1'] })
	),
	organisationSchema.parse(organisationFixture({ id: 'asso-schilick', communeCode: '67447' })),
	initiativeSchema.parse(
		initiativeFixture({ id: 'jardin-meinau', quartierCode: 'SQ_07', thematiques: ['t1'] })
	),
	fundingToolSchema.parse(toolFixture({ id: 'pret', types: ['pret-honneur'], stages: ['creation'] }))
].map((r) => ({ id: r.id, values: facetValuesOf(r) }));

const ids = (list: { id: string }[]) => list.map((i) => i.id);
const count = (filters: FacetFilters) => countFacets(items, filters);

describe('facetValuesOf', () => {
	it('gives each kind its own facets and leaves the others empty', () => {
		const scop = items[1].values;
		expect(scop.family).toEqual(['cooperative']);
		expect(scop.legalForm).toEqual(['scop']);
		expect(scop.approval).toEqual(['esus']);
		expect(scop.fundingType).toEqual([]);
		const tool = items[5].values;
		expect(tool.kind).toEqual(['funding-tool']);
		expect(tool.fundingType).toEqual(['pret-honneur']);
		expect(tool.commune).toEqual([]);
		expect(items[4].values.initiativeType).toEqual(['jardin-partage']);
	});
});

describe('filterByFacets', () => {
	it('keeps any of the values within a facet, all facets together', () => {
		expect(ids(filterByFacets(items, { quartier: ['SQ_07'] }))).toEqual([
			'asso-meinau',
			'scop-meinau',
			'jardin-meinau'
		]);
		expect(ids(filterByFacets(items, { quartier: ['SQ_07', 'SQ_10'], family: ['cooperative'] }))).toEqual([
			'scop-meinau',
			'scic-neuhof'
		]);
		expect(ids(filterByFacets(items, {}))).toHaveLength(items.length);
	});

	it('never matches a record whose kind lacks the facet', () => {
		expect(ids(filterByFacets(items, { family: ['association'] }))).toEqual(['asso-meinau', 'asso-schilick']);
		expect(filterByFacets([items[5]], { commune: ['67482'] })).toEqual([]);
	});
});

describe('countFacets', () => {
	it('counts every value over everything when nothing is selected', () => {
		const c = count({});
		expect(c.kind.get('organisation')).toBe(4);
		expect(c.kind.get('initiative')).toBe(1);
		expect(c.quartier.get('SQ_07')).toBe(3);
		expect(c.family.get('cooperative')).toBe(2);
		expect(c.thematique.get('t1')).toBe(2);
	});

	it('counts a facet without its own selection but with the other facets', () => {
		const c = count({ family: ['association'] });
		// Other families stay visible with their counts (disjunctive).
		expect(c.family.get('cooperative')).toBe(2);
		expect(c.family.get('association')).toBe(2);
		// Other facets are narrowed by the family selection.
		expect(c.quartier.get('SQ_07')).toBe(1);
		expect(c.quartier.get('SQ_10')).toBeUndefined();
		expect(c.kind.get('organisation')).toBe(2);
		expect(c.kind.get('initiative')).toBeUndefined();
	});

	it('counts nothing for an item failing two facets', () => {
		const c = count({ family: ['cooperative'], quartier: ['SQ_10'] });
		expect(c.kind.get('organisation')).toBe(1);
		expect(c.quartier.get('SQ_07')).toBe(1); // scop-meinau fails only the quartier
		expect(c.family.get('association')).toBeUndefined(); // asso-meinau fails both
	});
});

describe('filterRemovals', () => {
	it('says which single filter to clear to get results, most results first', () => {
		const r = filterRemovals(items, { family: ['fondation'], quartier: ['SQ_07'] });
		expect(r.map((x) => [x.facet, x.count])).toEqual([['family', 3]]);
		expect(r[0].filters).toEqual({ quartier: ['SQ_07'] });
		expect(filterRemovals(items, { kind: ['initiative'], quartier: ['SQ_10'] }).map((x) => x.facet)).toEqual([
			'kind',
			'quartier'
		]);
	});
});
