/**
 * Batch geocoding of the store's approximate positions (`npm run data:geocode`): records with an address
 * whose position is only a quartier's or a commune's reference point are sent, in batches, to the
 * Géoplateforme's CSV geocoding endpoint (BAN data):
 *
 *   POST {GEOCODER_URL}/search/csv   multipart/form-data:
 *     data=<the CSV file>  columns=adresse  citycode=citycode  result_columns=<the columns we read>...
 *
 * `columns` names the columns joined into the searched text, `citycode` the column holding each row's
 * INSEE code (the search is restricted to that commune); the answer is the same CSV with `result_*`,
 * `latitude` and `longitude` columns added (`result_status` ok, not-found, skipped or error). A result is
 * kept under the proposal geocoder's rules (`judgeCandidate`: score, commune, inside the Eurométropole, a
 * house number or a street), and each change is a history entry by « Géocodage des adresses ».
 */
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { Initiative, Organisation } from '$lib/domain/records';
import { RECORD_SCHEMAS } from '$lib/domain/records';
import { listCommunes, listRecords, updateRecord, type Stored } from './db/records';
import type { SqlClient } from './db/sql';
import { judgeCandidate, type GeocodeResult } from './geocoder';

/** The history's author of batch geocoding (see SYSTEM_ACTORS). */
export const GEOCODE_ACTOR = 'data-geocode';
export const DEFAULT_BATCH = 500;
/** The service accepts files of a few megabytes; 5,000 short rows stay far below. */
export const MAX_BATCH = 5000;
export const BATCH_TIMEOUT_MS = 120_000;

/** The result columns read back (the service adds more when not asked). */
export const RESULT_COLUMNS = [
	'latitude',
	'longitude',
	'result_label',
	'result_score',
	'result_type',
	'result_citycode',
	'result_status'
] as const;

type Place = Organisation | Initiative;

export interface GeocodeRow {
	id: string;
	address: string;
	citycode: string;
}

/** Records to geocode: not archived, with an address and a commune, placed at a reference point or not at all. */
export async function geocodeCandidates(sql: SqlClient): Promise<Stored<Place>[]> {
	const records: Stored<Place>[] = [
		...(await listRecords(sql, 'organisation', { status: 'any' })),
		...(await listRecords(sql, 'initiative', { status: 'any' }))
	];
	return records.filter(
		(r) =>
			r.status !== 'archived' &&
			r.address !== undefined &&
			r.communeCode !== undefined &&
			(r.location?.precision === 'quartier' || r.location?.precision === 'commune')
	);
}

const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The file sent: one row per record, its id kept to read the answer back. */
export function batchCsv(rows: readonly GeocodeRow[]): string {
	return ['id,adresse,citycode', ...rows.map((r) => [r.id, r.address, r.citycode].map(cell).join(','))].join(
		'\n'
	);
}

/** The multipart form of one batch (the same form as `curl -F data=@f.csv -F columns=adresse ...`). */
export function batchForm(rows: readonly GeocodeRow[]): FormData {
	const form = new FormData();
	form.append('data', new Blob([batchCsv(rows)], { type: 'text/csv' }), 'adresses.csv');
	form.append('columns', 'adresse');
	form.append('citycode', 'citycode');
	for (const c of RESULT_COLUMNS) form.append('result_columns', c);
	return form;
}

export function csvSearchUrl(baseUrl: string): string {
	return `${baseUrl.replace(/\/+$/, '')}/search/csv`;
}

const resultRow = z.object({
	id: z.string(),
	result_status: z.string().optional(),
	result_score: z.string().optional(),
	result_type: z.string().optional(),
	result_label: z.string().optional(),
	result_citycode: z.string().optional(),
	latitude: z.string().optional(),
	longitude: z.string().optional()
});

export type BatchAnswer =
	| { ok: true; results: Map<string, Exclude<GeocodeResult, { status: 'unavailable' }>> }
	| { ok: false; reason: string };

/** Geocodes one batch. Never throws: a failing service answers `ok: false` with the reason. */
export async function geocodeBatch(
	baseUrl: string,
	rows: readonly GeocodeRow[],
	opts: { allowedCitycodes: ReadonlySet<string>; fetch?: typeof fetch; timeoutMs?: number }
): Promise<BatchAnswer> {
	let text: string;
	try {
		const res = await (opts.fetch ?? fetch)(csvSearchUrl(baseUrl), {
			method: 'POST',
			body: batchForm(rows),
			headers: { accept: 'text/csv' },
			signal: AbortSignal.timeout(opts.timeoutMs ?? BATCH_TIMEOUT_MS),
			redirect: 'error'
		});
		if (!res.ok) return { ok: false, reason: `HTTP ${res.status}` };
		text = await res.text();
	} catch (e) {
		return {
			ok: false,
			reason: e instanceof Error && e.name === 'TimeoutError' ? 'délai dépassé' : String(e)
		};
	}
	let parsed: unknown[];
	try {
		parsed = parse(text, { columns: true, bom: true, skip_empty_lines: true, delimiter: ',' });
	} catch (e) {
		return { ok: false, reason: `réponse CSV illisible (${(e as Error).message})` };
	}
	const asked = new Map(rows.map((r) => [r.id, r]));
	const results = new Map<string, Exclude<GeocodeResult, { status: 'unavailable' }>>();
	for (const raw of parsed) {
		const row = resultRow.safeParse(raw);
		if (!row.success) return { ok: false, reason: 'réponse CSV sans colonne id' };
		const r = row.data;
		const mine = asked.get(r.id);
		if (!mine) continue;
		if (r.result_status !== undefined && r.result_status !== 'ok') {
			results.set(r.id, { status: 'not-found', reason: `statut « ${r.result_status} »` });
			continue;
		}
		const lon = Number(r.longitude);
		const lat = Number(r.latitude);
		const score = Number(r.result_score);
		if (
			!r.longitude ||
			!r.latitude ||
			!Number.isFinite(lon) ||
			!Number.isFinite(lat) ||
			!Number.isFinite(score)
		) {
			results.set(r.id, { status: 'not-found', reason: 'aucun résultat' });
			continue;
		}
		results.set(
			r.id,
			judgeCandidate(
				{
					lon,
					lat,
					score,
					label: (r.result_label ?? '').slice(0, 500),
					type: r.result_type ?? '',
					citycode: r.result_citycode ?? ''
				},
				{ citycode: mine.citycode, allowedCitycodes: opts.allowedCitycodes }
			)
		);
	}
	for (const r of rows)
		if (!results.has(r.id)) results.set(r.id, { status: 'not-found', reason: 'ligne absente de la réponse' });
	return { ok: true, results };
}

export interface GeocodeReport {
	dryRun: boolean;
	candidates: number;
	batches: { sent: number; failed: number };
	counts: {
		/** Positions found at a house number (precision `address`). */
		address: number;
		/** Found at a street (precision `street`). */
		street: number;
		notFound: number;
		/** In a batch the service did not answer: kept as they were. */
		unavailable: number;
		/** Changed meanwhile, or invalid with the new position: left as they were. */
		skipped: number;
	};
	changes: { id: string; name: string; precision: 'address' | 'street'; label: string; score: number }[];
	notFound: { id: string; name: string; reason: string }[];
	failures: string[];
}

/**
 * Geocodes every candidate, batch after batch, then writes what was found in one transaction (unless
 * `dryRun`): a later failing batch never leaves earlier ones half-written, and nothing is written twice.
 */
export async function geocodeRecords(
	sql: SqlClient,
	opts: {
		baseUrl: string;
		batchSize?: number;
		dryRun?: boolean;
		fetch?: typeof fetch;
		now?: Date;
		onBatch?: (done: number, total: number) => void;
	}
): Promise<GeocodeReport> {
	const size = Math.min(MAX_BATCH, Math.max(1, opts.batchSize ?? DEFAULT_BATCH));
	const candidates = await geocodeCandidates(sql);
	const allowed = new Set((await listCommunes(sql)).map((c) => c.code));
	const report: GeocodeReport = {
		dryRun: opts.dryRun ?? false,
		candidates: candidates.length,
		batches: { sent: 0, failed: 0 },
		counts: { address: 0, street: 0, notFound: 0, unavailable: 0, skipped: 0 },
		changes: [],
		notFound: [],
		failures: []
	};
	const found: { record: Stored<Place>; location: NonNullable<Place['location']>; note: string }[] = [];
	for (let at = 0; at < candidates.length; at += size) {
		const batch = candidates.slice(at, at + size);
		const answer = await geocodeBatch(
			opts.baseUrl,
			batch.map((r) => ({ id: r.id, address: r.address!, citycode: r.communeCode! })),
			{ allowedCitycodes: allowed, fetch: opts.fetch }
		);
		report.batches.sent++;
		opts.onBatch?.(Math.min(at + size, candidates.length), candidates.length);
		if (!answer.ok) {
			report.batches.failed++;
			report.counts.unavailable += batch.length;
			report.failures.push(`lot ${report.batches.sent} (${batch.length} fiches) : ${answer.reason}`);
			continue;
		}
		for (const r of batch) {
			const result = answer.results.get(r.id)!;
			if (result.status !== 'found') {
				report.counts.notFound++;
				report.notFound.push({ id: r.id, name: r.name, reason: result.reason });
				continue;
			}
			found.push({
				record: r,
				location: { lon: result.lon, lat: result.lat, precision: result.precision },
				note: `position géocodée (BAN, score ${result.score.toFixed(2)}) : « ${result.label} »`
			});
			report.changes.push({
				id: r.id,
				name: r.name,
				precision: result.precision,
				label: result.label,
				score: result.score
			});
		}
	}
	const write = async (tx: SqlClient | undefined) => {
		for (const f of found) {
			const { version, ...rest } = f.record;
			const next = RECORD_SCHEMAS[rest.kind].safeParse({ ...rest, location: f.location });
			const res = next.success
				? !tx
					? { ok: true }
					: await updateRecord(tx, next.data, {
							expectedVersion: version,
							by: GEOCODE_ACTOR,
							action: 'geocode',
							note: f.note,
							now: opts.now
						})
				: { ok: false };
			if (res.ok) report.counts[f.location.precision as 'address' | 'street']++;
			else {
				report.counts.skipped++;
				report.changes = report.changes.filter((c) => c.id !== f.record.id);
			}
		}
	};
	if (opts.dryRun) await write(undefined);
	else await sql.transaction((tx) => write(tx));
	return report;
}
