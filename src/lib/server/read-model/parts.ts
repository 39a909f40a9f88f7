/**
 * The parts of the public read model, built from one consistent read of the store: the catalogue's input
 * (reference data and records), the search indexes and the map's compact points. The same functions run
 * in the request's thread (small stores, first build) and in the rebuild worker (./worker.ts).
 */
import { todayIso } from '$lib/domain/today';
import { allOccurrences, dayNumber, isPast, isoOfDay } from '$lib/domain/events/schedule';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Catalogue } from '$lib/domain/catalogue';
import type { Geo } from '$lib/domain/query';
import type { PublicRecord } from '$lib/domain/records';
import {
	decodePoints,
	encodePoints,
	type MapPoint,
	type Placed,
	type PointsPayload
} from '$lib/domain/map/points';
import { BROWSER_INDEX_MAX_GZIP, type SearchManifest } from '$lib/search/protocol';
import { route } from '$lib/links';
import { buildSearchIndexes, type SearchEngine } from '$lib/search/engine';
import type { SearchGeo } from '$lib/search/documents';
import { listPublishedRecordsQuery } from '../db/catalogue';
import { perform, transaction, type Conn, type Out, type Query } from '../db/query';
import {
	dataVersionQuery,
	recordById,
	communeRows,
	qpvRows,
	quartierRows,
	thematiqueRows
} from '../db/records';

export interface ReadInput {
	version: number;
	geo: Geo;
	/** Published records plus the unpublished organisations that published tools name as providers. */
	records: PublicRecord[];
}

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
/** The catalogue's order (French, by name, then id): a presorted input makes its own sort cheap. */
export const byName = (a: PublicRecord, b: PublicRecord) =>
	collator.compare(a.name, b.name) || (a.id < b.id ? -1 : 1);

/**
 * One read transaction: the data version and what it stands for, never a mix of two versions. On either
 * connection: the worker reads a SQLite file on its own synchronous one.
 */
export function readInput<C extends Conn>(conn: C): Out<C, ReadInput> {
	return perform(
		conn,
		transaction(
			function* (): Query<ReadInput> {
				const records = yield* listPublishedRecordsQuery();
				const known = new Set(records.map((r) => r.id));
				const providerIds = records.flatMap((r) => (r.kind === 'funding-tool' ? r.providerIds : []));
				for (const id of new Set(providerIds)) {
					if (known.has(id)) continue;
					const stored = yield* recordById(id);
					if (stored) {
						const { version: _version, ...r } = stored;
						records.push(r as PublicRecord);
					}
				}
				return {
					version: yield* dataVersionQuery(),
					geo: {
						communes: yield* communeRows(),
						quartiers: yield* quartierRows(),
						qpv: yield* qpvRows(),
						thematiques: yield* thematiqueRows()
					},
					records
				};
			},
			{ readOnly: true }
		)
	);
}

export interface SearchIndexes {
	/** The catalogue's data version. */
	version: number;
	quick: SearchEngine;
	full: SearchEngine;
	/** The quick index's file: its name (content hash), its JSON as UTF-8 bytes, and gzipped. */
	quickFile: { name: string; body: Uint8Array; gzip: Buffer };
	manifest: SearchManifest;
}

/** The quick index's file (served at its content hash) and the manifest naming it. */
export function indexFiles(version: number, quick: SearchEngine, body = quick.serialize()) {
	const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
	const name = `quick-${hash}.json`;
	const bytes = Buffer.from(body);
	const gzip = gzipSync(bytes);
	const manifest: SearchManifest = {
		dataVersion: version,
		quick: {
			url: gzip.length <= BROWSER_INDEX_MAX_GZIP ? route.searchIndexFile(name) : null,
			bytes: bytes.length,
			gzipBytes: gzip.length,
			documents: quick.size
		},
		queryUrl: route.searchQuery()
	};
	return { quickFile: { name, body: bytes, gzip }, manifest };
}

export function buildIndexes(
	version: number,
	records: readonly PublicRecord[],
	geo: SearchGeo
): SearchIndexes {
	const { quick, full } = buildSearchIndexes(records, geo);
	return { version, quick, full, ...indexFiles(version, quick) };
}

export function searchIndexesOf(catalogue: Catalogue): SearchIndexes {
	return buildIndexes(catalogue.version, catalogue.records, catalogue.geo);
}

/** The points as a build makes them (the worker posts them to this thread). */
export interface PointsBody {
	body: string;
	etag: string;
	/** Published places without a position: listed in the directory, not drawn. */
	unplaced: number;
	/** Of those, organisations without a commune (national or regional bodies, a territory of action). */
	withoutCommune: number;
	/**
	 * The first day (in Strasbourg) on which one of the drawn events is over, so these points would show
	 * an event that has ended; absent when no event is drawn.
	 */
	staleFrom?: string;
}

export interface PointsCache extends PointsBody {
	version: number;
	dict: readonly string[];
	points: readonly MapPoint[];
}

/** Whether the points of this day would show an event that has ended. */
export function pointsStale(points: Pick<PointsCache, 'staleFrom'>, today: string): boolean {
	return points.staleFrom !== undefined && today >= points.staleFrom;
}

/** The map's points body: published organisations and initiatives in French name order, placed ones only. */
export function pointsBody(
	records: readonly PublicRecord[],
	version: number,
	today: string = todayIso()
): PointsBody {
	return pointsParts(records, version, today).body;
}

/**
 * The points body and where each compact point's JSON lies in it: `lengths[i]` UTF-16 code units from
 * `first` on, the points separated by one comma (the rebuild worker sends them, so the server's thread
 * parses the points one slice at a time rather than the whole body at once).
 */
export function pointsParts(
	records: readonly PublicRecord[],
	version: number,
	today: string = todayIso()
): { body: PointsBody; dict: string[]; first: number; lengths: Int32Array } {
	// Events are drawn while they are to come (or under way), and only where an honest position is known:
	// an event without one is listed in the agenda, never counted among the directory's unplaced records.
	const places = records.filter(
		(r): r is Placed =>
			r.kind !== 'funding-tool' &&
			r.status === 'published' &&
			(r.kind !== 'event' || (r.location !== undefined && !isPast(r, today)))
	);
	places.sort((a, b) => collator.compare(a.name, b.name));
	const payload = encodePoints(places, version);
	// JSON.stringify(payload), written a point at a time to know where each point lies.
	const texts = payload.points.map((p) => JSON.stringify(p));
	const head = `{"version":${JSON.stringify(version)},"dict":${JSON.stringify(payload.dict)},"points":[`;
	const body = `${head}${texts.join(',')}]}`;
	// The day after the earliest last day of a drawn event: until then, the same events are to come.
	const lastDays = places.flatMap((r) =>
		r.kind === 'event' ? [allOccurrences(r).at(-1)?.end ?? r.startDate] : []
	);
	const earliest = lastDays.length ? lastDays.reduce((a, b) => (b < a ? b : a)) : undefined;
	return {
		body: {
			body,
			etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
			unplaced: places.length - payload.points.length,
			withoutCommune: places.filter((r) => r.communeCode === undefined).length,
			...(earliest ? { staleFrom: isoOfDay(dayNumber(earliest) + 1) } : {})
		},
		dict: payload.dict,
		first: head.length,
		lengths: Int32Array.from(texts, (t) => t.length)
	};
}

export function pointsCache(
	version: number,
	b: PointsBody,
	payload: PointsPayload = JSON.parse(b.body) as PointsPayload
): PointsCache {
	const { dict, points } = decodePoints(payload);
	return { version, dict, points, ...b };
}
