/**
 * kill -9 during the workspace's writes: a child process (security/fault-worker.ts) approves proposals,
 * merges duplicates or restores old versions one after the other on a temporary store, and is killed with
 * SIGKILL at a moment that moves from round to round. After each kill the store must pass SQLite's
 * integrity check and every operation must be either complete or not begun, never half written.
 */
import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'carto-ess-faults-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Op = 'approve' | 'merge' | 'restore';
const COUNT = 200;
const worker = (...args: string[]) => ['--import', 'tsx', join(root, 'security/fault-worker.ts'), ...args];

function seed(op: Op): string {
	const path = join(dir, `${op}.sqlite`);
	const r = spawnSync(process.execPath, worker('seed', op, path, String(COUNT)), { cwd: root });
	if (r.status !== 0) throw new Error(`seed ${op} : ${r.stderr}`);
	return path;
}

/** Runs the writes and kills the process after `after` completed operations; how many it reported. */
function runAndKill(op: Op, path: string, after: number): Promise<{ reported: number; finished: boolean }> {
	return new Promise((done, fail) => {
		const child = spawn(process.execPath, worker('run', op, path, String(COUNT)), { cwd: root });
		let out = '';
		let reported = 0;
		let stderr = '';
		child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
		child.stdout.on('data', (c: Buffer) => {
			out += c.toString();
			reported = (out.match(/^ok /gm) ?? []).length;
			if (reported >= after && child.exitCode === null) child.kill('SIGKILL');
		});
		child.on('exit', (code, signal) => {
			if (signal !== 'SIGKILL' && code !== 0) fail(new Error(`${op} : ${stderr}`));
			done({ reported, finished: out.includes('fini') });
		});
	});
}

function inspect(path: string) {
	const db = new Database(path, { readonly: true });
	try {
		expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
		expect(db.pragma('foreign_key_check')).toEqual([]);
		// Every record's version is its last history entry, holding the same document.
		const torn = db
			.prepare(
				`SELECT r.id FROM records r
				 LEFT JOIN record_history h ON h.record_id = r.id AND h.version = r.version
				 WHERE h.record_id IS NULL OR h.data <> r.data
				    OR (SELECT MAX(version) FROM record_history WHERE record_id = r.id) <> r.version`
			)
			.all();
		expect(torn).toEqual([]);
		return db.prepare('SELECT id, status, version, data FROM records').all() as {
			id: string;
			status: string;
			version: number;
			data: string;
		}[];
	} finally {
		db.close();
	}
}

function proposalsOf(path: string) {
	const db = new Database(path, { readonly: true });
	try {
		return db.prepare('SELECT id, status, record_id AS recordId FROM proposals').all() as {
			id: string;
			status: string;
			recordId: string | null;
		}[];
	} finally {
		db.close();
	}
}

/** Three kills per kind of write, early, in the middle and late, each leaving a consistent store. */
const ROUNDS = [3, 30, 90];

describe('kill -9 during a write leaves the store as before or complete, never half', () => {
	it('moderation approvals', async () => {
		const path = seed('approve');
		let done = 0;
		for (const after of ROUNDS) {
			const run = await runAndKill('approve', path, after);
			expect(run.finished).toBe(false);
			const records = new Map(inspect(path).map((r) => [r.id, r]));
			const proposals = proposalsOf(path);
			const approved = proposals.filter((p) => p.status === 'approved');
			// Approved exactly when its record exists; never a record without its approval.
			for (const p of proposals) {
				if (p.status === 'approved') expect(records.has(p.recordId!), p.id).toBe(true);
				else expect(p).toMatchObject({ status: 'pending', recordId: null });
			}
			expect(records.size).toBe(approved.length);
			// At least what the child reported before it died, and not more than one it had begun.
			expect(approved.length).toBeGreaterThanOrEqual(done + run.reported);
			done = approved.length;
		}
		expect(done).toBeLessThan(COUNT);
	}, 60_000);

	it('merges of duplicates', async () => {
		const path = seed('merge');
		for (const after of ROUNDS) {
			const run = await runAndKill('merge', path, after);
			expect(run.finished).toBe(false);
			const records = new Map(inspect(path).map((r) => [r.id, r]));
			let merged = 0;
			for (let i = 0; i < COUNT; i++) {
				const keep = records.get(`garder-${i}`)!;
				const drop = records.get(`doublon-${i}`)!;
				const child = JSON.parse(records.get(`antenne-${i}`)!.data) as { parentId?: string };
				const keptData = JSON.parse(keep.data) as { foundedYear?: number };
				if (drop.status === 'archived') {
					merged++;
					// The whole merge: kept record enriched, duplicate archived, link moved.
					expect([keep.version, keptData.foundedYear, child.parentId]).toEqual([2, 2001, `garder-${i}`]);
				} else
					expect([keep.version, keptData.foundedYear, child.parentId]).toEqual([
						1,
						undefined,
						`doublon-${i}`
					]);
			}
			expect(merged).toBeGreaterThanOrEqual(run.reported);
			expect(merged).toBeLessThan(COUNT);
		}
	}, 60_000);

	it('restores from history', async () => {
		const path = seed('restore');
		for (const after of ROUNDS) {
			const run = await runAndKill('restore', path, after);
			expect(run.finished).toBe(false);
			let restored = 0;
			for (const r of inspect(path)) {
				const name = (JSON.parse(r.data) as { name: string }).name;
				if (r.version === 3) {
					restored++;
					expect(name).toBe(`Fiche ${r.id.slice('fiche-'.length)}`);
				} else expect([r.version, name]).toEqual([2, `Fiche ${r.id.slice('fiche-'.length)} modifiée`]);
			}
			expect(restored).toBeGreaterThanOrEqual(run.reported);
			expect(restored).toBeLessThan(COUNT);
		}
	}, 60_000);
});
