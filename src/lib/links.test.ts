import { describe, expect, it } from 'vitest';
import { EMBED_PREFIX, framingAllowed } from '$lib/server/security-headers.js';
import type { FilterRef } from '$lib/domain/filters/types';
import { parseDirectoryQuery } from '$lib/domain/directory-query-parse';
import { parseFinderParams } from '$lib/domain/funding/profile-parse';
import { parseExplorerParams } from '$lib/domain/map/map-url-parse';
import { parseCreateParams } from '$lib/domain/support/profile-parse';
import { FIXED_ROUTES, isUnder, PAGE_ROUTES, route } from '$lib/links';

const geo = {
	communes: [{ code: '67482', slug: 'strasbourg', name: 'Strasbourg' }],
	quartiers: [{ code: 'SQ_08', slug: 'meinau', name: 'Meinau' }],
	thematiques: [{ code: 'alimentation', label: 'Alimentation' }],
	qpv: []
} as unknown as Parameters<typeof parseDirectoryQuery>[1] & Parameters<typeof parseFinderParams>[1];

const search = (href: string) => new URL(href, 'https://carto.test').searchParams;

describe('language of addresses', () => {
	it('decides it for every builder: a page in the reader’s language, or one address for all', () => {
		const decided = new Set<string>([...PAGE_ROUTES, ...FIXED_ROUTES]);
		const undecided = Object.keys(route).filter((key) => !decided.has(key) && !key.startsWith('admin'));
		expect(undecided, 'add each to PAGE_ROUTES or FIXED_ROUTES in links.ts').toEqual([]);
		expect(PAGE_ROUTES.filter((key) => (FIXED_ROUTES as readonly string[]).includes(key))).toEqual([]);
	});

	it('writes pages in French without a prefix outside a request (scripts, tests)', () => {
		expect(route.map()).toBe('/carte');
		expect(route.feed('initiatives')).toBe('/flux/initiatives.atom');
	});
});

describe('public pages', () => {
	it('builds record pages from the kind and the slug, encoded', () => {
		expect(route.record({ kind: 'organisation', slug: 'bretzselle' })).toBe('/structures/bretzselle');
		expect(route.record({ kind: 'initiative', slug: 'jardin' })).toBe('/initiatives/jardin');
		expect(route.record({ kind: 'funding-tool', slug: 'pret' })).toBe('/financements/pret');
		expect(route.record({ kind: 'organisation', slug: 'a/b?c' })).toBe('/structures/a%2Fb%3Fc');
	});

	it('builds the flyer, the embeds and the offline pack of a quartier', () => {
		expect(route.quartierFlyer({ slug: 'meinau' })).toBe('/quartiers/meinau/tract');
		expect(route.quartierFlyer({ slug: 'meinau' }, 'a5')).toBe('/quartiers/meinau/tract?format=a5');
		expect(route.integrate()).toBe('/integrer');
		expect(route.integrate({ zone: 'SQ_08', hauteur: 500 })).toBe('/integrer?zone=SQ_08&hauteur=500');
		expect(route.embedMap()).toBe('/embed/carte');
		expect(route.embedMap({}, 'liste')).toBe('/embed/carte?affichage=liste');
		expect(route.embedMap({ filters: { lieu: ['SQ_08'], layers: ['initiatives'] } }, 'carte')).toBe(
			'/embed/carte?couches=initiatives&lieu=SQ_08&affichage=carte'
		);
		expect(route.embedQuartier({ slug: 'meinau' })).toBe('/embed/quartier/meinau');
		expect(route.quartierPack({ slug: 'meinau' })).toBe('/quartiers/meinau/hors-ligne.json');
		expect(route.embedMap().startsWith(`${EMBED_PREFIX}/`)).toBe(true);
		// Only the embeds may be framed, and they are all under the one prefix server.js and the hook check.
		for (const embed of [route.embedMap(), route.embedQuartier({ slug: 'meinau' })])
			expect(framingAllowed(embed), embed).toBe(true);
		for (const page of [route.map(), route.integrate(), route.quartier({ slug: 'meinau' })])
			expect(framingAllowed(page), page).toBe(false);
	});

	it('builds the quartier pages, a sub-quartier as an anchor', () => {
		expect(route.quartiers()).toBe('/quartiers');
		expect(route.quartier({ slug: 'meinau' })).toBe('/quartiers/meinau');
		expect(route.quartier({ slug: 'meinau' }, { slug: 'canardiere' })).toBe(
			'/quartiers/meinau#sq-canardiere'
		);
	});

	it('builds the proposal pages, parameters encoded', () => {
		expect(route.propose()).toBe('/proposer');
		expect(route.proposeNew('initiative')).toBe('/proposer/initiative');
		expect(route.proposeNew('structure', { zone: 'meinau' })).toBe('/proposer/structure?zone=meinau');
		expect(route.proposeCorrection({ id: 'a&b' })).toBe('/proposer/modification?fiche=a%26b');
		expect(route.proposalThanks('ESS-7K3P-9QXA')).toBe('/proposer/merci/ESS-7K3P-9QXA');
	});

	it('names the static pages', () => {
		expect([route.home(), route.openData(), route.accessibility(), route.privacy()]).toEqual([
			'/',
			'/donnees',
			'/accessibilite',
			'/confidentialite'
		]);
	});
});

describe('the map', () => {
	it('selects by id, and the explorer reads back what the link wrote', () => {
		const href = route.map({
			select: { id: 'csc-neudorf' },
			at: { zoom: 15, lat: 48.5967, lon: 7.7094 },
			filters: { lieu: ['SQ_08'], thematique: ['alimentation'] }
		});
		expect(href).toBe('/carte?thematique=alimentation&lieu=SQ_08&at=15/48.59670/7.70940&sel=csc-neudorf');
		const known: FilterRef = {
			communes: [],
			quartiers: [{ code: 'SQ_08', slug: 'neudorf', name: 'Neudorf' }],
			thematiques: [{ code: 'alimentation', label: 'Alimentation' }]
		};
		const { state, ignored } = parseExplorerParams(search(href), known);
		expect(ignored).toEqual([]);
		expect(state.sel).toBe('csc-neudorf');
		expect(state.at).toEqual({ zoom: 15, lat: 48.5967, lon: 7.7094 });
		expect(state.filters.lieu).toEqual(['SQ_08']);
	});

	it('is the bare /carte at the default state', () => {
		expect(route.map()).toBe('/carte');
		expect(route.map({ select: undefined, filters: {} })).toBe('/carte');
	});

	it('builds the map data files', () => {
		expect(route.mapPoints(7)).toBe('/carte/points.json?v=7');
		expect(route.mapRecordDetails('a b')).toBe('/carte/fiche/a%20b.json');
		expect(route.mapAddress('67 avenue Racine')).toBe('/carte/adresse.json?q=67+avenue+Racine');
		expect(route.mapOutlines()).toBe('/carte/contours.json');
		expect(route.glyphs('DejaVu Sans Book', 256)).toBe('/glyphs/DejaVu Sans Book/256-511.pbf');
		expect(route.glyphsTemplate()).toBe('/glyphs/{fontstack}/{range}.pbf');
	});
});

describe('the annuaire', () => {
	it('writes the canonical query string, communes and quartiers as slugs when given the geography', () => {
		expect(route.annuaire()).toBe('/annuaire');
		expect(route.annuaire({ q: 'vélo partagé' })).toBe('/annuaire?q=v%C3%A9lo+partag%C3%A9');
		const href = route.annuaire({ filters: { kind: ['organisation'], quartier: ['SQ_08'] }, page: 2 }, geo);
		expect(href).toBe('/annuaire?kind=organisation&quartier=meinau&page=2');
		const { state, notes } = parseDirectoryQuery(search(href), geo);
		expect(notes).toEqual([]);
		expect(state.filters).toEqual({ kind: ['organisation'], quartier: ['SQ_08'] });
		expect(state.page).toBe(2);
	});

	it('keeps the submitted form fields in their order', () => {
		expect(
			route.annuaireForm([
				['q', 'l’économie'],
				['kind', 'initiative']
			])
		).toBe('/annuaire?q=l%E2%80%99%C3%A9conomie&kind=initiative');
		expect(route.annuaireForm([])).toBe('/annuaire');
	});
});

describe('funding', () => {
	it('writes the finder’s public contract, which the finder reads back', () => {
		const href = route.fundingFinder({
			structure: 'association',
			stade: 'creation',
			montant: 20000,
			territoire: { value: '67482' }
		});
		expect(href).toBe(
			'/financements/trouver?structure=association&stade=creation&montant=20000&territoire=67482'
		);
		const parsed = parseFinderParams(search(href), geo);
		expect(parsed.errors).toEqual([]);
		expect(parsed.profile.territoire?.value).toBe('67482');
		expect(route.fundingFinder({}, 'resultats')).toBe('/financements/trouver#resultats');
		expect(route.funding()).toBe('/financements');
		expect(route.funding({ structure: 'porteur' })).toBe('/financements?structure=porteur');
	});

	it('keeps the comparison’s commas readable', () => {
		expect(route.fundingCompare()).toBe('/financements/comparer');
		expect(route.fundingCompare(['a', 'b'])).toBe('/financements/comparer?outils=a,b');
		expect(route.fundingMemo('non-fiscalisees')).toBe('/financements/memo/non-fiscalisees');
		expect(route.fundingToVerify()).toBe('/financements/a-verifier');
	});
});

describe('data files', () => {
	it('builds the API, exports and search index addresses', () => {
		expect(route.api('organisations')).toBe('/api/v1/organisations');
		expect(route.api('initiatives', { format: 'geojson' })).toBe('/api/v1/initiatives.geojson');
		expect(route.api('organisations', { query: { quartier: 'SQ_08', role: 'accompagnateur' } })).toBe(
			'/api/v1/organisations?quartier=SQ_08&role=accompagnateur'
		);
		expect(route.apiExport('organisations.csv')).toBe('/api/v1/export/organisations.csv');
		expect(route.searchManifest()).toBe('/search-index/manifest.json');
		expect(route.searchIndexFile('quick-abc.json')).toBe('/search-index/quick-abc.json');
		expect(route.searchQuery()).toBe('/search-index/query');
	});
});

describe('the workspace', () => {
	it('addresses records, history, moderation and imports by id, with their flags', () => {
		expect(route.adminRecord('velostation')).toBe('/admin/fiches/velostation');
		expect(route.adminRecord('velostation', { enregistree: 3 })).toBe(
			'/admin/fiches/velostation?enregistree=3'
		);
		expect(route.adminRecord('velostation', { proposition: 'p1' })).toBe(
			'/admin/fiches/velostation?proposition=p1'
		);
		expect(route.adminRecordHistory('velostation', { restauree: 1 })).toBe(
			'/admin/fiches/velostation/historique?restauree=1'
		);
		expect(route.adminNewRecord({ type: 'funding-tool' })).toBe('/admin/fiches/nouvelle?type=funding-tool');
		expect(route.adminProposal('p1', { approuvee: true })).toBe('/admin/moderation/p1?approuvee=1');
		expect(route.adminImport('j1', { lignes: '', page: 2 })).toBe('/admin/import/j1?page=2');
		expect(route.adminImportProgress('j1')).toBe('/admin/import/j1/progres');
		expect(route.adminExport('organisations.csv', { excel: true })).toBe(
			'/admin/export/organisations.csv?excel=1'
		);
		expect(route.adminDuplicates({ fusion: 'a' })).toBe('/admin/doublons?fusion=a');
		expect(route.adminAccounts({ modifie: true })).toBe('/admin/comptes?modifie=1');
	});

	it('lists records with only the filters set, page 1 left out', () => {
		expect(route.adminRecords()).toBe('/admin/fiches');
		expect(route.adminRecords({ type: '', statut: 'draft', q: 'vélo', page: 1 })).toBe(
			'/admin/fiches?statut=draft&q=v%C3%A9lo'
		);
		expect(route.adminRecords({ type: 'initiative', page: 2 })).toBe('/admin/fiches?type=initiative&page=2');
	});

	it('sends to the login page with the destination encoded', () => {
		expect(route.adminLogin()).toBe('/admin/connexion');
		expect(route.adminLogin('/admin/fiches?type=initiative')).toBe(
			'/admin/connexion?redirectTo=%2Fadmin%2Ffiches%3Ftype%3Dinitiative'
		);
	});

	it('tells whether a path is a route or below it', () => {
		expect(isUnder('/admin', route.admin())).toBe(true);
		expect(isUnder('/admin/fiches/x', route.admin())).toBe(true);
		expect(isUnder('/administration', route.admin())).toBe(false);
	});
});

describe('observatory, indicators and feeds', () => {
	it('writes the observatory’s filters, its CSV files and the feeds, encoded', () => {
		expect(route.observatory()).toBe('/observatoire');
		expect(route.observatory({ commune: { slug: 'schiltigheim' }, thematique: { code: 'emploi' } })).toBe(
			'/observatoire?commune=schiltigheim&thematique=emploi'
		);
		expect(route.observatory({ thematique: { code: 'a&b' } }, 'qpv')).toBe(
			'/observatoire?thematique=a%26b#qpv'
		);
		expect(route.observatoryCsv('communes', { commune: { slug: 'illkirch' } })).toBe(
			'/observatoire/communes.csv?commune=illkirch'
		);
		expect(route.feed('financements')).toBe('/flux/financements.atom');
		expect(route.feed('initiatives', { quartier: 'meinau' })).toBe('/flux/initiatives.atom?quartier=meinau');
		expect(route.adminIndicators()).toBe('/admin/indicateurs');
	});
});

describe('buyers', () => {
	const geo = {
		communes: [
			{ code: '67482', slug: 'strasbourg', name: 'Strasbourg', centroid: { lon: 7.75, lat: 48.58 } }
		],
		quartiers: []
	};
	it('writes the /acheter contract, the exports and the note with the same parameters', () => {
		const q = { activite: 'alimentation', lieu: '67482', base: 'L2113-13', choix: ['humanis'] } as const;
		expect(route.acheter()).toBe('/acheter');
		expect(route.acheter({ ...q, choix: [...q.choix] }, geo)).toBe(
			'/acheter?activite=alimentation&lieu=strasbourg&base=L2113-13&choix=humanis'
		);
		expect(route.acheter({ rayon: 15 }, undefined, 'resultats')).toBe('/acheter#resultats');
		expect(route.acheterExport('csv', { rayon: 30, lots: ['habitat', 'finance'] })).toBe(
			'/acheter/export.csv?rayon=30&lot=habitat&lot=finance'
		);
		expect(route.acheterExport('xlsx')).toBe('/acheter/export.xlsx');
		expect(route.acheterNote({ base: 'clause' })).toBe('/acheter/note?base=clause');
		expect(route.acheterGuide()).toBe('/acheter/guide');
		expect(route.apiActivities()).toBe('/api/v1/activites');
	});
});

describe('support and places', () => {
	it('writes /creer’s public contract, which /creer reads back', () => {
		const href = route.create({
			projet: 'cooperative',
			stade: 'reprise',
			territoire: { value: 'qpv-hautepierre' },
			besoins: ['diagnostic', 'locaux']
		});
		expect(href).toBe(
			'/creer?projet=cooperative&stade=reprise&territoire=qpv-hautepierre&besoin=diagnostic&besoin=locaux'
		);
		const back = parseCreateParams(new URL(href, 'http://x').searchParams, {
			communes: [],
			qpv: [{ slug: 'hautepierre', name: 'Hautepierre', communeCode: '67482' }]
		});
		expect(back.errors).toEqual([]);
		expect(back.profile.besoins).toEqual(['diagnostic', 'locaux']);
		expect(route.create({}, 'parcours')).toBe('/creer#parcours');
	});
	it('filters places by type and opening', () => {
		expect(route.places()).toBe('/lieux');
		expect(route.places({ types: ['coworking', 'boutique-test'], ouvert: true })).toBe(
			'/lieux?type-lieu=coworking&type-lieu=boutique-test&ouvert=oui'
		);
		expect(route.places({ locaux: 'gratuit' }, 'locaux-disponibles')).toBe(
			'/lieux?locaux=gratuit#locaux-disponibles'
		);
		expect(route.placePremises({ slug: 'la-semencerie-ateliers' })).toBe(
			'/lieux/la-semencerie-ateliers/locaux'
		);
		expect(route.placePremises({ slug: 'x' }, { envoye: 'ESS-7K3P-9QXA' })).toBe(
			'/lieux/x/locaux?envoye=ESS-7K3P-9QXA'
		);
		expect(route.adminPremises('publiee')).toBe('/admin/locaux?decision=publiee');
		expect(route.proposeNew('lieu')).toBe('/proposer/lieu');
		expect(route.api('accompagnements', { query: { accompagnement: 'diagnostic' } })).toBe(
			'/api/v1/accompagnements?accompagnement=diagnostic'
		);
	});
});
