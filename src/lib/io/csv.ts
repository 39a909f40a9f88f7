/**
 * Reading and writing CSV with papaparse (https://www.papaparse.com). Files from spreadsheets arrive in
 * UTF-8 (with or without BOM) or Windows-1252 (Excel's "CSV" on French Windows), separated by commas or
 * semicolons (Excel in a French locale). Everything here is total: any bytes give a table or a message.
 */
import Papa from 'papaparse';
import { gridToTable, type GridRow } from './grid';
import type { ReadResult } from './table';

export type Encoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

/**
 * Bytes to text. UTF-8 is tried strictly first (fatal: true), so a Windows-1252 file, which is almost never
 * valid UTF-8 once it has an accent, falls back to Windows-1252. A BOM is removed and reported.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: Encoding; bom: boolean } {
	if (bytes[0] === 0xff && bytes[1] === 0xfe)
		return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', bom: true };
	if (bytes[0] === 0xfe && bytes[1] === 0xff)
		return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', bom: true };
	const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
	const body = bom ? bytes.subarray(3) : bytes;
	try {
		return {
			text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body),
			encoding: 'utf-8',
			bom
		};
	} catch {
		return { text: decodeWindows1252(body), encoding: 'windows-1252', bom };
	}
}

/** Windows-1252 bytes 0x80-0x9F (€, œ, ’, …); the other bytes are their Latin-1 code points. */
const CP1252_HIGH =
	'\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
	'\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * Our own Windows-1252 decoder: Node 20's TextDecoder('windows-1252') decodes as Latin-1 and turns € and œ
 * into control characters (https://github.com/nodejs/node/issues/56542).
 */
export function decodeWindows1252(bytes: Uint8Array): string {
	let out = '';
	for (let i = 0; i < bytes.length; i += 8192) {
		const chunk = bytes.subarray(i, i + 8192);
		out += String.fromCharCode(
			...Array.from(chunk, (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b))
		);
	}
	return out;
}

/** The separator of the header line: the most frequent of , ; and tab outside quotes (comma on a tie). */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
	const counts = { ',': 0, ';': 0, '\t': 0 };
	let quoted = false;
	for (let i = 0; i < text.length && i < 100_000; i++) {
		const c = text[i];
		if (c === '"') quoted = !quoted;
		else if (!quoted && (c === '\n' || c === '\r')) break;
		else if (!quoted && c in counts) counts[c as keyof typeof counts]++;
	}
	if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
	if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
	return ',';
}

/** Line number (1-based) of each row start, for messages that point into the file. */
function lineStarts(text: string): number[] {
	// Papaparse reports data rows by index; a quoted cell can span lines, so count lines per parsed row.
	const lines: number[] = [];
	let line = 1;
	let quoted = false;
	let rowStart = true;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (rowStart) {
			lines.push(line);
			rowStart = false;
		}
		if (c === '"') quoted = !quoted;
		else if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) {
			line++;
			if (!quoted) rowStart = true;
		}
	}
	return lines;
}

/**
 * Text to a table: the first row with two cells or more names the columns (a title above it is skipped and
 * said in the table's notes, see grid.ts).
 */
export function parseCsv(
	text: string,
	opts: { delimiter?: string } = {}
): ReadResult & { delimiter?: string } {
	const clean = text.startsWith('\ufeff') ? text.slice(1) : text;
	if (clean.trim() === '') return { ok: false, message: 'le fichier est vide' };
	const delimiter = opts.delimiter ?? detectDelimiter(clean);
	const parsed = Papa.parse<string[]>(clean, { delimiter, skipEmptyLines: false, header: false });
	const starts = lineStarts(clean);
	const rowErrors = new Map<number, string>();
	for (const e of parsed.errors) {
		if (typeof e.row === 'number' && !rowErrors.has(e.row)) {
			rowErrors.set(
				e.row,
				e.code === 'MissingQuotes' || e.code === 'InvalidQuotes'
					? 'guillemets mal fermés dans cette ligne'
					: `ligne illisible (${e.code})`
			);
		}
	}
	const grid: GridRow[] = parsed.data.map((cells, index) => {
		const row: GridRow = { line: starts[index] ?? index + 1, cells: cells.map(unescapeCell) };
		const error = rowErrors.get(index);
		if (error) row.error = error;
		return row;
	});
	const out = gridToTable(grid, { singleColumnMessage: !opts.delimiter });
	return out.ok ? { ...out, delimiter } : out;
}

/**
 * Writes CSV (RFC 4180 quoting by papaparse). `excel` adds a BOM and uses ";" for French spreadsheets.
 * Cells starting with = + - @ get a leading apostrophe so a spreadsheet does not run them as formulas
 * (CSV injection, https://owasp.org/www-community/attacks/CSV_Injection). Cells starting with an apostrophe
 * get one too, so that parseCsv can remove exactly one and give every cell back unchanged.
 */
export function writeCsv(headers: string[], rows: string[][], opts: { excel?: boolean } = {}): string {
	const body = Papa.unparse(
		{ fields: headers, data: rows.map((r) => r.map((c) => (FORMULA_OR_QUOTE.test(c) ? `'${c}` : c))) },
		{ delimiter: opts.excel ? ';' : ',', newline: '\r\n', quotes: false, escapeFormulae: false }
	);
	return (opts.excel ? '\ufeff' : '') + body + '\r\n';
}

const FORMULA_OR_QUOTE = /^[=+\-@\t\r']/;
const ESCAPED = /^'[=+\-@\t\r']/;

/** The inverse of writeCsv's protection: one leading apostrophe before = + - @ or ' is ours. */
function unescapeCell(cell: string): string {
	return ESCAPED.test(cell) ? cell.slice(1) : cell;
}
