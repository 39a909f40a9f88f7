/**
 * kill -9 of the processes that hold the store open, compared with what their clients were told:
 *
 * - the production server (`server.js`, own temporary store) during a burst of public proposals: every
 *   proposal answered 303 (« merci », with its reference) is stored whole after a restart, none is half
 *   written, the store passes SQLite's integrity check, and the server starts again and takes proposals;
 * - `npm run db:backup` half-way through its copy: the previous backup and the live store are untouched, and
 *   no file under a backup's final name is partial.
 */
import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID, createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { organisationSchema } from '$lib/domain/records';
import { organisationFixture } from '$lib/domain/test-fixtures';
import { testStore } from '$lib/server/admin/test-store';
import { insertRecord } from '$lib/server/db/records';
import { newClient, postForm, raw } from './http';
import { ROOT, startServer, type RunningServer } from './server-process';

const dir = mkdtempSync(join(tmpdir(), 'carto-ess-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function integrity(path: string): string {
	let db: Database.Database | undefined;
	try {
		db = new Database(path, { readonly: true, fileMustExist: true });
		return db.pragma('integrity_check', { simple: true }) as string;
	} catch (e) {
		// A truncated file may not even open as a database.
		return `illisible : ${(e as Error).message}`;
	} finally {
		db?.close();
	}
}

describe('kill -9 of the server during a burst of proposals', () => {
	const databasePath = join(dir, 'burst.sqlite');
	const logPath = join(dir, 'burst.log');
	const start = () =>
		startServer(
			{
				ORIGIN: inject('origin'),
				PUBLIC_SITE_URL: inject('origin'),
				DATABASE_PATH: databasePath,
				PUBLIC_BASEMAP: 'offline',
				// Proposals here are placed by quartier: nothing calls the geocoder (an unused local port).
				GEOCODER_URL: 'http://127.0.0.1:9/geocodage',
				ADDRESS_HEADER: 'x-forwarded-for',
				XFF_DEPTH: '1'
			},
			logPath
		);
	const fields = (name: string): [string, string][] => [
		['name', name],
		['description', `Un jardin partagé proposé pendant la rafale (${name}).`],
		['initiativeType', 'jardin-partage'],
		['carrierKind', 'collectif-habitants'],
		['needs', 'benevoles'],
		['thematiques', 'initiatives-habitants'],
		['place.zone', '67482:SQ_06'],
		['place.locationMode', 'quartier']
	];

	let server: RunningServer | undefined;
	afterAll(async () => server?.stop());

	/**
	 * Sends up to `count` proposals, `parallel` at a time, each from its own client, and kills the server once
	 * `killAfter` were confirmed: requests are in flight at that moment, and the rest are never sent.
	 */
	async function burstAndKill(round: number, count: number, parallel: number, killAfter: number) {
		const running = server!;
		const acknowledged = new Map<string, string>();
		const unexpected: string[] = [];
		const names: string[] = [];
		let lost = 0;
		let killed: Promise<void> | undefined;
		const sender = async () => {
			while (!killed && names.length < count) {
				const name = `Rafale ${round}-${names.length} ${randomUUID().slice(0, 8)}`;
				names.push(name);
				let r;
				try {
					r = await postForm('/proposer/initiative', fields(name), newClient(), {}, running.baseUrl);
				} catch {
					lost++;
					continue;
				}
				const reference = /^\/proposer\/merci\/(ESS-[0-9A-Z]{4}-[0-9A-Z]{4})$/.exec(
					String(r.headers.location)
				)?.[1];
				// Any answer but « merci » before the kill (a 500, a 429) is a failure of its own.
				if (r.status !== 303 || !reference) unexpected.push(`${name} : ${r.status} ${r.headers.location}`);
				else acknowledged.set(reference, name);
				if (acknowledged.size >= killAfter) killed ??= running.kill();
			}
		};
		await Promise.all(Array.from({ length: parallel }, sender));
		await (killed ?? running.kill());
		server = undefined;
		return { names, acknowledged, unexpected, lost };
	}

	function stored(prefix: string) {
		const db = new Database(databasePath, { readonly: true, fileMustExist: true });
		try {
			expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
			expect(db.pragma('foreign_key_check')).toEqual([]);
			return db
				.prepare(
					"SELECT id, type, status, payload FROM proposals WHERE json_extract(payload, '$.name') LIKE ?"
				)
				.all(`${prefix}%`) as { id: string; type: string; status: string; payload: string }[];
		} finally {
			db.close();
		}
	}

	it('keeps every acknowledged proposal whole, and starts again', async () => {
		const COUNT = 400;
		const PARALLEL = 24;
		let lostInAll = 0;
		let total = 0;
		let confirmed = '';
		// Killed after the first answer, after a few, after many: each time mid-burst.
		for (const [round, killAfter] of [1, 20, 60].entries()) {
			server = await start();
			const { names, acknowledged, unexpected, lost } = await burstAndKill(round, COUNT, PARALLEL, killAfter);
			expect(unexpected).toEqual([]);
			// Killed mid-burst: not everything was sent.
			expect(acknowledged.size).toBeGreaterThanOrEqual(killAfter);
			expect(names.length).toBeLessThan(COUNT);
			lostInAll += lost;

			const rows = stored(`Rafale ${round}-`);
			const byId = new Map(rows.map((r) => [r.id, r]));
			// Every proposal the server confirmed is there, as sent.
			for (const [reference, name] of acknowledged) {
				const row = byId.get(reference);
				expect(row, `${reference} (${name}) confirmée puis perdue`).toBeDefined();
				expect(JSON.parse(row!.payload).name).toBe(name);
			}
			// Stored ones (confirmed or not yet when the server died) are whole: one per name sent, complete.
			expect(rows.length).toBeGreaterThanOrEqual(acknowledged.size);
			expect(new Set(rows.map((r) => JSON.parse(r.payload).name)).size).toBe(rows.length);
			for (const row of rows) {
				const payload = JSON.parse(row.payload);
				expect(names).toContain(payload.name);
				expect([row.type, row.status]).toEqual(['new-initiative', 'pending']);
				expect(payload).toMatchObject({
					description: `Un jardin partagé proposé pendant la rafale (${payload.name}).`,
					initiativeType: 'jardin-partage',
					thematiques: ['initiatives-habitants'],
					place: { communeCode: '67482', quartierCode: 'SQ_06', locationMode: 'quartier' }
				});
			}
			total += rows.length;
			confirmed = [...acknowledged.keys()][0];
		}

		// Requests were in flight when the server died: some never got an answer.
		expect(lostInAll).toBeGreaterThan(0);

		// The store opens again; the proposals it confirmed are followed up, and new ones are taken.
		server = await start();
		const followUp = await raw(`/proposer/suivi/${confirmed}`, { base: server.baseUrl });
		expect(followUp.status).toBe(200);
		const after = await postForm(
			'/proposer/initiative',
			fields(`Rafale après ${randomUUID().slice(0, 8)}`),
			newClient(),
			{},
			server.baseUrl
		);
		expect(after.status).toBe(303);
		expect(stored('Rafale ').length).toBe(total + 1);
	}, 120_000);
});

describe('kill -9 of npm run db:backup half-way', () => {
	const live = join(dir, 'live.sqlite');
	const out = join(dir, 'backups');
	const backup = () => ['--import', 'tsx', join(ROOT, 'scripts/db-backup.ts'), '--out', out];
	const env = { ...process.env, DATABASE_PATH: live };

	/** What the live store holds, as one hash: unchanged by any backup, whole or killed. */
	function fingerprint(path: string): string {
		const db = new Database(path, { readonly: true, fileMustExist: true });
		try {
			const hash = createHash('sha256');
			for (const r of db.prepare('SELECT id, version, data FROM records ORDER BY id').iterate())
				hash.update(JSON.stringify(r));
			for (const r of db.prepare('SELECT id, hex(sha) AS sha FROM filler ORDER BY id').iterate())
				hash.update(JSON.stringify(r));
			return hash.digest('hex');
		} finally {
			db.close();
		}
	}

	const finals = () => readdirSync(out).filter((f) => /^carto-ess-.*\.sqlite$/.test(f));
	const partials = () => readdirSync(out).filter((f) => f.endsWith('.partial'));

	/** Starts a backup and kills it once its copy, still under its temporary name, reaches `fraction` of the store. */
	function killDuringCopy(fraction: number): Promise<{ partial: string }> {
		const target = statSync(live).size * fraction;
		return new Promise((done, fail) => {
			const child = spawn(process.execPath, backup(), { cwd: ROOT, env });
			let stderr = '';
			child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
			let partial = '';
			const poll = setInterval(() => {
				// This run's own copy (an earlier killed run's file is still there until the next full run).
				const name = partials().find((f) => f.endsWith(`.${child.pid}.partial`));
				if (!name) return;
				const size = statSync(join(out, name), { throwIfNoEntry: false })?.size ?? 0;
				if (size >= target && child.exitCode === null) {
					partial = name;
					child.kill('SIGKILL');
					clearInterval(poll);
				}
			}, 1);
			child.on('exit', (code, signal) => {
				clearInterval(poll);
				if (signal === 'SIGKILL') done({ partial });
				else fail(new Error(`la sauvegarde a fini avant d'être tuée (code ${code}) ${stderr}`));
			});
		});
	}

	it('leaves the previous backup and the live store intact, and nothing partial under a final name', async () => {
		// A live store big enough (about 48 MB) for the copy to take a while.
		const db = testStore([], live);
		for (let i = 0; i < 30; i++)
			insertRecord(
				db,
				organisationSchema.parse(
					organisationFixture({ id: `fiche-${i}`, slug: `fiche-${i}`, name: `Fiche ${i}` })
				)
			);
		db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, blob BLOB NOT NULL, sha BLOB)');
		db.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 192)
			INSERT INTO filler (id, blob) SELECT i, randomblob(262144) FROM n`);
		db.exec('UPDATE filler SET sha = substr(blob, 1, 32)');
		db.pragma('wal_checkpoint(TRUNCATE)');
		db.close();
		const before = fingerprint(live);

		const first = spawnSync(process.execPath, backup(), { cwd: ROOT, env, encoding: 'utf8' });
		expect(first.status, first.stderr).toBe(0);
		const [previous] = finals();
		const previousHash = createHash('sha256')
			.update(readFileSync(join(out, previous)))
			.digest('hex');

		// Killed as soon as the copy starts, half-way, and when the whole copy is written but not yet checked.
		for (const fraction of [0, 0.5, 1]) {
			const { partial } = await killDuringCopy(fraction);
			// Killed before the rename: its copy is still under the temporary name, nothing new under a final one.
			expect(partials()).toContain(partial);
			expect(finals()).toEqual([previous]);
			expect(integrity(live)).toBe('ok');
		}
		expect(
			createHash('sha256')
				.update(readFileSync(join(out, previous)))
				.digest('hex')
		).toBe(previousHash);
		expect(integrity(join(out, previous))).toBe('ok');
		expect(fingerprint(live)).toBe(before);

		// The next backup clears what killed runs left, and writes a whole copy.
		const next = spawnSync(process.execPath, backup(), { cwd: ROOT, env, encoding: 'utf8' });
		expect(next.status, next.stderr).toBe(0);
		expect(partials()).toEqual([]);
		expect(finals()).toHaveLength(2);
		for (const f of finals()) {
			expect(integrity(join(out, f))).toBe('ok');
			expect(fingerprint(join(out, f))).toBe(before);
		}
	}, 60_000);
});
