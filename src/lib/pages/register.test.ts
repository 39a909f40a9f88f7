import { describe, expect, it } from 'vitest';
import { organisationSchema } from '$lib/domain/records';
import { testCatalogue } from '$lib/domain/test-catalogue';
import { organisationFixture } from '$lib/domain/test-fixtures';
import { placesIn } from '$lib/domain/catalogue';
import { provenanceText, registerFacts } from './register';
import { organisationPage } from './structure';
import { SITE, communes, directoryRecords, quartiers, thematiques } from './test-data';

const fromRegister = organisationSchema.parse(
	organisationFixture({
		id: 'sirene-10000000100011',
		slug: 'jardin-des-deux-rives',
		name: 'JARDIN DES DEUX RIVES',
		siret: '10000000100011',
		siren: '100000001',
		rna: 'W672000001',
		legalCategory: '9260',
		naf: '88.99B',
		activityFamily: 'action-sociale',
		sizeBand: '03',
		sizeBandYear: 2023,
		createdOn: '2012-09-01',
		establishment: 'siege',
		origin: 'sirene',
		sireneStock: '2026-12-01'
	})
);
const national = organisationSchema.parse(
	organisationFixture({
		id: 'financeur-national',
		slug: 'financeur-national',
		name: 'Financeur national',
		roles: ['financeur'],
		communeCode: undefined,
		territory: 'france'
	})
);
const catalogue = testCatalogue([...directoryRecords, fromRegister, national], {
	communes,
	quartiers,
	thematiques
});

describe('register facts on a structure page', () => {
	it('says the record comes from the register, with the stock date, and the facts in words', () => {
		const facts = registerFacts(fromRegister)!;
		expect(facts.provenance).toMatch(/^D’après le répertoire SIRENE \(INSEE\), stock du 1 décembre 2026/);
		expect(Object.fromEntries(facts.rows.map((r) => [r.label, r.value]))).toEqual({
			SIREN: '100000001',
			'Numéro RNA': 'W672000001',
			'Catégorie juridique (INSEE)': 'Association de droit local (Bas-Rhin, Haut-Rhin et Moselle) (9260)',
			'Activité (code NAF)': 'Action sociale sans hébergement n.c.a. (88.99B)',
			'Famille d’activité': 'Action sociale et médico-sociale',
			'Effectifs salariés': '6 à 9 salariés (2023)',
			'Création de l’établissement': '1 septembre 2012',
			Établissement: 'Siège'
		});
		expect(organisationPage(catalogue, 'jardin-des-deux-rives', SITE)!.register).toEqual(facts);
	});

	it('tells a curated record enriched from the register apart, and says nothing without register facts', () => {
		expect(provenanceText({ sireneStock: '2026-12-01' })).toMatch(
			/^Identifiants, activité et effectifs d’après/
		);
		expect(provenanceText({})).toBeUndefined();
		expect(registerFacts(directoryRecords[0] as never)).toBeUndefined();
	});
});

describe('an organisation without a commune', () => {
	it('shows its territory of action, has no neighbours and counts in no commune', () => {
		const p = organisationPage(catalogue, 'financeur-national', SITE)!;
		expect(p.place.communeName).toBeUndefined();
		expect(p.place.territoryName).toBe('France');
		expect(p.sameQuartier).toEqual([]);
		const ld = JSON.parse(p.jsonLd);
		expect(ld.address).toBeUndefined();
		expect(ld.areaServed).toEqual({ '@type': 'AdministrativeArea', name: 'France' });
		for (const c of communes)
			expect(placesIn(catalogue, { communeCode: c.code }).organisations.map((o) => o.id)).not.toContain(
				'financeur-national'
			);
	});
});
