import { describe, expect, it } from 'vitest';
import { offerCard, readOfferForm, shownOffers, type StoredOffer } from './premises';

/** A fixed clock: 5 December 2026 at 23:30 in Strasbourg (22:30 UTC), the day's last hour. */
const NOW = new Date('2026-12-05T22:30:00Z');

const form = {
	surface: '45 m²',
	rentKind: 'loyer',
	rentMin: '300',
	rentMax: '450',
	availableFrom: '2026-12-01',
	availableUntil: '2027-03-31',
	contact: 'Camille, 03 88 00 00 00',
	description: 'Un bureau lumineux au premier étage, partagé avec une association.'
};

function stored(id: string, status: StoredOffer['status'], from: string, until: string): StoredOffer {
	const r = readOfferForm({ ...form, availableFrom: from, availableUntil: until }, new Date('2026-01-01'));
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return { id, placeId: 'p', status, offer: r.offer, createdAt: '', decidedAt: null, decisionReason: null };
}

describe('premises offers: the form', () => {
	it('reads numbers as people write them, and a rent range', () => {
		const r = readOfferForm(form, NOW);
		expect(r).toEqual({
			ok: true,
			offer: {
				surface: 45,
				rent: { kind: 'loyer', min: 300, max: 450 },
				availableFrom: '2026-12-01',
				availableUntil: '2027-03-31',
				contact: 'Camille, 03 88 00 00 00',
				description: form.description
			}
		});
	});

	it('a free offer has no rent, and a French date is read', () => {
		const r = readOfferForm({ ...form, rentKind: 'gratuit', rentMin: '', availableUntil: '31/1/2027' }, NOW);
		expect(r.ok && r.offer.rent).toEqual({ kind: 'gratuit' });
		expect(r.ok && r.offer.availableUntil).toBe('2027-01-31');
	});

	it('says what is wrong, field by field, in French', () => {
		const r = readOfferForm(
			{
				surface: 'grand',
				rentKind: 'loyer',
				rentMin: '500',
				rentMax: '200',
				availableFrom: '2026-12-10',
				availableUntil: '2026-12-01',
				contact: '',
				description: 'court'
			},
			NOW
		);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors).toEqual({
			surface: 'nombre de mètres carrés attendu',
			rentMax: 'le maximum est plus petit que le minimum',
			availableUntil: 'la fin de l’offre est avant la date de disponibilité',
			contact: 'indiquez comment joindre la personne qui propose le local',
			description: 'au moins 20 caractères'
		});
		const none = readOfferForm({}, NOW);
		expect(!none.ok && none.errors.rentKind).toBe('choisissez « Gratuit » ou « Loyer »');
		expect(!none.ok && none.errors.surface).toBe('indiquez la surface en mètres carrés');
	});

	it('refuses an offer already over, or longer than a year', () => {
		const past = readOfferForm({ ...form, availableFrom: '2026-11-01', availableUntil: '2026-12-04' }, NOW);
		expect(!past.ok && past.errors.availableUntil).toMatch(/déjà passée/);
		const long = readOfferForm({ ...form, availableUntil: '2028-01-01' }, NOW);
		expect(!long.ok && long.errors.availableUntil).toMatch(/au plus un an/);
	});
});

describe('premises offers: expiry on a fixed clock', () => {
	const offers = [
		stored('ends-today', 'published', '2026-11-01', '2026-12-05'),
		stored('ended-yesterday', 'published', '2026-11-01', '2026-12-04'),
		stored('later', 'published', '2027-01-01', '2027-02-01'),
		stored('pending', 'pending', '2026-11-01', '2027-02-01'),
		stored('rejected', 'rejected', '2026-11-01', '2027-02-01')
	];

	it('shows published offers through their end date (Europe/Paris), soonest first, and no other', () => {
		expect(shownOffers(offers, NOW).map((o) => o.id)).toEqual(['ends-today', 'later']);
		// Half an hour later it is 6 December in Strasbourg: the offer ending on the 5th is gone.
		expect(shownOffers(offers, new Date('2026-12-05T23:00:00Z')).map((o) => o.id)).toEqual(['later']);
	});

	it('reads as a card: now or from when, until when, the rent in words', () => {
		expect(offerCard(offers[0], NOW)).toMatchObject({
			surface: '45 m²',
			rent: 'De 300 à 450 € par mois',
			available: 'Disponible maintenant, jusqu’au 5 décembre 2026'
		});
		expect(offerCard(offers[2], NOW).available).toBe('Disponible du 1 janvier 2027 au 1 février 2027');
	});
});
