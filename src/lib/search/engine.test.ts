import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Geo } from '$lib/domain/query';
import {
	fundingToolSchema,
	initiativeSchema,
	organisationSchema,
	type PublicRecord
} from '$lib/domain/records';
import { initiativeFixture, organisationFixture, toolFixture } from '$lib/domain/test-fixtures';
import { toSearchDocument } from './documents';
import {
	MAX_QUERY_LENGTH,
	buildSearchEngine,
	buildSearchIndexes,
	editDistance,
	loadSearchEngine,
	type SearchEngine
} from './engine';
import type { SearchMode, Segment } from './types';

const source = [{ reference: 'Test', seen: '2026-01-01' }];
const geo: Geo = {
	communes: [
		{
			code: '67482',
			slug: 'strasbourg',
			name: 'Strasbourg',
			postcodes: ['67000'],
			centroid: { lon: 7.75, lat: 48.58 },
			inCus2014: true,
			sources: source
		},
		{
			code: '67447',
			slug: 'schiltigheim',
			name: 'Schiltigheim',
			postcodes: ['67300'],
			centroid: { lon: 7.74, lat: 48.61 },
			inCus2014: true,
			sources: source
		}
	],
	quartiers: [
		{
			code: 'SQ_07',
			slug: 'meinau',
			name: 'Meinau',
			communeCode: '67482',
			subQuartiers: [{ slug: 'canardiere', name: 'Canardière' }],
			point: { lon: 7.76, lat: 48.56 },
			pointConfidence: 'medium',
			sources: source
		}
	],
	qpv: [],
	thematiques: [
		{
			code: 'creation-entreprises',
			label: "ESS et création d'entreprises",
			description: 'x',
			sources: source,
			lastVerified: '2026-01-01'
		}
	]
};

const records: PublicRecord[] = [
	organisationSchema.parse(
		organisationFixture({
			id: 'bretzselle',
			slug: 'bretzselle',
			name: "Bretz'selle",
			description: "Atelier participatif de réparation de vélos, acteur de l'économie circulaire.",
			tags: ['vélo', 'réemploi'],
			legalForm: 'association-droit-local',
			quartierCode: 'SQ_07',
			subQuartier: 'canardiere'
		})
	),
	organisationSchema.parse(
		organisationFixture({
			id: 'velostation',
			slug: 'velostation',
			name: 'Vélostation',
			description: 'Location et gardiennage de bicyclettes près de la gare.',
			legalForm: 'scic'
		})
	),
	organisationSchema.parse(
		organisationFixture({
			id: 'cae',
			slug: 'cae',
			name: 'Coopérative d’activité et d’emploi Artenreel',
			description: 'Accompagne les porteurs de projet qui testent leur activité en étant salariés.',
			legalForm: 'cae',
			communeCode: '67447'
		})
	),
	organisationSchema.parse(
		organisationFixture({
			id: 'cress',
			slug: 'cress',
			name: 'Chambre régionale',
			shortName: 'CRESS',
			description: "Représente les acteurs de l'économie sociale et solidaire du Grand Est.",
			legalForm: 'association-declaree'
		})
	),
	initiativeSchema.parse(
		initiativeFixture({
			id: 'jardin',
			slug: 'jardin',
			name: 'Jardin partagé de la Canardière',
			description: 'Des habitants cultivent ensemble des légumes au pied des immeubles.',
			quartierCode: 'SQ_07'
		})
	),
	fundingToolSchema.parse(
		toolFixture({
			id: 'pret-honneur',
			slug: 'pret-honneur',
			name: "Prêt d'honneur Initiative France",
			description: 'Un prêt personnel à taux zéro, sans garantie, pour créer ou reprendre une entreprise.',
			types: ['pret-honneur']
		})
	),
	organisationSchema.parse(
		organisationFixture({
			id: 'brouillon',
			slug: 'brouillon',
			name: 'Coopérative en brouillon',
			status: 'draft'
		})
	)
];

const { quick, full } = buildSearchIndexes(records, geo);
const ids = (e: SearchEngine, q: string, mode?: SearchMode) => e.search(q, { mode }).hits.map((h) => h.id);
const render = (segments: Segment[]) => segments.map((s) => (s.match ? `[${s.text}]` : s.text)).join('');

describe('French queries (accents, elisions, stems, prefixes, typos)', () => {
	for (const [name, engine] of [
		['quick', quick],
		['full', full]
	] as const) {
		describe(`${name} index`, () => {
			it('finds "coopérative" from "coop" and from the typo "cooperatve"', () => {
				expect(ids(engine, 'coop')).toContain('cae');
				expect(ids(engine, 'cooperatve')).toContain('cae');
				expect(ids(engine, 'cooprative')).toContain('cae');
			});

			it('finds "Prêt d’honneur" from "honneur", "pret d honneur" and "PRÊT"', () => {
				expect(ids(engine, 'honneur')).toEqual(['pret-honneur']);
				expect(ids(engine, 'pret d honneur')).toEqual(['pret-honneur']);
				expect(ids(engine, 'PRÊT')).toContain('pret-honneur');
			});

			it('finds Vélostation and Bretz’selle from "velo"', () => {
				const found = ids(engine, 'velo');
				expect(found).toContain('velostation');
				expect(found).toContain('bretzselle');
			});

			it('finds Bretz’selle whatever is typed around the apostrophe', () => {
				for (const q of ['bretzselle', "bretz'selle", 'bretz’selle', 'bretz selle'])
					expect(ids(engine, q)).toContain('bretzselle');
			});

			it('finds an acronym stored as short name', () => {
				expect(ids(engine, 'cress')).toEqual(['cress']);
			});

			it('finds by commune, quartier, sub-quartier and category label', () => {
				expect(ids(engine, 'schiltigheim')).toEqual(['cae']);
				expect(ids(engine, 'canardiere')).toEqual(expect.arrayContaining(['bretzselle', 'jardin']));
				expect(ids(engine, 'meinau')).toEqual(expect.arrayContaining(['bretzselle', 'jardin']));
				// The legal form's label says "coopérative": a SCIC is found without the word in its name.
				expect(ids(engine, 'cooperative')).toContain('velostation');
			});

			it('never indexes unpublished records', () => {
				expect(ids(engine, 'brouillon')).toEqual([]);
			});

			it('requires every word when some record has them all', () => {
				expect(ids(engine, 'jardin canardiere')).toEqual(['jardin']);
				const r = engine.search('jardin canardiere');
				expect(r.partial).toBe(false);
			});

			it('falls back to records having some of the words, and says so', () => {
				const r = engine.search('jardin schiltigheim');
				expect(r.partial).toBe(true);
				expect(r.hits.map((h) => h.id)).toEqual(expect.arrayContaining(['jardin', 'cae']));
			});

			it('highlights the matched words of the name, as text segments that join back to the name', () => {
				const hit = engine.search('pret honneur').hits[0];
				expect(render(hit.highlights.name)).toBe("[Prêt] d'[honneur] Initiative France");
				expect(hit.highlights.name.map((s) => s.text).join('')).toBe(hit.name);
				const coop = engine.search('coop').hits.find((h) => h.id === 'cae')!;
				expect(render(coop.highlights.name)).toBe('[Coopérative] d’activité et d’emploi Artenreel');
			});
		});
	}

	it('searches descriptions in full mode only, with a highlighted snippet', () => {
		expect(ids(quick, 'economie circulaire')).toEqual([]);
		const r = full.search('economie circulaire');
		expect(r.hits.map((h) => h.id)).toEqual(['bretzselle']);
		expect(render(r.hits[0].highlights.description!)).toBe(
			"Atelier participatif de réparation de vélos, acteur de l'[économie] [circulaire]."
		);
		expect(ids(full, 'economie')).toEqual(expect.arrayContaining(['bretzselle', 'cress']));
	});

	it('ranks a name match above a description match', () => {
		expect(ids(full, 'cooperative')[0]).toBe('cae');
	});

	it('completes the last word while typing, and only the last word', () => {
		expect(ids(quick, 'ja', 'quick')).toEqual(['jardin']);
		expect(ids(quick, 'ja', 'full')).toEqual([]);
		expect(ids(quick, 'vé')).toEqual(expect.arrayContaining(['velostation', 'bretzselle']));
		// A function word being typed may be the start of a word: it does not empty the list.
		expect(ids(quick, 'jardin de')).toEqual(['jardin']);
	});

	it('filters by kind', () => {
		expect(quick.search('honneur', { kinds: ['organisation'] }).total).toBe(0);
		expect(quick.search('velo', { kinds: ['organisation'] }).total).toBe(2);
	});

	it('suggests a close spelling when nothing matches', () => {
		const r = quick.search('velp');
		expect(r.total).toBe(0);
		expect(r.suggestions).toEqual(['vélo']);
		expect(quick.search('jrdin partage').hits.map((h) => h.id)).toEqual(['jardin']);
		expect(quick.search('zzzzqqq').suggestions).toEqual([]);
	});

	it('limits hits but counts them all', () => {
		const r = full.search('cooperative', { limit: 1 });
		expect(r.hits).toHaveLength(1);
		expect(r.total).toBeGreaterThan(1);
		expect(full.search('cooperative', { limit: Infinity }).hits).toHaveLength(r.total);
	});
});

describe('hostile queries', () => {
	const corpus = [
		'',
		' ',
		'*',
		'**',
		':',
		'name:velo',
		'~~~',
		'velo~2',
		'^',
		'velo^10',
		'+-',
		'+velo -jardin',
		'-',
		'"',
		'"jardin partagé',
		"'",
		"l'",
		"d'",
		'\\',
		'a'.repeat(10000),
		'velo '.repeat(2000),
		'🚲',
		'🚲🚲 vélo 👩‍👩‍👧',
		'\u0000',
		'\u0000velo\u0007',
		'\u202Eolév',
		'مرحبا بكم',
		'שלום',
		'<script>alert(1)</script>',
		'<img src=x onerror=alert(1)>',
		'${7*7}',
		'{{constructor}}',
		'constructor',
		'__proto__',
		'hasOwnProperty',
		'toString',
		'NaN',
		'\uD800',
		'\uDFFF\uD800',
		'%00',
		'../../etc/passwd',
		'SELECT * FROM records',
		'velo\nvelo\r\n\tvelo'
	];

	for (const mode of ['quick', 'full'] as const) {
		it(`answers every hostile string without throwing (${mode})`, () => {
			for (const q of corpus) {
				const r = full.search(q, { mode });
				expect(r.total).toBeGreaterThanOrEqual(0);
				expect(r.query.length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
				for (const h of r.hits) expect(h.highlights.name.map((s) => s.text).join('')).toBe(h.name);
			}
		});
	}

	it('treats lunr syntax as text: "name:velo" and "velo~2" are words, not a field or an edit distance', () => {
		for (const q of ['name:velo', 'velo~2', 'velo^10']) {
			const r = full.search(q);
			// "name", "2" and "10" are in no record: what has "velo" comes back as a partial match.
			expect(r.partial).toBe(true);
			expect(r.hits.map((h) => h.id)).toEqual(expect.arrayContaining(['velostation', 'bretzselle']));
		}
		for (const q of ['+velo', 'velo*', '"velo"', '-velo']) {
			const r = full.search(q);
			expect(r.partial).toBe(false);
			expect(r.hits.map((h) => h.id)).toEqual(expect.arrayContaining(['velostation', 'bretzselle']));
		}
	});

	it('gives nothing for prototype property names', () => {
		for (const q of ['constructor', '__proto__', 'hasOwnProperty', 'toString'])
			expect(full.search(q).total).toBe(0);
	});

	it('never throws on arbitrary strings (property)', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.boolean(), (q, typing) => {
				const r = quick.search(q, { mode: typing ? 'quick' : 'full' });
				return r.total >= 0 && r.hits.every((h) => h.highlights.name.map((s) => s.text).join('') === h.name);
			}),
			{ numRuns: 500 }
		);
	});

	it('treats non-string input as an empty query', () => {
		expect(quick.search(undefined as unknown as string).total).toBe(0);
		expect(quick.search({ toString: () => 'velo' } as unknown as string).total).toBe(0);
	});
});

describe('serialization', () => {
	it('loads back to an engine giving the same answers', () => {
		for (const engine of [quick, full]) {
			const loaded = loadSearchEngine(engine.serialize());
			expect(loaded.size).toBe(engine.size);
			for (const q of ['velo', 'cooperatve', 'honneur', 'economie circulaire', 'ja'])
				expect(loaded.search(q)).toEqual(engine.search(q));
		}
	});

	it('is deterministic: the same records give the same bytes (the URL carries their hash)', () => {
		expect(buildSearchIndexes(records, geo).quick.serialize()).toBe(quick.serialize());
	});

	it('keeps descriptions out of the quick index', () => {
		expect(quick.serialize()).not.toContain('gardiennage');
		expect(full.serialize()).toContain('gardiennage');
	});

	it('refuses something that is not an index', () => {
		expect(() => loadSearchEngine('{"format":"autre"}')).toThrow(/Index de recherche illisible/);
		expect(() => loadSearchEngine('pas du json')).toThrow();
	});

	it('works on an empty directory', () => {
		const empty = buildSearchEngine([], 'quick');
		expect(empty.search('velo').total).toBe(0);
		expect(loadSearchEngine(empty.serialize()).search('velo').total).toBe(0);
	});
});

describe('documents', () => {
	it('puts labels, places and the short name in the indexed fields', () => {
		const cress = toSearchDocument(records[3], geo);
		expect(cress.names).toBe('Chambre régionale CRESS');
		expect(cress.name).toBe('Chambre régionale');
		const bretz = toSearchDocument(records[0], geo);
		expect(bretz.subtitle).toBe('Association · Canardière, Strasbourg');
		expect(bretz.place).toContain('Meinau');
		expect(bretz.categories).toContain('Association inscrite de droit local');
	});
});

describe('editDistance', () => {
	it('counts insertions, deletions, substitutions and transpositions', () => {
		expect(editDistance('cooperatve', 'cooperative')).toBe(1);
		expect(editDistance('jrdin', 'jardin')).toBe(1);
		expect(editDistance('vleo', 'velo')).toBe(1);
		expect(editDistance('abc', 'abc')).toBe(0);
		expect(editDistance('', 'abc')).toBe(3);
	});
});
