import { describe, expect, it } from 'vitest';
import { facetValuesOf } from './filters/facets';
import { providersOf, placesIn, recordBySlug } from './catalogue';
import { fundingToolSchema, initiativeSchema, organisationSchema } from './records';
import { testCatalogue } from './test-catalogue';
import { initiativeFixture, organisationFixture, toolFixture } from './test-fixtures';

const org = (id: string, extra: Parameters<typeof organisationFixture>[0] = {}) =>
	organisationSchema.parse(organisationFixture({ id, slug: id, ...extra }));
const tool = (id: string, extra: Parameters<typeof toolFixture>[0] = {}) =>
	fundingToolSchema.parse(toolFixture({ id, slug: id, ...extra }));
const initiative = (id: string, extra: Parameters<typeof initiativeFixture>[0] = {}) =>
	initiativeSchema.parse(initiativeFixture({ id, slug: id, ...extra }));

const records = [
	org('financeur-test', {
		name: 'Financeur de test (synthétique)',
		shortName: 'FT',
		roles: ['financeur'],
		contact: { website: 'https://financeur.example.org' }
	}),
	org('autre-financeur', { name: 'Accompagnateur (brouillon)', roles: ['accompagnateur'], status: 'draft' }),
	tool('pret-test', { name: 'Prêt de test (synthétique)', providerIds: ['financeur-test'] }),
	tool('garantie-test', {
		name: 'Garantie de test (synthétique)',
		providerIds: ['financeur-test', 'autre-financeur']
	}),
	tool('subvention-test', { name: 'Subvention de test (synthétique)', providerIds: ['autre-financeur'] }),
	tool('ferme-test', {
		name: 'Aide fermée de test (synthétique)',
		availability: 'ferme',
		providerIds: ['financeur-test']
	}),
	tool('brouillon-test', { name: 'Aide en brouillon', status: 'draft', providerIds: ['financeur-test'] }),
	tool('orphelin-test', { name: 'Outil sans financeur connu', providerIds: ['inconnu'] }),
	org('zebre', { name: 'Zèbre solidaire', quartierCode: 'SQ_07' }),
	org('economie', { name: 'Économie circulaire', communeCode: '67447' }),
	initiative('jardin', { name: 'jardin des Écrivains', quartierCode: 'SQ_07' }),
	initiative('archive', { name: 'Archivée', status: 'archived', quartierCode: 'SQ_07' })
];
const catalogue = testCatalogue(records, {}, 7);

describe('buildCatalogue', () => {
	it('keeps published records only, in French name order (accents and case aside)', () => {
		expect(catalogue.version).toBe(7);
		expect(catalogue.records.map((r) => r.id)).toEqual([
			'ferme-test',
			'economie',
			'financeur-test',
			'garantie-test',
			'jardin',
			'orphelin-test',
			'pret-test',
			'subvention-test',
			'zebre'
		]);
		expect(catalogue.items.map((i) => i.id)).toEqual(catalogue.records.map((r) => r.id));
		expect(catalogue.items[0].values).toEqual(facetValuesOf(catalogue.records[0]));
	});

	it('splits the records by kind and finds them by id or by kind and slug', () => {
		expect(catalogue.organisations.map((o) => o.id)).toEqual(['economie', 'financeur-test', 'zebre']);
		expect(catalogue.initiatives.map((i) => i.id)).toEqual(['jardin']);
		expect(catalogue.fundingTools.map((t) => t.id)).toEqual([
			'ferme-test',
			'garantie-test',
			'orphelin-test',
			'pret-test',
			'subvention-test'
		]);
		expect(catalogue.byId.get('zebre')?.record.name).toBe('Zèbre solidaire');
		expect(catalogue.byId.get('autre-financeur')).toBeUndefined();
		expect(recordBySlug(catalogue, 'organisation', 'zebre')?.id).toBe('zebre');
		expect(recordBySlug(catalogue, 'initiative', 'zebre')).toBeUndefined();
		expect(recordBySlug(catalogue, 'funding-tool', 'brouillon-test')).toBeUndefined();
	});

	it('lists the published tools of each provider by name, a draft provider included', () => {
		const ids = (provider: string) => (catalogue.toolsByProvider.get(provider) ?? []).map((t) => t.id);
		expect(ids('financeur-test')).toEqual(['ferme-test', 'garantie-test', 'pret-test']);
		expect(ids('autre-financeur')).toEqual(['garantie-test', 'subvention-test']);
		expect(ids('personne')).toEqual([]);
	});

	it('names providers: linked when published, named only when not, the id when unknown', () => {
		expect(catalogue.providers.get('financeur-test')).toEqual({
			id: 'financeur-test',
			name: 'Financeur de test (synthétique) (FT)',
			slug: 'financeur-test',
			website: 'https://financeur.example.org',
			email: undefined,
			phone: undefined
		});
		expect(catalogue.providers.get('autre-financeur')).toMatchObject({
			name: 'Accompagnateur (brouillon)',
			slug: undefined
		});
		expect(catalogue.providers.get('inconnu')).toEqual({ id: 'inconnu', name: 'inconnu' });
		const some = providersOf(catalogue, [recordBySlug(catalogue, 'funding-tool', 'subvention-test')!]);
		expect(Object.keys(some)).toEqual(['autre-financeur']);
	});

	it('names a provider with its short form once, even when its name already holds it', () => {
		const cg = org('cg', { name: 'Confédération générale des Scop (CG Scop)', shortName: 'CG Scop' });
		const c = testCatalogue([cg, tool('socoden-test', { providerIds: ['cg'] })], {}, 1);
		expect(providersOf(c, c.fundingTools).cg.name).toBe('Confédération générale des Scop (CG Scop)');
		expect(providersOf(catalogue, catalogue.fundingTools)['financeur-test'].name).toBe(
			'Financeur de test (synthétique) (FT)'
		);
	});

	it('groups published places by quartier and by commune', () => {
		const meinau = placesIn(catalogue, { quartierCode: 'SQ_07' });
		expect(meinau.organisations.map((o) => o.id)).toEqual(['zebre']);
		expect(meinau.initiatives.map((i) => i.id)).toEqual(['jardin']);
		expect(placesIn(catalogue, { communeCode: '67447' }).organisations.map((o) => o.id)).toEqual([
			'economie'
		]);
		expect(placesIn(catalogue, { communeCode: '67482' }).organisations.map((o) => o.id)).toEqual([
			'financeur-test',
			'zebre'
		]);
		expect(placesIn(catalogue, { quartierCode: 'SQ_01' })).toEqual({ initiatives: [], organisations: [] });
	});
});
