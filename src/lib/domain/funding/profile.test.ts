import { describe, expect, it } from 'vitest';
import { profileToQuery, resolveTerritory } from './profile';
import { parseFinderParams } from './profile-parse';
import { geo } from './test-seed';

describe('territories', () => {
	it('resolves communes by code or slug, QPV, keywords and outside codes', () => {
		expect(resolveTerritory('strasbourg', geo)).toMatchObject({
			value: '67482',
			communeCode: '67482',
			qpv: false
		});
		expect(resolveTerritory('67218', geo)?.label).toBe('Illkirch-Graffenstaden');
		expect(resolveTerritory('qpv-hautepierre', geo)).toMatchObject({ qpv: true, communeCode: '67482' });
		expect(resolveTerritory('hors-ems', geo)?.outside).toContain('eurometropole');
		expect(resolveTerritory('68224', geo)).toMatchObject({ inside: expect.arrayContaining(['alsace']) });
		expect(resolveTerritory('68224', geo)?.outside).toContain('bas-rhin');
		expect(resolveTerritory('67180', geo)?.inside).toContain('bas-rhin');
		expect(resolveTerritory('67180', geo)?.outside).toContain('eurometropole');
		expect(resolveTerritory('2A004', geo)?.outside).toContain('grand-est');
		expect(resolveTerritory('atlantide', geo)).toBeUndefined();
		expect(resolveTerritory('qpv-nulle-part', geo)).toBeUndefined();
	});
});

describe('profile parsing (public URL contract)', () => {
	const parse = (q: string) => parseFinderParams(new URLSearchParams(q), geo);

	it('reads every parameter of the contract', () => {
		const p = parse(
			'structure=fiscalisee&forme=scic&stade=changement-echelle&montant=25000&besoin=investissement&territoire=schiltigheim'
		);
		expect(p.errors).toEqual([]);
		expect(p.profile).toMatchObject({
			structure: 'fiscalisee',
			forme: 'scic',
			stade: 'changement-echelle',
			montant: 25000,
			besoin: 'investissement',
			territoire: { value: '67447', label: 'Schiltigheim' }
		});
		expect(p.answered).toBe(true);
	});

	it.each([
		['structure=entreprise', 'structure', /structure inconnue : « entreprise »/],
		['stade=lancement', 'stade', /stade inconnu : « lancement »/],
		['montant=beaucoup', 'montant', /montant invalide : indiquez un nombre entier/],
		['montant=-5', 'montant', /montant invalide/],
		['montant=0', 'montant', /au moins 1 €/],
		['montant=999999999999', 'montant', /100 millions/],
		['besoin=tresorerie', 'besoin', /besoin inconnu/],
		['territoire=atlantide', 'territoire', /territoire inconnu : « atlantide »/],
		['forme=sarl', 'forme', /forme juridique inconnue/],
		['structure=porteur&forme=scop', 'forme', /porteur de projet sans structure n’a pas encore de forme/],
		['structure=association&forme=scop', 'forme', /association non fiscalisée ne peut pas avoir la forme/],
		['structure=association&structure=porteur', 'structure', /plusieurs fois/]
	])('%s -> a French message on %s', (q, field, message) => {
		const p = parse(q);
		expect(p.errors).toHaveLength(1);
		expect(p.errors[0].field).toBe(field);
		expect(p.errors[0].message).toMatch(message);
	});

	it('accepts amounts written with spaces and a euro sign, and ignores empty and unknown parameters', () => {
		expect(parse('montant=20%20000%20€').profile.montant).toBe(20000);
		expect(parse('montant=20000€').profile.montant).toBe(20000);
		const p = parse('structure=&stade=creation&utm_source=lettre');
		expect(p.errors).toEqual([]);
		expect(p.profile).toEqual({ stade: 'creation' });
		expect(parse('structure=&besoin=').answered).toBe(true);
		expect(parse('utm_source=lettre').answered).toBe(false);
	});

	it('round-trips a profile to the same shared link', () => {
		const q =
			'structure=fiscalisee&forme=scop&stade=creation&montant=40000&besoin=investissement&territoire=67482';
		const p = parse(q);
		expect(profileToQuery(p.profile)).toBe(q);
		expect(profileToQuery(parse('territoire=strasbourg&structure=association').profile)).toBe(
			'structure=association&territoire=67482'
		);
	});
});

describe('territoire from the URL', () => {
	it('refuses names of Object.prototype as it refuses any unknown place', () => {
		for (const v of ['__proto__', 'constructor', 'toString', 'hasOwnProperty'])
			expect(resolveTerritory(v, geo)).toBeUndefined();
	});
});
