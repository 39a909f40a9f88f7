/**
 * npm run data:geocode [-- --dry-run] [--batch 500]
 *
 * Geocodes, in batches, the store's records that have an address but only an approximate position (a
 * quartier's or a commune's reference point), through the Géoplateforme's CSV geocoding endpoint
 * (`POST {GEOCODER_URL}/search/csv`, BAN data; src/lib/server/geocode-batch.ts). A result is kept under the
 * rules of the proposal geocoder (score, commune, inside the Eurométropole), with precision `address` (a
 * house number) or `street`; each change is a history entry. The store is DATABASE_PATH, as the server's;
 * the seed files in data/ are not changed. Needs the network (GEOCODER_URL). `--dry-run` asks the service
 * and reports, writing nothing. Prints a summary; the last line is one JSON object with the counts.
 */
import { basename } from 'node:path';
import { parseArgs as parseNodeArgs } from 'node:util';
import { z } from 'zod';
import type { SqlClient } from '../src/lib/server/db/sql';
import {
	DEFAULT_BATCH,
	MAX_BATCH,
	csvSearchUrl,
	geocodeRecords,
	type GeocodeReport
} from '../src/lib/server/geocode-batch';
import { getEnv, closeStore, openServerStore } from '../src/lib/server/store';

const USAGE = 'Usage : npm run data:geocode -- [--dry-run] [--batch 500]';

const argsSchema = z.object({
	'dry-run': z.boolean().optional(),
	batch: z.coerce
		.number({ error: '--batch : nombre entier attendu' })
		.int({ error: '--batch : nombre entier attendu' })
		.min(1, { error: '--batch : au moins 1' })
		.max(MAX_BATCH, { error: `--batch : au plus ${MAX_BATCH} lignes par lot` })
		.optional()
});

export interface DataGeocodeArgs {
	dryRun: boolean;
	batch: number;
}

export function parseArgs(argv: string[]): DataGeocodeArgs {
	let values;
	try {
		values = parseNodeArgs({
			args: argv,
			options: { 'dry-run': { type: 'boolean' }, batch: { type: 'string' } },
			strict: true
		}).values;
	} catch (e) {
		throw new Error(`${(e as Error).message}\n${USAGE}`);
	}
	const parsed = argsSchema.safeParse(values);
	if (!parsed.success) throw new Error(`${parsed.error.issues[0].message}\n${USAGE}`);
	return { dryRun: parsed.data['dry-run'] ?? false, batch: parsed.data.batch ?? DEFAULT_BATCH };
}

/** The summary in French; the last line is one JSON object. */
export function geocodeSummary(r: GeocodeReport, seconds: number): string[] {
	const lines = [
		r.dryRun ? 'Essai à blanc : rien n’a été écrit dans la base.' : 'Positions écrites dans la base :',
		`Fiches avec une adresse et une position approximative : ${r.candidates}`,
		`  à l’adresse (numéro trouvé) : ${r.counts.address}`,
		`  dans la rue : ${r.counts.street}`,
		`  non trouvées ou refusées (score, commune, trop vague) : ${r.counts.notFound}`,
		`  lot sans réponse du service (inchangées) : ${r.counts.unavailable}`,
		`  modifiées entre-temps ou invalides (inchangées) : ${r.counts.skipped}`
	];
	for (const c of r.changes.slice(0, 50))
		lines.push(`  ${c.id} « ${c.name} » : ${c.label} (${c.precision}, score ${c.score.toFixed(2)})`);
	for (const n of r.notFound.slice(0, 50)) lines.push(`  non trouvée : ${n.id} « ${n.name} » : ${n.reason}`);
	for (const f of r.failures) lines.push(`  ${f}`);
	lines.push(`Durée : ${seconds.toFixed(1)} s`);
	lines.push(
		JSON.stringify({
			dryRun: r.dryRun,
			candidates: r.candidates,
			batches: r.batches.sent,
			failedBatches: r.batches.failed,
			address: r.counts.address,
			street: r.counts.street,
			notFound: r.counts.notFound,
			unavailable: r.counts.unavailable,
			skipped: r.counts.skipped,
			seconds: Math.round(seconds * 10) / 10
		})
	);
	return lines;
}

export async function runDataGeocode(
	args: DataGeocodeArgs,
	sql: SqlClient,
	opts: { baseUrl: string; fetch?: typeof fetch; now?: Date; log?: (line: string) => void }
): Promise<{ report: GeocodeReport; lines: string[] }> {
	const started = performance.now();
	const report = await geocodeRecords(sql, {
		baseUrl: opts.baseUrl,
		batchSize: args.batch,
		dryRun: args.dryRun,
		fetch: opts.fetch,
		now: opts.now,
		onBatch: (done, total) => opts.log?.(`Géocodage : ${done} / ${total} fiches envoyées`)
	});
	return { report, lines: geocodeSummary(report, (performance.now() - started) / 1000) };
}

async function main(): Promise<void> {
	let args: DataGeocodeArgs;
	try {
		args = parseArgs(process.argv.slice(2));
	} catch (e) {
		console.error(`data:geocode : ${(e as Error).message}`);
		process.exit(2);
	}
	const baseUrl = getEnv().GEOCODER_URL;
	const sql = await openServerStore();
	try {
		console.error(`Service : ${csvSearchUrl(baseUrl)}`);
		const { report, lines } = await runDataGeocode(args, sql, { baseUrl, log: (l) => console.error(l) });
		console.log(lines.join('\n'));
		if (report.batches.failed > 0 && report.batches.failed === report.batches.sent) process.exit(1);
	} finally {
		await closeStore();
	}
}

if (process.argv[1] && import.meta.url.endsWith(basename(process.argv[1]))) await main();
