/**
 * npm run bench:serve [-- --duration 30 --connections 20 --only /annuaire?q=velo --configs sqlite-seed,postgres2-seed
 *                        --postgres postgres://… --records 10000]
 *
 * Throughput of the production server (`node server.js` over build/: run `npm run build` first; BUILD_DIR
 * picks another build), with the offline basemap and no geocoder, in four configurations:
 *
 * - `sqlite-seed`: one instance on a temporary SQLite file seeded from data/ (as before);
 * - `postgres2-seed`: two instances over one fresh PostgreSQL database, started at once (one seeds, the other
 *   waits for its seed), behind a round-robin proxy on loopback (./round-robin-proxy.js, its own process);
 * - `sqlite-10k`, `postgres2-10k`: the same, on the seed plus `--records` synthetic records (10,000 by
 *   default, src/lib/bench/synthetic.ts: marked synthetic, seed 42), written by the store's own code
 *   (`openStore`, `seedIfEmpty`) into the SQLite file and into the PostgreSQL database alike;
 * - on request only (`--configs`), `postgres1-seed` and `postgres1-10k`: one PostgreSQL instance answering
 *   directly, to tell the engine's cost apart from the proxy's and the second instance's.
 *
 * PostgreSQL: the server DATABASE_URL or `--postgres` names (the bench creates its own `bench_serve_*`
 * databases there and drops them; the database named is never written), else a throwaway cluster started
 * here as .ci/postgres.sh does (initdb in a temporary folder, loopback, a free port, fsync off; stopped at
 * the end) when PostgreSQL's binaries are found; else the PostgreSQL configurations are skipped and say why.
 *
 * For each configuration and URL (the home page, a directory search, the API, a quartier page and the map's
 * points), autocannon sends requests for `duration` seconds over `connections` connections after a short
 * warm-up. Around each run the bench reads each process's RSS (servers, proxy, the load generator, and
 * PostgreSQL's processes as PSS, since they share their buffers), the CPU time of each (and of the whole
 * machine: what other jobs took), the CPU milliseconds a request cost (a figure that holds on a busy
 * machine), and on PostgreSQL how many transactions the run cost per request (from pg_stat_database, which
 * each backend updates about once a second: approximate over a short run). The load
 * generator shares the machine with the servers: on 2 cores it takes part of one. PAGE_CACHE_MB=0 measures
 * without the page cache. Prints one row per configuration and URL, the comparison of two instances on
 * PostgreSQL with one on SQLite, the targets, and as last line one JSON object. A benchmark, not a test: it
 * never fails on a figure.
 */
import autocannon from 'autocannon';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { syntheticRecords } from '../src/lib/bench/synthetic';
import type { Initiative, Organisation } from '../src/lib/domain/records';
import { openStore, postgresLabel } from '../src/lib/server/db/open';
import { seedIfEmpty } from '../src/lib/server/db/seed';
import { isPostgresUrl } from '../src/lib/server/db/sql';
import { loadDataset } from '../src/lib/server/seed/read-data';

/** What runs by default. */
const CONFIGS = ['sqlite-seed', 'postgres2-seed', 'sqlite-10k', 'postgres2-10k'] as const;
/**
 * Every configuration, in the order they run; `postgres1-*` only when `--configs` names them: one instance on
 * PostgreSQL answering directly, to tell apart what the second instance and the proxy change.
 */
const ALL_CONFIGS = [
	'sqlite-seed',
	'postgres1-seed',
	'postgres2-seed',
	'sqlite-10k',
	'postgres1-10k',
	'postgres2-10k'
] as const;
type ConfigName = (typeof ALL_CONFIGS)[number];

const { values: options } = parseArgs({
	options: {
		duration: { type: 'string', default: '30' },
		connections: { type: 'string', default: '20' },
		warmup: { type: 'string', default: '3' },
		only: { type: 'string', multiple: true },
		configs: { type: 'string', default: CONFIGS.join(',') },
		postgres: { type: 'string' },
		records: { type: 'string', default: '10000' }
	}
});
const DURATION = Number(options.duration);
const CONNECTIONS = Number(options.connections);
const WARMUP = Number(options.warmup);
const RECORDS = Number(options.records);
for (const [name, value] of Object.entries({
	duration: DURATION,
	connections: CONNECTIONS,
	records: RECORDS
}))
	if (!Number.isInteger(value) || value < 1) {
		console.error(`--${name} : un entier positif est attendu.`);
		process.exit(2);
	}
const SELECTED = options.configs.split(',').map((c) => c.trim());
for (const c of SELECTED)
	if (!(ALL_CONFIGS as readonly string[]).includes(c)) {
		console.error(`--configs : « ${c} » inconnue ; au choix : ${ALL_CONFIGS.join(', ')}.`);
		process.exit(2);
	}

const TARGETS = { reqPerSec: 500, p99Ms: 100, errors: 0, rssAfterMb: 200, postgres2OverSqlite: 1 };
const PAGES = [
	{ name: 'accueil', path: '/', html: true },
	{ name: 'annuaire', path: '/annuaire?q=velo', html: true },
	{ name: 'api', path: '/api/v1/organisations', html: false },
	{ name: 'quartier', path: '/quartiers/cronenbourg-hautepierre', html: true },
	{ name: 'points', path: '/carte/points.json', html: false }
].filter((p) => !options.only?.length || options.only.includes(p.path) || options.only.includes(p.name));
if (PAGES.length === 0) {
	console.error(
		'--only : aucune page ne correspond (un chemin comme /annuaire?q=velo, ou un nom comme api).'
	);
	process.exit(2);
}
const PROXY = fileURLToPath(new URL('./round-robin-proxy.js', import.meta.url));
const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;

function freePort(): Promise<number> {
	return new Promise((ok, ko) => {
		const probe = createServer();
		probe.once('error', ko);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as { port: number };
			probe.close(() => ok(port));
		});
	});
}

// --- what each process uses (Linux /proc; ps elsewhere, CPU and PSS then unknown) ------------------------

/** Resident memory of a process in MB; VmHWM is the highest it reached (Linux only). */
function rssMb(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
	try {
		const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(
			new RegExp(`^${field}:\\s+(\\d+) kB`, 'm')
		);
		if (line) return Math.round(Number(line[1]) / 1024);
	} catch {
		// not Linux: ask ps below
	}
	if (field === 'VmHWM') return Number.NaN;
	const ps = spawnSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' });
	return Math.round(Number(ps.stdout.trim()) / 1024);
}

/** Proportional memory (shared pages divided among the processes sharing them), in kB; 0 if unreadable. */
function pssKb(pid: number): number {
	try {
		const m = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8').match(/^Pss:\s+(\d+) kB/m);
		return m ? Number(m[1]) : 0;
	} catch {
		return 0;
	}
}

const TICK_S = 1 / Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim() || 100);

/** /proc/<pid>/stat fields after the command name: [state, ppid, …]; undefined when gone. */
function statFields(pid: number): string[] | undefined {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	} catch {
		return undefined;
	}
}

/** CPU seconds of a process (user + system); with `children`, also those of its children it has reaped. */
function cpuS(pid: number, children = false): number {
	const f = statFields(pid);
	if (!f) return 0;
	const ticks = Number(f[11]) + Number(f[12]) + (children ? Number(f[13]) + Number(f[14]) : 0);
	return ticks * TICK_S;
}

/** PostgreSQL's processes: the postmaster and its children (backends, checkpointer, …). */
function postgresPids(postmaster: number): number[] {
	const pids = [postmaster];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		if (statFields(Number(entry))?.[1] === String(postmaster)) pids.push(Number(entry));
	}
	return pids;
}

/** PostgreSQL's CPU seconds: every live process, plus the backends that ended (counted in the postmaster's). */
function postgresCpuS(postmaster: number): number {
	return postgresPids(postmaster).reduce((s, pid) => s + cpuS(pid, pid === postmaster), 0);
}

/** The whole machine's busy CPU seconds, every core (Linux /proc/stat). */
function machineBusyS(): number {
	try {
		const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
		const n = ticks.map(Number);
		// user nice system idle iowait irq softirq steal (guest time is already inside user)
		return (n[0] + n[1] + n[2] + n[5] + n[6] + n[7]) * TICK_S;
	} catch {
		return Number.NaN;
	}
}

const loadGeneratorCpuS = () => {
	const u = process.cpuUsage();
	return (u.user + u.system) / 1e6;
};
const loadGeneratorRssMb = () => Math.round(process.memoryUsage().rss / 1024 / 1024);

// --- processes started here -------------------------------------------------------------------------

/**
 * What must not outlive this script (its children, the throwaway cluster), undone at its end however it
 * ends: normally, on an error, or interrupted (Ctrl-C).
 */
const leftovers = new Set<() => void>();
process.once('exit', () => {
	for (const undo of leftovers) undo();
});
for (const signal of ['SIGINT', 'SIGTERM'] as const)
	process.once(signal, () => {
		console.error(`bench:serve interrompu (${signal}) : arrêt des serveurs et de PostgreSQL.`);
		process.exit(130);
	});

interface Started {
	name: string;
	child: ChildProcess;
	output: () => string;
}

/** A child whose output is kept (shown if it stops) and which is always stopped when this script ends. */
function startProcess(name: string, args: string[], env: NodeJS.ProcessEnv): Started {
	const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
	let output = '';
	const keep = (d: Buffer) => (output = (output + d.toString()).slice(-20_000));
	child.stdout?.on('data', keep);
	child.stderr?.on('data', keep);
	const kill = () => child.kill('SIGKILL');
	leftovers.add(kill);
	child.once('exit', () => leftovers.delete(kill));
	return { name, child, output: () => output };
}

async function stopProcess(p: Started): Promise<void> {
	if (p.child.exitCode !== null || p.child.signalCode !== null) return;
	const exited = new Promise((r) => p.child.once('exit', r));
	p.child.kill('SIGTERM');
	const timer = setTimeout(() => p.child.kill('SIGKILL'), 15_000);
	await exited;
	clearTimeout(timer);
}

async function waitUntilUp(url: string, p: Started, limitMs: number) {
	const until = Date.now() + limitMs;
	while (Date.now() < until) {
		if (p.child.exitCode !== null)
			throw new Error(`${p.name} s'est arrêté (code ${p.child.exitCode}) :\n${p.output()}`);
		try {
			if ((await fetch(url)).ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`${p.name} ne répond pas sur ${url} :\n${p.output()}`);
}

/** The environment of an instance: this one's without the store's variables, which the configuration sets. */
function serverEnv(port: number, origin: string, store: Record<string, string>): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = { ...process.env };
	delete env.DATABASE_URL;
	delete env.DATABASE_PATH;
	return {
		...env,
		...store,
		PORT: String(port),
		HOST: '127.0.0.1',
		// Behind the proxy, the public origin is the proxy's (form posts would be checked against it).
		ORIGIN: origin,
		PUBLIC_BASEMAP: 'offline',
		// Nothing here calls the geocoder; an unused local port keeps it off the network anyway.
		GEOCODER_URL: 'http://127.0.0.1:9/geocodage'
	};
}

// --- PostgreSQL ---------------------------------------------------------------------------------------

interface PostgresServer {
	/** A database to connect to for creating the bench's own. */
	adminUrl: string;
	source: 'url' | 'cluster';
	version: string;
	/** The postmaster, to read PostgreSQL's CPU and memory; undefined when it cannot be found. */
	postmaster?: number;
	stop(): Promise<void>;
}

/** Where PostgreSQL's server binaries are: the PATH, or Debian's /usr/lib/postgresql/<version>/bin. */
function findPostgresBin(): string | undefined {
	const which = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' });
	const candidates = which.status === 0 ? [resolve(which.stdout.trim(), '..')] : [];
	if (existsSync('/usr/lib/postgresql'))
		for (const v of readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a)))
			candidates.push(`/usr/lib/postgresql/${v}/bin`);
	return candidates.find((bin) => existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl')));
}

/**
 * A throwaway cluster on loopback, as .ci/postgres.sh starts one: initdb in a temporary folder (as the
 * `postgres` account when run as root, since initdb refuses root), a free port, fsync off, stopped at the end.
 */
async function startCluster(bin: string): Promise<PostgresServer> {
	const dir = mkdtempSync(join(tmpdir(), 'carto-bench-pg-'));
	const root = process.getuid?.() === 0;
	if (root) {
		const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
		const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
		if (!Number.isInteger(uid) || !Number.isInteger(gid))
			throw new Error('lancé en root sans compte « postgres » : initdb refuse de tourner en root');
		chownSync(dir, uid, gid);
	}
	const asOwner = (cmd: string, args: string[]) => {
		const r = root
			? spawnSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], { encoding: 'utf8' })
			: spawnSync(join(bin, cmd), args, { encoding: 'utf8' });
		if (r.status !== 0) throw new Error(`${cmd} a échoué : ${r.stderr || r.stdout}`);
	};
	const data = join(dir, 'data');
	const port = await freePort();
	try {
		asOwner('initdb', ['-D', data, '-A', 'trust', '-U', 'carto', '--no-locale', '-E', 'UTF8']);
		asOwner('pg_ctl', [
			'-D',
			data,
			'-l',
			join(dir, 'server.log'),
			'-w',
			'-o',
			`-h 127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c max_connections=200`,
			'start'
		]);
	} catch (e) {
		rmSync(dir, { recursive: true, force: true });
		throw e;
	}
	const postmaster = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
	const adminUrl = `postgres://carto@127.0.0.1:${port}/postgres`;
	const stopNow = () => {
		leftovers.delete(stopNow);
		try {
			asOwner('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	};
	leftovers.add(stopNow);
	return {
		adminUrl,
		source: 'cluster',
		version: await serverVersion(adminUrl),
		postmaster,
		stop: async () => {
			if (leftovers.has(stopNow)) stopNow();
		}
	};
}

async function withClient<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		return await work(client);
	} finally {
		await client.end();
	}
}

const serverVersion = (url: string) =>
	withClient(
		url,
		async (c) => (await c.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0].v
	);

/** The server a URL names, used only to create and drop the bench's databases on it. */
async function existingServer(url: string): Promise<PostgresServer> {
	// The postmaster's pid, to count PostgreSQL's CPU: readable when the server runs on this machine and
	// this account may read its data folder (a superuser's connection names it).
	const postmaster = await withClient(url, async (c) => {
		try {
			const dir = (await c.query<{ d: string }>('SHOW data_directory')).rows[0].d;
			const pid = Number(readFileSync(join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
			return statFields(pid) ? pid : undefined;
		} catch {
			return undefined;
		}
	});
	return {
		adminUrl: url,
		source: 'url',
		version: await serverVersion(url),
		postmaster,
		stop: async () => {}
	};
}

/** A new empty database named bench_serve_… on the server, and how to drop it. */
async function freshDatabase(server: PostgresServer, label: string) {
	const name = `bench_serve_${label}_${process.pid}_${Date.now().toString(36)}`;
	await withClient(server.adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
	const url = new URL(server.adminUrl);
	url.pathname = `/${name}`;
	return {
		name,
		url: url.toString(),
		drop: () => withClient(server.adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))
	};
}

/** Transactions committed in a database so far (each statement outside a transaction is one). */
const committed = (url: string, name: string) =>
	withClient(url, async (c) =>
		Number(
			(
				await c.query<{ n: string }>('SELECT xact_commit AS n FROM pg_stat_database WHERE datname = $1', [
					name
				])
			).rows[0]?.n ?? 0
		)
	);

// --- the synthetic store -------------------------------------------------------------------------------

/**
 * The seed plus RECORDS synthetic records (marked synthetic: src/lib/bench/synthetic.ts), written as the
 * server's own first start writes the seed (`openStore` migrates, `seedIfEmpty` writes all in one
 * transaction), into the SQLite file or the PostgreSQL database alike: the same records on both engines.
 */
async function writeSyntheticStore(target: { DATABASE_PATH: string; DATABASE_URL?: string }) {
	const { dataset, issues } = loadDataset('data');
	if (issues.length) throw new Error('data/ invalide : lancez npm run data:check');
	const synthetic = syntheticRecords(RECORDS, dataset, { organisations: 0.6, initiatives: 0.4 });
	if (!synthetic.every((r) => 'synthetic' in r && r.synthetic === true))
		throw new Error('fiche non marquée synthétique : le banc ne mêle pas de fausses fiches aux vraies');
	const store = await openStore(target);
	try {
		const result = await seedIfEmpty(store.sql, {
			...dataset,
			organisations: [
				...dataset.organisations,
				...synthetic.filter((r): r is Organisation => r.kind === 'organisation')
			],
			initiatives: [
				...dataset.initiatives,
				...synthetic.filter((r): r is Initiative => r.kind === 'initiative')
			]
		});
		if (!result.seeded) throw new Error(`${store.label} n'était pas vide`);
		return result.counts;
	} finally {
		await store.close();
	}
}

// --- one configuration --------------------------------------------------------------------------------

interface Running {
	/** Where autocannon sends its requests: the instance, or the proxy in front of the instances. */
	base: string;
	servers: Started[];
	proxy?: Started;
	/** The PostgreSQL database, to count its transactions. */
	database?: { adminUrl: string; name: string };
	stop(): Promise<{ proxied?: { served: number[]; failed: number } }>;
}

async function startSqlite(path: string, seedOnStart: boolean): Promise<Running> {
	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	const server = startProcess(
		'le serveur SQLite',
		['server.js'],
		serverEnv(port, base, { DATABASE_PATH: path, SEED_ON_START: String(seedOnStart) })
	);
	await waitUntilUp(`${base}/`, server, 5 * 60_000);
	return { base, servers: [server], stop: async () => (await stopProcess(server), {}) };
}

/** One instance answering directly (`postgres1-*`). */
async function startPostgres1(db: { url: string; name: string }, adminUrl: string): Promise<Running> {
	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	const server = startProcess(
		"l'instance PostgreSQL",
		['server.js'],
		serverEnv(port, base, { DATABASE_URL: db.url })
	);
	await waitUntilUp(`${base}/`, server, 5 * 60_000).catch(async (e) => {
		await stopProcess(server);
		throw e;
	});
	return {
		base,
		servers: [server],
		database: { adminUrl, name: db.name },
		stop: async () => (await stopProcess(server), {})
	};
}

async function startPostgres2(db: { url: string; name: string }, adminUrl: string): Promise<Running> {
	const [portA, portB, proxyPort] = [await freePort(), await freePort(), await freePort()];
	const base = `http://127.0.0.1:${proxyPort}`;
	// Both at once over the same database: on an empty one, the first to take the seed mark seeds and the other
	// waits for it (src/lib/server/db/seed.ts); on a written one, both find it seeded.
	const servers = [portA, portB].map((port, i) =>
		startProcess(
			`l'instance PostgreSQL ${'AB'[i]}`,
			['server.js'],
			serverEnv(port, base, { DATABASE_URL: db.url })
		)
	);
	const proxy = startProcess(
		'le proxy',
		[PROXY, String(proxyPort), `http://127.0.0.1:${portA}`, `http://127.0.0.1:${portB}`],
		{
			...process.env
		}
	);
	const stopAll = async () => {
		await stopProcess(proxy);
		await Promise.all(servers.map(stopProcess));
	};
	try {
		await Promise.all([
			waitUntilUp(`http://127.0.0.1:${portA}/`, servers[0], 5 * 60_000),
			waitUntilUp(`http://127.0.0.1:${portB}/`, servers[1], 5 * 60_000)
		]);
		await waitUntilUp(`${base}/`, proxy, 10_000);
	} catch (e) {
		await stopAll();
		throw e;
	}
	return {
		base,
		servers,
		proxy,
		database: { adminUrl, name: db.name },
		stop: async () => {
			await stopAll();
			const line = proxy
				.output()
				.split('\n')
				.find((l) => l.startsWith('{"proxy"'));
			return { proxied: line ? (JSON.parse(line) as { served: number[]; failed: number }) : undefined };
		}
	};
}

function run(url: string, html: boolean, duration: number): Promise<autocannon.Result> {
	return new Promise((ok, ko) => {
		autocannon(
			{
				url,
				connections: CONNECTIONS,
				duration,
				headers: { accept: html ? 'text/html' : 'application/json', 'accept-encoding': 'gzip' }
			},
			(err, result) => (err ? ko(err) : ok(result))
		);
	});
}

interface CpuSnapshot {
	at: number;
	servers: number[];
	proxy: number;
	postgres: number;
	loadGenerator: number;
	machine: number;
}

function cpuSnapshot(r: Running, postmaster: number | undefined): CpuSnapshot {
	return {
		at: performance.now(),
		servers: r.servers.map((s) => cpuS(s.child.pid!)),
		proxy: r.proxy ? cpuS(r.proxy.child.pid!) : 0,
		postgres: postmaster ? postgresCpuS(postmaster) : 0,
		loadGenerator: loadGeneratorCpuS(),
		machine: machineBusyS()
	};
}

/** Cores each part kept busy between two snapshots (1 = one core all the time); `other`: the rest of the machine. */
function coresBetween(a: CpuSnapshot, b: CpuSnapshot, postgres: boolean) {
	const wall = (b.at - a.at) / 1000;
	const cores = (x: number, y: number) => round2((y - x) / wall);
	const servers = b.servers.map((s, i) => cores(a.servers[i], s));
	const proxy = cores(a.proxy, b.proxy);
	const pgCores = postgres ? cores(a.postgres, b.postgres) : null;
	const loadGenerator = cores(a.loadGenerator, b.loadGenerator);
	const machine = cores(a.machine, b.machine);
	const known = servers.reduce((s, x) => s + x, 0) + proxy + (pgCores ?? 0) + loadGenerator;
	return {
		servers,
		proxy,
		postgres: pgCores,
		loadGenerator,
		other: round2(Math.max(0, machine - known)),
		machine
	};
}

interface Row {
	config: ConfigName;
	name: string;
	path: string;
	reqPerSec: number;
	p50Ms: number;
	p99Ms: number;
	maxMs: number;
	requests: number;
	/** Failed connections, timeouts (autocannon's 10 s) and answers other than 2xx, together and apart. */
	errors: number;
	timeouts: number;
	non2xx: number;
	/** Each instance's RSS after the run, then the proxy's. */
	rssMb: number[];
	proxyRssMb: number | null;
	/** PostgreSQL transactions per request (approximate: pg_stat_database is updated about once a second). */
	pgTransactionsPerRequest: number | null;
	cpuCores: ReturnType<typeof coresBetween>;
	/**
	 * CPU milliseconds per request of the instances together, the proxy and PostgreSQL: what a request costs,
	 * whatever else the machine was doing meanwhile.
	 */
	cpuMsPerRequest: { servers: number; proxy: number | null; postgres: number | null };
}

const pad = (s: string | number, n: number) => String(s).padStart(n);

function printRow(r: Row) {
	const cpu = r.cpuCores;
	const pgPart = r.pgTransactionsPerRequest === null ? '' : `  ≈${r.pgTransactionsPerRequest} tx PG/req`;
	console.log(
		`${r.config.padEnd(14)} ${r.name.padEnd(9)} ${pad(r.reqPerSec, 6)} req/s  p50 ${pad(r.p50Ms, 4)} ms  p99 ${pad(r.p99Ms, 4)} ms  erreurs ${r.errors}${r.errors ? ` (dont ${r.timeouts} délais dépassés, ${r.non2xx} non 2xx)` : ''}  ` +
			`RSS ${r.rssMb.join(' + ')}${r.proxyRssMb === null ? '' : ` + proxy ${r.proxyRssMb}`} MB${pgPart}  ` +
			`CPU (cœurs) serveur(s) ${cpu.servers.join(' + ')}${r.proxyRssMb === null ? '' : `, proxy ${cpu.proxy}`}` +
			`${cpu.postgres === null ? '' : `, postgres ${cpu.postgres}`}, générateur ${cpu.loadGenerator}, autres ${cpu.other}  ` +
			`CPU par requête : serveur(s) ${r.cpuMsPerRequest.servers} ms` +
			`${r.cpuMsPerRequest.proxy === null ? '' : `, proxy ${r.cpuMsPerRequest.proxy} ms`}` +
			`${r.cpuMsPerRequest.postgres === null ? '' : `, postgres ${r.cpuMsPerRequest.postgres} ms`}`
	);
}

async function measure(config: ConfigName, r: Running, postmaster: number | undefined) {
	const name = (i: number) => (r.servers.length > 1 ? `instance ${'AB'[i]}` : 'serveur');
	const rssBefore = r.servers.map((s) => rssMb(s.child.pid!));
	const proxyRssBefore = r.proxy ? rssMb(r.proxy.child.pid!) : null;
	const rows: Row[] = [];
	const total = { first: undefined as CpuSnapshot | undefined, last: undefined as CpuSnapshot | undefined };
	for (const page of PAGES) {
		if (WARMUP > 0) await run(r.base + page.path, page.html, WARMUP);
		const tx0 = r.database ? await committed(r.database.adminUrl, r.database.name) : 0;
		const cpu0 = cpuSnapshot(r, postmaster);
		const result = await run(r.base + page.path, page.html, DURATION);
		const cpu1 = cpuSnapshot(r, postmaster);
		const tx1 = r.database ? await committed(r.database.adminUrl, r.database.name) : 0;
		total.first ??= cpu0;
		total.last = cpu1;
		const row: Row = {
			config,
			name: page.name,
			path: page.path,
			reqPerSec: Math.round(result.requests.average),
			p50Ms: result.latency.p50,
			p99Ms: result.latency.p99,
			maxMs: result.latency.max,
			requests: result.requests.total,
			errors: result.errors + result.timeouts + result.non2xx,
			timeouts: result.timeouts,
			non2xx: result.non2xx,
			rssMb: r.servers.map((s) => rssMb(s.child.pid!)),
			proxyRssMb: r.proxy ? rssMb(r.proxy.child.pid!) : null,
			pgTransactionsPerRequest: r.database ? round2((tx1 - tx0) / Math.max(1, result.requests.total)) : null,
			cpuCores: coresBetween(cpu0, cpu1, r.database !== undefined && postmaster !== undefined),
			cpuMsPerRequest: { servers: 0, proxy: null, postgres: null }
		};
		const perRequest = (cores: number) => round2((cores * 1000) / Math.max(1, row.reqPerSec));
		row.cpuMsPerRequest = {
			servers: perRequest(row.cpuCores.servers.reduce((a, b) => a + b, 0)),
			proxy: r.proxy ? perRequest(row.cpuCores.proxy) : null,
			postgres: row.cpuCores.postgres === null ? null : perRequest(row.cpuCores.postgres)
		};
		rows.push(row);
		printRow(row);
	}
	const processes = [
		...r.servers.map((s, i) => ({
			process: name(i),
			rssBeforeMb: rssBefore[i],
			rssAfterMb: rssMb(s.child.pid!),
			rssPeakMb: rssMb(s.child.pid!, 'VmHWM')
		})),
		...(r.proxy
			? [
					{
						process: 'proxy',
						rssBeforeMb: proxyRssBefore!,
						rssAfterMb: rssMb(r.proxy.child.pid!),
						rssPeakMb: rssMb(r.proxy.child.pid!, 'VmHWM')
					}
				]
			: [])
	].map((p) => ({ ...p, rssPeakMb: Number.isNaN(p.rssPeakMb) ? null : p.rssPeakMb }));
	const postgresPssMb =
		r.database && postmaster
			? Math.round(postgresPids(postmaster).reduce((s, pid) => s + pssKb(pid), 0) / 1024) || null
			: null;
	const cpu =
		total.first && total.last ? coresBetween(total.first, total.last, postgresPssMb !== null) : null;
	console.log(
		`${config.padEnd(14)} RSS ${processes.map((p) => `${p.process} ${p.rssBeforeMb} -> ${p.rssAfterMb} MB (pic ${p.rssPeakMb ?? '?'})`).join(', ')}` +
			`${postgresPssMb === null ? '' : `, PostgreSQL ${postgresPssMb} MB (PSS, tous ses processus)`}, générateur de charge ${loadGeneratorRssMb()} MB`
	);
	return { rows, processes, postgresPssMb, cpuCores: cpu };
}

// --- the whole bench -----------------------------------------------------------------------------------

async function postgresServer(): Promise<{ server: PostgresServer } | { skipped: string }> {
	const url = options.postgres ?? process.env.DATABASE_URL;
	if (url) {
		if (!isPostgresUrl(url)) return { skipped: `« ${url} » ne désigne pas PostgreSQL (postgres://…)` };
		return { server: await existingServer(url) };
	}
	const bin = findPostgresBin();
	if (!bin)
		return {
			skipped:
				'ni DATABASE_URL ni --postgres, et aucun binaire PostgreSQL (initdb, pg_ctl) trouvé dans le PATH ni dans /usr/lib/postgresql'
		};
	return { server: await startCluster(bin) };
}

async function main() {
	const build = resolve(process.env.BUILD_DIR ?? 'build');
	if (!existsSync(join(build, 'handler.js'))) {
		console.error(`Pas de build dans ${build} : lancez d'abord « npm run build ».`);
		process.exit(1);
	}
	const loadBefore = loadavg().map(round2);
	console.log(
		`bench:serve : ${PAGES.length} page(s) × ${SELECTED.join(', ')}, ${DURATION} s chacune (après ${WARMUP} s de chauffe), ` +
			`${CONNECTIONS} connexions ; charge (1/5/15 min) ${loadBefore.join(' ')}`
	);
	const wantsPostgres = SELECTED.some((c) => c.startsWith('postgres'));
	const pgChoice = wantsPostgres
		? await postgresServer()
		: { skipped: 'aucune configuration PostgreSQL demandée' };
	const pgServer = 'server' in pgChoice ? pgChoice.server : undefined;
	if ('skipped' in pgChoice && wantsPostgres)
		console.log(`PostgreSQL : ${pgChoice.skipped} ; seule la partie SQLite tourne.`);
	if (pgServer)
		console.log(
			`PostgreSQL ${pgServer.version} : ${
				pgServer.source === 'cluster'
					? `grappe jetable ${postgresLabel(pgServer.adminUrl)} (fsync off, comme .ci/postgres.sh)`
					: `serveur ${postgresLabel(pgServer.adminUrl)} (bases bench_serve_* créées puis supprimées)`
			}${pgServer.postmaster ? '' : ' ; son processus est introuvable ici : son CPU et sa mémoire ne sont pas mesurés'}`
		);
	const dir = mkdtempSync(join(tmpdir(), 'carto-ess-bench-serve-'));
	const results = [];
	try {
		for (const config of ALL_CONFIGS.filter((c) => SELECTED.includes(c))) {
			const synthetic = config.endsWith('-10k');
			const onPostgres = config.startsWith('postgres');
			if (onPostgres && !pgServer) continue;
			let running: Running;
			let drop: (() => Promise<unknown>) | undefined;
			let storeCounts: Record<string, number> | undefined;
			const t0 = performance.now();
			if (onPostgres) {
				const db = await freshDatabase(pgServer!, synthetic ? '10k' : 'seed');
				drop = db.drop;
				if (synthetic) storeCounts = await writeSyntheticStore({ DATABASE_PATH: '', DATABASE_URL: db.url });
				const start = config.startsWith('postgres2') ? startPostgres2 : startPostgres1;
				running = await start(db, pgServer!.adminUrl).catch(async (e) => {
					await db.drop();
					throw e;
				});
			} else {
				const path = join(dir, `${config}.sqlite`);
				if (synthetic) storeCounts = await writeSyntheticStore({ DATABASE_PATH: path });
				running = await startSqlite(path, !synthetic);
			}
			const readyS = round1((performance.now() - t0) / 1000);
			console.log(
				`${config.padEnd(14)} prêt en ${readyS} s` +
					(storeCounts
						? ` (${RECORDS} fiches synthétiques ajoutées à la graine : ${storeCounts.organisation ?? '?'} structures, ${storeCounts.initiative ?? '?'} initiatives)`
						: '')
			);
			let measured;
			let stopped;
			try {
				measured = await measure(config, running, onPostgres ? pgServer!.postmaster : undefined);
			} finally {
				stopped = await running.stop();
				await drop?.();
			}
			if (stopped.proxied)
				console.log(
					`${config.padEnd(14)} proxy : ${stopped.proxied.served.join(' / ')} requêtes par instance, ${stopped.proxied.failed} en échec`
				);
			const rssAfterMb = measured.processes.map((p) => p.rssAfterMb);
			results.push({
				name: config,
				engine: onPostgres ? 'postgres' : 'sqlite',
				instances: running.servers.length,
				records: synthetic ? `seed+${RECORDS}` : 'seed',
				readyS,
				...measured,
				proxied: stopped.proxied ?? null,
				met: {
					reqPerSec: measured.rows.every((r) => r.reqPerSec >= TARGETS.reqPerSec),
					p99: measured.rows.every((r) => r.p99Ms <= TARGETS.p99Ms),
					errors:
						measured.rows.every((r) => r.errors === TARGETS.errors) && (stopped.proxied?.failed ?? 0) === 0,
					rss: rssAfterMb.every((mb) => mb <= TARGETS.rssAfterMb)
				}
			});
		}
	} finally {
		await pgServer?.stop();
		rmSync(dir, { recursive: true, force: true });
	}

	// Two instances on PostgreSQL (and one, when asked for) against one on SQLite, page by page, on the same data.
	const comparison = [];
	for (const data of ['seed', '10k'] as const) {
		const sqlite = results.find((r) => r.name === `sqlite-${data}`);
		for (const instances of [2, 1]) {
			const postgres = results.find((r) => r.name === `postgres${instances}-${data}`);
			if (!sqlite || !postgres) continue;
			for (const row of sqlite.rows) {
				const other = postgres.rows.find((r) => r.path === row.path);
				if (!other) continue;
				comparison.push({
					data,
					page: row.name,
					config: postgres.name,
					instances,
					sqliteReqPerSec: row.reqPerSec,
					postgresReqPerSec: other.reqPerSec,
					ratio: round2(other.reqPerSec / Math.max(1, row.reqPerSec))
				});
			}
		}
	}
	if (comparison.length) {
		console.log('\nPostgreSQL / une instance SQLite (req/s, même page, mêmes données) :');
		for (const c of comparison)
			console.log(
				`  ${c.config.padEnd(14)} ${c.page.padEnd(9)} ${pad(c.postgresReqPerSec, 6)} / ${pad(c.sqliteReqPerSec, 6)} = ${c.ratio.toFixed(2)}`
			);
	}
	const twoInstances = comparison.filter((c) => c.instances === 2);
	const loadAfter = loadavg().map(round2);
	const allRows = results.flatMap((r) => r.rows);
	const met = {
		reqPerSec: results.every((r) => r.met.reqPerSec),
		p99: results.every((r) => r.met.p99),
		errors: results.every((r) => r.met.errors),
		rss: results.every((r) => r.met.rss),
		postgres2AtLeastSqlite: twoInstances.length
			? twoInstances.every((c) => c.ratio >= TARGETS.postgres2OverSqlite)
			: null
	};
	const yes = (b: boolean | null) => (b === null ? 'non mesuré' : b ? 'oui' : 'non');
	console.log(`\nCharge (1/5/15 min) ${loadBefore.join(' ')} -> ${loadAfter.join(' ')}`);
	console.log(
		`Objectifs : deux instances PostgreSQL ≥ une SQLite sur chaque page ${yes(met.postgres2AtLeastSqlite)}, ` +
			`0 erreur ${yes(met.errors)} (${allRows.reduce((s, r) => s + r.errors, 0)} en tout) ; ` +
			`≥ ${TARGETS.reqPerSec} req/s ${yes(met.reqPerSec)}, p99 ≤ ${TARGETS.p99Ms} ms ${yes(met.p99)}, ` +
			`RSS de chaque serveur ≤ ${TARGETS.rssAfterMb} MB ${yes(met.rss)}`
	);
	console.log(
		JSON.stringify({
			bench: 'serve',
			node: process.version,
			durationS: DURATION,
			warmupS: WARMUP,
			connections: CONNECTIONS,
			pageCacheMb: process.env.PAGE_CACHE_MB ?? 'default',
			syntheticRecords: RECORDS,
			loadBefore,
			loadAfter,
			postgres: pgServer
				? {
						version: pgServer.version,
						source: pgServer.source,
						fsync: pgServer.source === 'cluster' ? false : null
					}
				: null,
			postgresSkipped: 'skipped' in pgChoice && wantsPostgres ? pgChoice.skipped : undefined,
			loadGeneratorRssMb: loadGeneratorRssMb(),
			configs: results,
			comparison,
			targets: TARGETS,
			met
		})
	);
}

await main();
