/**
 * The import's messages as maintainers read them: the row, the column as the file names it, the field's
 * French label and why; and the rows left out by « Ignorer les lignes en erreur », as a CSV to fix and
 * import again.
 */
import { errorAnchor, labelOfPath } from '$lib/domain/fields';
import type { RecordKind } from '$lib/domain/records';
import { writeCsv } from './csv';
import type { PlanRow, RowError } from './plan';
import type { Table } from './table';
import { foldName } from './values';

/** The field's French label, when the error is about a field. */
export function errorLabel(kind: RecordKind, e: Pick<RowError, 'field'>): string | undefined {
	if (e.field === '(ligne)' || e.field === '(fiche)') return undefined;
	return labelOfPath(kind, errorAnchor(e.field, kind));
}

/**
 * « colonne « isEss » : oui ou non attendu, lu « peut-être » (champ « Structure de l’ESS ») »: the column
 * first, as the person wrote it; the field's label after, unless the column already says it.
 */
export function describeError(kind: RecordKind, e: RowError): string {
	const label = errorLabel(kind, e);
	if (e.column) {
		const field = label && foldName(label) !== foldName(e.column) ? ` (champ « ${label} »)` : '';
		return `colonne « ${e.column} » : ${e.message}${field}`;
	}
	return label ? `${label} : ${e.message}` : e.message;
}

/** The same, with the row: « ligne 4 — colonne « Commune » : … ». */
export function describeRowError(kind: RecordKind, line: number, e: RowError): string {
	return `ligne ${line} — ${describeError(kind, e)}`;
}

export const REJECTED_COLUMN = 'Erreurs à corriger (colonne ignorée à l’import)';

/**
 * The rows in error, with their cells as the file had them and the reasons in a first column, as a CSV for
 * French spreadsheets (semicolons, BOM). Imported again once fixed, its first column is left out by the
 * mapping (no field has that name) and the rows find their records like the others.
 */
export function rejectedRowsCsv(
	kind: RecordKind,
	table: Table,
	rows: readonly Pick<PlanRow, 'line' | 'status' | 'errors'>[]
): string {
	const byLine = new Map(table.rows.map((r) => [r.line, r.cells]));
	const out: string[][] = [];
	for (const row of rows) {
		if (row.status !== 'error') continue;
		const reasons = row.errors.map((e) => describeRowError(kind, row.line, e)).join(' ; ');
		out.push([reasons, ...(byLine.get(row.line) ?? table.headers.map(() => ''))]);
	}
	return writeCsv([REJECTED_COLUMN, ...table.headers], out, { excel: true });
}
