/** What the import page polls while a dry run or an apply runs (GET /admin/import/<id>/progres). */
import { failInterruptedImports, getImportJob, type ImportStatus } from '../db/admin';
import type { SqlClient } from '../db/sql';
import { progressOf, type Progress } from './import';

export async function importStatus(
	sql: SqlClient,
	id: string
): Promise<{ status: ImportStatus; progress: Progress | null } | undefined> {
	// A job whose instance stopped ends failed here, whichever instance the page asks.
	await failInterruptedImports(sql);
	const job = await getImportJob(sql, id);
	return job ? { status: job.status, progress: (await progressOf(sql, id)) ?? null } : undefined;
}
