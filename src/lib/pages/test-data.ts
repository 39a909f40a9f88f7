/**
 * The records and reference data of the page builders' tests: small, synthetic, built into a catalogue in
 * memory (no store). Read by tests only.
 */
import type { Catalogue } from '$lib/domain/catalogue';
import { communeSchema, type Commune, type Quartier, type Thematique } from '$lib/domain/geography';
import {
	fundingToolSchema,
	initiativeSchema,
	organisationSchema,
	type PublicRecord
} from '$lib/domain/records';
import { testCatalogue } from '$lib/domain/test-catalogue';
import { initiativeFixture, organisationFixture, toolFixture } from '$lib/domain/test-fixtures';

export const SITE = 'https://carto.test';

// ---------------------------------------------------------------------------------------------------------
// The annuaire and the record pages: two communes, two quartiers, a few records of each kind and a draft.

const src = [{ reference: 'Test', seen: '2026-01-01' }];
export const communes: Commune[] = [
	{
		code: '67482',
		slug: 'strasbourg',
		name: 'Strasbourg',
		postcodes: ['67000'],
		centroid: { lon: 7.7521, lat: 48.5734 },
		inCus2014: true,
		sources: src
	},
	{
		code: '67447',
		slug: 'schiltigheim',
		name: 'Schiltigheim',
		postcodes: ['67300'],
		centroid: { lon: 7.7487, lat: 48.6078 },
		inCus2014: true,
		sources: src
	}
];
export const quartiers: Quartier[] = [
	{
		code: 'SQ_07',
		slug: 'meinau',
		name: 'Meinau',
		communeCode: '67482',
		subQuartiers: [{ slug: 'canardiere', name: 'Canardière' }],
		point: { lon: 7.7614, lat: 48.558 },
		pointConfidence: 'medium',
		sources: src
	},
	{
		code: 'SQ_10',
		slug: 'neuhof',
		name: 'Neuhof',
		communeCode: '67482',
		subQuartiers: [{ slug: 'neuhof-1', name: 'Neuhof 1' }],
		point: { lon: 7.7796, lat: 48.5508 },
		pointConfidence: 'medium',
		sources: src
	}
];
export const thematiques: Thematique[] = [
	{ code: 'mobilite', label: 'Mobilité', description: 'x', sources: src, lastVerified: '2026-01-01' }
];

const at = (q: Quartier) => ({ lon: q.point.lon, lat: q.point.lat, precision: 'quartier' as const });
export const directoryRecords: PublicRecord[] = [
	organisationSchema.parse(
		organisationFixture({
			id: 'bretzselle',
			slug: 'bretzselle',
			name: "Bretz'selle",
			description: 'Atelier participatif de réparation de vélos. <script>alert(1)</script>',
			tags: ['vélo'],
			legalForm: 'association-droit-local',
			fiscalStatus: 'non-fiscalisee',
			quartierCode: 'SQ_07',
			location: at(quartiers[0]),
			thematiques: ['mobilite'],
			lastVerified: '2026-03-01'
		})
	),
	organisationSchema.parse(
		organisationFixture({
			id: 'scop-velo',
			slug: 'scop-velo',
			name: 'Cycles coopératifs',
			description: 'Vente et réparation de vélos en coopérative.',
			legalForm: 'scop',
			fiscalStatus: 'fiscalisee',
			approvals: ['esus'],
			quartierCode: 'SQ_10',
			location: at(quartiers[1]),
			thematiques: ['mobilite'],
			lastVerified: '2026-05-01'
		})
	),
	organisationSchema.parse(
		organisationFixture({
			id: 'financeur',
			slug: 'financeur',
			name: 'Fonds solidaire',
			description: 'Finance les projets.',
			roles: ['financeur'],
			legalForm: 'association-declaree',
			communeCode: '67447',
			lastVerified: '2025-01-01'
		})
	),
	initiativeSchema.parse(
		initiativeFixture({
			id: 'atelier-mobile',
			slug: 'atelier-mobile',
			name: 'Atelier mobile de la Meinau',
			description: 'Réparation de vélos au pied des immeubles.',
			initiativeType: 'repair-cafe',
			carrier: { kind: 'association', name: "Bretz'selle", organisationId: 'bretzselle' },
			quartierCode: 'SQ_07',
			location: at(quartiers[0])
		})
	),
	fundingToolSchema.parse(
		toolFixture({
			id: 'pret-honneur',
			slug: 'pret-honneur',
			name: "Prêt d'honneur",
			description: 'Prêt personnel à taux zéro.',
			providerIds: ['financeur'],
			types: ['pret-honneur'],
			stages: ['creation'],
			eligibility: { audiences: ['porteur', 'fiscalisee'] }
		})
	),
	fundingToolSchema.parse(
		toolFixture({
			id: 'subvention-asso',
			slug: 'subvention-asso',
			name: 'Subvention aux associations',
			description: 'Pour les associations.',
			providerIds: ['financeur'],
			types: ['subvention'],
			eligibility: { audiences: ['association'] }
		})
	),
	organisationSchema.parse(
		organisationFixture({ id: 'brouillon', slug: 'brouillon', name: 'Vélo brouillon', status: 'draft' })
	)
];

export function directoryCatalogue(version = 1): Catalogue {
	return testCatalogue(directoryRecords, { communes, quartiers, thematiques }, version);
}

// ---------------------------------------------------------------------------------------------------------
// The funding pages: one financeur, a draft accompagnateur, four tools (one closed, one not verified since 2024).

export const provider = organisationSchema.parse(
	organisationFixture({
		id: 'financeur-test',
		slug: 'financeur-test',
		name: 'Financeur de test (synthétique)',
		roles: ['financeur'],
		contact: { website: 'https://financeur.example.org' }
	})
);
const other = organisationSchema.parse(
	organisationFixture({
		id: 'autre-financeur',
		slug: 'autre-financeur',
		roles: ['accompagnateur'],
		status: 'draft'
	})
);
export const loan = fundingToolSchema.parse(
	toolFixture({
		id: 'pret-test',
		slug: 'pret-test',
		name: 'Prêt de test </script><b>x</b> (synthétique)',
		providerIds: ['financeur-test'],
		types: ['pret-honneur'],
		eligibility: { audiences: ['fiscalisee', 'porteur'] },
		stages: ['creation'],
		amount: { min: 1000, max: 20000 },
		ratePercent: 0,
		termMonths: { min: 12, max: 60 },
		combinesWith: ['garantie-test'],
		lastVerified: '2026-11-01'
	})
);
export const guarantee = fundingToolSchema.parse(
	toolFixture({
		id: 'garantie-test',
		slug: 'garantie-test',
		name: 'Garantie de test (synthétique)',
		providerIds: ['financeur-test', 'autre-financeur'],
		types: ['garantie'],
		eligibility: { audiences: ['association', 'fiscalisee'] },
		stages: ['creation', 'developpement'],
		amount: { max: 100000 },
		lastVerified: '2024-01-01'
	})
);
export const grant = fundingToolSchema.parse(
	toolFixture({
		id: 'subvention-test',
		slug: 'subvention-test',
		name: 'Subvention de test (synthétique)',
		providerIds: ['autre-financeur'],
		types: ['subvention'],
		eligibility: { audiences: ['association'] },
		territory: 'eurometropole',
		amount: { max: 5000 }
	})
);
const closed = fundingToolSchema.parse(
	toolFixture({
		id: 'ferme-test',
		slug: 'ferme-test',
		name: 'Aide fermée de test (synthétique)',
		availability: 'ferme',
		providerIds: ['financeur-test']
	})
);

export function fundingCatalogue(): Catalogue {
	return testCatalogue([provider, other, loan, guarantee, grant, closed], {
		communes: [
			communeSchema.parse({
				code: '67482',
				slug: 'strasbourg',
				name: 'Strasbourg',
				postcodes: ['67000'],
				centroid: { lon: 7.75, lat: 48.58 },
				inCus2014: true,
				sources: [{ reference: 'test', seen: '2026-01-01' }]
			})
		]
	});
}
