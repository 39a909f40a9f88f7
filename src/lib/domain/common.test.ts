import { describe, expect, it } from 'vitest';
import { notesMark, sourceSchema } from './common';

const seen = '2026-11-29';

function issues(source: unknown) {
	const r = sourceSchema.safeParse(source);
	return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('sourceSchema', () => {
	it('accepts a publication with its address, title and site', () => {
		expect(
			issues({
				url: 'https://www.pokaa.fr/2023/03/13/6-ateliers-strasbourgeois-pour-donner-une-seconde-vie-a-nos-objets',
				title: '6 ateliers strasbourgeois pour donner une seconde vie à nos objets',
				site: 'Pokaa',
				seen
			})
		).toEqual([]);
	});

	it('accepts an address alone, as CSV imports write it', () => {
		expect(issues({ url: 'https://www.avise.org', seen })).toEqual([]);
	});

	it('accepts a reference naming a publication that has no known address', () => {
		expect(
			issues({
				reference:
					'« Le Conseil de l’économie sociale et solidaire de Strasbourg : 4 ans de dialogue et de co-construction », Ville de Strasbourg, CUS et CRESS Alsace, 2014',
				site: 'Ville de Strasbourg, CUS et CRESS Alsace',
				seen
			})
		).toEqual([]);
	});

	it('refuses a source with neither address nor reference, a title alone is not enough', () => {
		expect(issues({ title: 'Un article', site: 'Pokaa', seen })).toEqual([
			{ path: '', message: expect.stringMatching(/adresse web \(url\).*référence \(reference\)/) }
		]);
	});

	it.each([
		['reference', 'structures-facts.md row 12'],
		['reference', 'funding-anchors.md Part 2, row DLA; source cited: avise.org'],
		['note', 'Source de la row 6'],
		['title', 'Research report, Part 2'],
		['site', 'geo-facts'],
		['reference', 'Rapport de recherche de novembre'],
		['note', 'vu dans nos notes de recherche']
	])('refuses a %s that points to our working notes: %s', (field, text) => {
		const found = issues({ url: 'https://www.avise.org', [field]: text, seen });
		expect(found).toHaveLength(1);
		expect(found[0].path).toBe(field);
		const label = { reference: 'Référence', note: 'Note', title: 'Titre', site: 'Site' }[field];
		expect(found[0].message).toMatch(new RegExp(`^${label} : « .+ » renvoie à des notes de travail`));
	});

	it('does not mistake ordinary French text for a pointer to the notes', () => {
		for (const text of [
			'Partie « ESS et création d’entreprises ».',
			'Rue89 Strasbourg, article n° 89496 ; adresse web incomplète',
			'Ligne de bus 2, arrêt Rotterdam',
			'Quote-part 2 du fonds',
			'Recherche d’entreprises (API publique)'
		])
			expect(notesMark(text), text).toBeUndefined();
	});
});
