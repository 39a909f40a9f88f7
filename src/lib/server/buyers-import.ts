/**
 * `npm run import:inclusion`: the data·inclusion structures file through the workspace's import (same
 * matching by SIRET, enrichment of existing records with their update policies, dry run, one transaction,
 * history entries `import`). Rows outside the Eurométropole or of no inclusive kind are reported, never
 * created. New records are drafts to review, like every import's.
 */
import { decodeText, parseCsv, writeCsv } from '$lib/io/csv';
import { INCLUSION_DATASET, inclusionToTable, type InclusionSkip } from '$lib/io/inclusion';
import type { Db } from './db/connection';
import { listCommunes } from './db/records';
import { runImportCommand, type CommandOutput, type CommandResult } from './admin/import-command';

export interface InclusionResult extends CommandResult {
	/** Rows of the file left out before the import, with why. */
	outside: number;
	notInclusive: number;
	noSiret: number;
}

export async function runInclusionImport(
	db: Db,
	input: { fileName: string; bytes: Uint8Array; dryRun: boolean; by?: string },
	out: CommandOutput
): Promise<{ exitCode: number; result: InclusionResult; skipped: InclusionSkip[] }> {
	const base = { outside: 0, notInclusive: 0, noSiret: 0 };
	const empty: CommandResult = {
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
	const read = parseCsv(decodeText(input.bytes).text, { delimiter: ',' });
	if (!read.ok) return { exitCode: 1, result: { ...empty, ...base, message: read.message }, skipped: [] };
	let converted;
	try {
		converted = inclusionToTable(read.table, new Set(listCommunes(db).map((c) => c.code)));
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
	const csv = writeCsv(
		converted.table.headers,
		converted.table.rows.map((r) => r.cells)
	);
	const { exitCode, result } = await runImportCommand(
		db,
		{
			kind: 'organisation',
			fileName: input.fileName,
			bytes: new TextEncoder().encode(csv),
			mappingFile: {
				columns: Object.fromEntries(converted.table.headers.map((h) => [h, h])),
				// SIAE and sheltered-work structures are actors; whether each is of the ESS is for an editor.
				values: { roles: 'acteur', isEss: 'non' },
				// A kind the file states is added to those a record already has, never replacing them.
				policies: { approvals: 'union' },
				source: { url: INCLUSION_DATASET.url, title: INCLUSION_DATASET.title }
			},
			dryRun: input.dryRun,
			skipErrors: true,
			by: input.by ?? 'import data·inclusion'
		},
		out
	);
	return { exitCode, result: { ...result, ...base }, skipped: converted.skipped };
}
