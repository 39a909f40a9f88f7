/** What CSV and GeoJSON files become before mapping: named columns and rows of text cells. */
export interface TableRow {
	/** Where the row is in the file, as people count: the CSV line (header = 1) or the feature number. */
	line: number;
	cells: string[];
	/** A problem found while reading this row (bad quotes, too many cells): the row is an error as a whole. */
	error?: string;
}

export interface Table {
	headers: string[];
	rows: TableRow[];
	/** What reading skipped and why (a title row above the headers, the template's example row), in French. */
	notes?: string[];
}

export type ReadResult = { ok: true; table: Table } | { ok: false; message: string };

export const LIMITS = {
	maxBytes: 20 * 1024 * 1024,
	maxRows: 50_000,
	maxColumns: 200,
	maxCell: 20_000
} as const;
