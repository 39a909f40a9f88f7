/**
 * `npm run import:inclusion`: the data·inclusion structures file through the workspace's import (same
 * matching by SIRET, enrichment of existing records with their update policies, dry run, one transaction,
 * history entries `import`). Rows outside the Eurométropole or of no inclusive kind are reported, never
 * created. New records are drafts to review, like every import's.
 */
import { decodeText, parseCsv, writeCsv } from '$lib/io/csv';
import { ESUS_LIST, esusToTable, type EsusSkip } from '$lib/io/esus';
import { FINESS_DATASET, finessToTable, type FinessSkip } from '$lib/io/finess';
import { INCLUSION_DATASET, inclusionToTable, type InclusionSkip } from '$lib/io/inclusion';
import { readXlsx } from '$lib/io/xlsx';
import { listCommunes, listRecords } from './db/records';
import type { SqlClient } from './db/sql';
import { runImportCommand, type CommandOutput, type CommandResult } from './admin/import-command';

/** What an importer reports when it stops before the import: nothing read, nothing written. */
function nothingWritten(input: { fileName: string; dryRun: boolean }): CommandResult {
	return {
		file: input.fileName,
		kind: 'organisation',
		dryRun: input.dryRun,
		written: false,
		new: 0,
		updated: 0,
		unchanged: 0,
		errors: 0,
		skipped: 0
	};
}

/**
 * Hands the rows a converter wrote to the workspace's import, as CSV (which the import recognises by the
 * file's name) under the import's own column names. A kind a file states is added to those a record already
 * has, never replacing them.
 */
function importRows(
	sql: SqlClient,
	table: { headers: string[]; rows: { cells: string[] }[] },
	o: {
		fileName: string;
		dryRun: boolean;
		skipErrors: boolean;
		by: string;
		source: { url: string; title: string };
		/** Values every row gets (the roles of sheltered-work and insertion structures). */
		values?: Record<string, string>;
	},
	out: CommandOutput
) {
	return runImportCommand(
		sql,
		{
			kind: 'organisation',
			fileName: o.fileName.endsWith('.csv') ? o.fileName : `${o.fileName}.csv`,
			bytes: new TextEncoder().encode(
				writeCsv(
					table.headers,
					table.rows.map((r) => r.cells)
				)
			),
			mappingFile: {
				columns: Object.fromEntries(table.headers.map((h) => [h, h])),
				...(o.values ? { values: o.values } : {}),
				policies: { approvals: 'union' },
				source: o.source
			},
			dryRun: o.dryRun,
			skipErrors: o.skipErrors,
			by: o.by
		},
		out
	);
}

export interface InclusionResult extends CommandResult {
	/** Rows of the file left out before the import, with why. */
	outside: number;
	notInclusive: number;
	noSiret: number;
}

export async function runInclusionImport(
	sql: SqlClient,
	input: { fileName: string; bytes: Uint8Array; dryRun: boolean; by?: string },
	out: CommandOutput
): Promise<{ exitCode: number; result: InclusionResult; skipped: InclusionSkip[] }> {
	const base = { outside: 0, notInclusive: 0, noSiret: 0 };
	const empty = nothingWritten(input);
	const read = parseCsv(decodeText(input.bytes).text, { delimiter: ',' });
	if (!read.ok) return { exitCode: 1, result: { ...empty, ...base, message: read.message }, skipped: [] };
	let converted;
	try {
		converted = inclusionToTable(read.table, new Set((await listCommunes(sql)).map((c) => c.code)));
	} catch (e) {
		return { exitCode: 1, result: { ...empty, ...base, message: (e as Error).message }, skipped: [] };
	}
	for (const s of converted.skipped) {
		out.log(`ligne ${s.line} : écartée, ${s.reason}`);
		if (s.reason.startsWith('commune')) base.outside++;
		else if (s.reason.startsWith('aucun type')) base.notInclusive++;
		else base.noSiret++;
	}
	if (converted.table.rows.length === 0)
		return {
			exitCode: 0,
			result: { ...empty, ...base, message: 'aucune ligne à importer ; rien n’a été écrit' },
			skipped: converted.skipped
		};
	const { exitCode, result } = await importRows(
		sql,
		converted.table,
		{
			fileName: input.fileName,
			dryRun: input.dryRun,
			skipErrors: true,
			by: input.by ?? 'import data·inclusion',
			// SIAE and sheltered-work structures are actors; whether each is of the ESS is for an editor.
			values: { roles: 'acteur', isEss: 'non' },
			source: { url: INCLUSION_DATASET.url, title: INCLUSION_DATASET.title }
		},
		out
	);
	return { exitCode, result: { ...result, file: input.fileName, ...base }, skipped: converted.skipped };
}

export interface EsusResult extends CommandResult {
	/** Companies the list names (rows with a valid SIREN). */
	listed: number;
	/** Directory records that the list approves. */
	matched: number;
	/** Rows of the list that could not be read (no SIREN, bad SIREN). */
	unreadable: number;
}

/**
 * `npm run import:esus`: the national ESUS list (xlsx) onto the directory's organisations, matched by
 * SIREN: the ESUS kind is added to the record's kinds and its proof (the list, its date) filled where the
 * record has none, so a proof an editor wrote is kept. Nothing else of the record changes. One transaction:
 * a row in error leaves everything unwritten.
 */
export async function runEsusImport(
	sql: SqlClient,
	input: { fileName: string; bytes: Uint8Array; dryRun: boolean; by?: string; date: string },
	out: CommandOutput
): Promise<{ exitCode: number; result: EsusResult; skipped: EsusSkip[] }> {
	const base = { listed: 0, matched: 0, unreadable: 0 };
	const empty = nothingWritten(input);
	const read = await readXlsx(input.bytes);
	if (!read.ok)
		return {
			exitCode: 1,
			result: { ...empty, ...base, message: `liste ESUS : ${read.message}` },
			skipped: []
		};
	for (const note of read.table.notes ?? []) out.log(note);
	let converted;
	try {
		converted = esusToTable(
			read.table,
			(await listRecords(sql, 'organisation', { status: 'any' })).map((o) => ({
				id: o.id,
				name: o.name,
				siren: o.siren,
				siret: o.siret
			})),
			input.date
		);
	} catch (e) {
		return { exitCode: 1, result: { ...empty, ...base, message: (e as Error).message }, skipped: [] };
	}
	for (const s of converted.skipped) out.log(`ligne ${s.line} : écartée, ${s.reason}`);
	// The import below numbers the rows it is handed; these lines say which row of the workbook each is.
	converted.table.rows.forEach((r, i) =>
		out.log(`ligne ${r.line} du classeur : fiche « ${r.cells[0]} » (ligne ${i + 2} ci-dessous)`)
	);
	const counts = {
		listed: converted.listed,
		matched: converted.matched.length,
		unreadable: converted.skipped.length
	};
	out.log(
		`${counts.listed} entreprise${counts.listed > 1 ? 's' : ''} dans la liste, ${counts.matched} fiche${counts.matched > 1 ? 's' : ''} de l’annuaire rapprochée${counts.matched > 1 ? 's' : ''} par SIREN`
	);
	if (converted.table.rows.length === 0)
		return {
			exitCode: 0,
			result: {
				...empty,
				...counts,
				message: 'aucune fiche de l’annuaire dans la liste ; rien n’a été écrit'
			},
			skipped: converted.skipped
		};
	const { exitCode, result } = await importRows(
		sql,
		converted.table,
		{
			fileName: input.fileName,
			dryRun: input.dryRun,
			skipErrors: false,
			by: input.by ?? 'import liste ESUS',
			source: { url: ESUS_LIST.url, title: ESUS_LIST.title }
		},
		out
	);
	return {
		exitCode,
		result: { ...result, file: input.fileName, ...counts },
		skipped: converted.skipped
	};
}

export interface FinessResult extends CommandResult {
	/** `structureet` lines in the file, ESAT among them, and ESAT outside the Eurométropole. */
	establishments: number;
	esat: number;
	outside: number;
	/** Lines reported and left out (or, for a position, left unused). */
	reported: number;
}

/**
 * `npm run import:finess`: the ESAT of the FINESS extraction (positions converted from Lambert-93) onto
 * the directory, like the other importers: matched by SIRET, existing records enriched (the ESAT kind
 * added, its proof and empty fields filled, nothing curated replaced), new ones created as drafts only in
 * the Eurométropole's communes, with history entries. One transaction: a row in error leaves everything
 * unwritten.
 */
export async function runFinessImport(
	sql: SqlClient,
	input: { fileName: string; bytes: Uint8Array; dryRun: boolean; by?: string },
	out: CommandOutput
): Promise<{ exitCode: number; result: FinessResult; skipped: FinessSkip[] }> {
	const base = { establishments: 0, esat: 0, outside: 0, reported: 0 };
	const empty = nothingWritten(input);
	const decoded = decodeText(input.bytes);
	if (decoded.encoding !== 'utf-8') out.log(`fichier lu en ${decoded.encoding}`);
	let converted;
	try {
		converted = finessToTable(decoded.text, new Set((await listCommunes(sql)).map((c) => c.code)));
	} catch (e) {
		return { exitCode: 1, result: { ...empty, ...base, message: (e as Error).message }, skipped: [] };
	}
	for (const s of converted.skipped) out.log(`ligne ${s.line} : ${s.reason}`);
	const counts = {
		establishments: converted.establishments,
		esat: converted.esat,
		outside: converted.outside,
		reported: converted.skipped.length
	};
	out.log(
		`extraction du ${converted.date} : ${counts.establishments} établissement${counts.establishments > 1 ? 's' : ''}, ${counts.esat} ESAT dont ${counts.outside} hors de l’Eurométropole, ${converted.table.rows.length} à importer`
	);
	if (converted.table.rows.length === 0)
		return {
			exitCode: 0,
			result: { ...empty, ...counts, message: 'aucun ESAT à importer ; rien n’a été écrit' },
			skipped: converted.skipped
		};
	converted.table.rows.forEach((r, i) =>
		out.log(`ligne ${r.line} du fichier : SIRET ${r.cells[0]} (ligne ${i + 2} ci-dessous)`)
	);
	const { exitCode, result } = await importRows(
		sql,
		converted.table,
		{
			fileName: input.fileName,
			dryRun: input.dryRun,
			skipErrors: false,
			by: input.by ?? 'import FINESS',
			// Sheltered-work establishments are actors; whether each is of the ESS is for an editor.
			values: { roles: 'acteur', isEss: 'non' },
			source: { url: FINESS_DATASET.url, title: FINESS_DATASET.title }
		},
		out
	);
	return {
		exitCode,
		result: { ...result, file: input.fileName, ...counts },
		skipped: converted.skipped
	};
}
