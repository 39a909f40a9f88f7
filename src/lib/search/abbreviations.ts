/**
 * Acronyms and abbreviations people type for the bodies of the sector: « csc neuhof » means the « Centre
 * socio-culturel du Neuhof » (the seed's record is named « CSC du Neuhof »; other centres are written out).
 * Each entry is a short form and the words it stands for, written as people write them: they go through the
 * same analysis as names (accents, case, hyphens, elisions and stop words do not matter), and a long form
 * also matches its words written together (« socioculturel » for « socio-culturel »).
 *
 * Kept small on purpose: an acronym that is also a common word, or that names several things, makes
 * searches worse. Add an entry only when the short form is what people say.
 */
export const ABBREVIATIONS: readonly { short: string; long: readonly string[] }[] = [
	{ short: 'CSC', long: ['centre socio-culturel'] },
	{ short: 'MJC', long: ['maison des jeunes et de la culture'] },
	{ short: 'CCAS', long: ['centre communal d’action sociale'] },
	{ short: 'ESS', long: ['économie sociale et solidaire'] },
	{ short: 'CRESS', long: ['chambre régionale de l’économie sociale et solidaire'] },
	{
		short: 'SCOP',
		long: ['société coopérative et participative', 'société coopérative ouvrière de production']
	},
	{ short: 'SCIC', long: ['société coopérative d’intérêt collectif'] },
	{ short: 'CAE', long: ['coopérative d’activité et d’emploi', 'coopérative d’activités et d’emploi'] },
	{ short: 'IAE', long: ['insertion par l’activité économique'] },
	{ short: 'SIAE', long: ['structure d’insertion par l’activité économique'] },
	{
		short: 'ACI',
		long: ['atelier chantier d’insertion', 'ateliers et chantiers d’insertion', 'chantier d’insertion']
	},
	{ short: 'EI', long: ['entreprise d’insertion'] },
	{ short: 'ETTI', long: ['entreprise de travail temporaire d’insertion'] },
	{
		short: 'ESAT',
		long: [
			'établissement et service d’aide par le travail',
			'établissement et service d’accompagnement par le travail'
		]
	},
	{ short: 'EA', long: ['entreprise adaptée'] },
	{ short: 'AMAP', long: ['association pour le maintien d’une agriculture paysanne'] },
	{ short: 'QPV', long: ['quartier prioritaire de la politique de la ville', 'quartier prioritaire'] },
	{ short: 'Asso', long: ['association'] }
];
