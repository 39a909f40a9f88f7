/**
 * A running import's progress, in the database so that whichever instance serves the import page sees it.
 * Written between the import's steps (never inside its transaction), read by the page's polling.
 */
import type { SqlClient } from './sql';

export interface Progress {
	phase: 'planning' | 'checking' | 'writing';
	done: number;
	total: number;
}

export async function setImportProgress(sql: SqlClient, jobId: string, p: Progress, now = new Date()) {
	await sql.run(
		`INSERT INTO import_progress (job_id, phase, done, total, updated_at) VALUES (?, ?, ?, ?, ?)
		 ON CONFLICT (job_id) DO UPDATE SET phase = excluded.phase, done = excluded.done, total = excluded.total,
		 updated_at = excluded.updated_at`,
		[jobId, p.phase, p.done, p.total, now.toISOString()]
	);
}

export async function getImportProgress(sql: SqlClient, jobId: string): Promise<Progress | undefined> {
	return sql.get<Progress>('SELECT phase, done, total FROM import_progress WHERE job_id = ?', [jobId]);
}

export async function clearImportProgress(sql: SqlClient, jobId: string): Promise<void> {
	await sql.run('DELETE FROM import_progress WHERE job_id = ?', [jobId]);
}
