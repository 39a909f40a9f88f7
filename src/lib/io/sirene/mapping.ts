/**
 * One establishment row and its legal unit's row -> the normalised establishment. Pure (proj4 only
 * computes, in io/lambert93.ts), tested on its own in mapping.test.ts.
 *
 * Privacy rules applied here, so no later step can forget them:
 * - `[ND]` is already null (columns.ts).
 * - Status P (partial diffusion) of the establishment or of its legal unit, and the legacy N: no street
 *   address, no postcode, no coordinates; name, SIRET, commune, activity and size stay. The record will stand
 *   at its commune's reference point.
 * - Natural persons (catégorie juridique 1000): no name of any kind, not even the establishment's enseigne,
 *   which is often the person's name.
 */
import { ALLOWED_BBOX } from '$lib/domain/coordinates';
import { lambert93ToWgs84 } from '../lambert93';
import { activityFamilyForNaf } from '$lib/domain/activity-families';
import { isSizeBand, sizeBandLabel } from '$lib/domain/size-bands';
import {
	LEGAL_CATEGORY_LABELS,
	NATURAL_PERSON_CATEGORY,
	legalFormForInsee,
	nafLabel,
	repetitionWord,
	streetTypeWord
} from './codes';
import type { EtablissementRow, SireneEstablishment, UniteLegaleRow } from './types';

/** Lambert-93 is the CRS of the register's coordinates in metropolitan France, Strasbourg included. */
export { lambert93ToWgs84 };

export interface MappingContext {
	stockDate: string;
	/** The unit's SIREN is on the ESS France list. */
	essFranceList: boolean;
	etablissementsLine: number;
	unitesLegalesLine: number;
}

export interface MappedEstablishment {
	record: SireneEstablishment;
	/** The register gave coordinates that fall outside the Eurométropole (a geocoding error): not kept. */
	positionDropped: boolean;
}

/** For comparing names: case, accents, punctuation and spacing do not make two names different. */
function nameKey(s: string): string {
	return s
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toUpperCase()
		.replace(/[^\p{L}\p{N}]+/gu, '');
}

function isPartial(status: string): boolean {
	return status !== 'O';
}

export function toSireneEstablishment(
	etab: EtablissementRow,
	unit: UniteLegaleRow,
	ctx: MappingContext
): MappedEstablishment {
	const category = unit.categorieJuridiqueUniteLegale;
	const naturalPerson = category === NATURAL_PERSON_CATEGORY;
	const partial = isPartial(etab.statutDiffusionEtablissement) || isPartial(unit.statutDiffusionUniteLegale);

	const unitName = naturalPerson
		? null
		: (unit.denominationUniteLegale ?? unit.denominationUsuelle1UniteLegale ?? null);
	const ownName = naturalPerson
		? null
		: (etab.enseigne1Etablissement ?? etab.denominationUsuelleEtablissement ?? null);
	const nameFromEstablishment =
		ownName !== null && (unitName === null || nameKey(ownName) !== nameKey(unitName));
	const name = nameFromEstablishment ? ownName : unitName;

	const nomenclature = etab.nomenclatureActivitePrincipaleEtablissement;
	const nafCode = etab.activitePrincipaleEtablissement;
	const rev2 = nomenclature === 'NAFRev2';

	const band = etab.trancheEffectifsEtablissement;
	const size =
		band && isSizeBand(band)
			? {
					code: band,
					label: sizeBandLabel(band),
					year: etab.anneeEffectifsEtablissement ? Number(etab.anneeEffectifsEtablissement) : null
				}
			: null;

	let address: SireneEstablishment['address'] = null;
	let position: SireneEstablishment['position'] = null;
	let positionDropped = false;
	if (!partial) {
		const number = etab.numeroVoieEtablissement;
		// A repetition index means nothing without a number (bis of what?).
		const repetition = number ? repetitionWord(etab.indiceRepetitionEtablissement) : null;
		const streetType = streetTypeWord(etab.typeVoieEtablissement);
		const streetName = etab.libelleVoieEtablissement;
		const parts = [number, repetition, streetType, streetName].filter((p): p is string => !!p);
		const complement = etab.complementAdresseEtablissement;
		const postcode = etab.codePostalEtablissement;
		if (parts.length > 0 || complement || postcode) {
			address = {
				number,
				repetition,
				streetType,
				streetName,
				complement,
				postcode,
				line: parts.length > 0 ? parts.join(' ') : null
			};
		}
		const x = etab.coordonneeLambertAbscisseEtablissement;
		const y = etab.coordonneeLambertOrdonneeEtablissement;
		if (x !== null && y !== null) {
			const [lon, lat] = lambert93ToWgs84(Number(x), Number(y));
			const [w, s, e, n] = ALLOWED_BBOX;
			if (lon >= w && lon <= e && lat >= s && lat <= n) position = { lon, lat, precision: 'address' };
			else positionDropped = true;
		}
	}

	const rna = unit.identifiantAssociationUniteLegale;
	const employer = etab.caractereEmployeurEtablissement;
	const record: SireneEstablishment = {
		siret: etab.siret,
		siren: etab.siren,
		rna: rna && /^W[\dA-Z]{9}$/.test(rna) ? rna : null,
		name,
		nameFromEstablishment,
		unitName,
		legalCategory: {
			code: category,
			label: category ? (LEGAL_CATEGORY_LABELS[category] ?? null) : null,
			legalForm: legalFormForInsee(category)
		},
		activity: {
			code: nafCode,
			label: rev2 ? nafLabel(nafCode) : null,
			nomenclature,
			family: rev2 ? activityFamilyForNaf(nafCode) : 'autre',
			naf2025: etab.activitePrincipaleNAF25Etablissement
		},
		size,
		createdOn: etab.dateCreationEtablissement,
		headOffice: etab.etablissementSiege === 'true',
		employer: employer === 'O' ? true : employer === 'N' ? false : null,
		commune: { code: etab.codeCommuneEtablissement, name: etab.libelleCommuneEtablissement },
		address,
		position,
		diffusion: partial ? 'P' : 'O',
		naturalPerson,
		ess: { inseeFlag: unit.economieSocialeSolidaireUniteLegale === 'O', essFranceList: ctx.essFranceList },
		stockDate: ctx.stockDate,
		source: { etablissementsLine: ctx.etablissementsLine, unitesLegalesLine: ctx.unitesLegalesLine }
	};
	return { record, positionDropped };
}
