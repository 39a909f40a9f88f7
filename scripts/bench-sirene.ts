/**
 * npm run bench:sirene [-- --rows 2000000 --rounds 3]
 *
 * Times the SIRENE reading and selection pipeline on SYNTHETIC stock files in INSEE's real column layout
 * (2 million establishment rows by default, 1 % in the Eurométropole, a tenth of those ESS, and their legal
 * units), zipped as INSEE ships them and plain. Beside it, in the same run and on the same files, the floor:
 * a bare line-by-line read (readline over the same streams, inflate included for the zips). Each measure runs
 * in a child process so its peak RSS (process.resourceUsage().maxRSS) is its own; the best time of the rounds
 * is kept, and CPU time is reported beside wall time (on a machine shared with other jobs, wall time also
 * counts waiting for a core). Targets: the pipeline at most 3 times the bare read, peak RSS at most 500 MB.
 * Files are written to the OS temp dir and deleted at the end. Last line: one JSON object.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import yazl from 'yazl';
import communes from '../data/communes.json';
import { writeSyntheticSirene } from '../src/lib/bench/sirene-synthetic';
import { selectSireneEstablishments } from '../src/lib/server/sirene/read';
import { openStockFile } from '../src/lib/server/sirene/source';

const { values } = parseArgs({
	options: {
		rows: { type: 'string', default: '2000000' },
		rounds: { type: 'string', default: '3' },
		child: { type: 'string' },
		etab: { type: 'string' },
		units: { type: 'string' }
	}
});

const TARGET_RATIO = 3;
const TARGET_RSS_MB = 500;
const communeCodes = communes.map((c) => c.code);
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

interface ChildResult {
	ms: number;
	/** CPU time (user + system) of the measured part: on a shared machine, wall time also counts waiting. */
	cpuMs: number;
	rows: number;
	kept: number;
	rssMb: number;
}

/** The floor: every line of both files through readline, nothing else. */
async function bareRead(paths: string[]): Promise<{ rows: number }> {
	let rows = 0;
	for (const path of paths) {
		const source = await openStockFile(path);
		for await (const line of createInterface({ input: source.stream, crlfDelay: Infinity })) {
			if (line.length >= 0) rows++;
		}
		rows--; // the header
	}
	return { rows };
}

async function runChild(mode: string, etab: string, units: string): Promise<void> {
	const started = performance.now();
	const cpu = process.cpuUsage();
	let rows = 0;
	let kept = 0;
	if (mode === 'bare') {
		rows = (await bareRead([etab, units])).rows;
	} else {
		const r = await selectSireneEstablishments({ etablissements: etab, unitesLegales: units, communeCodes });
		rows = r.counts.etablissements.read + r.counts.unitesLegales.read;
		kept = r.counts.etablissements.kept;
	}
	const ms = performance.now() - started;
	const used = process.cpuUsage(cpu);
	const cpuMs = Math.round((used.user + used.system) / 1000);
	const rssMb = Math.round(process.resourceUsage().maxRSS / 1024);
	console.log(JSON.stringify({ ms: Math.round(ms), cpuMs, rows, kept, rssMb } satisfies ChildResult));
}

function measure(mode: 'bare' | 'pipeline', etab: string, units: string): ChildResult {
	const script = fileURLToPath(import.meta.url);
	const out = spawnSync(
		process.execPath,
		[...process.execArgv, script, '--child', mode, '--etab', etab, '--units', units],
		{ encoding: 'utf8', maxBuffer: 1 << 20 }
	);
	if (out.status !== 0) throw new Error(`child ${mode} failed: ${out.stderr}`);
	return JSON.parse(out.stdout.trim().split('\n').at(-1)!) as ChildResult;
}

function zipFile(source: string, entryName: string, target: string): Promise<void> {
	const zip = new yazl.ZipFile();
	zip.addFile(source, entryName);
	zip.end();
	return new Promise((resolve, reject) =>
		zip.outputStream
			.pipe(createWriteStream(target))
			.on('close', () => resolve())
			.on('error', reject)
	);
}

async function main(): Promise<void> {
	const rows = Math.max(1000, Number(values.rows) || 2_000_000);
	const rounds = Math.max(1, Number(values.rounds) || 3);
	const dir = mkdtempSync(join(tmpdir(), 'carto-ess-bench-sirene-'));
	// Other jobs share this machine: the load is printed so wall times can be read with it.
	const loadStart = Math.round(loadavg()[0] * 10) / 10;
	try {
		const etabCsv = join(dir, 'synthetic-StockEtablissement_utf8.csv');
		const unitCsv = join(dir, 'synthetic-StockUniteLegale_utf8.csv');
		const etabZip = join(dir, 'synthetic-StockEtablissement_utf8.zip');
		const unitZip = join(dir, 'synthetic-StockUniteLegale_utf8.zip');
		const t = performance.now();
		const generated = await writeSyntheticSirene(etabCsv, unitCsv, { etablissementRows: rows, communeCodes });
		await zipFile(etabCsv, 'synthetic-StockEtablissement_utf8.csv', etabZip);
		await zipFile(unitCsv, 'synthetic-StockUniteLegale_utf8.csv', unitZip);
		const sizes = {
			etablissementsCsvMb: mb(statSync(etabCsv).size),
			uniteLegalesCsvMb: mb(statSync(unitCsv).size),
			etablissementsZipMb: mb(statSync(etabZip).size),
			uniteLegalesZipMb: mb(statSync(unitZip).size)
		};
		console.log(
			`bench:sirene : fichiers SYNTHÉTIQUES (aucune donnée réelle) dans ${dir}, générés en ${((performance.now() - t) / 1000).toFixed(1)} s`
		);
		console.log(
			`  ${generated.etablissementRows} établissements (${sizes.etablissementsCsvMb} Mo, zip ${sizes.etablissementsZipMb} Mo), ${generated.uniteLegaleRows} unités légales (${sizes.uniteLegalesCsvMb} Mo, zip ${sizes.uniteLegalesZipMb} Mo), ${generated.expectedKept} établissements à retenir`
		);

		const results: Record<string, { bare: ChildResult; pipeline: ChildResult }> = {};
		for (const [format, etab, units] of [
			['zip', etabZip, unitZip],
			['csv', etabCsv, unitCsv]
		] as const) {
			const bares: ChildResult[] = [];
			const pipelines: ChildResult[] = [];
			for (let round = 0; round < rounds; round++) {
				bares.push(measure('bare', etab, units));
				const p = measure('pipeline', etab, units);
				if (p.kept !== generated.expectedKept) {
					throw new Error(`pipeline kept ${p.kept} establishments, ${generated.expectedKept} expected`);
				}
				pipelines.push(p);
			}
			// Best wall and CPU time of the rounds (the machine is shared), worst peak RSS.
			const best = (list: ChildResult[]): ChildResult => ({
				...list.reduce((a, b) => (b.ms < a.ms ? b : a)),
				cpuMs: Math.min(...list.map((r) => r.cpuMs)),
				rssMb: Math.max(...list.map((r) => r.rssMb))
			});
			const bare = best(bares);
			const pipeline = best(pipelines);
			results[format] = { bare, pipeline };
			console.log(
				`  ${format.padEnd(3)} : lecture brute ${(bare.ms / 1000).toFixed(2)} s, CPU ${(bare.cpuMs / 1000).toFixed(2)} s (${Math.round((bare.rows / bare.ms) * 1000)} lignes/s, RSS ${bare.rssMb} Mo) | pipeline ${(pipeline.ms / 1000).toFixed(2)} s, CPU ${(pipeline.cpuMs / 1000).toFixed(2)} s (${Math.round((pipeline.rows / pipeline.ms) * 1000)} lignes/s, RSS ${pipeline.rssMb} Mo) | rapport ${(pipeline.ms / bare.ms).toFixed(2)}, en CPU ${(pipeline.cpuMs / bare.cpuMs).toFixed(2)}`
			);
		}

		const figures = (format: string) => {
			const { bare, pipeline } = results[format];
			return {
				bareMs: bare.ms,
				bareRowsPerSecond: Math.round((bare.rows / bare.ms) * 1000),
				bareRssMb: bare.rssMb,
				pipelineMs: pipeline.ms,
				pipelineRowsPerSecond: Math.round((pipeline.rows / pipeline.ms) * 1000),
				pipelineRssMb: pipeline.rssMb,
				ratio: Math.round((pipeline.ms / bare.ms) * 100) / 100,
				bareCpuMs: bare.cpuMs,
				pipelineCpuMs: pipeline.cpuMs,
				cpuRatio: Math.round((pipeline.cpuMs / bare.cpuMs) * 100) / 100
			};
		};
		const zip = figures('zip');
		const csv = figures('csv');
		const peakRssMb = Math.max(zip.pipelineRssMb, csv.pipelineRssMb);
		console.log(
			JSON.stringify({
				bench: 'sirene',
				synthetic: true,
				rounds,
				etablissementRows: generated.etablissementRows,
				uniteLegaleRows: generated.uniteLegaleRows,
				kept: generated.expectedKept,
				...sizes,
				zip,
				csv,
				peakRssMb,
				loadAverage: { start: loadStart, end: Math.round(loadavg()[0] * 10) / 10, cores: cpus().length },
				targets: {
					maxRatio: TARGET_RATIO,
					maxRssMb: TARGET_RSS_MB,
					ratioMet: zip.ratio <= TARGET_RATIO && csv.ratio <= TARGET_RATIO,
					cpuRatioMet: zip.cpuRatio <= TARGET_RATIO && csv.cpuRatio <= TARGET_RATIO,
					rssMet: peakRssMb <= TARGET_RSS_MB
				}
			})
		);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

if (values.child) {
	await runChild(values.child, values.etab!, values.units!);
} else {
	await main();
}
