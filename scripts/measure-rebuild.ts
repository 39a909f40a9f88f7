/**
 * npx tsx scripts/measure-rebuild.ts [records] [--worker-only]
 *                                                   (after `npx vite build`; default 10,000 records)
 *
 * A measure, not a benchmark of record: how long requests wait while the public read model (catalogue,
 * search indexes, map points) is rebuilt after a write. A temporary store holds the seed's geography and
 * N synthetic records; the built server (`node build`) is started on it twice: once as it runs
 * (rebuild in a worker thread, the previous version served meanwhile) and once with REBUILD_INLINE_MAX set
 * above N (the rebuild made by the first request that sees the write, the behaviour before). Each time, a
 * write is made from this process, and two clients request `/annuaire?q=velo` and a quartier page in a loop
 * until the server serves the new version (its search manifest says so), then for 2 s more. Prints the
 * latencies (p50, p95, max) during the rebuild and in a quiet period before, and the longest stretch the
 * server's thread was busy in each (./measure-lag.mjs, loaded into the server, sees every such stretch:
 * requests, slices of the rebuild, garbage collections). `--worker-only` skips the in-request rebuild
 * (minutes at 250,000 records). Before the servers, this process times the two steps the previous design
 * ran in one piece on the server's thread after the worker (the catalogue's build and the points' JSON
 * parsed and decoded), on the same store. The last line is JSON.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { syntheticRecords } from '../src/lib/bench/synthetic';
import type { Initiative, Organisation } from '../src/lib/domain/records';
import { organisationSchema } from '../src/lib/domain/records';
import { organisationFixture } from '../src/lib/domain/test-fixtures';
import { migrate, openDatabase } from '../src/lib/server/db/connection';
import { insertRecord } from '../src/lib/server/db/records';
import { buildCatalogue } from '../src/lib/domain/catalogue';
import { byName, pointsBody, pointsCache, readInput } from '../src/lib/server/read-model/parts';
import { seedIfEmpty } from '../src/lib/server/db/seed';
import { loadDataset } from '../src/lib/server/seed/read-data';

const N = Number(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 10_000);
/** How long the server may take to start, and a rebuild to be served (250,000 records on a loaded machine). */
const LIMIT_MS = 15 * 60_000;
const WORKER_ONLY = process.argv.includes('--worker-only');
const LAG_PROBE = fileURLToPath(new URL('./measure-lag.mjs', import.meta.url));
const PORT = Number(process.env.MEASURE_PORT ?? 4395);
const BUILD = 'build';
const QUARTIER = '/quartiers/neudorf-port-du-rhin';
const ANNUAIRE = '/annuaire?q=velo';

function makeStore(): string {
	const path = join(tmpdir(), `carto-measure-rebuild-${N}-${process.pid}.sqlite`);
	for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
	const { dataset, issues } = loadDataset('data');
	if (issues.length) throw new Error('data/ invalide : lancez npm run data:check');
	const records = syntheticRecords(N, dataset, { organisations: 0.6, initiatives: 0.4 });
	const db = openDatabase(path);
	migrate(db);
	seedIfEmpty(db, {
		...dataset,
		organisations: [
			...dataset.organisations,
			...records.filter((r): r is Organisation => r.kind === 'organisation')
		],
		initiatives: [...dataset.initiatives, ...records.filter((r): r is Initiative => r.kind === 'initiative')]
	});
	db.close();
	return path;
}

async function startServer(
	store: string,
	inlineMax: number
): Promise<{ child: ChildProcess; log: () => string }> {
	const child = spawn(process.execPath, ['--import', LAG_PROBE, BUILD], {
		env: {
			...process.env,
			PORT: String(PORT),
			HOST: '127.0.0.1',
			ORIGIN: `http://127.0.0.1:${PORT}`,
			DATABASE_PATH: store,
			SEED_ON_START: 'false',
			PUBLIC_BASEMAP: 'offline',
			REBUILD_INLINE_MAX: String(inlineMax)
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	// Never left running when this script stops on an error.
	process.once('exit', () => child.kill('SIGKILL'));
	let log = '';
	child.stdout?.on('data', (d) => (log += d));
	child.stderr?.on('data', (d) => (log += d));
	for (const until = performance.now() + LIMIT_MS; performance.now() < until;) {
		try {
			if ((await fetch(`http://127.0.0.1:${PORT}/search-index/manifest.json`)).ok)
				return { child, log: () => log };
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	child.kill('SIGKILL');
	throw new Error(`le serveur ne répond pas :\n${log}`);
}

/** The served version, or -1 when the request failed (a kept-alive connection reset while the thread was busy). */
async function manifestVersion(): Promise<number> {
	try {
		const m = (await (await fetch(`http://127.0.0.1:${PORT}/search-index/manifest.json`)).json()) as {
			dataVersion: number;
		};
		return m.dataVersion;
	} catch {
		return -1;
	}
}

/**
 * One request's wall time. A kept-alive connection the server closed while its thread was busy is reset
 * when reused: the request is sent again, and its time counts from the first attempt.
 */
async function timed(path: string): Promise<number> {
	const t = performance.now();
	for (let attempt = 1; ; attempt++) {
		try {
			const res = await fetch(`http://127.0.0.1:${PORT}${path}`);
			await res.arrayBuffer();
			if (!res.ok) throw new Error(`${path} : HTTP ${res.status}`);
			return performance.now() - t;
		} catch (e) {
			if (attempt >= 3 || !/fetch failed/.test(String(e))) throw e;
		}
	}
}

/** Two clients in a loop until `until()` says stop; latencies by path. */
async function load(until: () => boolean): Promise<Record<string, number[]>> {
	const out: Record<string, number[]> = { [ANNUAIRE]: [], [QUARTIER]: [] };
	const client = async (first: string) => {
		let path = first;
		while (!until()) {
			out[path].push(await timed(path));
			path = path === ANNUAIRE ? QUARTIER : ANNUAIRE;
		}
	};
	await Promise.all([client(ANNUAIRE), client(QUARTIER)]);
	return out;
}

/** The stretches the server's thread was busy (measure-lag.mjs) that ended between `from` and `to` (epoch ms). */
function longestLag(log: string, from: number, to: number): number {
	let longest = 0;
	for (const [, at, ms] of log.matchAll(/^\[lag\] (\d+) (\d+)$/gm))
		if (Number(at) >= from && Number(at) <= to) longest = Math.max(longest, Number(ms));
	return longest;
}

const stats = (v: number[]) => {
	const s = [...v].sort((a, b) => a - b);
	const at = (q: number) => Math.round(s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN);
	return { n: s.length, p50: at(0.5), p95: at(0.95), max: Math.round(s.at(-1) ?? NaN) };
};

async function measure(store: string, mode: 'worker' | 'inline') {
	const { child, log } = await startServer(store, mode === 'inline' ? N * 10 : 2000);
	try {
		for (let i = 0; i < 3; i++) await Promise.all([timed(ANNUAIRE), timed(QUARTIER)]);
		const quietStart = Date.now();
		const quietEnd = performance.now() + 3000;
		const quiet = await load(() => performance.now() > quietEnd);
		const quietLagMs = longestLag(log(), quietStart, Date.now());

		let before = await manifestVersion();
		while (before < 0) before = await manifestVersion();
		const db = openDatabase(store);
		insertRecord(
			db,
			organisationSchema.parse(
				organisationFixture({
					id: `mesure-${mode}`,
					slug: `mesure-${mode}`,
					name: `Écriture de mesure (${mode})`
				})
			)
		);
		db.close();
		const written = performance.now();
		const writtenAt = Date.now();
		let rebuiltAt: number | undefined;
		let stopAt = Infinity;
		const watcher = (async () => {
			while (rebuiltAt === undefined && performance.now() - written <= LIMIT_MS) {
				if ((await manifestVersion()) > before) {
					rebuiltAt = performance.now();
					stopAt = rebuiltAt + 2000;
				} else await new Promise((r) => setTimeout(r, 50));
			}
		})();
		const during = await load(() => performance.now() > stopAt || performance.now() - written > LIMIT_MS);
		await watcher;
		if (rebuiltAt === undefined)
			throw new Error(
				`nouvelle version non servie ${LIMIT_MS / 1000} s après l’écriture :\n${log()
					.replace(/^\[lag\].*\n/gm, '')
					.slice(-3000)}`
			);
		// Up to 2 s after the new version was served: the parts built once a version is installed included.
		const rebuildLagMs = longestLag(log(), writtenAt, Date.now());
		const built = [
			...log().matchAll(/\[read-model\] version \d+ construite en (\d+) ms(?:.*occupé (\d+) ms)?/g)
		];
		const last = built.at(-1);
		return {
			mode,
			buildMs: last ? Number(last[1]) : undefined,
			longestBlockMs: last?.[2] ? Number(last[2]) : undefined,
			longestLagMs: { quiet: quietLagMs, rebuild: rebuildLagMs },
			rebuildSeconds: Math.round(((rebuiltAt ?? NaN) - written) / 100) / 10,
			quiet: { annuaire: stats(quiet[ANNUAIRE]), quartier: stats(quiet[QUARTIER]) },
			duringRebuild: { annuaire: stats(during[ANNUAIRE]), quartier: stats(during[QUARTIER]) }
		};
	} finally {
		// SIGKILL: on SIGTERM the server stops listening but waits for its kept-alive connections to close.
		child.kill('SIGKILL');
		await new Promise((r) => child.once('exit', r));
	}
}

/**
 * What the previous design ran in one piece on the server's thread once the worker was done: the catalogue
 * built from the parsed records, and the points' body parsed and decoded (milliseconds, this process).
 */
function previousDesign(store: string) {
	const db = openDatabase(store, { readonly: true });
	try {
		const input = readInput(db);
		const records = [...input.records].sort(byName);
		let t = performance.now();
		buildCatalogue({ version: input.version, geo: input.geo, records });
		const catalogueMs = Math.round(performance.now() - t);
		const body = pointsBody(records, input.version);
		t = performance.now();
		pointsCache(input.version, body);
		const pointsMs = Math.round(performance.now() - t);
		return { catalogueMs, pointsMs };
	} finally {
		db.close();
	}
}

const load1 = () => Math.round(loadavg()[0] * 10) / 10;

async function main() {
	if (!existsSync(join(BUILD, 'index.js')))
		throw new Error('build/index.js absent : lancez d’abord npx vite build');
	console.error(`Base temporaire : données de départ + ${N} fiches synthétiques…`);
	const store = makeStore();
	try {
		const loadAverage = [load1()];
		console.error('Conception précédente : étapes d’un seul tenant, mesurées dans ce processus…');
		const previous = previousDesign(store);
		console.log(
			`conception précédente : catalogue ${previous.catalogueMs} ms, points (JSON.parse et décodage) ${previous.pointsMs} ms, d’un seul tenant dans le fil du serveur`
		);
		const results = [];
		for (const mode of WORKER_ONLY ? (['worker'] as const) : (['worker', 'inline'] as const)) {
			console.error(`Mesure : reconstruction ${mode === 'worker' ? 'dans un worker' : 'dans la requête'}…`);
			const r = await measure(store, mode);
			results.push(r);
			const line = (name: string, s: ReturnType<typeof stats>) =>
				`    ${name} : ${s.n} requêtes, médiane ${s.p50} ms, p95 ${s.p95} ms, max ${s.max} ms`;
			console.log(
				`${mode} : nouvelle version servie ${r.rebuildSeconds} s après l’écriture (construction ${r.buildMs ?? '?'} ms${r.longestBlockMs !== undefined ? `, fil du serveur occupé ${r.longestBlockMs} ms d’affilée au plus` : ''})`
			);
			console.log(
				`  fil du serveur occupé d’affilée au plus : ${r.longestLagMs.quiet} ms au calme, ${r.longestLagMs.rebuild} ms de l’écriture à 2 s après la nouvelle version`
			);
			console.log('  au calme :');
			console.log(line(ANNUAIRE, r.quiet.annuaire));
			console.log(line(QUARTIER, r.quiet.quartier));
			console.log('  pendant la reconstruction :');
			console.log(line(ANNUAIRE, r.duringRebuild.annuaire));
			console.log(line(QUARTIER, r.duringRebuild.quartier));
		}
		loadAverage.push(load1());
		console.log(`charge moyenne (1 min) : ${loadAverage.join(' → ')}`);
		console.log(JSON.stringify({ records: N, loadAverage, previousDesign: previous, results }));
	} finally {
		for (const suffix of ['', '-wal', '-shm']) rmSync(store + suffix, { force: true });
	}
}

await main();
