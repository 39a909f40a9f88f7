/**
 * npm run bench:search [sizes...]   (default 1000 10000 50000)
 *
 * For synthetic directories of each size: index build time, serialized size (raw and gzip), load time,
 * heap, and query latency (median, p95) over a fixed query set, for our lunr engine (quick and full
 * indexes) and, in the same run on the same corpus and queries, MiniSearch as the reference.
 * Prints a table per size; the last line is one JSON object with every figure.
 *
 * From SERVER_ONLY_MIN records (national scale, e.g. `npm run bench:search -- 250000`) search is the
 * server's alone: only our two indexes are measured, as the server holds them (built, then moved from a
 * worker as transferable buffers), each query timed with the JSON the route writes; then the same queries
 * are timed again while a worker rebuilds both indexes (./bench-search-rebuild.ts, as after a write, at the
 * read model's worker priority), then while this thread installs that build in time slices as the server
 * does (`installEngine`); the installation in one piece (the previous design) is timed beside it. During
 * the rebuild each query is timed from the moment it is ready to run, so what it waits for in this
 * thread's event loop (the worker's message, an installation slice) is in its latency.
 * Targets at 250k: as-you-type p95 ≤ 20 ms, full text ≤ 60 ms, also during a rebuild.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import lunr from 'lunr';
import MiniSearch from 'minisearch';
import { syntheticRecords, type SyntheticGeo } from '../src/lib/bench/synthetic';
import {
	FIELD_BOOSTS,
	FULL_FIELDS,
	QUICK_FIELDS,
	toSearchDocument,
	type SearchDocument,
	type SearchGeo
} from '../src/lib/search/documents';
import {
	buildSearchEngine,
	engineFromTransferable,
	installEngine,
	loadSearchEngine,
	type SearchEngine,
	type TransferableEngine
} from '../src/lib/search/engine';
import { TimeSlices } from '../src/lib/search/packed';
import { frenchSupport, isStopWord, stem, tokenize } from '../src/lib/search/text';
import type { SearchMode } from '../src/lib/search/types';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const sizes = process.argv
	.slice(2)
	.map(Number)
	.filter((n) => n > 0);
const SIZES = sizes.length ? sizes : [1000, 10000, 50000];
const ROUNDS = 3;
/** Sizes from which only the server's indexes are measured (MiniSearch and the browser's download aside). */
const SERVER_ONLY_MIN = 100_000;

const read = (f: string) => JSON.parse(readFileSync(resolve('data', f), 'utf8'));
const geo: SearchGeo & SyntheticGeo = {
	communes: read('communes.json'),
	quartiers: read('quartiers.json'),
	qpv: read('qpv.json'),
	thematiques: read('thematiques.json')
};

/** The fixed query set, by category. As-you-type runs every prefix of the typed queries, letter by letter. */
const QUERIES = {
	single: ['jardin', 'vélo', 'coopérative', 'insertion', 'épicerie', 'strasbourg', 'compost', 'musique'],
	typed: ['cooperative', 'epicerie solidaire', 'atelier velo', 'pret d’honneur'],
	typo: ['cooperatve', 'jardn', 'epicrie', 'reparaton', 'solidiare', 'insertoin'],
	multi: [
		'jardin partagé',
		'atelier vélo solidaire',
		'épicerie solidaire neudorf',
		'prêt d’honneur',
		'économie circulaire réemploi'
	],
	accentless: ['economie', 'velo', 'epicerie', 'reemploi', 'theatre', 'benevoles']
};

function typingSequence(q: string): string[] {
	const out: string[] = [];
	for (let i = 2; i <= q.length; i++) if (q[i - 1] !== ' ') out.push(q.slice(0, i));
	return out;
}
const QUICK_QUERIES = [
	...QUERIES.single,
	...QUERIES.typed.flatMap(typingSequence),
	...QUERIES.typo,
	...QUERIES.multi,
	...QUERIES.accentless
];
const FULL_QUERIES = [
	...QUERIES.single,
	...QUERIES.typed,
	...QUERIES.typo,
	...QUERIES.multi,
	...QUERIES.accentless
];

const now = () => performance.now();
const ms = (x: number) => Math.round(x * 100) / 100;
function stats(times: number[]) {
	const s = [...times].sort((a, b) => a - b);
	const at = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
	return { median: ms(at(0.5)), p95: ms(at(0.95)), max: ms(s[s.length - 1]) };
}
/**
 * Wall-clock latency (what a person waits) and CPU time of the query alone: on a shared machine the
 * wall-clock tail mostly measures the other processes, the CPU time does not.
 */
function timeQueries(run: (q: string) => unknown, queries: string[]) {
	for (const q of queries) run(q); // warm-up: JIT and caches, as in a page that has already searched once
	const times: number[] = [];
	const cpu: number[] = [];
	for (let r = 0; r < ROUNDS; r++)
		for (const q of queries) {
			const c = process.cpuUsage();
			const t = now();
			run(q);
			times.push(now() - t);
			const used = process.cpuUsage(c);
			cpu.push((used.user + used.system) / 1000);
		}
	const c = stats(cpu);
	return { ...stats(times), cpuMedian: c.median, cpuP95: c.p95 };
}
function heapOf(make: () => unknown): { value: unknown; heapMB: number } {
	gc();
	const before = process.memoryUsage().heapUsed;
	const value = make();
	gc();
	return { value, heapMB: Math.round(((process.memoryUsage().heapUsed - before) / 1048576) * 10) / 10 };
}
const kb = (n: number) => Math.round(n / 1024);

function benchOurs(docs: SearchDocument[], mode: SearchMode) {
	let t = now();
	const built = buildSearchEngine(docs, mode);
	const buildMs = now() - t;
	const text = built.serialize();
	const raw = Buffer.byteLength(text);
	const gzip = gzipSync(text).length;
	const loads: number[] = [];
	for (let i = 0; i < ROUNDS; i++) {
		t = now();
		loadSearchEngine(text);
		loads.push(now() - t);
	}
	const { value, heapMB } = heapOf(() => loadSearchEngine(text));
	const engine = value as SearchEngine;
	const latency = timeQueries(
		(q) => engine.search(q, { mode, limit: 20 }),
		mode === 'quick' ? QUICK_QUERIES : FULL_QUERIES
	);
	const hits = Object.fromEntries(
		Object.entries(QUERIES).map(([k, qs]) => [k, qs.map((q) => engine.search(q, { mode }).total)])
	);
	return {
		buildMs: ms(buildMs),
		rawKB: kb(raw),
		gzipKB: kb(gzip),
		loadMs: stats(loads).median,
		heapMB,
		latency,
		hits
	};
}

/**
 * Our index as the server holds it at national scale: built (in the read model's worker on the server),
 * moved as transferable buffers and rebuilt here (what this thread pays), then queried as
 * `/search-index/query` does: the search and the JSON of its answer.
 */
function benchServer(docs: SearchDocument[], mode: SearchMode) {
	let t = now();
	const built = buildSearchEngine(docs, mode);
	const buildMs = now() - t;
	const { data, transfer } = built.transferable();
	const moved = structuredClone(data, { transfer });
	t = now();
	const engine = engineFromTransferable(moved);
	const installMs = now() - t;
	const run = (q: string) => JSON.stringify(engine.search(q, { mode, limit: 20 }));
	const queries = mode === 'quick' ? QUICK_QUERIES : FULL_QUERIES;
	const latency = timeQueries(run, queries);
	const hits = Object.fromEntries(
		Object.entries(QUERIES).map(([k, qs]) => [k, qs.map((q) => engine.search(q, { mode }).total)])
	);
	return { engine, run, queries, buildMs: ms(buildMs), installMs: ms(installMs), latency, hits };
}

/**
 * The same queries while a worker rebuilds both indexes (as after a write at this size), then while this
 * thread installs its result in time slices. Each query is timed from the moment it is ready to run (before
 * the event loop's turn that runs it), as a request that arrived then: what it waits for is in its latency.
 * The installation in one piece (the previous design) is timed on the same build, between two queries.
 */
async function duringRebuild(
	size: number,
	quick: ReturnType<typeof benchServer>,
	full: ReturnType<typeof benchServer>
) {
	const url = new URL('./bench-search-rebuild.ts', import.meta.url);
	const worker = new Worker(
		`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`,
		{ eval: true, workerData: { size } }
	);
	let done: { quick: TransferableEngine; full: TransferableEngine; buildMs: number } | undefined;
	const finished = new Promise<void>((resolveBuild, reject) => {
		worker.once('message', (m) => {
			done = m;
			resolveBuild();
		});
		worker.once('error', reject);
	});
	const phase = () => ({ quick: [] as number[], full: [] as number[] });
	const building = phase();
	const installing = phase();
	/** One round of every query, each awaited through the event loop as a request would be. */
	const round = async (into: ReturnType<typeof phase>, stop: () => boolean) => {
		for (const [engine, times] of [
			[quick, into.quick],
			[full, into.full]
		] as const)
			for (const q of engine.queries) {
				if (stop()) return;
				const t = now();
				await nextTurn();
				engine.run(q);
				times.push(now() - t);
			}
	};
	const started = now();
	while (!done) await round(building, () => done !== undefined);
	await finished;
	const received = done!;
	const buildEndedMs = now() - started;
	// The previous design: both engines installed in one piece, no request answered meanwhile.
	let t = now();
	engineFromTransferable(received.quick);
	engineFromTransferable(received.full);
	const inOnePieceMs = now() - t;
	// This design: in time slices of 8 ms, as the read model does, while the queries go on.
	const slices = new TimeSlices(nextTurn, 8);
	t = now();
	let installed: { quick: SearchEngine; full: SearchEngine } | undefined;
	const install = (async () => {
		const q = await installEngine(received.quick, slices);
		const f = await installEngine(received.full, slices);
		slices.end();
		installed = { quick: q, full: f };
	})();
	while (!installed) await round(installing, () => installed !== undefined);
	await install;
	const installMs = now() - t;
	await worker.terminate();
	// The sliced installation gives the same answers as the engines it was built like.
	const same = [...quick.queries, ...full.queries].every(
		(q) =>
			JSON.stringify(installed!.quick.search(q, { mode: 'quick', limit: 20 })) === quick.run(q) &&
			JSON.stringify(installed!.full.search(q, { mode: 'full', limit: 20 })) === full.run(q)
	);
	if (!same) throw new Error('the engines installed in slices answer differently');
	const all = {
		quick: [...building.quick, ...installing.quick],
		full: [...building.full, ...installing.full]
	};
	return {
		rebuildMs: ms(now() - started),
		workerBuildMs: ms(received.buildMs),
		workerResultAfterMs: ms(buildEndedMs),
		queries: all.quick.length + all.full.length,
		quick: stats(all.quick),
		full: stats(all.full),
		duringInstall: {
			queries: installing.quick.length + installing.full.length,
			quick: installing.quick.length ? stats(installing.quick) : undefined,
			full: installing.full.length ? stats(installing.full) : undefined
		},
		installMs: ms(installMs),
		installLongestSliceMs: ms(slices.longestMs),
		installInOnePieceMs: ms(inOnePieceMs),
		sameAnswers: same
	};
}

/** MiniSearch with the same French analysis (our tokenizer, folding, stop words, stems), prefix and fuzzy. */
function benchMiniSearch(docs: SearchDocument[], mode: SearchMode) {
	const fields = [...(mode === 'quick' ? QUICK_FIELDS : FULL_FIELDS)];
	const options = {
		fields,
		idField: 'id',
		tokenize: (text: string) => tokenize(text).map((t) => t.folded),
		processTerm: (term: string) => (isStopWord(term) ? null : stem(term))
	};
	const search = {
		boost: Object.fromEntries(fields.map((f) => [f, FIELD_BOOSTS[f]])),
		prefix: (term: string) => term.length >= 2,
		fuzzy: (term: string) => (term.length >= 8 ? 2 : term.length >= 5 ? 1 : false),
		combineWith: 'AND' as const,
		maxFuzzy: 2
	};
	let t = now();
	const ms0 = new MiniSearch<SearchDocument>(options);
	ms0.addAll(docs);
	const buildMs = now() - t;
	const text = JSON.stringify(ms0);
	const loads: number[] = [];
	for (let i = 0; i < ROUNDS; i++) {
		t = now();
		MiniSearch.loadJSON(text, options);
		loads.push(now() - t);
	}
	const { value, heapMB } = heapOf(() => MiniSearch.loadJSON<SearchDocument>(text, options));
	const engine = value as MiniSearch<SearchDocument>;
	const latency = timeQueries(
		(q) => engine.search(q, search).slice(0, 20),
		mode === 'quick' ? QUICK_QUERIES : FULL_QUERIES
	);
	const hits = Object.fromEntries(
		Object.entries(QUERIES).map(([k, qs]) => [k, qs.map((q) => engine.search(q, search).length)])
	);
	return {
		buildMs: ms(buildMs),
		rawKB: kb(Buffer.byteLength(text)),
		gzipKB: kb(gzipSync(text).length),
		loadMs: stats(loads).median,
		heapMB,
		latency,
		hits
	};
}

/**
 * Stock lunr, the way a project would use it out of the box: one index over every field, lunr-languages' French pipeline,
 * queries built with the programmatic API (trailing wildcard on the last word, edit distance on long words).
 * Skipped above LUNR_STOCK_MAX records: its build alone takes minutes there.
 */
const LUNR_STOCK_MAX = 10000;
function benchLunrStock(docs: SearchDocument[]) {
	const fr = frenchSupport() as unknown as lunr.Builder.Plugin;
	const fields = [...FULL_FIELDS];
	let t = now();
	const index = lunr(function () {
		this.use(fr);
		this.ref('id');
		for (const f of fields) this.field(f, { boost: FIELD_BOOSTS[f] });
		for (const d of docs) this.add(d);
	});
	const buildMs = now() - t;
	const text = JSON.stringify(index);
	const loads: number[] = [];
	for (let i = 0; i < ROUNDS; i++) {
		t = now();
		lunr.Index.load(JSON.parse(text));
		loads.push(now() - t);
	}
	const { value, heapMB } = heapOf(() => lunr.Index.load(JSON.parse(text)));
	const loaded = value as lunr.Index;
	const run = (q: string) => {
		const words = tokenize(q).map((w) => w.folded);
		return loaded.query((query) => {
			words.forEach((w, i) => {
				query.term(w, { presence: lunr.Query.presence.REQUIRED });
				if (i === words.length - 1 && w.length >= 2)
					query.term(w, { wildcard: lunr.Query.wildcard.TRAILING, usePipeline: false, boost: 0.5 });
				if (w.length >= 5) query.term(w, { editDistance: 1, usePipeline: false, boost: 0.25 });
			});
		});
	};
	const latency = timeQueries((q) => run(q).slice(0, 20), FULL_QUERIES);
	const hits = Object.fromEntries(
		Object.entries(QUERIES).map(([k, qs]) => [k, qs.map((q) => run(q).length)])
	);
	return {
		buildMs: ms(buildMs),
		rawKB: kb(Buffer.byteLength(text)),
		gzipKB: kb(gzipSync(text).length),
		loadMs: stats(loads).median,
		heapMB,
		latency,
		hits
	};
}

type Row = ReturnType<typeof benchOurs>;
function line(name: string, r: Row) {
	return [
		name.padEnd(22),
		String(r.buildMs).padStart(9),
		String(r.rawKB).padStart(9),
		String(r.gzipKB).padStart(8),
		String(r.loadMs).padStart(8),
		String(r.heapMB).padStart(7),
		String(r.latency.median).padStart(7),
		String(r.latency.p95).padStart(7),
		String(r.latency.max).padStart(7),
		String(r.latency.cpuP95).padStart(7)
	].join(' ');
}

const results: Record<string, Record<string, Row>> = {};
const load = () =>
	loadavg()
		.map((x) => x.toFixed(1))
		.join(' ');
console.log(`Search benchmark, Node ${process.version}, ${cpus().length} CPUs, load average ${load()}`);
console.log(
	`synthetic records (seed 42), ${ROUNDS} rounds per query; latency in ms (wall clock), cpu p95 = CPU time of the query`
);
console.log(
	`as-you-type queries: ${QUICK_QUERIES.length} (every prefix of ${QUERIES.typed.length} typed queries + the rest); full queries: ${FULL_QUERIES.length}`
);
type ServerRow = Omit<ReturnType<typeof benchServer>, 'engine' | 'run' | 'queries'>;
const server: Record<
	string,
	{
		quick: ServerRow;
		full: ServerRow;
		duringRebuild: Awaited<ReturnType<typeof duringRebuild>>;
		rssMB: number;
	}
> = {};
for (const size of SIZES) {
	const records = syntheticRecords(size, geo, { seed: 42 });
	const docs = records.map((r) => toSearchDocument(r, geo));
	if (size >= SERVER_ONLY_MIN) {
		records.length = 0;
		const quick = benchServer(docs, 'quick');
		const full = benchServer(docs, 'full');
		const rebuild = await duringRebuild(size, quick, full);
		const strip = ({ engine: _e, run: _r, queries: _q, ...rest }: ReturnType<typeof benchServer>) => rest;
		server[size] = {
			quick: strip(quick),
			full: strip(full),
			duringRebuild: rebuild,
			rssMB: Math.round(process.memoryUsage().rss / 1048576)
		};
		console.log(`\n${size} records (server only: built, moved from a worker, queried with the route's JSON)`);
		for (const [name, r] of [
			['quick', quick],
			['full', full]
		] as const)
			console.log(
				`${name.padEnd(6)} build ${r.buildMs} ms, installed in ${r.installMs} ms; latency median ${r.latency.median} / ` +
					`p95 ${r.latency.p95} / max ${r.latency.max} ms (CPU p95 ${r.latency.cpuP95} ms)`
			);
		console.log(
			`during a rebuild of both indexes in a worker (${rebuild.workerBuildMs} ms) and its installation in slices ` +
				`(${rebuild.installMs} ms, longest slice ${rebuild.installLongestSliceMs} ms; in one piece: ` +
				`${rebuild.installInOnePieceMs} ms): ${rebuild.queries} queries, quick median ${rebuild.quick.median} / ` +
				`p95 ${rebuild.quick.p95} / max ${rebuild.quick.max} ms, full median ${rebuild.full.median} / p95 ` +
				`${rebuild.full.p95} / max ${rebuild.full.max} ms; RSS ${server[size].rssMB} MB`
		);
		console.log(`queries during the installation alone: ${JSON.stringify(rebuild.duringInstall)}`);
		console.log(`hits per query, quick: ${JSON.stringify(quick.hits)}`);
		continue;
	}
	const row: Record<string, Row> = {};
	row.oursQuick = benchOurs(docs, 'quick');
	row.oursFull = benchOurs(docs, 'full');
	row.miniSearchQuick = benchMiniSearch(docs, 'quick');
	row.miniSearchFull = benchMiniSearch(docs, 'full');
	if (size <= LUNR_STOCK_MAX) row.lunrStockFull = benchLunrStock(docs);
	results[size] = row;
	console.log(`\n${size} records`);
	console.log('index                  build ms    raw KB  gzip KB  load ms heap MB  med ms  p95 ms  max ms');
	console.log(line('ours quick', row.oursQuick));
	console.log(line('ours full', row.oursFull));
	console.log(line('MiniSearch quick (ref)', row.miniSearchQuick));
	console.log(line('MiniSearch full (ref)', row.miniSearchFull));
	if (row.lunrStockFull) console.log(line('lunr stock full (base)', row.lunrStockFull));
	else console.log(`lunr stock full (base)  skipped above ${LUNR_STOCK_MAX} records`);
	console.log(`hits per query, ours quick: ${JSON.stringify(row.oursQuick.hits)}`);
	console.log(`hits per query, MiniSearch quick: ${JSON.stringify(row.miniSearchQuick.hits)}`);
}
console.log(`\nload average at the end: ${load()}`);
const at10k = results['10000'];
const targets = at10k
	? {
			quickP95Ms: { value: at10k.oursQuick.latency.p95, cpu: at10k.oursQuick.latency.cpuP95, max: 10 },
			fullP95Ms: { value: at10k.oursFull.latency.p95, cpu: at10k.oursFull.latency.cpuP95, max: 40 },
			firstDownloadGzipKB: { value: at10k.oursQuick.gzipKB, max: 1024 },
			loadMs: { value: at10k.oursQuick.loadMs, max: 300 }
		}
	: undefined;
if (targets) {
	console.log('\nTargets at 10k records:');
	for (const [k, v] of Object.entries(targets))
		console.log(
			`  ${k.padEnd(20)} ${String(v.value).padStart(8)} (at most ${v.max}) ${v.value <= v.max ? 'OK' : 'MISSED'}` +
				('cpu' in v ? `; CPU time p95 ${v.cpu}` : '')
		);
}
const at250k = server['250000'];
const nationalTargets = at250k
	? {
			quickP95Ms: { value: at250k.quick.latency.p95, cpu: at250k.quick.latency.cpuP95, max: 20 },
			fullP95Ms: { value: at250k.full.latency.p95, cpu: at250k.full.latency.cpuP95, max: 60 },
			quickP95DuringRebuildMs: { value: at250k.duringRebuild.quick.p95, max: 20 },
			fullP95DuringRebuildMs: { value: at250k.duringRebuild.full.p95, max: 60 }
		}
	: undefined;
if (nationalTargets) {
	console.log('\nTargets at 250k records (server):');
	for (const [k, v] of Object.entries(nationalTargets))
		console.log(
			`  ${k.padEnd(26)} ${String(v.value).padStart(8)} (at most ${v.max}) ${v.value <= v.max ? 'OK' : 'MISSED'}` +
				('cpu' in v ? `; CPU time p95 ${v.cpu}` : '')
		);
}
console.log(
	JSON.stringify({
		bench: 'search',
		synthetic: true,
		node: process.version,
		loadAverage: loadavg(),
		sizes: SIZES,
		results,
		server,
		targets,
		nationalTargets
	})
);
