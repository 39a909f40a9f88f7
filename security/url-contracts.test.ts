/**
 * Property-based fuzzing of the public URL contracts (README: API, annuaire, carte, financements, trouver):
 * whatever the query string, the answer is never a server error. API errors name the parameter and say why.
 * The values mix the contracts' own words, prototype names, numbers at the edges, encodings and random text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { raw } from './http';

interface Contract {
	path: string;
	params: string[];
	api?: boolean;
}

const API_PAGING = ['limit', 'offset'];
const CONTRACTS: Contract[] = [
	{
		path: '/api/v1/organisations',
		api: true,
		params: [
			'role',
			'family',
			'legalForm',
			'approval',
			'fiscal',
			'sector',
			'thematique',
			'commune',
			'quartier',
			'qpv',
			'ess',
			...API_PAGING
		]
	},
	{
		path: '/api/v1/initiatives.geojson',
		api: true,
		params: ['type', 'need', 'sector', 'thematique', 'commune', 'quartier', 'qpv', 'ess', ...API_PAGING]
	},
	{
		path: '/api/v1/funding-tools',
		api: true,
		params: [
			'type',
			'stage',
			'audience',
			'territory',
			'availability',
			'purpose',
			'provider',
			'thematique',
			...API_PAGING
		]
	},
	{
		path: '/api/v1/evenements.geojson',
		api: true,
		params: ['thematique', 'commune', 'quartier', 'depuis', 'jusqua', 'passes', ...API_PAGING]
	},
	{ path: '/api/v1/quartiers', api: true, params: API_PAGING },
	{
		path: '/annuaire',
		params: [
			'q',
			'kind',
			'famille',
			'forme',
			'agrement',
			'thematique',
			'commune',
			'quartier',
			'type-initiative',
			'type',
			'stade',
			'tri',
			'tri-actuel',
			'page',
			'pres',
			'lat',
			'lon'
		]
	},
	{ path: '/search-index/query', params: ['q', 'mode', 'limit', 'kinds'] },
	{
		path: '/carte',
		params: ['at', 'sel', 'q', 'couches', 'thematique', 'secteur', 'lieu', 'zone', 'vue', 'fond', 'quartiers']
	},
	{
		path: '/financements',
		params: [
			'structure',
			'forme',
			'stade',
			'montant',
			'besoin',
			'territoire',
			'type',
			'thematique',
			'ouvert',
			'tri'
		]
	},
	{
		path: '/financements/trouver',
		params: ['structure', 'forme', 'stade', 'montant', 'besoin', 'territoire']
	},
	{ path: '/financements/comparer', params: ['outils'] },
	{ path: '/quartiers/cronenbourg-hautepierre', params: ['q'] }
];

/** `__proto__`, `constructor`, `toString`...: names a lookup in a plain object finds without being ours. */
const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype);

const EDGE_VALUES = [
	'',
	' ',
	'__proto__',
	'constructor',
	'prototype',
	'toString',
	'hasOwnProperty',
	'0',
	'-1',
	'1e309',
	'-0',
	'NaN',
	'Infinity',
	'9007199254740993',
	'0x10',
	'1,2,3',
	',,,',
	'%',
	'%00',
	'%ff',
	'\u0000',
	'\uFEFF',
	'../../etc/passwd',
	'<script>alert(1)</script>',
	'"\'><img src=x onerror=alert(1)>',
	"' OR 1=1 --",
	'${7*7}',
	'{{7*7}}',
	'a'.repeat(5000),
	'é'.repeat(300),
	'🙂',
	'strasbourg',
	'67482',
	'qpv-hautepierre',
	'association',
	'creation',
	'20 000 €',
	'velo',
	'12/48.58/7.75',
	'7.7,48.55,7.8,48.6',
	'ign',
	'offline'
];

const value = fc.oneof(
	{ weight: 3, arbitrary: fc.constantFrom(...EDGE_VALUES) },
	{ weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
	{ weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
	{ weight: 1, arbitrary: fc.integer().map(String) },
	{ weight: 1, arbitrary: fc.double().map(String) }
);

function queryOf(contract: Contract) {
	const name = fc.oneof(
		{ weight: 4, arbitrary: fc.constantFrom(...contract.params) },
		{ weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_NAMES, 'x', '', 'limit[]', 'a.b') },
		{ weight: 1, arbitrary: fc.string({ maxLength: 10 }) }
	);
	return fc.array(fc.tuple(name, value), { minLength: 1, maxLength: 5 });
}

describe('URL contracts never answer a server error', () => {
	it.each(CONTRACTS)('$path', async (contract) => {
		await fc.assert(
			fc.asyncProperty(queryOf(contract), async (pairs) => {
				const query = new URLSearchParams(pairs).toString();
				const res = await raw(`${contract.path}?${query}`);
				expect(res.status, `${contract.path}?${query}`).toBeLessThan(500);
				if (contract.api && res.status === 400) {
					const body = JSON.parse(res.body) as { error: { parameter?: string; message: string } };
					expect(body.error.message.length).toBeGreaterThan(0);
				}
			}),
			{ numRuns: 40 }
		);
	});

	it('raw, unencoded and badly encoded query strings', async () => {
		const queries = [
			'q=%',
			'q=%zz',
			'q=%E0%A4%A',
			'q=a&q=b&q=c',
			'&&&',
			'=',
			'==',
			'q',
			'?q=?',
			'q=%2525',
			'q=+++'
		];
		for (const contract of CONTRACTS)
			for (const q of queries) {
				const res = await raw(`${contract.path}?${q}`);
				expect(res.status, `${contract.path}?${q}`).toBeLessThan(500);
			}
	});

	it('territoire=__proto__ or constructor on the funding pages is an unknown place, not a 500', async () => {
		for (const path of ['/financements', '/financements/trouver'])
			for (const v of ['__proto__', 'constructor'])
				expect((await raw(`${path}?territoire=${v}`)).status).toBeLessThan(500);
	});

	it('?__proto__= or ?constructor= on the API is an unknown parameter, not a 500', async () => {
		for (const name of ['__proto__', 'constructor'])
			expect((await raw(`/api/v1/organisations?${name}=x`)).status).toBeLessThan(500);
	});
});
