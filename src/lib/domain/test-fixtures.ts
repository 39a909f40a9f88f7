/** Minimal valid records for tests. Marked synthetic: they must never be mistaken for real data. */
import type { EventInput, FundingToolInput, InitiativeInput, OrganisationInput } from './records';

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

/**
 * An event to come in early February 2027, with a source a visitor could open (the agenda's tests read it back
 * in feeds, the sitemap and the API): tests set the dates, place and status they are about.
 */
export function eventFixture(overrides: Partial<EventInput> = {}): EventInput {
	return {
		kind: 'event',
		id: 'test-event',
		slug: 'test-event',
		name: 'Événement de test (synthétique)',
		description: 'Un événement de test.',
		status: 'published',
		startDate: '2027-02-01',
		sources: [
			{ url: 'https://www.exemple.org/programme', title: 'Programme', site: 'Exemple', seen: '2027-01-10' }
		],
		lastVerified: '2027-01-10',
		confidence: 'high',
		synthetic: true,
		...overrides
	};
}
