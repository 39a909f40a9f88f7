/** What the import page polls while a dry run or an apply runs (GET /admin/import/<id>/progres). */
import type { Db } from '../db/connection';
import { getImportJob, type ImportStatus } from '../db/admin';
import { progressOf, type Progress } from './import';

export function importStatus(
	db: Db,
	id: string
): { status: ImportStatus; progress: Progress | null } | undefined {
	const job = getImportJob(db, id);
	return job ? { status: job.status, progress: progressOf(id) ?? null } : undefined;
}
