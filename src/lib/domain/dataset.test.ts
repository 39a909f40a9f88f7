import { describe, expect, it } from 'vitest';
import { checkDataset, formatIssue, type DataFile } from './dataset';
import { initiativeFixture, organisationFixture, toolFixture } from './test-fixtures';

const source = [{ reference: 'test', seen: '2026-01-01' }];
const commune = {
	code: '67482',
	slug: 'strasbourg',
	name: 'Strasbourg',
	postcodes: ['67000'],
	centroid: { lon: 7.7507, lat: 48.5818 },
	inCus2014: true,
	sources: source
};
const quartier = {
	code: 'SQ_08',
	slug: 'neudorf-port-du-rhin',
	name: 'Neudorf',
	communeCode: '67482',
	subQuartiers: [{ slug: 'neudorf', name: 'Neudorf', point: { lon: 7.7606, lat: 48.5672 } }],
	point: { lon: 7.7606, lat: 48.5672 },
	pointConfidence: 'medium',
	sources: source
};
const theme = {
	code: 'initiatives-habitants',
	label: 'Initiatives',
	description: 'x',
	sources: source,
	lastVerified: '2026-01-01'
};

function files(extra: Partial<Record<DataFile['kind'], unknown[]>>): DataFile[] {
	const base: Record<DataFile['kind'], unknown[]> = {
		communes: [commune],
		quartiers: [quartier],
		qpv: [],
		thematiques: [theme],
		organisations: [organisationFixture({ roles: ['acteur', 'financeur'] })],
		initiatives: [],
		fundingTools: [],
		places: [],
		events: [],
		...extra
	};
	return Object.entries(base).map(([kind, content]) => ({
		path: `data/${kind}.json`,
		kind: kind as DataFile['kind'],
		content
	}));
}

const NOW = new Date('2026-06-01T12:00:00Z');

describe('checkDataset', () => {
	it('accepts a coherent dataset', () => {
		const { issues, dataset } = checkDataset(files({ fundingTools: [toolFixture()] }), NOW);
		expect(issues).toEqual([]);
		expect(dataset.fundingTools).toHaveLength(1);
	});

	it('names file, record and field in each message', () => {
		const { issues } = checkDataset(
			files({ organisations: [organisationFixture({ slug: 'Bad Slug' })] }),
			NOW
		);
		expect(issues.map(formatIssue)).toEqual([
			expect.stringMatching(/^data\/organisations\.json:test-org:slug: slug invalide/)
		]);
	});

	it('refuses a source that cites our working notes instead of a publication, naming the field', () => {
		const { issues } = checkDataset(
			files({
				organisations: [
					organisationFixture({
						sources: [
							{
								url: 'https://www.avise.org',
								reference: 'funding-anchors.md Part 2, row DLA',
								seen: '2026-01-01'
							}
						]
					})
				]
			}),
			NOW
		);
		expect(issues.map(formatIssue)).toEqual([
			expect.stringMatching(
				/^data\/organisations\.json:test-org:sources\.0\.reference: Référence : « funding-anchors\.md » renvoie à des notes de travail/
			)
		]);
	});

	it('reports a file that is not an array', () => {
		const { issues } = checkDataset(files({ initiatives: { not: 'an array' } as never }), NOW);
		expect(issues[0].message).toMatch(/tableau JSON/);
	});

	const cases: [string, Partial<Record<DataFile['kind'], unknown[]>>, string, RegExp][] = [
		[
			'unknown quartier',
			{ initiatives: [initiativeFixture({ quartierCode: 'SQ_09' })] },
			'quartierCode',
			/quartier inconnu/
		],
		[
			'unknown commune',
			{ initiatives: [initiativeFixture({ communeCode: '67001' })] },
			'communeCode',
			/commune inconnue/
		],
		[
			'duplicate slug',
			{
				organisations: [
					organisationFixture({ roles: ['financeur'] }),
					organisationFixture({ id: 'other-org' })
				]
			},
			'slug',
			/déjà utilisé/
		],
		[
			'duplicate id across kinds',
			{ initiatives: [initiativeFixture({ id: 'test-org' })] },
			'id',
			/déjà utilisé/
		],
		[
			'unknown provider',
			{ fundingTools: [toolFixture({ providerIds: ['nobody'] })] },
			'providerIds.0',
			/financeur ou opérateur inconnu/
		],
		[
			'provider that neither funds nor supports',
			{ organisations: [organisationFixture()], fundingTools: [toolFixture()] },
			'providerIds.0',
			/ni le rôle financeur/
		],
		[
			'unknown thématique',
			{ initiatives: [initiativeFixture({ thematiques: ['sport'] })] },
			'thematiques.0',
			/thématique inconnue/
		],
		[
			'sub-quartier outside its quartier',
			{ initiatives: [initiativeFixture({ quartierCode: 'SQ_08', subQuartier: 'elsau' })] },
			'subQuartier',
			/sous-quartier/
		],
		[
			'approximate position that is not the reference point',
			{ initiatives: [initiativeFixture({ location: { lon: 7.74, lat: 48.58, precision: 'commune' } })] },
			'location',
			/n'est pas le centre de Strasbourg/
		],
		[
			'quartier precision without a quartier',
			{
				initiatives: [initiativeFixture({ location: { lon: 7.7606, lat: 48.5672, precision: 'quartier' } })]
			},
			'location',
			/sans quartierCode/
		],
		[
			'address precision without an address',
			{ initiatives: [initiativeFixture({ location: { lon: 7.74, lat: 48.58, precision: 'address' } })] },
			'address',
			/sans adresse/
		],
		[
			'verification in the future',
			{ initiatives: [initiativeFixture({ lastVerified: '2030-01-01' })] },
			'lastVerified',
			/futur/
		],
		[
			'unknown carrier organisation',
			{ initiatives: [initiativeFixture({ carrier: { kind: 'structure', organisationId: 'ghost' } })] },
			'carrier.organisationId',
			/organisation inconnue/
		],
		[
			'combination with an unknown tool',
			{ fundingTools: [toolFixture({ combinesWith: ['ghost-tool'] })] },
			'combinesWith.0',
			/outil inconnu/
		]
	];
	it.each(cases)('reports %s', (_label, extra, field, message) => {
		const { issues } = checkDataset(files(extra), NOW);
		expect(issues.length).toBeGreaterThan(0);
		expect(issues).toContainEqual(
			expect.objectContaining({ field, message: expect.stringMatching(message) })
		);
	});

	it('accepts an approximate position placed on the sub-quartier point', () => {
		const init = initiativeFixture({
			quartierCode: 'SQ_08',
			subQuartier: 'neudorf',
			location: { lon: 7.7606, lat: 48.5672, precision: 'quartier' }
		});
		expect(checkDataset(files({ initiatives: [init] }), NOW).issues).toEqual([]);
	});
});
