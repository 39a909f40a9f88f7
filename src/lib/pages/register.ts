/**
 * What a structure's page says from the SIRENE register: where the record comes from, and the register's
 * facts in words (labels are derived from the codes: catégorie juridique and NAF labels from the SIRENE
 * code lists, families and size bands from the domain's).
 */
import { activityFamilyLabel } from '$lib/domain/activity-families';
import { formatDate } from '$lib/domain/format';
import type { Organisation } from '$lib/domain/records';
import { isSizeBand, sizeBandLabel } from '$lib/domain/size-bands';
import { labelOf } from '$lib/domain/taxonomies';
import { LEGAL_CATEGORY_LABELS, nafLabel } from '$lib/io/sirene/codes';

export interface RegisterFacts {
	/** « D'après le répertoire SIRENE (INSEE), stock du 1 décembre 2026… », when the register was read. */
	provenance?: string;
	rows: { label: string; value: string }[];
}

/** « D'après le répertoire SIRENE (INSEE), stock du 1 décembre 2026 » for a record the register created. */
export function provenanceText(o: Pick<Organisation, 'origin' | 'sireneStock'>): string | undefined {
	if (!o.sireneStock) return undefined;
	const stock = `stock du ${formatDate(o.sireneStock)}`;
	return o.origin === 'sirene'
		? `D’après le répertoire SIRENE (INSEE), ${stock}, sous Licence Ouverte : fiche créée automatiquement à partir du répertoire, à relire par l’équipe.`
		: `Identifiants, activité et effectifs d’après le répertoire SIRENE (INSEE), ${stock}, sous Licence Ouverte ; le reste de la fiche est éditorial.`;
}

export function registerFacts(o: Organisation): RegisterFacts | undefined {
	const rows: RegisterFacts['rows'] = [];
	if (o.siren) rows.push({ label: 'SIREN', value: o.siren });
	if (o.rna) rows.push({ label: 'Numéro RNA', value: o.rna });
	if (o.legalCategory) {
		const label = LEGAL_CATEGORY_LABELS[o.legalCategory];
		rows.push({
			label: 'Catégorie juridique (INSEE)',
			value: label ? `${label} (${o.legalCategory})` : o.legalCategory
		});
	}
	if (o.naf) {
		const label = nafLabel(o.naf);
		rows.push({ label: 'Activité (code NAF)', value: label ? `${label} (${o.naf})` : o.naf });
	}
	if (o.activityFamily)
		rows.push({ label: 'Famille d’activité', value: activityFamilyLabel(o.activityFamily) });
	if (o.sizeBand && isSizeBand(o.sizeBand))
		rows.push({
			label: 'Effectifs salariés',
			value: `${sizeBandLabel(o.sizeBand)}${o.sizeBandYear ? ` (${o.sizeBandYear})` : ''}`
		});
	if (o.createdOn) rows.push({ label: 'Création de l’établissement', value: formatDate(o.createdOn) });
	if (o.establishment)
		rows.push({ label: 'Établissement', value: labelOf('establishment', o.establishment) });
	const provenance = provenanceText(o);
	if (rows.length === 0 && !provenance) return undefined;
	return { provenance, rows };
}
