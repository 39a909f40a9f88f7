/**
 * An import applied while the disk fills up: SQLite answers SQLITE_FULL in the middle of the write (here the
 * store's page limit stands for the disk). Nothing of the file may be written, the background task must never
 * reject (it would stop the server), and the job must end failed with a French message saying so as soon as
 * that can be stored; once space is freed, the same file applies whole.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { suggestMapping } from '$lib/io/mapping';
import { allRecords, getImportJob } from '../db/admin';
import { dataVersion } from '../db/records';
import { sqliteClient } from '../db/sql';
import { insertUser } from '../db/users';
import { createImportJob, FAILURE_RETRY_MS, progressOf, startApply, startDryRun } from './import';
import { testStore } from './test-store';

const alice = { id: 'u-alice', name: 'Alice' };
const header = 'name;description;roles;legalForm;isEss;communeCode;sources;lastVerified;confidence';
// Long descriptions: each record and its history entry need pages of their own.
const row = (n: number) =>
	`Structure pleine ${n};${`Une description assez longue pour occuper une page entière du fichier. `.repeat(40)};acteur;association;oui;67482;https://ex.fr/${n};2026-01-01;low`;
const csv = [header, ...Array.from({ length: 30 }, (_, i) => row(i + 1))].join('\n');

function settle(db: ReturnType<typeof testStore>, id: string) {
	return (async () => {
		for (let i = 0; i < 2000; i++) {
			const status = getImportJob(db, id)?.status;
			if (status !== 'planning' && status !== 'applying') return getImportJob(db, id)!;
			await new Promise((r) => setImmediate(r));
		}
		throw new Error('import did not finish');
	})();
}

describe('an import on a full disk', () => {
	// Only the retry timer is faked: the import's own steps wait on setImmediate.
	beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout'] }));
	afterEach(() => vi.useRealTimers());

	it('fails whole with « espace disque plein », writes nothing, and applies once space is freed', async () => {
		const db = testStore();
		const sql = sqliteClient(db);
		await insertUser(sqliteClient(db), {
			id: alice.id,
			email: 'alice@example.org',
			name: 'Alice',
			passwordHash: 'x',
			role: 'editor'
		});
		const up = await createImportJob(
			sql,
			{ kind: 'organisation', fileName: 'structures.csv', bytes: new TextEncoder().encode(csv) },
			alice
		);
		if (!up.ok) throw new Error(up.message);
		expect(await startDryRun(sql, up.id, suggestMapping('organisation', header.split(';')))).toEqual({
			ok: true
		});
		expect((await settle(db, up.id)).status).toBe('planned');
		const before = { version: dataVersion(db), records: allRecords(db).length };

		expect(await startApply(sql, up.id, alice)).toEqual({ ok: true });
		// The apply runs in the background from its first await: fill the store before it writes.
		db.exec('CREATE TABLE filler (b BLOB)');
		db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
		const fill = db.prepare('INSERT INTO filler VALUES (zeroblob(3000))');
		expect(() => {
			for (;;) fill.run();
		}).toThrow(/full/);

		// Nothing written; even the failure could not be stored yet (its row is rewritten whole): the job
		// stays « en cours », with no progress, until space is freed.
		await vi.waitFor(async () => expect(await progressOf(sql, up.id)).toBeUndefined());
		expect(getImportJob(db, up.id)!.status).toBe('applying');
		expect({ version: dataVersion(db), records: allRecords(db).length }).toEqual(before);
		await vi.advanceTimersByTimeAsync(FAILURE_RETRY_MS);
		expect(getImportJob(db, up.id)!.status).toBe('applying');

		// Space freed: the failure is stored at the next try, and the same file, planned again, is written whole.
		db.exec('DELETE FROM filler');
		db.pragma('max_page_count = 1000000');
		await vi.advanceTimersByTimeAsync(FAILURE_RETRY_MS);
		const failed = getImportJob(db, up.id)!;
		expect(failed.status).toBe('failed');
		expect(failed.error).toMatch(/^espace disque plein sur le serveur : rien n’a été écrit/);
		expect({ version: dataVersion(db), records: allRecords(db).length }).toEqual(before);
		const again = await createImportJob(
			sql,
			{ kind: 'organisation', fileName: 'structures.csv', bytes: new TextEncoder().encode(csv) },
			alice
		);
		if (!again.ok) throw new Error(again.message);
		await startDryRun(sql, again.id, suggestMapping('organisation', header.split(';')));
		expect((await settle(db, again.id)).status).toBe('planned');
		expect(await startApply(sql, again.id, alice)).toEqual({ ok: true });
		expect(await settle(db, again.id)).toMatchObject({ status: 'applied', summary: { created: 30 } });
		expect(allRecords(db).length).toBe(before.records + 30);
	});
});
