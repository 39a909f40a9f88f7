/** The licence of the data Carto ESS publishes (records, exports, API). */
export const DATA_LICENCE = {
	id: 'etalab-2.0',
	name: 'Licence Ouverte / Open Licence version 2.0',
	url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
	attribution: 'Carto ESS – Conseil de l’ESS de Strasbourg et de l’Eurométropole'
} as const;

/** The licence of the code. */
export const CODE_LICENCE = {
	id: 'AGPL-3.0-or-later',
	name: 'GNU Affero General Public License v3.0 ou ultérieure'
} as const;
