/**
 * The data·inclusion « structures » open data (CSV, comma-separated, UTF-8; weekly on data.gouv.fr, dataset
 * 6233723c2c1e4a54af2f6b2d) as a table in our columns, for the workspace's import: only the rows whose
 * `reseaux_porteurs` name an inclusive kind (ei, aci, etti, eiti, geiq, ea, eatt, esat) and whose
 * `code_insee` is one of the Eurométropole's communes. AI rows carry no type upstream, so they cannot be
 * recognised and are reported. Each kind's proof is the dataset itself, dated by the row's `date_maj`.
 */
import type { SupplierKind } from '$lib/domain/taxonomies';
import type { Table, TableRow } from './table';

export const INCLUSION_DATASET = {
	title: 'Structures et services d’insertion (data·inclusion)',
	site: 'data.gouv.fr',
	url: 'https://www.data.gouv.fr/fr/datasets/6233723c2c1e4a54af2f6b2d/'
} as const;

/** The columns a data·inclusion structures file must have (others are ignored). */
export const INCLUSION_COLUMNS = [
	'id',
	'siret',
	'nom',
	'description',
	'reseaux_porteurs',
	'adresse',
	'complement_adresse',
	'code_postal',
	'commune',
	'code_insee',
	'longitude',
	'latitude',
	'courriel',
	'telephone',
	'site_web',
	'date_maj'
] as const;

const KINDS: readonly SupplierKind[] = ['ei', 'aci', 'etti', 'eiti', 'geiq', 'ea', 'eatt', 'esat'];

export interface InclusionSkip {
	line: number;
	reason: string;
}

/** What `reseaux_porteurs` holds, however the export wrote the list (`ei`, `['ei', 'aci']`, `{ei,aci}`). */
export function inclusionKinds(cell: string): SupplierKind[] {
	const words: string[] = cell.toLowerCase().match(/[a-z]+/g) ?? [];
	return KINDS.filter((k) => words.includes(k));
}

const OUT_HEADERS = (kinds: readonly SupplierKind[]) => [
	'siret',
	'name',
	'description',
	'approvals',
	...kinds.flatMap((k) => [
		`approvalProofs.${k}.title`,
		`approvalProofs.${k}.site`,
		`approvalProofs.${k}.url`,
		`approvalProofs.${k}.date`
	]),
	'address',
	'communeCode',
	'location.lon',
	'location.lat',
	'location.precision',
	'contact.email',
	'contact.phone',
	'contact.website'
];

/**
 * The file's rows in our columns, and the rows left out with the reason. Throws, in French, when a column
 * of the documented layout is missing.
 */
export function inclusionToTable(
	file: Table,
	communes: ReadonlySet<string>
): { table: Table; skipped: InclusionSkip[] } {
	const index = new Map(file.headers.map((h, i) => [h.trim().toLowerCase(), i]));
	const missing = INCLUSION_COLUMNS.filter((c) => !index.has(c));
	if (missing.length)
		throw new Error(
			`fichier data·inclusion : colonne${missing.length > 1 ? 's' : ''} manquante${missing.length > 1 ? 's' : ''} : ${missing.join(', ')}`
		);
	const at = (row: TableRow, c: (typeof INCLUSION_COLUMNS)[number]) =>
		(row.cells[index.get(c)!] ?? '').trim();
	const kept: { row: TableRow; kinds: SupplierKind[] }[] = [];
	const skipped: InclusionSkip[] = [];
	for (const row of file.rows) {
		if (row.error) {
			skipped.push({ line: row.line, reason: row.error });
			continue;
		}
		const kinds = inclusionKinds(at(row, 'reseaux_porteurs'));
		const insee = at(row, 'code_insee');
		if (!kinds.length)
			skipped.push({
				line: row.line,
				reason: 'aucun type de structure inclusive (les AI n’en ont pas dans ce fichier)'
			});
		else if (!communes.has(insee))
			skipped.push({ line: row.line, reason: `commune ${insee || 'inconnue'} hors de l’Eurométropole` });
		else if (!/^\d{14}$/.test(at(row, 'siret').replace(/\s/g, '')))
			skipped.push({
				line: row.line,
				reason: 'SIRET absent ou invalide : la ligne ne peut pas être rapprochée'
			});
		else kept.push({ row, kinds });
	}
	const used = KINDS.filter((k) => kept.some((r) => r.kinds.includes(k)));
	const rows: TableRow[] = kept.map(({ row, kinds }) => {
		const date = at(row, 'date_maj').slice(0, 10);
		const lon = at(row, 'longitude');
		const lat = at(row, 'latitude');
		const address = [at(row, 'adresse'), at(row, 'complement_adresse')].filter(Boolean).join(', ');
		return {
			line: row.line,
			cells: [
				at(row, 'siret').replace(/\s/g, ''),
				at(row, 'nom'),
				at(row, 'description'),
				kinds.join('|'),
				...used.flatMap((k) =>
					kinds.includes(k)
						? [INCLUSION_DATASET.title, INCLUSION_DATASET.site, INCLUSION_DATASET.url, date]
						: ['', '', '', '']
				),
				address ? `${address}, ${at(row, 'code_postal')} ${at(row, 'commune')}`.trim() : '',
				at(row, 'code_insee'),
				lon && lat ? lon : '',
				lon && lat ? lat : '',
				lon && lat ? 'address' : '',
				at(row, 'courriel'),
				at(row, 'telephone'),
				at(row, 'site_web')
			]
		};
	});
	return { table: { headers: OUT_HEADERS(used), rows }, skipped };
}
