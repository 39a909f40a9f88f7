import { beforeAll, expect, it } from 'vitest';
import { clearImportProgress, getImportProgress, setImportProgress } from './import-progress';
import { onBothEngines } from './test-postgres';

onBothEngines('import progress', (store) => {
	beforeAll(async () => {
		await store().a.run(
			`INSERT INTO import_jobs (id, kind, format, file_name, source, encoding, status, created_by, created_at, updated_at)
			 VALUES ('job-1', 'organisation', 'csv', 'a.csv', 'x', 'utf-8', 'planning', 'u1', 'now', 'now')`
		);
	});

	it('an import running on one instance reports its progress to the other, step after step', async () => {
		const { a, b } = store();
		expect(await getImportProgress(b, 'job-1')).toBeUndefined();
		await setImportProgress(a, 'job-1', { phase: 'planning', done: 0, total: 1000 });
		expect(await getImportProgress(b, 'job-1')).toEqual({ phase: 'planning', done: 0, total: 1000 });
		await setImportProgress(a, 'job-1', { phase: 'planning', done: 250, total: 1000 });
		expect(await getImportProgress(b, 'job-1')).toEqual({ phase: 'planning', done: 250, total: 1000 });
		await clearImportProgress(a, 'job-1');
		expect(await getImportProgress(b, 'job-1')).toBeUndefined();
	});

	it('goes with its job', async () => {
		const { a, b } = store();
		await setImportProgress(a, 'job-1', { phase: 'writing', done: 0, total: 3 });
		await a.run("DELETE FROM import_jobs WHERE id = 'job-1'");
		expect(await getImportProgress(b, 'job-1')).toBeUndefined();
	});
});
