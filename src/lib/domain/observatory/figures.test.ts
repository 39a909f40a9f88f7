import { describe, expect, it } from 'vitest';
import type { Geo } from '../query';
import {
	fundingToolSchema,
	initiativeSchema,
	organisationSchema,
	type FundingTool,
	type Initiative,
	type Organisation
} from '../records';
import { initiativeFixture, organisationFixture, toolFixture } from '../test-fixtures';
import { readObservatoryQuery } from './filters';
import {
	FIGURE_IDS,
	figureTable,
	observatoryFigures,
	twelveMonthsBefore,
	type Figure,
	type FigureId,
	type ObservatoryInput
} from './figures';

const src = [{ reference: 'test', seen: '2026-01-01' }];
const geo = {
	communes: [
		{ code: '67482', slug: 'strasbourg', name: 'Strasbourg' },
		{ code: '67447', slug: 'schiltigheim', name: 'Schiltigheim' },
		{ code: '67218', slug: 'illkirch-graffenstaden', name: 'Illkirch-Graffenstaden' }
	],
	quartiers: [
		{ code: 'SQ_07', slug: 'meinau', name: 'Meinau' },
		{ code: 'SQ_08', slug: 'neuhof', name: 'Neuhof' }
	],
	qpv: [
		{ slug: 'hautepierre', name: 'Hautepierre', communeCode: '67482', sources: src },
		{ slug: 'guirbaden', name: 'Guirbaden', communeCode: '67044', sources: src }
	],
	thematiques: [
		{ code: 'emploi', label: 'Emploi' },
		{ code: 'habitat', label: 'Habitat' }
	]
} as unknown as Geo;

const org = (o: NonNullable<Parameters<typeof organisationFixture>[0]>): Organisation =>
	organisationSchema.parse(organisationFixture({ slug: o.id, ...o }));
const ini = (o: NonNullable<Parameters<typeof initiativeFixture>[0]>): Initiative =>
	initiativeSchema.parse(initiativeFixture({ slug: o.id, ...o }));
const tool = (o: NonNullable<Parameters<typeof toolFixture>[0]>): FundingTool =>
	fundingToolSchema.parse(toolFixture({ slug: o.id, ...o }));

const organisations = [
	org({
		id: 'org-a',
		legalForm: 'scop',
		quartierCode: 'SQ_07',
		thematiques: ['emploi'],
		lastVerified: '2026-06-01',
		activityFamily: 'insertion-emploi',
		sizeBand: '12'
	}),
	org({
		id: 'org-b',
		legalForm: 'association-declaree',
		qpv: 'hautepierre',
		lastVerified: '2024-01-01',
		activityFamily: 'insertion-emploi',
		sizeBand: '01'
	}),
	org({
		id: 'org-c',
		legalForm: 'association-declaree',
		communeCode: '67447',
		thematiques: ['habitat'],
		activityFamily: 'action-sociale'
	}),
	// Outside the ESS: never counted.
	org({
		id: 'mairie',
		legalForm: 'public',
		isEss: false,
		roles: ['financeur'],
		activityFamily: 'action-sociale',
		sizeBand: '21'
	}),
	// No commune: counted everywhere but by commune.
	org({ id: 'org-d', legalForm: 'scic', communeCode: undefined, territory: 'bas-rhin', sizeBand: '12' })
];
const initiatives = [
	ini({ id: 'i1', quartierCode: 'SQ_07', qpv: 'hautepierre', thematiques: ['emploi', 'habitat'] }),
	ini({ id: 'i2', quartierCode: 'SQ_07' }),
	ini({ id: 'i3', communeCode: '67447' })
];
const fundingTools = [
	tool({ id: 't1', stages: ['emergence', 'creation'], types: ['subvention'], availability: 'ouvert' }),
	tool({
		id: 't2',
		stages: ['creation'],
		types: ['pret-honneur'],
		availability: 'incertain',
		eligibility: { audiences: ['porteur', 'fiscalisee'] },
		thematiques: ['emploi']
	}),
	tool({ id: 't3', stages: ['reprise'], types: ['subvention'], availability: 'ferme' }),
	tool({ id: 't4', territory: 'commune', territoryCommune: '67447', availability: 'appel-a-projets' })
];
const input: ObservatoryInput = { geo, organisations, initiatives, fundingTools, today: '2026-12-04' };

const figure = (figures: Figure[], id: FigureId) => figures.find((f) => f.id === id)!;
const values = (f: Figure) => Object.fromEntries(f.rows.map((r) => [r.code, r.values]));

describe('observatoryFigures', () => {
	const all = observatoryFigures(input);

	it('draws every figure in order, the quartiers included without a commune filter', () => {
		expect(all.map((f) => f.id)).toEqual(FIGURE_IDS);
		for (const f of all) {
			expect(f.title).toBeTruthy();
			expect(f.reading).toMatch(/\.$/);
			for (const r of f.rows) expect(r.values).toHaveLength(f.series.length);
		}
	});

	it('counts ESS structures and initiatives by commune, largest first, and says who has no commune', () => {
		const f = figure(all, 'communes');
		expect(f.rows.map((r) => r.code)).toEqual(['67482', '67447']);
		expect(values(f)).toEqual({ '67482': [2, 2], '67447': [1, 1] });
		expect(f.note).toContain('1 structure sans commune');
		expect(f.reading).toContain('Strasbourg en réunit 67 % (4 sur 6)');
	});

	it('lists every quartier, empty ones too', () => {
		expect(values(figure(all, 'quartiers'))).toEqual({ SQ_07: [1, 2], SQ_08: [0, 0] });
		expect(figure(all, 'quartiers').reading).toContain('1 quartier n’en a aucune');
	});

	it('counts families and legal forms of ESS structures only', () => {
		expect(values(figure(all, 'familles'))).toEqual({ association: [2], cooperative: [2] });
		expect(values(figure(all, 'formes-juridiques'))).toEqual({
			'association-declaree': [2],
			scop: [1],
			scic: [1]
		});
	});

	it('counts ESS structures by activity family and by headcount band, saying how many are known', () => {
		const activities = figure(all, 'activites');
		expect(values(activities)).toEqual({ 'insertion-emploi': [2], 'action-sociale': [1] });
		expect(activities.note).toMatch(/^Famille connue pour 3 des 4 structures/);
		const sizes = figure(all, 'tailles');
		// In the bands' order, smallest first (a scale, not a ranking), though 20-49 counts more.
		expect(sizes.rows.map((r) => [r.code, r.values[0]])).toEqual([
			['01', 1],
			['12', 2]
		]);
		expect(sizes.note).toMatch(/^Tranche connue pour 3 des 4 structures/);
		const none = observatoryFigures({ ...input, organisations: organisations.slice(2, 4) }).find(
			(f) => f.id === 'tailles'
		)!;
		expect(none.rows).toEqual([]);
		expect(none.reading).toMatch(/^Aucune structure publiée n’a de tranche d’effectifs renseignée/);
	});

	it('counts thématiques for the three kinds, and the records without one', () => {
		expect(values(figure(all, 'thematiques'))).toEqual({ emploi: [1, 1, 1], habitat: [1, 1, 0] });
		expect(figure(all, 'thematiques').note).toContain('7 fiches ne sont rattachées à aucune');
	});

	it('counts initiatives per QPV, initiatives first', () => {
		const f = figure(all, 'qpv');
		expect(f.series.map((s) => s.key)).toEqual(['initiatives', 'structures']);
		expect(values(f)).toEqual({ hautepierre: [1, 1], guirbaden: [0, 0] });
		expect(f.note).toContain('1 initiative sur 3');
	});

	it('splits funding tools into open, to check and closed, and finds the gaps', () => {
		expect(values(figure(all, 'financements-stades'))).toEqual({
			emergence: [2, 0, 0],
			creation: [1, 1, 0],
			developpement: [0, 0, 0],
			'changement-echelle': [0, 0, 0],
			reprise: [0, 0, 1]
		});
		expect(figure(all, 'financements-stades').reading).toBe(
			'Sans aucun outil ouvert ni à vérifier : Développement, Changement d’échelle, Reprise.'.replace(
				'’',
				"'"
			)
		);
		expect(values(figure(all, 'financements-types'))).toEqual({
			subvention: [2, 0, 1],
			'pret-honneur': [0, 1, 0]
		});
		expect(values(figure(all, 'financements-publics'))).toEqual({
			association: [2, 0, 1],
			fiscalisee: [0, 1, 0],
			porteur: [0, 1, 0]
		});
		const gaps = figure(all, 'financements-lacunes');
		expect(gaps.mark).toBe('cells');
		expect(values(gaps)).toMatchObject({ emergence: [2, 0, 0], creation: [1, 1, 1], reprise: [0, 0, 0] });
		expect(gaps.reading).toMatch(
			/^11 cases vides .*: Émergence × Structure fiscalisée ; Émergence × Porteur/
		);
	});

	it('measures freshness over the last twelve months', () => {
		expect(values(figure(all, 'fraicheur'))).toEqual({
			structures: [3, 1],
			initiatives: [3, 0],
			outils: [4, 0]
		});
		expect(figure(all, 'fraicheur').reading).toBe(
			'91 % des fiches publiées ont été vérifiées depuis le 4 décembre 2025 (10 sur 11).'
		);
	});

	it('filters by commune: its places, the tools its projects may ask for, no quartiers outside Strasbourg', () => {
		const schilick = observatoryFigures(input, { commune: geo.communes[1] });
		expect(schilick.map((f) => f.id)).not.toContain('quartiers');
		expect(values(figure(schilick, 'communes'))).toEqual({ '67447': [1, 1] });
		expect(figure(schilick, 'communes').reading).toBe(
			'2 fiches à Schiltigheim : 1 structure de l’ESS et 1 initiative.'
		);
		expect(
			figure(schilick, 'financements-types')
				.rows.flatMap((r) => r.values)
				.reduce((a, b) => a + b)
		).toBe(4);
		const illkirch = observatoryFigures(input, { commune: geo.communes[2] });
		// t4 belongs to Schiltigheim: not offered in Illkirch.
		expect(values(figure(illkirch, 'financements-types'))).toEqual({
			subvention: [1, 0, 1],
			'pret-honneur': [0, 1, 0]
		});
		// QPV of other communes are left out.
		expect(values(figure(illkirch, 'qpv'))).toEqual({});
		expect(values(figure(observatoryFigures(input, { commune: geo.communes[0] }), 'qpv'))).toEqual({
			hautepierre: [1, 1]
		});
	});

	it('filters by thématique', () => {
		const emploi = observatoryFigures(input, { thematique: geo.thematiques[0] });
		expect(values(figure(emploi, 'communes'))).toEqual({ '67482': [1, 1] });
		expect(values(figure(emploi, 'financements-types'))).toEqual({ 'pret-honneur': [0, 1, 0] });
		expect(figure(emploi, 'familles').reading).toContain('dans la thématique « Emploi »');
	});
});

describe('figureTable', () => {
	it('adds a total column to stacked bars, not to cells', () => {
		const all = observatoryFigures(input);
		expect(figureTable(figure(all, 'communes'))).toEqual({
			headers: ['Commune', 'Structures de l’ESS', 'Initiatives', 'Total'],
			rows: [
				['Strasbourg', 2, 2, 4],
				['Schiltigheim', 1, 1, 2]
			]
		});
		expect(figureTable(figure(all, 'financements-lacunes')).headers).toEqual([
			'Stade',
			'Association non fiscalisée',
			'Structure fiscalisée',
			'Porteur de projet sans structure'
		]);
	});
});

describe('readObservatoryQuery', () => {
	it('reads a commune by slug or INSEE code and a thématique by code; drops unknown values with a note', () => {
		const q = (s: string) => readObservatoryQuery(new URLSearchParams(s), geo);
		expect(q('commune=schiltigheim&thematique=emploi').filters).toEqual({
			commune: geo.communes[1],
			thematique: geo.thematiques[0]
		});
		expect(q('commune=67447').filters.commune?.slug).toBe('schiltigheim');
		expect(q('commune=paris&thematique=x')).toEqual({
			filters: {},
			notes: ['Filtre ignoré : commune inconnue « paris ».', 'Filtre ignoré : thématique inconnue « x ».']
		});
		expect(q('commune=&thematique=')).toEqual({ filters: {}, notes: [] });
	});
});

describe('twelveMonthsBefore', () => {
	it('goes back a year, 29 February to the 28th', () => {
		expect(twelveMonthsBefore('2026-12-04')).toBe('2025-12-04');
		expect(twelveMonthsBefore('2028-02-29')).toBe('2027-02-28');
	});
});
