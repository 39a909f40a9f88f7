/** Excel workbooks for tests, written the way people lay them out (a title row merged above the headers). */
import ExcelJS from 'exceljs';

export async function workbookOf(
	rows: ExcelJS.CellValue[][],
	opts: { title?: string; sheet?: string } = {}
): Promise<Uint8Array> {
	const wb = new ExcelJS.Workbook();
	const sheet = wb.addWorksheet(opts.sheet ?? 'Feuille 1');
	if (opts.title) {
		sheet.addRow([opts.title]);
		sheet.mergeCells(1, 1, 1, Math.max(2, rows[0]?.length ?? 2));
	}
	for (const row of rows) sheet.addRow(row);
	return new Uint8Array(await wb.xlsx.writeBuffer());
}
