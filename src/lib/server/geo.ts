/**
 * Boundaries and the places they give records: `npm run geo:import` and anything that needs records'
 * commune / quartier / QPV derived from their position (call `assignPlaces` after writing positions).
 */
import { BOUNDARY_GEOJSON_LIMITS, parseJsonWithLimits } from '$lib/io/json-limits';
import { RECORD_SCHEMAS, type Initiative, type Organisation } from '$lib/domain/records';
import { parseBoundaryFile, type KnownAreas, type ParseOptions } from '$lib/geo/boundary-file';
import {
	applyPlacePatch,
	assignPlace,
	indexBoundaries,
	type BoundaryKind,
	type PlacePatch
} from '$lib/geo/point-in-polygon';
import type { SqlClient } from './db/sql';
import { listBoundaries, replaceBoundaries, writeAssignedPlace } from './db/boundaries';
import { listCommunes, listQpv, listQuartiers, listRecords } from './db/records';

export async function knownAreas(sql: SqlClient): Promise<KnownAreas> {
	return {
		communes: (await listCommunes(sql)).map((c) => ({ code: c.code, name: c.name })),
		quartiers: (await listQuartiers(sql)).map((q) => ({ code: q.code, slug: q.slug, name: q.name })),
		qpv: (await listQpv(sql)).map((q) => ({ slug: q.slug, name: q.name, code: q.code }))
	};
}

type Place = Pick<Organisation, 'communeCode' | 'quartierCode' | 'qpv'>;

export interface AssignChange {
	id: string;
	name: string;
	before: Place;
	after: Place;
}

export interface AssignReport {
	changed: AssignChange[];
	/** Records whose position is in no commune outline: left as they are, worth a look. */
	outside: { id: string; name: string }[];
	/** Records that the change would make invalid, or that changed meanwhile: left as they are. */
	skipped: { id: string; reason: string }[];
}

const placeOf = (r: Place): Place => ({
	communeCode: r.communeCode,
	quartierCode: r.quartierCode,
	qpv: r.qpv
});

function describePatch(p: PlacePatch): string {
	return Object.entries(p)
		.map(([k, v]) => `${k}=${v ?? '(retiré)'}`)
		.join(', ');
}

/**
 * Derives every record's commune, quartier and QPV from its position and the stored outlines
 * (rules in $lib/geo/point-in-polygon.ts `assignPlace`), and writes the changes (unless `dryRun`).
 * Runs in one transaction: a crash halfway leaves no record half-assigned.
 */
export async function assignPlaces(
	sql: SqlClient,
	opts: { dryRun?: boolean; now?: Date } = {}
): Promise<AssignReport> {
	const report: AssignReport = { changed: [], outside: [], skipped: [] };
	await sql.transaction(async (tx) => {
		const index = indexBoundaries(await listBoundaries(tx));
		for (const kind of ['organisation', 'initiative'] as const) {
			for (const stored of await listRecords(tx, kind, { status: 'any' })) {
				const { version, ...record } = stored;
				const { patch, outsideCommunes } = assignPlace(record, index);
				if (outsideCommunes) report.outside.push({ id: record.id, name: record.name });
				if (!patch) continue;
				const next = applyPlacePatch(record as Organisation | Initiative, patch);
				const valid = RECORD_SCHEMAS[kind].safeParse(next);
				if (!valid.success) {
					report.skipped.push({ id: record.id, reason: valid.error.issues[0].message });
					continue;
				}
				if (!opts.dryRun) {
					const written = await writeAssignedPlace(
						tx,
						valid.data,
						version,
						`Lieu déduit des contours : ${describePatch(patch)}`,
						opts.now
					);
					if (!written.ok) {
						report.skipped.push({
							id: record.id,
							reason: written.reason === 'conflict' ? 'modifiée entre-temps' : 'supprimée'
						});
						continue;
					}
				}
				report.changed.push({
					id: record.id,
					name: record.name,
					before: placeOf(record),
					after: placeOf(valid.data)
				});
			}
		}
	});
	return report;
}

export type ImportResult =
	| { ok: true; kind: BoundaryKind; inserted: number; replaced: number; assignment?: AssignReport }
	| { ok: false; errors: string[] };

/**
 * Validates a boundary file against the known areas and stores it, replacing the previous outlines of that
 * kind, then (unless `assign` is false) re-derives records' places. All in one transaction: on any error
 * nothing is written.
 */
export async function importBoundaries(
	sql: SqlClient,
	kind: BoundaryKind,
	json: unknown,
	opts: ParseOptions & { source: string; assign?: boolean; dryRun?: boolean; now?: Date }
): Promise<ImportResult> {
	const parsed = parseBoundaryFile(json, kind, await knownAreas(sql), opts);
	if (!parsed.ok) return parsed;
	let result: ImportResult | undefined;
	try {
		await sql.transaction(async (tx) => {
			const { inserted, replaced } = await replaceBoundaries(
				tx,
				kind,
				parsed.boundaries,
				opts.source,
				opts.now
			);
			const assignment = opts.assign === false ? undefined : await assignPlaces(tx, { now: opts.now });
			result = { ok: true, kind, inserted, replaced, assignment };
			// A dry run shows what would happen and rolls everything back.
			if (opts.dryRun) throw new DryRun();
		});
	} catch (e) {
		if (!(e instanceof DryRun)) throw e;
	}
	return result!;
}

class DryRun extends Error {}

/**
 * A boundary file as text: refused before parsing when too deep or too big (see `json-limits.ts`), then
 * imported as `importBoundaries` does.
 */
export async function importBoundaryText(
	sql: SqlClient,
	kind: BoundaryKind,
	text: string,
	opts: Parameters<typeof importBoundaries>[3]
): Promise<ImportResult> {
	const read = parseJsonWithLimits(text, BOUNDARY_GEOJSON_LIMITS);
	if (!read.ok) return { ok: false, errors: [read.message] };
	return importBoundaries(sql, kind, read.value, opts);
}
