/**
 * Column layout of INSEE's SIRENE stock files (StockEtablissement, StockUniteLegale), as published on
 * data.gouv.fr. Columns are always looked up by header name: INSEE adds columns (NAF 2025 in 2025), so
 * position is never relied on. The full lists serve the fixture and the synthetic benchmark files.
 */

/** StockEtablissement, 54 columns in INSEE's order. */
export const ETABLISSEMENT_COLUMNS = [
	'siren',
	'nic',
	'siret',
	'statutDiffusionEtablissement',
	'dateCreationEtablissement',
	'trancheEffectifsEtablissement',
	'anneeEffectifsEtablissement',
	'activitePrincipaleRegistreMetiersEtablissement',
	'dateDernierTraitementEtablissement',
	'etablissementSiege',
	'nombrePeriodesEtablissement',
	'complementAdresseEtablissement',
	'numeroVoieEtablissement',
	'indiceRepetitionEtablissement',
	'dernierNumeroVoieEtablissement',
	'indiceRepetitionDernierNumeroVoieEtablissement',
	'typeVoieEtablissement',
	'libelleVoieEtablissement',
	'codePostalEtablissement',
	'libelleCommuneEtablissement',
	'libelleCommuneEtrangerEtablissement',
	'distributionSpecialeEtablissement',
	'codeCommuneEtablissement',
	'codeCedexEtablissement',
	'libelleCedexEtablissement',
	'codePaysEtrangerEtablissement',
	'libellePaysEtrangerEtablissement',
	'identifiantAdresseEtablissement',
	'coordonneeLambertAbscisseEtablissement',
	'coordonneeLambertOrdonneeEtablissement',
	'complementAdresse2Etablissement',
	'numeroVoie2Etablissement',
	'indiceRepetition2Etablissement',
	'typeVoie2Etablissement',
	'libelleVoie2Etablissement',
	'codePostal2Etablissement',
	'libelleCommune2Etablissement',
	'libelleCommuneEtranger2Etablissement',
	'distributionSpeciale2Etablissement',
	'codeCommune2Etablissement',
	'codeCedex2Etablissement',
	'libelleCedex2Etablissement',
	'codePaysEtranger2Etablissement',
	'libellePaysEtranger2Etablissement',
	'dateDebut',
	'etatAdministratifEtablissement',
	'enseigne1Etablissement',
	'enseigne2Etablissement',
	'enseigne3Etablissement',
	'denominationUsuelleEtablissement',
	'activitePrincipaleEtablissement',
	'nomenclatureActivitePrincipaleEtablissement',
	'caractereEmployeurEtablissement',
	'activitePrincipaleNAF25Etablissement'
] as const;

/** StockUniteLegale, 35 columns in INSEE's order. */
export const UNITE_LEGALE_COLUMNS = [
	'siren',
	'statutDiffusionUniteLegale',
	'unitePurgeeUniteLegale',
	'dateCreationUniteLegale',
	'sigleUniteLegale',
	'sexeUniteLegale',
	'prenom1UniteLegale',
	'prenom2UniteLegale',
	'prenom3UniteLegale',
	'prenom4UniteLegale',
	'prenomUsuelUniteLegale',
	'pseudonymeUniteLegale',
	'identifiantAssociationUniteLegale',
	'trancheEffectifsUniteLegale',
	'anneeEffectifsUniteLegale',
	'dateDernierTraitementUniteLegale',
	'nombrePeriodesUniteLegale',
	'categorieEntreprise',
	'anneeCategorieEntreprise',
	'dateDebut',
	'etatAdministratifUniteLegale',
	'nomUniteLegale',
	'nomUsageUniteLegale',
	'denominationUniteLegale',
	'denominationUsuelle1UniteLegale',
	'denominationUsuelle2UniteLegale',
	'denominationUsuelle3UniteLegale',
	'categorieJuridiqueUniteLegale',
	'activitePrincipaleUniteLegale',
	'nomenclatureActivitePrincipaleUniteLegale',
	'nicSiegeUniteLegale',
	'economieSocialeSolidaireUniteLegale',
	'societeMissionUniteLegale',
	'caractereEmployeurUniteLegale',
	'activitePrincipaleNAF25UniteLegale'
] as const;

export type EtablissementColumn = (typeof ETABLISSEMENT_COLUMNS)[number];
export type UniteLegaleColumn = (typeof UNITE_LEGALE_COLUMNS)[number];

/** The establishment columns the pipeline reads; a file without one of them is refused. */
export const ETABLISSEMENT_REQUIRED = [
	'siren',
	'nic',
	'siret',
	'statutDiffusionEtablissement',
	'dateCreationEtablissement',
	'trancheEffectifsEtablissement',
	'anneeEffectifsEtablissement',
	'etablissementSiege',
	'complementAdresseEtablissement',
	'numeroVoieEtablissement',
	'indiceRepetitionEtablissement',
	'typeVoieEtablissement',
	'libelleVoieEtablissement',
	'codePostalEtablissement',
	'libelleCommuneEtablissement',
	'codeCommuneEtablissement',
	'coordonneeLambertAbscisseEtablissement',
	'coordonneeLambertOrdonneeEtablissement',
	'etatAdministratifEtablissement',
	'enseigne1Etablissement',
	'denominationUsuelleEtablissement',
	'activitePrincipaleEtablissement',
	'nomenclatureActivitePrincipaleEtablissement'
] as const satisfies readonly EtablissementColumn[];

/** Read when present: older stock files lack the NAF 2025 column. */
export const ETABLISSEMENT_OPTIONAL = [
	'caractereEmployeurEtablissement',
	'activitePrincipaleNAF25Etablissement'
] as const satisfies readonly EtablissementColumn[];

/**
 * The legal-unit columns the pipeline reads. The first names, surname and pseudonym of natural persons are
 * deliberately not among them: they are never published, so they are never read.
 */
export const UNITE_LEGALE_REQUIRED = [
	'siren',
	'statutDiffusionUniteLegale',
	'identifiantAssociationUniteLegale',
	'etatAdministratifUniteLegale',
	'denominationUniteLegale',
	'denominationUsuelle1UniteLegale',
	'categorieJuridiqueUniteLegale',
	'economieSocialeSolidaireUniteLegale'
] as const satisfies readonly UniteLegaleColumn[];

export const UNITE_LEGALE_OPTIONAL = [] as const satisfies readonly UniteLegaleColumn[];

export type EtablissementField =
	(typeof ETABLISSEMENT_REQUIRED)[number] | (typeof ETABLISSEMENT_OPTIONAL)[number];
export type UniteLegaleField = (typeof UNITE_LEGALE_REQUIRED)[number];

/** One row's fields as read: `[ND]` (masked by INSEE) and empty values are null. */
export type EtablissementFields = Record<EtablissementField, string | null>;
export type UniteLegaleFields = Record<UniteLegaleField, string | null>;

/** INSEE writes `[ND]` (non diffusible) in place of masked values: it means "no value" everywhere. */
export function cleanValue(raw: string | undefined): string | null {
	if (raw === undefined) return null;
	const v = raw.trim();
	return v === '' || v === '[ND]' ? null : v;
}

/** Index of each wanted column in a header; lists the required ones that are missing. */
export function indexColumns<F extends string>(
	header: readonly string[],
	required: readonly F[],
	optional: readonly F[]
): { index: Map<F, number>; missing: F[] } {
	const position = new Map(header.map((name, i) => [name, i] as const));
	const index = new Map<F, number>();
	const missing: F[] = [];
	for (const name of required) {
		const i = position.get(name);
		if (i === undefined) missing.push(name);
		else index.set(name, i);
	}
	for (const name of optional) {
		const i = position.get(name);
		if (i !== undefined) index.set(name, i);
	}
	return { index, missing };
}

/** The wanted fields of one parsed row, cleaned. */
export function pickFields<F extends string>(
	row: readonly string[],
	index: Map<F, number>,
	names: readonly F[]
): Record<F, string | null> {
	const out = {} as Record<F, string | null>;
	for (const name of names) {
		const i = index.get(name);
		out[name] = i === undefined ? null : cleanValue(row[i]);
	}
	return out;
}
