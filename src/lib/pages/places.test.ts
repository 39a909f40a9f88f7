import { describe, expect, it } from 'vitest';
import { testCatalogue } from '$lib/domain/test-catalogue';
import { placeSchema, type Place } from '$lib/domain/records';
import type { StoredOffer } from '$lib/domain/places/premises';
import { placePage, placesPage } from './places';

/** A fixed clock: 5 December 2026, 11:00 in Strasbourg. */
const NOW = new Date('2026-12-05T10:00:00Z');

const place = (id: string): Place =>
	placeSchema.parse({
		kind: 'place',
		id,
		slug: id,
		name: `Lieu ${id}`,
		description: 'Un lieu pour les tests des pages des lieux.',
		status: 'published',
		sources: [{ reference: 'test', seen: '2026-11-01' }],
		lastVerified: '2026-11-01',
		confidence: 'medium',
		caveats: [],
		placeTypes: ['coworking'],
		communeCode: '67482'
	});

const offer = (id: string, placeId: string, until: string, free: boolean): StoredOffer => ({
	id,
	placeId,
	status: 'published',
	createdAt: '2026-11-01T00:00:00Z',
	decidedAt: '2026-11-02T00:00:00Z',
	decisionReason: null,
	offer: {
		surface: 40,
		rent: free ? { kind: 'gratuit' } : { kind: 'loyer', min: 300 },
		availableFrom: '2026-12-01',
		availableUntil: until,
		contact: 'Camille, 03 88 00 00 00',
		description: 'Un bureau pour les tests des pages des lieux.'
	}
});

const c = testCatalogue([place('lieu-a'), place('lieu-b'), place('lieu-c')]);
const offers = new Map([
	['lieu-a', [offer('o-free', 'lieu-a', '2026-12-31', true)]],
	['lieu-b', [offer('o-rent', 'lieu-b', '2026-12-05', false)]],
	['lieu-c', [offer('o-ended', 'lieu-c', '2026-12-04', true)]]
]);
const page = (query: string, now = NOW) => placesPage(c, new URL(`https://x/lieux${query}`), now, offers);

describe('/lieux: « Locaux disponibles »', () => {
	it('lists the offers shown today with their place; an ended one is gone', () => {
		expect(page('').offers.map((o) => [o.id, o.place.name])).toEqual([
			['o-free', 'Lieu lieu-a'],
			['o-rent', 'Lieu lieu-b']
		]);
		expect(page('', new Date('2026-12-06T08:00:00Z')).offers.map((o) => o.id)).toEqual(['o-free']);
	});

	it('filters the places by premises offered, or offered free, and notes a bad value', () => {
		expect(page('?locaux=oui').cards.map((p) => p.id)).toEqual(['lieu-a', 'lieu-b']);
		expect(page('?locaux=gratuit').cards.map((p) => p.id)).toEqual(['lieu-a']);
		expect(page('?locaux=gratuit').offers.map((o) => o.id)).toEqual(['o-free']);
		const bad = page('?locaux=beaucoup');
		expect(bad.cards).toHaveLength(3);
		expect(bad.notes).toEqual(['Filtre ignoré : locaux : valeur inconnue « beaucoup » (oui ou gratuit).']);
	});

	it('shows a place’s own offers and the link to offer premises there', () => {
		const p = placePage(c, 'lieu-b', 'https://x', NOW, offers)!;
		expect(p.offers.map((o) => [o.rent, o.available])).toEqual([
			['300 € par mois', 'Disponible maintenant, jusqu’au 5 décembre 2026']
		]);
		expect(p.offerHref).toBe('/lieux/lieu-b/locaux');
		expect(placePage(c, 'lieu-c', 'https://x', NOW, offers)?.offers).toEqual([]);
	});
});
