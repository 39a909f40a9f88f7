/**
 * Excel workbooks (.xlsx) to the import's table, with exceljs (https://github.com/exceljs/exceljs): the
 * first sheet, each cell as the text a person reads in it. Dates become 2026-12-04, numbers keep all their
 * digits (a SIRET stored as a number reads back whole), booleans become oui / non, formulas give their
 * result, merged cells count once (a title merged across the columns is one title, see grid.ts).
 */
import ExcelJS from 'exceljs';
import { gridToTable, type GridRow } from './grid';
import { LIMITS, type ReadResult } from './table';

const pad = (n: number) => String(n).padStart(2, '0');

/** A cell value as text; exported for the tests. */
export function cellText(value: ExcelJS.CellValue): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
	if (typeof value === 'boolean') return value ? 'oui' : 'non';
	if (value instanceof Date) {
		if (Number.isNaN(value.getTime())) return '';
		// exceljs reads a date cell as that day at 00:00 UTC.
		return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
	}
	if (typeof value === 'object') {
		if ('richText' in value && Array.isArray(value.richText))
			return value.richText.map((r) => r.text ?? '').join('');
		if ('error' in value) return '';
		if ('formula' in value || 'sharedFormula' in value)
			return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
		if ('text' in value || 'hyperlink' in value) {
			const link = value as { text?: unknown; hyperlink?: string };
			const text =
				typeof link.text === 'string' ? link.text : cellText((link.text ?? null) as ExcelJS.CellValue);
			return text !== '' ? text : (link.hyperlink ?? '');
		}
	}
	return '';
}

/** Other spreadsheet formats, recognised to say what to do with them. */
function otherFormat(bytes: Uint8Array): string | undefined {
	if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)
		return 'ancien format Excel (.xls) non lu : enregistrez le fichier au format .xlsx ou en CSV';
	const head = new TextDecoder('latin1').decode(bytes.subarray(0, 100));
	if (head.includes('application/vnd.oasis.opendocument'))
		return 'format OpenDocument (.ods) non lu : enregistrez le fichier au format .xlsx ou en CSV';
	if (!(bytes[0] === 0x50 && bytes[1] === 0x4b))
		return 'ce fichier n’est pas un classeur Excel .xlsx : enregistrez-le au format .xlsx ou en CSV';
	return undefined;
}

export async function readXlsx(bytes: Uint8Array): Promise<ReadResult & { sheet?: string }> {
	const other = otherFormat(bytes);
	if (other) return { ok: false, message: other };
	const workbook = new ExcelJS.Workbook();
	try {
		// exceljs's types want a Node Buffer; a view on the same bytes avoids a copy.
		await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
	} catch {
		return {
			ok: false,
			message:
				'classeur Excel illisible (fichier abîmé ou protégé par un mot de passe) : enregistrez-le à nouveau en .xlsx ou en CSV'
		};
	}
	const sheet = workbook.worksheets[0];
	if (!sheet) return { ok: false, message: 'le classeur n’a aucune feuille' };
	if (sheet.rowCount > LIMITS.maxRows + 100)
		return { ok: false, message: `trop de lignes : plus de ${LIMITS.maxRows} (découpez le fichier)` };
	const width = Math.min(sheet.columnCount, LIMITS.maxColumns + 50);
	const grid: GridRow[] = [];
	sheet.eachRow({ includeEmpty: false }, (row, line) => {
		const cells: string[] = [];
		for (let c = 1; c <= width; c++) {
			const cell = row.getCell(c);
			// Cells covered by a merge repeat the first cell's value: only the first one holds it.
			cells.push(cell.type === ExcelJS.ValueType.Merge ? '' : cellText(cell.value));
		}
		while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
		grid.push({ line, cells });
	});
	const out = gridToTable(grid, { singleColumnMessage: false });
	if (!out.ok) return out;
	if (out.table.headers.length < 2)
		return { ok: false, message: `une seule colonne trouvée dans la feuille « ${sheet.name} »` };
	const others = workbook.worksheets.length - 1;
	const note = `feuille « ${sheet.name} » lue${others > 0 ? ` (la première ; ${others === 1 ? 'l’autre est ignorée' : `les ${others} autres sont ignorées`})` : ''}`;
	return { ...out, table: { ...out.table, notes: [note, ...(out.table.notes ?? [])] }, sheet: sheet.name };
}

/**
 * A one-sheet workbook from a table of texts (the buyers' export): a bold frozen header, widths from the
 * content, every cell written as text so a SIRET keeps its 14 digits and a leading `=` is never a formula.
 */
export async function writeXlsx(
	sheetName: string,
	headers: readonly string[],
	rows: readonly (readonly string[])[],
	notes: readonly string[] = []
): Promise<Uint8Array<ArrayBuffer>> {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'Carto ESS';
	const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
	sheet.addRow([...headers]).font = { bold: true };
	for (const row of rows) sheet.addRow([...row]);
	headers.forEach((h, i) => {
		const longest = Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length));
		const column = sheet.getColumn(i + 1);
		column.width = Math.min(60, Math.max(10, longest + 2));
		column.numFmt = '@';
	});
	if (notes.length) {
		const about = workbook.addWorksheet('À propos');
		for (const n of notes) about.addRow([n]);
		about.getColumn(1).width = 120;
	}
	return new Uint8Array(new Uint8Array(await workbook.xlsx.writeBuffer()));
}
