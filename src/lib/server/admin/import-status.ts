/** What the import page polls while a dry run or an apply runs (GET /admin/import/<id>/progres). */
import type { Db } from '../db/connection';
import { getImportJob, type ImportStatus } from '../db/admin';
import { progressOf, type Progress } from './import';

export async function importStatus(
	db: Db,
	id: string
): Promise<{ status: ImportStatus; progress: Progress | null } | undefined> {
	const job = getImportJob(db, id);
	return job ? { status: job.status, progress: (await progressOf(db, id)) ?? null } : undefined;
}
