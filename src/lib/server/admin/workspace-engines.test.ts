/**
 * The workspace's writes on both engines, with two clients standing for two instances on PostgreSQL: two
 * editors saving one record at once, an import applied whole or not at all and followed from the other
 * instance, merges and restores in one transaction, and the sweep of interrupted imports that must leave a
 * live sibling's import alone.
 */
import { beforeEach, expect, it } from 'vitest';
import { organisationSchema, type Organisation } from '$lib/domain/records';
import { organisationFixture } from '$lib/domain/test-fixtures';
import {
	failInterruptedImports,
	getImportJob,
	IMPORT_SILENCE_MS,
	insertImportJob,
	touchImportJob,
	transitionImportJob
} from '../db/admin';
import { setImportProgress } from '../db/import-progress';
import { dataVersion, getRecordById, insertRecords, listHistory, updateRecord } from '../db/records';
import { onBothEngines } from '../db/test-postgres';
import { mergeDuplicates } from './duplicates';
import { applyPlan, createImportJob, ImportFailure } from './import';
import { importStatus } from './import-status';
import { planContext } from './import-core';
import { restoreVersion, saveFromForm } from './records';
import { fillTestStore, formOf } from './test-store';
import { parseCsv } from '$lib/io/csv';
import { suggestMapping } from '$lib/io/mapping';
import { planImport } from '$lib/io/plan';

const alice = { id: 'u-alice', name: 'Alice' };
const bob = { id: 'u-bob', name: 'Bob' };
const org = (id: string, extra: Record<string, unknown> = {}) =>
	organisationSchema.parse(organisationFixture({ id, slug: id, name: `Structure ${id}`, ...extra }));

onBothEngines('the workspace across instances', (store) => {
	let n = 0;
	/** Fresh ids per test: the suite shares one store per engine. */
	let id: (name: string) => string;
	beforeEach(async () => {
		const run = ++n;
		id = (name) => `${name}-${run}`;
		if (run === 1) await fillTestStore(store().a);
	});

	it('two editors saving one record at once on A and B: one wins, the other gets both versions', async () => {
		const { a, b } = store();
		const r = org(id('partagee'));
		await insertRecords(a, [r], { action: 'seed' });
		const [onA, onB] = await Promise.all([
			saveFromForm(a, r.id, formOf(r, { name: 'Nom d’Alice' }), 1, alice),
			saveFromForm(b, r.id, formOf(r, { name: 'Nom de Bob' }), 1, bob)
		]);
		const results = [onA, onB];
		const won = results.filter((x) => x.ok);
		const lost = results.filter((x) => !x.ok);
		expect(won).toHaveLength(1);
		expect(lost).toHaveLength(1);
		const conflict = lost[0];
		if (conflict.ok || conflict.kind !== 'conflict') throw new Error('conflict expected');
		const stored = (await getRecordById(b, r.id))!;
		expect(stored.version).toBe(2);
		expect(conflict.conflict.theirs).toMatchObject({ name: stored.name, version: 2 });
		expect(conflict.conflict.mine.name).not.toBe(stored.name);
		// Nothing lost: the loser's version is in its hands, the winner's in the store and the history.
		expect((await listHistory(a, r.id)).map((h) => h.version)).toEqual([2, 1]);
	});

	it('an import applies in one transaction: a stale row part-way leaves the store as it was', async () => {
		const { a, b } = store();
		const first = org(id('premiere'));
		const second = org(id('seconde'));
		await insertRecords(a, [first, second], { action: 'seed' });
		const csv = [
			'id,name,description,roles,legalForm,isEss,communeCode,sources,lastVerified,confidence',
			`${id('nouvelle')},Nouvelle,Texte.,acteur,association,oui,67482,https://ex.fr,2026-01-01,low`,
			`${first.id},Renommée 1,Texte.,acteur,association,oui,67482,https://ex.fr,2026-01-01,low`,
			`${second.id},Renommée 2,Texte.,acteur,association,oui,67482,https://ex.fr,2026-01-01,low`
		].join('\n');
		const table = parseCsv(csv);
		if (!table.ok) throw new Error(table.message);
		const plan = planImport(
			'organisation',
			table.table,
			suggestMapping('organisation', table.table.headers),
			await planContext(a),
			{ policies: { name: 'replace', description: 'replace' }, values: {} }
		);
		expect(plan.counts).toMatchObject({ new: 1, update: 2, error: 0 });
		// B changes the last record after the plan: the apply on A must write nothing at all.
		await updateRecord(b, { ...second, description: 'Changée sur B.' }, { expectedVersion: 1 });
		const version = await dataVersion(a);
		await expect(applyPlan(a, plan, alice, { note: 'test' })).rejects.toThrow(ImportFailure);
		expect(await getRecordById(b, id('nouvelle'))).toBeUndefined();
		expect((await getRecordById(b, first.id))?.name).toBe(first.name);
		expect(await dataVersion(b)).toBe(version);
		// Checked against the version read before B's write: refused too, even without a stale row.
		await expect(
			applyPlan(a, { ...plan, rows: plan.rows.slice(0, 1) }, alice, {
				note: 'test',
				dataVersion: version - 1
			})
		).rejects.toThrow(/ont changé pendant la vérification/);
		expect(await getRecordById(b, id('nouvelle'))).toBeUndefined();
	});

	it('an import started on A reports its status and progress on B', async () => {
		const { a, b } = store();
		const up = await createImportJob(
			a,
			{
				kind: 'organisation',
				fileName: 'a.csv',
				bytes: new TextEncoder().encode(`id,name\n${id('x')},X\n`)
			},
			alice
		);
		if (!up.ok) throw new Error(up.message);
		expect(await transitionImportJob(a, up.id, ['uploaded'], 'planning')).toBe(true);
		await setImportProgress(a, up.id, { phase: 'planning', done: 1, total: 2 });
		expect(await importStatus(b, up.id)).toEqual({
			status: 'planning',
			progress: { phase: 'planning', done: 1, total: 2 }
		});
	});

	it('the sweep fails only imports whose instance went silent: a live import on A survives B starting', async () => {
		const { a, b } = store();
		const now = new Date('2027-03-01T10:00:00Z');
		const job = async (name: string, startedAt: Date) => {
			const jobId = id(name);
			await insertImportJob(
				a,
				{
					id: jobId,
					kind: 'organisation',
					format: 'csv',
					fileName: `${name}.csv`,
					source: 'name\nX\n',
					encoding: 'utf-8',
					delimiter: ',',
					createdBy: alice.id
				},
				startedAt
			);
			await transitionImportJob(a, jobId, ['uploaded'], 'applying', {}, startedAt);
			return jobId;
		};
		const longAgo = new Date(now.getTime() - 10 * IMPORT_SILENCE_MS);
		const live = await job('vivant', longAgo);
		const silent = await job('muet', longAgo);
		// A keeps beating for its live job; the silent one's instance stopped long ago.
		expect(await touchImportJob(a, live, new Date(now.getTime() - 1000))).toBe(true);
		// B starts and sweeps.
		expect(await failInterruptedImports(b, now)).toBeGreaterThanOrEqual(1);
		expect((await getImportJob(b, live))?.status).toBe('applying');
		expect(await getImportJob(b, silent)).toMatchObject({
			status: 'failed',
			error: expect.stringMatching(/interrompu/)
		});
		// Within the margin it survives again; once silent past it, it is failed too.
		expect(await failInterruptedImports(b, new Date(now.getTime() + IMPORT_SILENCE_MS - 2000))).toBe(0);
		expect(await failInterruptedImports(b, new Date(now.getTime() + IMPORT_SILENCE_MS))).toBe(1);
		expect((await getImportJob(a, live))?.status).toBe('failed');
		// A job no longer running takes no heartbeat.
		expect(await touchImportJob(a, live, now)).toBe(false);
	});

	it('a merge is one transaction: a record moved on B meanwhile undoes all of it', async () => {
		const { a, b } = store();
		const keep = org(id('garder'));
		const drop = org(id('doublon'), { foundedYear: 2001 });
		const branch = org(id('antenne'), { parentId: drop.id });
		await insertRecords(a, [keep, drop, branch], { action: 'seed' });
		const version = await dataVersion(a);
		// Over a version of the dropped record that B has since moved on: the kept record's update, written
		// first inside the transaction, is undone with the rest.
		await updateRecord(b, { ...drop, description: 'Changée sur B.' }, { expectedVersion: 1 });
		expect(await mergeDuplicates(a, keep.id, drop.id, { keep: 1, drop: 1 }, alice)).toMatchObject({
			ok: false
		});
		expect(await dataVersion(b)).toBe(version + 1);
		expect(await getRecordById(b, keep.id)).toMatchObject({ version: 1 });
		expect((await getRecordById(b, drop.id))?.status).toBe('published');
		expect(((await getRecordById(b, branch.id)) as Organisation | undefined)?.parentId).toBe(drop.id);
		const merged = await mergeDuplicates(b, keep.id, drop.id, { keep: 1, drop: 2 }, bob);
		expect(merged).toEqual({ ok: true, keptId: keep.id });
		expect((await getRecordById(a, drop.id))?.status).toBe('archived');
		expect(((await getRecordById(a, branch.id)) as Organisation | undefined)?.parentId).toBe(keep.id);
	});

	it('a restore is one new version; restoring twice over one version on A and B: one wins', async () => {
		const { a, b } = store();
		const r = org(id('restauree'));
		await insertRecords(a, [r], { action: 'seed' });
		await updateRecord(a, { ...r, name: 'Nom changé' }, { expectedVersion: 1 });
		const results = await Promise.all([
			restoreVersion(a, r.id, 1, 2, alice),
			restoreVersion(b, r.id, 1, 2, bob)
		]);
		expect(results.filter((x) => x.ok)).toHaveLength(1);
		expect(results.filter((x) => !x.ok && x.kind === 'conflict')).toHaveLength(1);
		expect(await getRecordById(b, r.id)).toMatchObject({ name: r.name, version: 3 });
		expect((await listHistory(b, r.id)).map((h) => h.action)).toEqual(['restore', 'update', 'seed']);
	});
});
