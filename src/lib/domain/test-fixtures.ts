/** Minimal valid records for tests. Marked synthetic: they must never be mistaken for real data. */
import type { FundingToolInput, InitiativeInput, OrganisationInput } from './records';

const source = [{ reference: 'Test fixture (synthetic)', seen: '2026-01-01' }];

export function organisationFixture(overrides: Partial<OrganisationInput> = {}): OrganisationInput {
	return {
		kind: 'organisation',
		id: 'test-org',
		slug: 'test-org',
		name: 'Structure de test (synthétique)',
		description: 'Donnée synthétique pour les tests.',
		status: 'published',
		sources: source,
		lastVerified: '2026-01-01',
		confidence: 'low',
		synthetic: true,
		roles: ['acteur'],
		legalForm: 'association',
		isEss: true,
		communeCode: '67482',
		...overrides
	};
}

export function initiativeFixture(overrides: Partial<InitiativeInput> = {}): InitiativeInput {
	return {
		kind: 'initiative',
		id: 'test-init',
		slug: 'test-init',
		name: 'Initiative de test (synthétique)',
		description: 'Donnée synthétique pour les tests.',
		status: 'published',
		sources: source,
		lastVerified: '2026-01-01',
		confidence: 'low',
		synthetic: true,
		initiativeType: 'jardin-partage',
		isEss: true,
		carrier: { kind: 'collectif-habitants' },
		communeCode: '67482',
		...overrides
	};
}

export function toolFixture(overrides: Partial<FundingToolInput> = {}): FundingToolInput {
	return {
		kind: 'funding-tool',
		id: 'test-tool',
		slug: 'test-tool',
		name: 'Outil de test (synthétique)',
		description: 'Donnée synthétique pour les tests.',
		status: 'published',
		sources: source,
		lastVerified: '2026-01-01',
		confidence: 'low',
		synthetic: true,
		providerIds: ['test-org'],
		types: ['subvention'],
		eligibility: { audiences: ['association'] },
		stages: ['emergence'],
		territory: 'france',
		howToApply: 'Test.',
		availability: 'ouvert',
		...overrides
	};
}
