/**
 * A tiny SIRENE stock in INSEE's real column layout (all 54 and 35 columns), one row per case the pipeline
 * must handle. Every name is invented. `fixtures/` holds these files as written by `scripts/write-sirene-fixtures.ts`
 * (fixture.test.ts checks they have not drifted).
 */
import {
	ETABLISSEMENT_COLUMNS,
	UNITE_LEGALE_COLUMNS,
	type EtablissementColumn,
	type UniteLegaleColumn
} from './columns';

/** One CSV line as INSEE writes it: quotes only where a value needs them. */
export function csvLine(values: readonly string[]): string {
	return values.map((v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',');
}

export function etablissementRow(values: Partial<Record<EtablissementColumn, string>>): string[] {
	return ETABLISSEMENT_COLUMNS.map((c) => values[c] ?? '');
}

export function uniteLegaleRow(values: Partial<Record<UniteLegaleColumn, string>>): string[] {
	return UNITE_LEGALE_COLUMNS.map((c) => values[c] ?? '');
}

export function stockCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
	return [header, ...rows].map(csvLine).join('\n') + '\n';
}

const ND = '[ND]';

/** An active establishment at an address in Strasbourg, with Lambert-93 coordinates; override what differs. */
function etab(
	siren: string,
	nic: string,
	values: Partial<Record<EtablissementColumn, string>> = {}
): Partial<Record<EtablissementColumn, string>> {
	return {
		siren,
		nic,
		siret: siren + nic,
		statutDiffusionEtablissement: 'O',
		dateCreationEtablissement: '2012-09-01',
		trancheEffectifsEtablissement: '03',
		anneeEffectifsEtablissement: '2023',
		dateDernierTraitementEtablissement: '2024-05-02T10:11:12.000',
		etablissementSiege: 'true',
		nombrePeriodesEtablissement: '2',
		numeroVoieEtablissement: '12',
		typeVoieEtablissement: 'RUE',
		libelleVoieEtablissement: 'DU JEU DES ENFANTS',
		codePostalEtablissement: '67000',
		libelleCommuneEtablissement: 'STRASBOURG',
		codeCommuneEtablissement: '67482',
		identifiantAdresseEtablissement: '67482_1234_00012',
		coordonneeLambertAbscisseEtablissement: '1050210.8153265663',
		coordonneeLambertOrdonneeEtablissement: '6841826.00511661',
		dateDebut: '2019-01-01',
		etatAdministratifEtablissement: 'A',
		activitePrincipaleEtablissement: '88.99B',
		nomenclatureActivitePrincipaleEtablissement: 'NAFRev2',
		caractereEmployeurEtablissement: 'O',
		activitePrincipaleNAF25Etablissement: '88.99Y',
		...values
	};
}

function unit(
	siren: string,
	values: Partial<Record<UniteLegaleColumn, string>> = {}
): Partial<Record<UniteLegaleColumn, string>> {
	return {
		siren,
		statutDiffusionUniteLegale: 'O',
		unitePurgeeUniteLegale: '',
		dateCreationUniteLegale: '2012-09-01',
		trancheEffectifsUniteLegale: '03',
		anneeEffectifsUniteLegale: '2023',
		dateDernierTraitementUniteLegale: '2024-05-02T10:11:12.000',
		nombrePeriodesUniteLegale: '2',
		categorieEntreprise: 'PME',
		anneeCategorieEntreprise: '2022',
		dateDebut: '2012-09-01',
		etatAdministratifUniteLegale: 'A',
		categorieJuridiqueUniteLegale: '9220',
		activitePrincipaleUniteLegale: '88.99B',
		nomenclatureActivitePrincipaleUniteLegale: 'NAFRev2',
		nicSiegeUniteLegale: '00011',
		economieSocialeSolidaireUniteLegale: 'O',
		societeMissionUniteLegale: 'N',
		caractereEmployeurUniteLegale: 'O',
		activitePrincipaleNAF25UniteLegale: '88.99Y',
		...values
	};
}

/** SIRETs of the fixture by the case they stand for. */
export const FIXTURE_SIRET = {
	plain: '10000000100011',
	enseigneDiffers: '10000000200011',
	establishmentPartial: '10000000300011',
	unitPartial: '10000000400011',
	closed: '10000000100029',
	outside: '10000000100037',
	notEss: '10000000500011',
	essFranceOnly: '01234567800012',
	noCoordinates: '10000000600011',
	naturalPerson: '10000000700011',
	unitMissing: '10000000800011',
	coordinatesElsewhere: '10000000900011',
	oldNomenclature: '10000001000011'
} as const;

export const FIXTURE_ETABLISSEMENTS: Partial<Record<EtablissementColumn, string>>[] = [
	// ESS association at an address, its enseigne being its own name in another case: not a different name.
	etab('100000001', '00011', {
		enseigne1Etablissement: 'Jardin des Deux Rives',
		typeVoieEtablissement: 'BD'
	}),
	// The same SIRET a second time: one establishment.
	etab('100000001', '00011', {
		enseigne1Etablissement: 'Jardin des Deux Rives',
		typeVoieEtablissement: 'BD'
	}),
	// A closed establishment of the same unit.
	etab('100000001', '00029', { etatAdministratifEtablissement: 'F', etablissementSiege: 'false' }),
	// An active establishment of the same unit outside the Eurométropole (Haguenau).
	etab('100000001', '00037', {
		codeCommuneEtablissement: '67180',
		libelleCommuneEtablissement: 'HAGUENAU',
		codePostalEtablissement: '67500',
		etablissementSiege: 'false'
	}),
	// An enseigne that differs from the unit's name, street type written as a word, repetition index.
	etab('100000002', '00011', {
		enseigne1Etablissement: 'LA FRIPERIE SOLIDAIRE',
		numeroVoieEtablissement: '3',
		indiceRepetitionEtablissement: 'B',
		typeVoieEtablissement: 'AVENUE',
		libelleVoieEtablissement: 'DES VOSGES',
		activitePrincipaleEtablissement: '47.79Z',
		codeCommuneEtablissement: '67447',
		libelleCommuneEtablissement: 'SCHILTIGHEIM',
		codePostalEtablissement: '67300',
		coordonneeLambertAbscisseEtablissement: '1050727.3254676405',
		coordonneeLambertOrdonneeEtablissement: '6846000.208892192'
	}),
	// Partially diffusible establishment: INSEE masks its address with [ND].
	etab('100000003', '00011', {
		statutDiffusionEtablissement: 'P',
		numeroVoieEtablissement: ND,
		typeVoieEtablissement: ND,
		libelleVoieEtablissement: ND,
		codePostalEtablissement: ND,
		identifiantAdresseEtablissement: ND,
		coordonneeLambertAbscisseEtablissement: ND,
		coordonneeLambertOrdonneeEtablissement: ND
	}),
	// Diffusible establishment of a partially diffusible unit: its address must not be kept either.
	etab('100000004', '00011', { complementAdresseEtablissement: 'BATIMENT C' }),
	// Active, in Strasbourg, but its unit is not ESS.
	etab('100000005', '00011'),
	// ESS only through the ESS France list (INSEE's flag empty); a SIREN with a leading zero.
	etab('012345678', '00012', { activitePrincipaleEtablissement: '88.10C' }),
	// An address but no coordinates in the register.
	etab('100000006', '00011', {
		coordonneeLambertAbscisseEtablissement: '',
		coordonneeLambertOrdonneeEtablissement: '',
		codeCommuneEtablissement: '67218',
		libelleCommuneEtablissement: 'ILLKIRCH-GRAFFENSTADEN',
		codePostalEtablissement: '67400'
	}),
	// A natural person (entrepreneur individuel) flagged ESS, trading under an enseigne with a name in it.
	etab('100000007', '00011', { enseigne1Etablissement: 'ATELIER JEAN EXEMPLE' }),
	// Its unit is missing from the legal-unit file.
	etab('100000008', '00011'),
	// Coordinates in Paris, though the commune is Strasbourg: a geocoding slip, the point is not kept.
	etab('100000009', '00011', {
		coordonneeLambertAbscisseEtablissement: '652469.022709136',
		coordonneeLambertOrdonneeEtablissement: '6862035.259420076'
	}),
	// An old establishment still coded in NAF rév. 1: code kept, no rév. 2 label or family.
	etab('100000010', '00011', {
		activitePrincipaleEtablissement: '85.3K',
		nomenclatureActivitePrincipaleEtablissement: 'NAFRev1',
		trancheEffectifsEtablissement: 'NN',
		anneeEffectifsEtablissement: ''
	})
];

export const FIXTURE_UNITES_LEGALES: Partial<Record<UniteLegaleColumn, string>>[] = [
	unit('012345678', {
		denominationUniteLegale: 'ESAT DU RHIN',
		economieSocialeSolidaireUniteLegale: '',
		categorieJuridiqueUniteLegale: '9260'
	}),
	unit('100000001', {
		denominationUniteLegale: 'JARDIN DES DEUX RIVES',
		identifiantAssociationUniteLegale: 'W672000001',
		categorieJuridiqueUniteLegale: '9260'
	}),
	// A quoted name with a comma.
	unit('100000002', {
		denominationUniteLegale: 'ENTRAIDE, PARTAGE ET REEMPLOI',
		categorieJuridiqueUniteLegale: '5460'
	}),
	unit('100000003', { denominationUniteLegale: 'MAISON DES POSSIBLES' }),
	// A partially diffusible legal person: its name stays, its sigle is masked.
	unit('100000004', {
		statutDiffusionUniteLegale: 'P',
		denominationUniteLegale: 'COOPERATIVE DU QUAI',
		sigleUniteLegale: ND,
		categorieJuridiqueUniteLegale: '5458'
	}),
	unit('100000005', {
		denominationUniteLegale: 'SOCIETE ORDINAIRE',
		categorieJuridiqueUniteLegale: '5710',
		economieSocialeSolidaireUniteLegale: 'N'
	}),
	unit('100000006', { denominationUniteLegale: 'FONDATION DU PARC', categorieJuridiqueUniteLegale: '9300' }),
	unit('100000007', {
		statutDiffusionUniteLegale: 'P',
		categorieJuridiqueUniteLegale: '1000',
		nomUniteLegale: ND,
		prenom1UniteLegale: ND,
		prenomUsuelUniteLegale: ND,
		sexeUniteLegale: ND
	}),
	unit('100000009', { denominationUniteLegale: "MUTUELLE DE L'ILL", categorieJuridiqueUniteLegale: '8210' }),
	unit('100000010', {
		denominationUniteLegale: 'ECOLE "LES TILLEULS"',
		categorieJuridiqueUniteLegale: '9230'
	}),
	// A unit no kept establishment needs.
	unit('999999999', { denominationUniteLegale: 'AILLEURS', economieSocialeSolidaireUniteLegale: 'O' })
];

/** ESS France's list: SIRENs written as a spreadsheet would, without their leading zero. */
export const FIXTURE_ESS_FRANCE = 'SIREN;Nom\n12345678;ESAT DU RHIN\n100000001;JARDIN DES DEUX RIVES\n\n';

export function fixtureEtablissementsCsv(): string {
	return stockCsv(ETABLISSEMENT_COLUMNS, FIXTURE_ETABLISSEMENTS.map(etablissementRow));
}

export function fixtureUnitesLegalesCsv(): string {
	return stockCsv(UNITE_LEGALE_COLUMNS, FIXTURE_UNITES_LEGALES.map(uniteLegaleRow));
}
