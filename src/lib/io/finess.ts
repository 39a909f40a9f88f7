/**
 * The FINESS extraction of establishments with their positions (Ministère chargé de la santé, Licence
 * Ouverte, on data.gouv.fr), as rows of our columns for the workspace's import: only the ESAT (« catégorie
 * d'établissement » 246) of the Eurométropole's communes. The file is `;`-separated without a header: a
 * first line `finess;etalab;<version>;<date>`, then `structureet` lines of 32 fields, then
 * `geolocalisation` lines (FINESS number, Lambert-93 x and y, source, date). Positions are converted to
 * WGS84 here. Each ESAT's proof is the extraction, dated by its first line.
 */
import Papa from 'papaparse';
import { ALLOWED_BBOX } from '$lib/domain/coordinates';
import { lambert93ToWgs84 } from './lambert93';
import type { Table, TableRow } from './table';

export const FINESS_DATASET = {
	title: 'FINESS Extraction du Fichier des établissements',
	site: 'data.gouv.fr (Ministère chargé de la santé)',
	url: 'https://www.data.gouv.fr/fr/datasets/finess-extraction-du-fichier-des-etablissements/'
} as const;

/** The 32 fields of a `structureet` line, in order. */
export const STRUCTURE_FIELDS = [
	'typeet',
	'nofinesset',
	'nofinessej',
	'rs',
	'rslongue',
	'complrs',
	'compldistrib',
	'numvoie',
	'typvoie',
	'voie',
	'compvoie',
	'lieuditbp',
	'commune',
	'departement',
	'libdepartement',
	'ligneacheminement',
	'telephone',
	'telecopie',
	'categetab',
	'libcategetab',
	'categagretab',
	'libcategagretab',
	'siret',
	'codeape',
	'codemft',
	'libmft',
	'codesph',
	'libsph',
	'dateouv',
	'dateautor',
	'datemaj',
	'numuai'
] as const;
type StructureField = (typeof STRUCTURE_FIELDS)[number];

/** « Établissement et service d'aide par le travail ». */
export const ESAT_CATEGORY = '246';

export interface FinessSkip {
	line: number;
	reason: string;
}

export interface FinessConversion {
	table: Table;
	/** Lines reported one by one: malformed, ESAT without SIRET, positions that cannot be used. */
	skipped: FinessSkip[];
	/** The extraction's date (its first line). */
	date: string;
	establishments: number;
	/** ESAT of the whole file, and those outside the Eurométropole (counted, not listed). */
	esat: number;
	outside: number;
}

const HEADERS = [
	'siret',
	'name',
	'description',
	'approvals',
	'approvalProofs.esat.title',
	'approvalProofs.esat.site',
	'approvalProofs.esat.url',
	'approvalProofs.esat.date',
	'address',
	'communeCode',
	'location.lon',
	'location.lat',
	'location.precision',
	'contact.phone'
];

/** The INSEE code of a FINESS commune: the département's code and the commune's 3 digits (67 + 482). */
export function finessInsee(departement: string, commune: string): string {
	return `${departement.trim().padStart(2, '0')}${commune.trim().padStart(3, '0')}`;
}

const WORDS: Record<string, string> = {
	R: 'rue',
	AV: 'avenue',
	BD: 'boulevard',
	PL: 'place',
	RTE: 'route',
	CHE: 'chemin',
	IMP: 'impasse',
	ALL: 'allée',
	QUA: 'quai',
	FG: 'faubourg'
};

function addressOf(s: Record<StructureField, string>): string {
	const street = [s.numvoie, s.compvoie, WORDS[s.typvoie.toUpperCase()] ?? s.typvoie, s.voie]
		.map((x) => x.trim())
		.filter(Boolean)
		.join(' ');
	return [street, s.lieuditbp.trim(), s.ligneacheminement.trim()].filter(Boolean).join(', ');
}

/**
 * The extraction's ESAT in the given communes, as a table in our columns. Throws, in French, when the
 * first line is not a FINESS extraction's.
 */
export function finessToTable(text: string, communes: ReadonlySet<string>): FinessConversion {
	const parsed = Papa.parse<string[]>(text.replace(/^\ufeff/, ''), {
		delimiter: ';',
		skipEmptyLines: true
	});
	const lines = parsed.data;
	const first = lines[0] ?? [];
	const date = (first[3] ?? '').trim();
	if ((first[0] ?? '').trim().toLowerCase() !== 'finess' || !/^\d{4}-\d{2}-\d{2}$/.test(date))
		throw new Error(
			'fichier FINESS : première ligne « finess;etalab;<version>;<AAAA-MM-JJ> » attendue (l’extraction géolocalisée, sans en-tête)'
		);
	const skipped: FinessSkip[] = [];
	const kept: { line: number; s: Record<StructureField, string> }[] = [];
	const positions = new Map<string, { x: string; y: string; line: number }>();
	let establishments = 0;
	let esat = 0;
	let outside = 0;
	lines.slice(1).forEach((cells, i) => {
		const line = i + 2;
		const type = (cells[0] ?? '').trim().toLowerCase();
		if (type === 'structureet') {
			establishments++;
			if (cells.length !== STRUCTURE_FIELDS.length) {
				skipped.push({
					line,
					reason: `${cells.length} champs au lieu de ${STRUCTURE_FIELDS.length} : ligne illisible`
				});
				return;
			}
			const s = Object.fromEntries(STRUCTURE_FIELDS.map((f, k) => [f, (cells[k] ?? '').trim()])) as Record<
				StructureField,
				string
			>;
			if (s.categetab !== ESAT_CATEGORY) return;
			esat++;
			if (!communes.has(finessInsee(s.departement, s.commune))) {
				outside++;
				return;
			}
			if (!/^\d{14}$/.test(s.siret.replace(/\s/g, ''))) {
				skipped.push({
					line,
					reason: `ESAT ${s.nofinesset} (« ${s.rs} ») : SIRET absent ou invalide, la ligne ne peut pas être rapprochée`
				});
				return;
			}
			kept.push({ line, s });
		} else if (type === 'geolocalisation') {
			const [, finess, x, y] = cells.map((c) => (c ?? '').trim());
			if (finess) positions.set(finess, { x: x ?? '', y: y ?? '', line });
		} else skipped.push({ line, reason: `type de ligne inconnu « ${type.slice(0, 30)} »` });
	});

	const rows: TableRow[] = kept.map(({ line, s }) => {
		let lon = '';
		let lat = '';
		const at = positions.get(s.nofinesset);
		if (at) {
			const x = Number(at.x.replace(',', '.'));
			const y = Number(at.y.replace(',', '.'));
			// Lambert-93 covers metropolitan France: x from about 100 to 1 250 km, y from 6 000 to 7 150 km.
			const readable = at.x && at.y && x > 0 && x < 1_300_000 && y > 6_000_000 && y < 7_200_000;
			const [lo, la] = readable ? lambert93ToWgs84(x, y) : [NaN, NaN];
			const near =
				lo >= ALLOWED_BBOX[0] && lo <= ALLOWED_BBOX[2] && la >= ALLOWED_BBOX[1] && la <= ALLOWED_BBOX[3];
			if (near) [lon, lat] = [String(lo), String(la)];
			else if (readable)
				skipped.push({
					line: at.line,
					reason: `ESAT ${s.nofinesset} : position (${lo}, ${la}) hors de l’Eurométropole, pas reprise ; la fiche sera placée au centre de sa commune`
				});
			else
				skipped.push({
					line: at.line,
					reason: `ESAT ${s.nofinesset} : coordonnées Lambert-93 illisibles (« ${at.x} », « ${at.y} ») ; la fiche sera placée au centre de sa commune`
				});
		}
		return {
			line,
			cells: [
				s.siret.replace(/\s/g, ''),
				s.rslongue || s.rs,
				// The file says nothing of the activity: a plain, sourced sentence an editor will replace.
				`Établissement et service d’aide par le travail (ESAT), n° FINESS ${s.nofinesset}.`,
				'esat',
				FINESS_DATASET.title,
				FINESS_DATASET.site,
				FINESS_DATASET.url,
				date,
				addressOf(s),
				finessInsee(s.departement, s.commune),
				lon,
				lat,
				lon ? 'address' : '',
				s.telephone
			]
		};
	});
	return { table: { headers: HEADERS, rows }, skipped, date, establishments, esat, outside };
}
