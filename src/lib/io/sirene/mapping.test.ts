import { describe, expect, it } from 'vitest';
import { lambert93ToWgs84, toSireneEstablishment, type MappingContext } from './mapping';
import { sireneEstablishmentSchema, type EtablissementRow, type UniteLegaleRow } from './types';

const ctx: MappingContext = {
	stockDate: '2026-12-01',
	essFranceList: false,
	etablissementsLine: 10,
	unitesLegalesLine: 20
};

function etab(values: Partial<EtablissementRow> = {}): EtablissementRow {
	return {
		siren: '100000001',
		nic: '00011',
		siret: '10000000100011',
		statutDiffusionEtablissement: 'O',
		dateCreationEtablissement: '2012-09-01',
		trancheEffectifsEtablissement: '11',
		anneeEffectifsEtablissement: '2022',
		etablissementSiege: 'true',
		complementAdresseEtablissement: null,
		numeroVoieEtablissement: '12',
		indiceRepetitionEtablissement: null,
		typeVoieEtablissement: 'RUE',
		libelleVoieEtablissement: 'DU JEU DES ENFANTS',
		codePostalEtablissement: '67000',
		libelleCommuneEtablissement: 'STRASBOURG',
		codeCommuneEtablissement: '67482',
		coordonneeLambertAbscisseEtablissement: '1050210.8153265663',
		coordonneeLambertOrdonneeEtablissement: '6841826.00511661',
		etatAdministratifEtablissement: 'A',
		enseigne1Etablissement: null,
		denominationUsuelleEtablissement: null,
		activitePrincipaleEtablissement: '88.99B',
		nomenclatureActivitePrincipaleEtablissement: 'NAFRev2',
		caractereEmployeurEtablissement: 'O',
		activitePrincipaleNAF25Etablissement: null,
		...values
	};
}

function unit(values: Partial<UniteLegaleRow> = {}): UniteLegaleRow {
	return {
		siren: '100000001',
		statutDiffusionUniteLegale: 'O',
		identifiantAssociationUniteLegale: 'W672000001',
		etatAdministratifUniteLegale: 'A',
		denominationUniteLegale: 'JARDIN DES DEUX RIVES',
		denominationUsuelle1UniteLegale: null,
		categorieJuridiqueUniteLegale: '9220',
		economieSocialeSolidaireUniteLegale: 'O',
		...values
	};
}

const map = (e: Partial<EtablissementRow> = {}, u: Partial<UniteLegaleRow> = {}, c = ctx) =>
	toSireneEstablishment(etab(e), unit(u), c);

describe('lambert93ToWgs84', () => {
	it('puts the projection origin at 3° E, 46.5° N', () => {
		expect(lambert93ToWgs84(700000, 6600000)).toEqual([3, 46.5]);
	});

	it('places a Strasbourg point in Strasbourg', () => {
		expect(lambert93ToWgs84(1050210.8153265663, 6841826.00511661)).toEqual([7.7508, 48.5818]);
	});
});

describe('toSireneEstablishment', () => {
	it('maps a diffusible ESS association completely, in the schema', () => {
		const { record, positionDropped } = map();
		expect(sireneEstablishmentSchema.parse(record)).toEqual(record);
		expect(positionDropped).toBe(false);
		expect(record).toMatchObject({
			siret: '10000000100011',
			siren: '100000001',
			rna: 'W672000001',
			name: 'JARDIN DES DEUX RIVES',
			nameFromEstablishment: false,
			unitName: 'JARDIN DES DEUX RIVES',
			legalCategory: { code: '9220', label: 'Association déclarée', legalForm: 'association-declaree' },
			activity: {
				code: '88.99B',
				label: 'Action sociale sans hébergement n.c.a.',
				nomenclature: 'NAFRev2',
				family: 'action-sociale'
			},
			size: { code: '11', label: '10 à 19 salariés', year: 2022 },
			createdOn: '2012-09-01',
			headOffice: true,
			employer: true,
			commune: { code: '67482', name: 'STRASBOURG' },
			address: {
				number: '12',
				repetition: null,
				streetType: 'rue',
				streetName: 'DU JEU DES ENFANTS',
				postcode: '67000',
				line: '12 rue DU JEU DES ENFANTS'
			},
			position: { lon: 7.7508, lat: 48.5818, precision: 'address' },
			diffusion: 'O',
			naturalPerson: false,
			ess: { inseeFlag: true, essFranceList: false },
			stockDate: '2026-12-01',
			source: { etablissementsLine: 10, unitesLegalesLine: 20 }
		});
	});

	it('names the establishment by its enseigne when it differs, and says so', () => {
		const { record } = map({ enseigne1Etablissement: 'La Friperie Solidaire' });
		expect(record.name).toBe('La Friperie Solidaire');
		expect(record.nameFromEstablishment).toBe(true);
		expect(record.unitName).toBe('JARDIN DES DEUX RIVES');
	});

	it('does not count case, accents or punctuation as a different name', () => {
		const { record } = map({ enseigne1Etablissement: 'Jardin des Deux-Rives' });
		expect(record.name).toBe('JARDIN DES DEUX RIVES');
		expect(record.nameFromEstablishment).toBe(false);
	});

	it('falls back to the usual name of the establishment when it has no enseigne', () => {
		const { record } = map({ denominationUsuelleEtablissement: 'ANTENNE NORD' });
		expect(record.name).toBe('ANTENNE NORD');
		expect(record.nameFromEstablishment).toBe(true);
	});

	it('keeps no address nor position for a partially diffusible establishment', () => {
		const { record } = map({ statutDiffusionEtablissement: 'P' });
		expect(record.address).toBeNull();
		expect(record.position).toBeNull();
		expect(record.diffusion).toBe('P');
		expect(record.name).toBe('JARDIN DES DEUX RIVES');
		expect(record.commune.code).toBe('67482');
		expect(record.activity.code).toBe('88.99B');
		expect(record.size?.code).toBe('11');
	});

	it('keeps no address nor position when the legal unit is partially diffusible (or legacy N)', () => {
		for (const status of ['P', 'N'] as const) {
			const { record } = map({}, { statutDiffusionUniteLegale: status });
			expect(record.address).toBeNull();
			expect(record.position).toBeNull();
			expect(record.diffusion).toBe('P');
			expect(record.name).toBe('JARDIN DES DEUX RIVES');
		}
	});

	it('never names a natural person, not even by the enseigne', () => {
		const { record } = map(
			{ enseigne1Etablissement: 'ATELIER JEAN EXEMPLE', denominationUsuelleEtablissement: 'JEAN EXEMPLE' },
			{ categorieJuridiqueUniteLegale: '1000', denominationUniteLegale: null }
		);
		expect(record.name).toBeNull();
		expect(record.unitName).toBeNull();
		expect(record.nameFromEstablishment).toBe(false);
		expect(record.naturalPerson).toBe(true);
		expect(JSON.stringify(record)).not.toContain('JEAN');
		expect(record.legalCategory).toEqual({
			code: '1000',
			label: 'Entrepreneur individuel',
			legalForm: 'inconnue'
		});
	});

	it('expands the street type whether written as a code or as a word, with the repetition index', () => {
		expect(
			map({ typeVoieEtablissement: 'BD', indiceRepetitionEtablissement: 'B' }).record.address?.line
		).toBe('12 bis boulevard DU JEU DES ENFANTS');
		expect(map({ typeVoieEtablissement: 'AVENUE' }).record.address?.streetType).toBe('avenue');
		const noNumber = map({ numeroVoieEtablissement: null, indiceRepetitionEtablissement: 'B' }).record
			.address;
		expect(noNumber?.line).toBe('rue DU JEU DES ENFANTS');
		expect(noNumber?.repetition).toBeNull();
	});

	it('has no position without coordinates, the address staying', () => {
		const { record } = map({
			coordonneeLambertAbscisseEtablissement: null,
			coordonneeLambertOrdonneeEtablissement: null
		});
		expect(record.position).toBeNull();
		expect(record.address?.line).toBe('12 rue DU JEU DES ENFANTS');
	});

	it('drops coordinates that fall outside the Eurométropole and says so', () => {
		const { record, positionDropped } = map({
			coordonneeLambertAbscisseEtablissement: '652469.022709136',
			coordonneeLambertOrdonneeEtablissement: '6862035.259420076'
		});
		expect(record.position).toBeNull();
		expect(positionDropped).toBe(true);
	});

	it('gives no rév. 2 label or family to a code of an older nomenclature', () => {
		const { record } = map({
			activitePrincipaleEtablissement: '85.3K',
			nomenclatureActivitePrincipaleEtablissement: 'NAFRev1'
		});
		expect(record.activity).toMatchObject({
			code: '85.3K',
			label: null,
			nomenclature: 'NAFRev1',
			family: 'autre'
		});
	});

	it('has no size for an unknown band, and no year when the register has none', () => {
		expect(map({ trancheEffectifsEtablissement: null }).record.size).toBeNull();
		expect(
			map({ trancheEffectifsEtablissement: 'NN', anneeEffectifsEtablissement: null }).record.size
		).toEqual({
			code: 'NN',
			label: 'Unité non employeuse',
			year: null
		});
	});

	it('keeps only well-formed RNA ids and records the ESS France list', () => {
		expect(map({}, { identifiantAssociationUniteLegale: '12' }).record.rna).toBeNull();
		const listed = map({}, { economieSocialeSolidaireUniteLegale: null }, { ...ctx, essFranceList: true });
		expect(listed.record.ess).toEqual({ inseeFlag: false, essFranceList: true });
	});
});
