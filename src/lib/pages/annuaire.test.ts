import { describe, expect, it } from 'vitest';
import { buildSearchIndexes } from '$lib/search/engine';
import { annuairePage } from './annuaire';
import { testCatalogue } from '$lib/domain/test-catalogue';
import { communes, directoryCatalogue, directoryRecords, quartiers, SITE, thematiques } from './test-data';

const catalogue = directoryCatalogue();
const { full } = buildSearchIndexes(catalogue.records, catalogue.geo);
const INDEX_URL = '/search-index/quick-0123456789abcdef.json';

const page = (qs: string) =>
	annuairePage(catalogue, new URL(`${SITE}/annuaire${qs}`), {
		search: full,
		indexUrl: INDEX_URL,
		siteUrl: SITE
	});
const names = (p: ReturnType<typeof page>) => p.items.map((i) => i.name.map((s) => s.text).join(''));

describe('annuairePage', () => {
	it('lists every published record by name without a query', () => {
		const p = page('');
		expect(p.total).toBe(6);
		expect(names(p)).toEqual([
			'Atelier mobile de la Meinau',
			"Bretz'selle",
			'Cycles coopératifs',
			'Fonds solidaire',
			"Prêt d'honneur",
			'Subvention aux associations'
		]);
		expect(p.state.sort).toBe('nom');
	});

	it('searches with the full-text index, accentless and with typos, and highlights', () => {
		const p = page('?q=velos');
		expect(p.total).toBe(3);
		expect(p.state.sort).toBe('pertinence');
		const hit = page('?q=cooperatfs').items[0];
		expect(hit.name).toEqual([
			{ text: 'Cycles ', match: false },
			{ text: 'coopératifs', match: true }
		]);
		expect(page('?q=honneur').items.map((i) => i.id)).toEqual(['pret-honneur']);
	});

	it('combines text and facets, with disjunctive counts', () => {
		const p = page('?q=velo&quartier=meinau');
		expect(p.items.map((i) => i.id).sort()).toEqual(['atelier-mobile', 'bretzselle']);
		const quartier = p.facets.find((f) => f.name === 'quartier')!;
		expect(quartier.values.map((v) => [v.value, v.count, v.selected])).toEqual([
			['meinau', 2, true],
			['neuhof', 1, false]
		]);
		expect(p.tabs.map((t) => [t.label, t.count])).toEqual([
			['Tout', 2],
			['Structures', 1],
			['Initiatives', 1],
			['Financements', 0],
			['Lieux', 0]
		]);
		expect(p.chips).toEqual([
			{
				label: 'Quartier de Strasbourg : Meinau',
				href: '/annuaire?q=velo',
				facet: 'quartier',
				code: 'SQ_07',
				value: 'Meinau'
			}
		]);
	});

	it('shows only the facets of the selected kind', () => {
		const tools = page('?kind=funding-tool');
		expect(tools.facets.map((f) => f.name)).toEqual(['fundingType', 'stage']);
		expect(tools.total).toBe(2);
		const orgs = page('?kind=organisation');
		expect(orgs.facets.map((f) => f.name)).toEqual([
			'family',
			'legalForm',
			'approval',
			'thematique',
			'commune',
			'quartier',
			'legalBasis'
		]);
	});

	it('sorts by distance from a quartier, then by last verification', () => {
		const near = page('?kind=organisation&pres=neuhof');
		expect(near.state.sort).toBe('distance');
		expect(near.items.map((i) => [i.id, i.distance])).toEqual([
			['scop-velo', 0],
			['bretzselle', 1.6],
			['financeur', undefined]
		]);
		expect(near.items[0].approximate).toBe(true);
		expect(page('?kind=organisation&tri=verification').items.map((i) => i.id)).toEqual([
			'scop-velo',
			'bretzselle',
			'financeur'
		]);
	});

	it('suggests a spelling and the filter to remove when nothing is found', () => {
		const typo = page('?q=velp');
		expect(typo.total).toBe(0);
		expect(typo.suggestions).toEqual([{ label: 'vélo', href: '/annuaire?q=v%C3%A9lo' }]);
		const filtered = page('?q=velo&kind=funding-tool');
		expect(filtered.total).toBe(0);
		expect(filtered.removals).toEqual([
			{ label: 'Tous les types de fiche (3)', href: '/annuaire?q=velo', facet: 'kind', count: 3 }
		]);
	});

	it('paginates 20 per page and keeps the state in every link', () => {
		const p = page('?q=velo&page=9');
		expect(p.pagination.page).toBe(1);
		expect(p.notes).toContain('La page 9 n’existe pas : dernière page affichée.');
		expect(p.canonical).toBe(`${SITE}/annuaire?q=velo`);
	});

	it('answers hostile queries and parameters without throwing', () => {
		for (const qs of [
			'?q=%3Cscript%3E',
			'?q=*',
			'?q=~~~',
			'?q=%F0%9F%9A%B2',
			'?q=%00',
			`?q=${'a'.repeat(5000)}`,
			'?kind=__proto__&quartier=constructor&tri=x&page=-1&lat=x'
		])
			expect(() => page(qs)).not.toThrow();
		expect(page('?kind=__proto__').notes).toHaveLength(1);
	});

	it('names the browser’s quick index and links every facet value', () => {
		const p = page('?kind=organisation');
		expect(p.indexUrl).toBe(INDEX_URL);
		const family = p.facets.find((f) => f.name === 'family')!;
		expect(family.values.every((v) => v.href.startsWith('/annuaire?'))).toBe(true);
		expect(p.selected).toEqual([{ facet: 'kind', param: 'kind', value: 'organisation' }]);
	});
});

describe('annuairePage: the way to the agenda', () => {
	it('points to the agenda, with the place and thématique when one of each is chosen', () => {
		expect(page('').agendaHref).toBe('/agenda');
		expect(page('?quartier=meinau&thematique=mobilite').agendaHref).toBe(
			'/agenda?quartier=meinau&thematique=mobilite'
		);
		// Two quartiers: the agenda takes one, so none is carried over.
		expect(page('?quartier=meinau,neuhof').agendaHref).toBe('/agenda');
	});
});

describe('annuairePage: the sector filter', () => {
	// The same records, two of them with sectors.
	const withSectors = testCatalogue(
		directoryRecords.map((r) =>
			r.id === 'bretzselle'
				? { ...r, sectors: ['reemploi', 'mobilite'] }
				: r.id === 'atelier-mobile'
					? { ...r, sectors: ['reemploi'] }
					: r
		) as typeof directoryRecords,
		{ communes, quartiers, thematiques }
	);
	const { full: engine } = buildSearchIndexes(withSectors.records, withSectors.geo);
	const at = (qs: string) =>
		annuairePage(withSectors, new URL(`${SITE}/annuaire${qs}`), {
			search: engine,
			indexUrl: null,
			siteUrl: SITE
		});

	it('is a facet with disjunctive counts, a chip, and a `secteur` parameter', () => {
		const sector = at('').facets.find((f) => f.name === 'sector')!;
		expect(sector.label).toBe('Secteur');
		expect(sector.param).toBe('secteur');
		expect(sector.values.map((v) => [v.value, v.count])).toEqual([
			['reemploi', 2],
			['mobilite', 1]
		]);
		const p = at('?secteur=mobilite');
		expect(p.items.map((i) => i.id)).toEqual(['bretzselle']);
		expect(
			p.facets.find((f) => f.name === 'sector')!.values.map((v) => [v.value, v.count, v.selected])
		).toEqual([
			['reemploi', 2, false],
			['mobilite', 1, true]
		]);
		expect(p.chips).toEqual([
			{
				label: 'Secteur : Mobilité et vélo',
				href: '/annuaire',
				facet: 'sector',
				code: 'mobilite',
				value: 'Mobilité et vélo'
			}
		]);
		expect(p.canonical).toBe(`${SITE}/annuaire?secteur=mobilite`);
		expect(at('?secteur=espace').notes).toEqual(['Filtre ignoré : secteur inconnu « espace ».']);
	});

	it('is not offered for funding tools', () => {
		expect(at('?kind=funding-tool').facets.map((f) => f.name)).not.toContain('sector');
	});
});
