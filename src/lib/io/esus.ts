/**
 * The national list of ESUS approvals (« entreprises solidaires d'utilité sociale »), published by the
 * Direction générale du Trésor from the DREETS' approvals as an xlsx workbook, as rows of our columns for
 * the workspace's import: only the companies already in the directory (matched by SIREN, the list's key,
 * against each record's SIREN or the first 9 digits of its SIRET) get the ESUS kind and its proof. The
 * list is national and gives no address, so it never creates a record.
 */
import { foldName } from './values';
import type { Table, TableRow } from './table';

export const ESUS_LIST = {
	title: 'Liste nationale des entreprises agréées ESUS',
	site: 'Direction générale du Trésor',
	url: 'https://www.tresor.economie.gouv.fr/banque-assurance-finance/finance-sociale-et-solidaire/liste-nationale-agrements-esus'
} as const;

export interface EsusOrganisation {
	id: string;
	name: string;
	siren?: string;
	siret?: string;
}

export interface EsusSkip {
	line: number;
	reason: string;
}

export const ESUS_HEADERS = [
	'id',
	'approvals',
	'approvalProofs.esus.title',
	'approvalProofs.esus.site',
	'approvalProofs.esus.url',
	'approvalProofs.esus.date'
] as const;

/** A SIREN as the workbook may hold it: spaced, or a number that lost a leading zero. */
export function sirenOf(cell: string): string | undefined {
	const digits = cell.replace(/[\s.\u00a0]/g, '');
	if (/^\d{9}$/.test(digits)) return digits;
	if (/^\d{8}$/.test(digits)) return `0${digits}`;
	if (/^\d{14}$/.test(digits)) return digits.slice(0, 9);
	return undefined;
}

/** A date cell: already 2026-12-04 (a date cell read by the workbook reader) or written 04/12/2026. */
export function esusDate(cell: string): string | undefined {
	const v = cell.trim();
	const iso = v.match(/^(\d{4})-(\d{2})-(\d{2})/);
	if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
	const fr = v.match(/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/);
	if (fr) return `${fr[3]}-${fr[2].padStart(2, '0')}-${fr[1].padStart(2, '0')}`;
	return undefined;
}

/**
 * The list's rows matched to the directory. `listDate` dates a proof when the row gives no approval date
 * (the list's own date, or the day it was read). Throws, in French, when no « SIREN » column is found.
 */
export function esusToTable(
	file: Table,
	organisations: readonly EsusOrganisation[],
	listDate: string
): { table: Table; skipped: EsusSkip[]; listed: number; matched: string[] } {
	const headers = file.headers.map((h) => foldName(h));
	const sirenAt = headers.findIndex((h) => h === 'siren' || h.startsWith('siren '));
	if (sirenAt < 0)
		throw new Error(
			`liste ESUS : colonne « SIREN » introuvable (colonnes lues : ${file.headers.slice(0, 8).join(', ')})`
		);
	const dateAt = headers.findIndex((h) => h.includes('date') && /agrement|delivr|decision/.test(h));
	const bySiren = new Map<string, EsusOrganisation[]>();
	for (const o of organisations) {
		const siren = o.siren ?? (o.siret ? o.siret.slice(0, 9) : undefined);
		if (siren) bySiren.set(siren, [...(bySiren.get(siren) ?? []), o]);
	}
	const skipped: EsusSkip[] = [];
	const seen = new Set<string>();
	const rows: TableRow[] = [];
	const matched: string[] = [];
	let listed = 0;
	for (const row of file.rows) {
		if (row.error) {
			skipped.push({ line: row.line, reason: row.error });
			continue;
		}
		const raw = (row.cells[sirenAt] ?? '').trim();
		const siren = sirenOf(raw);
		if (!siren) {
			skipped.push({
				line: row.line,
				reason: raw ? `SIREN invalide « ${raw.slice(0, 20)} » : 9 chiffres attendus` : 'SIREN absent'
			});
			continue;
		}
		listed++;
		if (seen.has(siren)) continue;
		seen.add(siren);
		const rowDate = dateAt >= 0 ? (row.cells[dateAt] ?? '') : '';
		const date = esusDate(rowDate) ?? listDate;
		for (const o of bySiren.get(siren) ?? []) {
			matched.push(o.id);
			rows.push({
				line: row.line,
				cells: [o.id, 'esus', ESUS_LIST.title, ESUS_LIST.site, ESUS_LIST.url, date]
			});
		}
	}
	return { table: { headers: [...ESUS_HEADERS], rows }, skipped, listed, matched };
}
