/**
 * npm run bench:serve [-- --duration 30 --connections 20 --only /annuaire?q=velo]
 *
 * Throughput of the production server (`node server.js` over build/: run `npm run build` first; BUILD_DIR
 * picks another build) on a temporary database seeded from data/, with the offline basemap and no geocoder.
 * For each URL (the home page, a directory search, the API, a quartier page and the map's points), autocannon
 * sends requests for `duration` seconds over `connections` connections, after a short warm-up; the server's
 * resident memory (RSS) is read before the first run and after each, with its peak and the load generator's
 * own RSS at the end. The load generator shares the machine with the server: on 2 cores it takes part of one.
 * PAGE_CACHE_MB=0 measures without the page cache. Prints a table, the targets, and as last line one JSON
 * object. A benchmark, not a test: it never fails on a figure.
 */
import autocannon from 'autocannon';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values: options } = parseArgs({
	options: {
		duration: { type: 'string', default: '30' },
		connections: { type: 'string', default: '20' },
		warmup: { type: 'string', default: '3' },
		only: { type: 'string', multiple: true }
	}
});
const DURATION = Number(options.duration);
const CONNECTIONS = Number(options.connections);
const WARMUP = Number(options.warmup);

const TARGETS = { reqPerSec: 500, p99Ms: 100, errors: 0, rssAfterMb: 200 };
const PAGES = [
	{ name: 'accueil', path: '/', html: true },
	{ name: 'annuaire', path: '/annuaire?q=velo', html: true },
	{ name: 'api', path: '/api/v1/organisations', html: false },
	{ name: 'quartier', path: '/quartiers/cronenbourg-hautepierre', html: true },
	{ name: 'points', path: '/carte/points.json', html: false }
].filter((p) => !options.only?.length || options.only.includes(p.path));

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

/** Resident memory of a process in MB, from /proc (Linux) or ps; VmHWM is the highest it reached (Linux only). */
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

async function waitUntilUp(url: string, server: ChildProcess) {
	const until = Date.now() + 60_000;
	while (Date.now() < until) {
		if (server.exitCode !== null) throw new Error(`le serveur s'est arrêté (code ${server.exitCode})`);
		try {
			if ((await fetch(url)).ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`le serveur ne répond pas sur ${url}`);
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

async function main() {
	const build = resolve(process.env.BUILD_DIR ?? 'build');
	if (!existsSync(join(build, 'handler.js'))) {
		console.error(`Pas de build dans ${build} : lancez d'abord « npm run build ».`);
		process.exit(1);
	}
	const dir = mkdtempSync(join(tmpdir(), 'carto-ess-bench-serve-'));
	const port = await freePort();
	const loadBefore = loadavg().map((l) => Math.round(l * 100) / 100);
	const server = spawn(process.execPath, ['server.js'], {
		stdio: ['ignore', 'ignore', 'inherit'],
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: `http://127.0.0.1:${port}`,
			DATABASE_PATH: join(dir, 'bench.sqlite'),
			PUBLIC_BASEMAP: 'offline',
			// Nothing here calls the geocoder; an unused local port keeps it off the network anyway.
			GEOCODER_URL: 'http://127.0.0.1:9/geocodage'
		}
	});
	const base = `http://127.0.0.1:${port}`;
	try {
		await waitUntilUp(`${base}/`, server);
		const rssBefore = rssMb(server.pid!);
		const rows = [];
		for (const page of PAGES) {
			if (WARMUP > 0) await run(base + page.path, page.html, WARMUP);
			const r = await run(base + page.path, page.html, DURATION);
			const errors = r.errors + r.timeouts + r.non2xx;
			rows.push({
				name: page.name,
				path: page.path,
				reqPerSec: Math.round(r.requests.average),
				p50Ms: r.latency.p50,
				p99Ms: r.latency.p99,
				maxMs: r.latency.max,
				requests: r.requests.total,
				errors,
				rssMb: rssMb(server.pid!)
			});
			const row = rows[rows.length - 1];
			console.log(
				`${row.name.padEnd(9)} ${row.path.padEnd(36)} ${String(row.reqPerSec).padStart(6)} req/s  p50 ${String(row.p50Ms).padStart(4)} ms  p99 ${String(row.p99Ms).padStart(4)} ms  erreurs ${row.errors}  RSS ${row.rssMb} MB`
			);
		}
		const rssAfter = rssMb(server.pid!);
		// Each process's memory after the run: the server (now and at its peak) and this load generator.
		const rssPeak = rssMb(server.pid!, 'VmHWM');
		const benchRss = Math.round(process.memoryUsage().rss / 1024 / 1024);
		const loadAfter = loadavg().map((l) => Math.round(l * 100) / 100);
		const met = {
			reqPerSec: rows.every((r) => r.reqPerSec >= TARGETS.reqPerSec),
			p99: rows.every((r) => r.p99Ms <= TARGETS.p99Ms),
			errors: rows.every((r) => r.errors === TARGETS.errors),
			rss: rssAfter <= TARGETS.rssAfterMb
		};
		console.log(
			`RSS du serveur ${rssBefore} MB -> ${rssAfter} MB (pic ${rssPeak} MB), du générateur de charge ${benchRss} MB; charge (1/5/15 min) ${loadBefore.join(' ')} -> ${loadAfter.join(' ')}`
		);
		console.log(
			`Objectifs : ≥ ${TARGETS.reqPerSec} req/s ${met.reqPerSec ? 'oui' : 'non'}, p99 ≤ ${TARGETS.p99Ms} ms ${met.p99 ? 'oui' : 'non'}, 0 erreur ${met.errors ? 'oui' : 'non'}, RSS ≤ ${TARGETS.rssAfterMb} MB ${met.rss ? 'oui' : 'non'}`
		);
		console.log(
			JSON.stringify({
				bench: 'serve',
				node: process.version,
				durationS: DURATION,
				connections: CONNECTIONS,
				pageCacheMb: process.env.PAGE_CACHE_MB ?? 'default',
				loadBefore,
				loadAfter,
				rssBeforeMb: rssBefore,
				rssAfterMb: rssAfter,
				rssPeakMb: Number.isNaN(rssPeak) ? null : rssPeak,
				loadGeneratorRssMb: benchRss,
				pages: rows,
				targets: TARGETS,
				met
			})
		);
	} finally {
		server.kill('SIGTERM');
		await new Promise((r) => (server.exitCode !== null ? r(null) : server.once('exit', r)));
		rmSync(dir, { recursive: true, force: true });
	}
}

await main();
