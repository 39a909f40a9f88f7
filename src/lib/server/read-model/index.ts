/**
 * The public read model: the catalogue (src/lib/domain/catalogue.ts), the search indexes and the map's
 * points, built together from one read of the store and replaced together when the data version changes.
 *
 * No request waits for a rebuild of a large store. When a write bumps the data version:
 * - a small store (at most REBUILD_INLINE_MAX published records, a few tenths of a second) is rebuilt in
 *   the request that sees the new version, so an editor sees their change at once;
 * - a larger one keeps serving the previous version (stale-while-rebuild, keyed by data version) while a
 *   `worker_threads` worker (./worker.ts) reads the store and builds the search indexes and the map's points;
 *   this thread then parses the records, builds the catalogue, decodes the points and unpacks the indexes
 *   in slices of a few milliseconds between requests (nothing in one piece), and swaps the three at once. Writes made meanwhile start another rebuild when it ends.
 * A store only this process can see (`:memory:`, tests) or a worker that fails is rebuilt in this thread,
 * after the current request (logged).
 *
 * The first build (server start: `warmReadModel` in hooks.server.ts) is made in this thread: before it
 * there is nothing older to serve.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { buildCatalogue, catalogueSteps, type Catalogue } from '$lib/domain/catalogue';
import { pointDecoder, type CompactPoint, type MapPoint } from '$lib/domain/map/points';
import type { PublicRecord } from '$lib/domain/records';
import type { Due } from '$lib/domain/steps';
import { installEngine } from '$lib/search/engine';
import { TimeSlices, unpackStrings, type StringTable } from '$lib/search/packed';
import type { SqlClient, StoreSource } from '../db/sql';
import { todayIso } from '$lib/domain/today';
import { bumpDataVersionFrom, dataVersion } from '../db/records';
import {
	buildIndexes,
	byName,
	pointsBody,
	pointsCache,
	pointsStale,
	readInput,
	type PointsCache,
	type SearchIndexes
} from './parts';
import type { WorkerMessage, WorkerRequest } from './protocol';

export interface ReadModel {
	version: number;
	catalogue: Catalogue;
	search: SearchIndexes;
	points: PointsCache;
	/** Milliseconds the build took (all parts, wall clock). */
	buildMs: number;
	/**
	 * Of those, the longest stretch this thread was busy without answering a request (the whole build when
	 * built in this thread; the longest installation slice when built by the worker).
	 */
	longestBlockMs: number;
	/** Where it was built: in this thread, or read and indexed by the worker. */
	builtIn: 'thread' | 'worker';
	/** Milliseconds from the worker's result to the swap (0 when built in this thread). */
	installMs: number;
	/** The slices this thread's part took, between which requests were answered (1: in one piece). */
	slices: number;
}

/**
 * Published records up to which a rebuild is made in the request (about 0.2 s on a 2-core machine); the
 * server sets it from REBUILD_INLINE_MAX (src/lib/server/env.ts; 0: always in the background).
 */
let inlineMax = 2000;

/** Changes the inline threshold (server start, tests and measurements). */
export function setRebuildInlineMax(n: number): void {
	inlineMax = n;
}
/**
 * Milliseconds a slice of installing a worker's result may last before this thread yields to its event
 * loop (requests waiting are answered between two slices).
 */
let sliceMs = 8;

/** Changes the slices' budget (tests: 0, a pause at every check). */
export function setRebuildSliceMs(ms: number): void {
	sliceMs = ms;
}

interface State {
	sql: SqlClient;
	model: ReadModel;
	/** A build in this thread in flight, and the version it was started for (requests share it). */
	building?: { version: number; model: Promise<ReadModel> };
	/** The rebuild in flight, if any. */
	rebuilding?: Promise<void>;
	/** Set when the worker could not be used: later rebuilds stay in this thread. */
	noWorker?: boolean;
	/** The day the data version could not be moved on for ended events (not tried again that day). */
	dayBumpFailedOn?: string;
}
let state: State | undefined;
const listeners = new Set<(model: ReadModel) => void>();
/** The indexes built with each catalogue, so a page given a catalogue searches the same version. */
const indexesOf = new WeakMap<Catalogue, SearchIndexes>();

/** The search indexes built with this catalogue, if it is (or was) a read model's. */
export function indexesOfCatalogue(catalogue: Catalogue): SearchIndexes | undefined {
	return indexesOf.get(catalogue);
}

/** Builds every part in this thread, from one read of the store. */
export async function buildReadModel(sql: SqlClient): Promise<ReadModel> {
	const read = await readInput(sql);
	const started = performance.now();
	const steps: string[] = [];
	let last = started;
	const step = <T>(name: string, value: T): T => {
		const now = performance.now();
		steps.push(`${name} ${Math.round(now - last)}`);
		last = now;
		return value;
	};
	const input = step('lecture', read);
	const records = step('tri', [...input.records].sort(byName));
	const catalogue = step('catalogue', buildCatalogue({ version: input.version, geo: input.geo, records }));
	const search = step('recherche', buildIndexes(input.version, catalogue.records, catalogue.geo));
	const points = step('points', pointsCache(input.version, pointsBody(records, input.version)));
	const buildMs = Math.round(performance.now() - started);
	// What a slow build spent its time on (a large store's first build delays the server's start).
	if (buildMs > 1000) console.log(`[read-model] étapes (ms) : ${steps.join(', ')}`);
	return {
		version: input.version,
		catalogue,
		search,
		points,
		buildMs,
		longestBlockMs: buildMs,
		builtIn: 'thread',
		installMs: 0,
		slices: 1
	};
}

function install(sql: SqlClient, model: ReadModel) {
	indexesOf.set(model.catalogue, model.search);
	if (model.buildMs > 1000)
		console.log(
			`[read-model] version ${model.version} construite en ${model.buildMs} ms (${model.builtIn === 'worker' ? `worker ; ce fil occupé ${model.longestBlockMs} ms d’affilée au plus, installée en ${model.slices} tranches sur ${model.installMs} ms` : 'dans ce fil'})`
		);
	if (!state || state.sql !== sql) state = { sql, model };
	else if (model.version >= state.model.version) state.model = model;
	for (const l of listeners) l(state.model);
}

/** The model installed now, without reading the store's version (what a version's own work runs on). */
export function currentReadModel(): ReadModel | undefined {
	return state?.model;
}

/** Work a module does on a new version's points before it is installed: steps, pausing when `due()`. */
type PointsPreparer = (points: PointsCache, due: Due) => Generator<void, void>;
const preparers = new Set<PointsPreparer>();

/**
 * Registers work on each rebuilt version's points (the map's posting lists) made in the installation's
 * slices, before the swap, so that the first request for the new version does not make it in one piece.
 */
export function preparePoints(preparer: PointsPreparer): void {
	preparers.add(preparer);
}

/** Called with each newly installed model (tests, measurements). Returns the unsubscribe function. */
export function onReadModel(listener: (model: ReadModel) => void): () => void {
	listeners.add(listener);
	return () => listeners.delete(listener);
}

/** Builds the first model now (server start), so no visitor pays for it. */
export async function warmReadModel(sql: SqlClient): Promise<ReadModel> {
	const model = await buildReadModel(sql);
	install(sql, model);
	return model;
}

const requestScope = new AsyncLocalStorage<{ sql?: SqlClient; model?: Promise<ReadModel> }>();

/**
 * Runs `answer` (a request that writes nothing: a cacheable page view) with one read model throughout. The
 * model the hook reads to key the page cache serves every load of the request: no load reads the data
 * version again (one round trip each on PostgreSQL), and no page mixes two versions when another instance
 * writes meanwhile. Never around a request that may write: its load must see what its action wrote.
 */
export function withOneReadModel<T>(answer: () => Promise<T>): Promise<T> {
	return requestScope.run({}, answer);
}

/**
 * The current read model. Up to date for a small store; for a large one, possibly the previous version
 * while the new one is being built (see the top of this file). Inside withOneReadModel, the request's.
 */
export function readModel(sql: SqlClient): Promise<ReadModel> {
	const scope = requestScope.getStore();
	if (!scope) return latestModel(sql);
	if (scope.sql !== sql || !scope.model) {
		scope.sql = sql;
		scope.model = latestModel(sql);
	}
	return scope.model;
}

async function latestModel(sql: SqlClient): Promise<ReadModel> {
	// Read at every request: a write made by another instance over the same PostgreSQL is seen at once.
	const version = await dataVersion(sql);
	if (state?.sql === sql && state.model.version >= version) {
		if (!pointsStale(state.model.points, todayIso()) || !(await moveOnForTheDay(sql, state, version)))
			return state.model;
		return latestModel(sql);
	}
	if (state?.sql !== sql || state.model.catalogue.records.length <= inlineMax)
		return buildInThread(sql, version);
	startRebuild(state);
	return state.model;
}

/**
 * A small store's model built in the request that sees its new version. Requests arriving meanwhile (on
 * PostgreSQL the read awaits the network) wait for that build rather than start their own.
 */
function buildInThread(sql: SqlClient, version: number): Promise<ReadModel> {
	const pending = state?.sql === sql ? state.building : undefined;
	if (pending && pending.version >= version) return pending.model;
	const model = buildReadModel(sql).then((built) => {
		install(sql, built);
		return built;
	});
	if (state?.sql === sql) {
		const building = { version, model };
		state.building = building;
		const s = state;
		const clear = () => {
			if (s.building === building) s.building = undefined;
		};
		model.then(clear, clear);
	}
	return model;
}

/**
 * An event drawn on the map has ended since the model was built: the public data changed with the day,
 * though nobody wrote. It becomes a new data version, so that everything keyed by the version moves on
 * with it: the points' ETag and long-lived `?v=` URL, the map tiles' URLs (`immutable`), the clusters
 * and the page cache. False when the version cannot be written (a full or read-only disk; logged once
 * a day): the current model is served until a write succeeds.
 */
async function moveOnForTheDay(sql: SqlClient, s: State, version: number): Promise<boolean> {
	const today = todayIso();
	if (s.dayBumpFailedOn === today) return false;
	try {
		await bumpDataVersionFrom(sql, version);
		return true;
	} catch (e) {
		s.dayBumpFailedOn = today;
		console.error(
			'[read-model] événements terminés toujours sur la carte : version des données non écrite :',
			e
		);
		return false;
	}
}

/** Resolves once no rebuild is in flight and the model is the store's current version (tests, scripts). */
export async function settledReadModel(sql: SqlClient): Promise<ReadModel> {
	for (;;) {
		const model = await latestModel(sql);
		if (model.version === (await dataVersion(sql)) && !state?.rebuilding) return model;
		await (state?.rebuilding ?? nextTurn());
	}
}

function startRebuild(s: State) {
	if (s.rebuilding) return;
	const sql = s.sql;
	const inThread = async () => {
		await nextTurn();
		install(sql, await buildReadModel(sql));
	};
	const source = s.noWorker ? undefined : sql.source;
	s.rebuilding = (source ? rebuildInWorker(sql, source) : inThread())
		.catch(async (e) => {
			console.error('[read-model] reconstruction par le worker impossible, faite dans ce fil :', e);
			s.noWorker = true;
			await inThread();
		})
		.finally(() => {
			s.rebuilding = undefined;
			// Writes made during the rebuild: build again for them.
			if (state !== s) return;
			dataVersion(sql).then(
				(version) => {
					if (state === s && version !== s.model.version) startRebuild(s);
				},
				(e) => console.error('[read-model] version des données illisible après reconstruction :', e)
			);
		});
}

async function workerUrl(): Promise<URL> {
	// Imported, not only named, so that the bundler emits the worker as its own file: its URL is the
	// module's own (`import.meta.url`), in development (TypeScript, run through tsx) as in the build.
	// eslint-disable-next-line no-restricted-syntax -- a sibling module, imported lazily so it is its own file
	const { WORKER_URL } = await import('./worker');
	return new URL(WORKER_URL);
}

async function rebuildInWorker(sql: SqlClient, source: StoreSource): Promise<void> {
	const started = performance.now();
	const url = await workerUrl();
	const request: WorkerRequest = { source };
	// Source files (development, tests) are TypeScript: the worker registers tsx first, as the scripts do
	// (`--import tsx` in a worker's execArgv does not reach its entry module on Node 20).
	const worker = url.pathname.endsWith('.ts')
		? new Worker(
				`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })` +
					`.catch((e) => require('node:worker_threads').parentPort.postMessage({ type: 'error', message: String(e && e.stack || e) }));`,
				{ eval: true, workerData: request }
			)
		: new Worker(url, { workerData: request });
	const json: StringTable[] = [];
	const done = new Promise<Extract<WorkerMessage, { type: 'done' }>>((resolve, reject) => {
		worker.on('message', (m: WorkerMessage) => {
			if (m.type === 'records') json.push(m.json);
			else if (m.type === 'done') resolve(m);
			else reject(new Error(m.message));
		});
		worker.on('error', reject);
		worker.on('exit', (code) => reject(new Error(`le worker s’est arrêté (code ${code})`)));
	});
	let result: Extract<WorkerMessage, { type: 'done' }>;
	try {
		result = await done;
	} finally {
		void worker.terminate();
	}
	// Everything the worker sent is installed in time slices, between requests: the records (already in
	// catalogue order) parsed, the catalogue built, the points parsed and decoded, both search engines
	// unpacked. Nothing of it runs in one piece: at 250,000 records each part is seconds of this thread.
	const installStarted = performance.now();
	const slices = new TimeSlices(nextTurn, sliceMs);
	await slices.yield();
	const records: PublicRecord[] = [];
	for (const table of json) {
		const texts = await slices.run(unpackStrings(table, () => slices.due()));
		for (const text of texts) {
			records.push(JSON.parse(text) as PublicRecord);
			if (slices.due()) await slices.yield();
		}
	}
	json.length = 0;
	const catalogue = await slices.run(
		catalogueSteps({ version: result.version, geo: result.geo, records }, () => slices.due())
	);
	const points = await decodePointsInSlices(result, slices);
	for (const prepare of preparers) await slices.run(prepare(points, () => slices.due()));
	const search: SearchIndexes = {
		version: result.version,
		quick: await installEngine(result.quick, slices),
		full: await installEngine(result.full, slices),
		quickFile: {
			...result.quickFile,
			gzip: Buffer.from(
				result.quickFile.gzip.buffer,
				result.quickFile.gzip.byteOffset,
				result.quickFile.gzip.byteLength
			)
		},
		manifest: result.manifest
	};
	slices.end();
	// The three parts of one version, swapped together.
	install(sql, {
		version: result.version,
		catalogue,
		search,
		points,
		buildMs: Math.round(performance.now() - started),
		longestBlockMs: Math.round(slices.longestMs),
		builtIn: 'worker',
		installMs: Math.round(performance.now() - installStarted),
		slices: slices.count
	});
}

/**
 * The map's points from the worker's body: each compact point's JSON parsed and decoded in turn (its
 * place in the body is known), pausing between slices; the same points as `pointsCache` parsing the body.
 */
async function decodePointsInSlices(
	result: Extract<WorkerMessage, { type: 'done' }>,
	slices: TimeSlices
): Promise<PointsCache> {
	const { body } = result.points;
	const decode = pointDecoder(result.dict);
	const points: MapPoint[] = new Array(result.lengths.length);
	let at = result.first;
	for (let i = 0; i < points.length; i++) {
		const end = at + result.lengths[i];
		points[i] = decode(JSON.parse(body.slice(at, end)) as CompactPoint);
		at = end + 1;
		if (slices.due()) await slices.yield();
	}
	return { version: result.version, dict: result.dict, points, ...result.points };
}

/** Forgets the model (tests that reuse a store path). */
export function resetReadModel(): void {
	state = undefined;
}
