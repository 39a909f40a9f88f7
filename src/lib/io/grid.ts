/**
 * A grid of text cells (a CSV file or a spreadsheet's first sheet) to the import's table, the way people
 * make spreadsheets: blank rows anywhere, a title row above the headers (often merged across the columns),
 * empty columns at the right, short rows, and the example row of our templates. What is skipped is said in
 * the table's notes.
 */
import { LIMITS, type ReadResult, type TableRow } from './table';
import { foldName } from './values';

export interface GridRow {
	/** The row's line (CSV) or row number (spreadsheet), as people count. */
	line: number;
	cells: string[];
	error?: string;
}

/** Marks the example row of our templates, which every import skips (see template.ts). */
export const EXAMPLE_MARK = '(ligne d’exemple, ignorée à l’import)';
const EXAMPLE_KEY = foldName(EXAMPLE_MARK);

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === '');
const filled = (cells: string[]) => cells.filter((c) => c.trim() !== '').length;

/** How many rows above the headers may be titles or notes. */
const MAX_TITLE_ROWS = 5;

export function gridToTable(
	grid: GridRow[],
	opts: { singleColumnMessage?: boolean; where?: string } = {}
): ReadResult {
	const notes: string[] = [];
	const where = opts.where ?? 'ligne';
	const nonBlank = grid.filter((r) => !isBlank(r.cells) || r.error);
	if (nonBlank.length === 0) return { ok: false, message: 'le fichier est vide' };
	// A title (« Structures adhérentes 2026 ») fills one cell, even when merged across the columns; the
	// headers are the first row with at least two cells. Without such a row, the first row is the header.
	let headerAt = 0;
	for (let i = 0; i < Math.min(nonBlank.length, MAX_TITLE_ROWS + 1); i++) {
		if (filled(nonBlank[i].cells) >= 2) {
			headerAt = i;
			break;
		}
	}
	for (const title of nonBlank.slice(0, headerAt))
		notes.push(
			`${where} ${title.line} (« ${title.cells
				.find((c) => c.trim() !== '')
				?.trim()
				.slice(0, 80)} ») ignorée : titre au-dessus des en-têtes`
		);
	const headerRow = nonBlank[headerAt];
	const rawHeaders = headerRow.cells.map((h) => h.trim());
	const dataRows = grid.filter((r) => r.line > headerRow.line);

	// Columns without a name and without any value (spacer columns, an empty margin) are dropped. Cells
	// past the last header are an error of their row when they hold something (a separator inside an
	// unquoted cell), and ignored when empty (spreadsheets pad rows to the widest one).
	const width = rawHeaders.length;
	const keep: number[] = [];
	for (let c = 0; c < width; c++) {
		if (rawHeaders[c] === '' && dataRows.every((r) => (r.cells[c] ?? '').trim() === '')) continue;
		keep.push(c);
	}
	const headers = keep.map((c) => rawHeaders[c]);
	if (headers.length > LIMITS.maxColumns)
		return { ok: false, message: `trop de colonnes : ${headers.length} (${LIMITS.maxColumns} au plus)` };
	if (headers.length < 2 && opts.singleColumnMessage !== false)
		return {
			ok: false,
			message: 'une seule colonne trouvée : le séparateur doit être une virgule ou un point-virgule'
		};
	const seen = new Set<string>();
	for (const h of headers) {
		if (h === '')
			return {
				ok: false,
				message: `une colonne de la ${where} ${headerRow.line} (celle des en-têtes) n’a pas de nom mais contient des valeurs : donnez-lui un nom`
			};
		if (seen.has(h)) return { ok: false, message: `la colonne « ${h} » apparaît deux fois` };
		seen.add(h);
	}

	const rows: TableRow[] = [];
	for (const source of dataRows) {
		if (isBlank(source.cells) && !source.error) continue;
		if (source.cells.some((c) => /exemple/i.test(c) && foldName(c).includes(EXAMPLE_KEY))) {
			notes.push(`${where} ${source.line} ignorée : ligne d’exemple du modèle`);
			continue;
		}
		const cells = keep.map((c) => source.cells[c] ?? '');
		const row: TableRow = { line: source.line, cells };
		let used = source.cells.length;
		while (used > width && source.cells[used - 1].trim() === '') used--;
		if (source.error) row.error = source.error;
		else if (used > width)
			row.error = `${used} cellules pour ${headers.length} colonnes (séparateur dans une cellule sans guillemets ?)`;
		else if (cells.some((c) => c.length > LIMITS.maxCell))
			row.error = `une cellule dépasse ${LIMITS.maxCell} caractères`;
		rows.push(row);
		if (rows.length > LIMITS.maxRows)
			return { ok: false, message: `trop de lignes : plus de ${LIMITS.maxRows} (découpez le fichier)` };
	}
	return { ok: true, table: { headers, rows, ...(notes.length ? { notes } : {}) } };
}
