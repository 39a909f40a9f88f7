/**
 * The browser tests' large store: synthetic records only (marked synthetic, src/lib/bench/synthetic.ts) on
 * the reference geography of data/, served by the built server with the map's threshold lowered, so the
 * explorer runs as it does at national scale (server clusters, server list).
 *
 *   node --import tsx scripts/e2e-scale-server.ts <port> [records] [threshold]
 *
 * Every record is checked against its kind's schema (the same zod schemas as every write) and the whole
 * store is written in one transaction with the store's own statements (`seedIfEmpty`, `insertRecords`):
 * 250,000 records are seeded in seconds. Prints the time of each step, and once the server answers, the
 * time from this script's start.
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { syntheticRecords } from '../src/lib/bench/synthetic';
import { labelOfPath } from '../src/lib/domain/fields';
import {
	RECORD_SCHEMAS,
	type Initiative,
	type Organisation,
	type PublicRecord
} from '../src/lib/domain/records';
import { migrate, openDatabase } from '../src/lib/server/db/connection';
import { seedIfEmpty } from '../src/lib/server/db/seed';
import { loadDataset } from '../src/lib/server/seed/read-data';

const started = performance.now();
/** Wall clock since the start, and this process's CPU time (on a shared machine, the steady figure). */
const seconds = () => {
	const cpu = process.cpuUsage();
	return `${((performance.now() - started) / 1000).toFixed(1)} s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s)`;
};
/** CPU seconds a child process has used (Linux; undefined elsewhere). */
function cpuOf(pid: number | undefined): string {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return `, CPU du serveur ${((Number(fields[11]) + Number(fields[12])) / 100).toFixed(1)} s`;
	} catch {
		return '';
	}
}
const [port, records = '5000', threshold = '2000'] = process.argv.slice(2);
const path = join(tmpdir(), `carto-ess-e2e-scale-${port}.sqlite`);
for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
const { dataset, issues } = loadDataset('data');
if (issues.length) throw new Error('data/ invalide : lancez npm run data:check');
const synthetic = syntheticRecords(Number(records), dataset, { organisations: 0.6, initiatives: 0.4 });
const generated = seconds();

/** The record as its schema reads it, or a French message naming the record, the field and why. */
function validated(record: PublicRecord): PublicRecord {
	const parsed = RECORD_SCHEMAS[record.kind].safeParse(record);
	if (parsed.success) return parsed.data as PublicRecord;
	const issue = parsed.error.issues[0];
	throw new Error(
		`fiche synthétique « ${record.name} » (${record.id}) invalide : ` +
			`${labelOfPath(record.kind, issue.path.map(String).join('.'))} : ${issue.message}`
	);
}
const checked = synthetic.map(validated);
if (!checked.every((r) => 'synthetic' in r && r.synthetic === true))
	throw new Error(
		'fiche non marquée synthétique : le magasin de test ne contient que des fiches synthétiques'
	);
const validatedAt = seconds();
const db = openDatabase(path);
migrate(db);
seedIfEmpty(db, {
	...dataset,
	organisations: checked.filter((r): r is Organisation => r.kind === 'organisation'),
	initiatives: checked.filter((r): r is Initiative => r.kind === 'initiative'),
	fundingTools: []
});
db.close();
console.log(
	`[e2e-scale] ${records} fiches synthétiques : générées ${generated}, validées ${validatedAt}, ` +
		`écrites ${seconds()}`
);
const child = spawn(process.execPath, ['server.js'], {
	stdio: 'inherit',
	env: {
		...process.env,
		PORT: port,
		HOST: '127.0.0.1',
		ORIGIN: `http://127.0.0.1:${port}`,
		PUBLIC_SITE_URL: `http://127.0.0.1:${port}`,
		DATABASE_PATH: path,
		// This synthetic store is SQLite's even when a test run works on PostgreSQL (e2e/run-database.ts).
		DATABASE_URL: '',
		SEED_ON_START: 'false',
		PUBLIC_BASEMAP: 'offline',
		MAP_TILES_MIN: threshold,
		// The journeys go through the cluster worker as at national scale (the unfiltered index, the
		// common filters and a large filter), not only through the thread's build for small selections.
		MAP_WORKER_MIN: '1000',
		REBUILD_INLINE_MAX: '100000'
	}
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
// The time to the first answer: the store's start, as the browser tests wait for it.
void (async () => {
	for (;;) {
		try {
			await fetch(`http://127.0.0.1:${port}/`, { method: 'HEAD' });
			console.log(`[e2e-scale] le serveur répond après ${seconds()}${cpuOf(child.pid)}`);
			return;
		} catch {
			await new Promise((r) => setTimeout(r, 250));
		}
	}
})();
child.on('exit', (code) => process.exit(code ?? 0));
