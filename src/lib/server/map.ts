/**
 * Server side of the map and list page: the compact points (cached per data version), one record's details
 * on demand, the outlines for the offline basemap and the choropleth, the first page of the list for the
 * JavaScript-free render, and the address lookup of "Autour de moi".
 */
import { describeDates } from '$lib/domain/events/schedule';
import type { Quartier } from '$lib/domain/geography';
import type { Bbox, LonLat } from '$lib/geo/types';
import { placeBox } from '$lib/geo/place-box';
import { labelOf } from '$lib/domain/taxonomies';
import { mapControls } from '$lib/domain/filters/controls';
import type { FilterRef } from '$lib/domain/filters/types';
import { choropleth, type Choropleth } from '$lib/domain/map/choropleth';
import type { BasemapCode } from '$lib/domain/map/basemaps';
import type { ExplorerOptions, ExplorerPageData, PointDetails } from '$lib/domain/map/explorer-data';
import { filterPoints, fold, limitToZone, nameMatcher } from '$lib/domain/map/filter';
import { layer, layersOfRecord } from '$lib/domain/map/layers';
import { encodeMapPoints, isApproximate, type MapPoint } from '$lib/domain/map/points';
import { filterKey } from '$lib/domain/map/scale';
import { tilesMode } from './map-scale';
import { LIST_STEP } from '$lib/domain/map/map-url';
import { parseExplorerParams } from '$lib/domain/map/map-url-parse';
import { route } from '$lib/links';
import type { SqlClient } from './db/sql';
import { readModel } from './read-model';
import type { PointsCache } from './read-model/parts';
import { countBoundaries, listBoundaries } from './db/boundaries';
import { getRecordById, listCommunes, listQuartiers } from './db/records';
import { geocodeForLookup } from './address-lookup';

export type { PointsCache } from './read-model/parts';

/** Published, placed organisations and initiatives in French name order: the read model's points. */
export async function mapPoints(sql: SqlClient): Promise<PointsCache> {
	return (await readModel(sql)).points;
}

/** GET /carte/points.json: long-lived when asked with the data version (`?v=`), revalidated otherwise. */
export async function pointsResponse(sql: SqlClient, request: Request, url: URL): Promise<Response> {
	const c = await mapPoints(sql);
	const versioned = url.searchParams.get('v') === String(c.version);
	const headers = new Headers({
		'content-type': 'application/json; charset=utf-8',
		etag: c.etag,
		'cache-control': versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate'
	});
	if (request.headers.get('if-none-match') === c.etag) return new Response(null, { status: 304, headers });
	return new Response(c.body, { headers });
}

/** One record's details for the panel, or undefined when it is not a published, placed record. */
export async function pointDetails(sql: SqlClient, id: string): Promise<PointDetails | undefined> {
	const r = await getRecordById(sql, id);
	if (!r || r.kind === 'funding-tool' || r.status !== 'published' || !r.location) return undefined;
	return {
		id: r.id,
		kind: r.kind,
		name: r.name,
		path: route.record(r),
		layerLabel: layer(layersOfRecord(r).primary).singular,
		layer: layersOfRecord(r).primary,
		type:
			r.kind === 'initiative'
				? { taxonomy: 'initiativeType', codes: [r.initiativeType] }
				: r.kind === 'place'
					? { taxonomy: 'placeType', codes: r.placeTypes }
					: r.kind === 'organisation'
						? { taxonomy: 'legalForm', codes: [r.legalForm] }
						: undefined,
		typeLabel:
			r.kind === 'initiative'
				? labelOf('initiativeType', r.initiativeType)
				: r.kind === 'place'
					? r.placeTypes.map((t) => labelOf('placeType', t)).join(', ')
					: r.kind === 'event'
						? describeDates(r)
						: labelOf('legalForm', r.legalForm),
		address: r.address,
		communeName: (await listCommunes(sql)).find((c) => c.code === r.communeCode)?.name,
		quartierName: r.quartierCode
			? (await listQuartiers(sql)).find((q) => q.code === r.quartierCode)?.name
			: undefined,
		precisionLabel: labelOf('precision', r.location.precision),
		precision: r.location.precision,
		approximate: isApproximate(r.location),
		sectors: r.kind === 'place' || r.kind === 'event' ? [] : r.sectors.map((s) => labelOf('sector', s)),
		sectorCodes: r.kind === 'place' || r.kind === 'event' ? [] : [...r.sectors],
		synthetic: r.synthetic === true
	};
}

export function explorerOptions(ref: FilterRef): ExplorerOptions {
	return {
		controls: mapControls(ref),
		places: [...ref.communes, ...ref.quartiers].map((p) => ({ value: p.code, label: p.name }))
	};
}

/** Initiatives per quartier, for the choropleth and its table. */
export function quartierChoropleth(quartiers: readonly Quartier[], points: readonly MapPoint[]): Choropleth {
	const counts = new Map<string, number>();
	for (const p of points) {
		if (p.kind !== 'initiative') continue;
		if (p.quartier) counts.set(p.quartier, (counts.get(p.quartier) ?? 0) + 1);
	}
	return choropleth(
		quartiers.map((q) => ({ code: q.code, name: q.name })),
		counts
	);
}

export async function explorerPageData(
	sql: SqlClient,
	url: URL,
	basemap: BasemapCode
): Promise<ExplorerPageData> {
	// The places and thématiques of the version the points are from: the read model holds them already.
	const model = await readModel(sql);
	const c = model.points;
	const { communes, quartiers, thematiques } = model.catalogue.geo;
	const ref: FilterRef = { communes, quartiers, thematiques };
	const options = explorerOptions(ref);
	const { state, ignored } = parseExplorerParams(url.searchParams, ref);
	const filtered = limitToZone(
		filterPoints(c.points, c.dict, state.filters, { nameMatch: nameMatcher(state.q) }),
		state.zone
	);
	const sel = state.sel ? c.points.find((p) => p.id === state.sel) : undefined;
	const boundaries = await listBoundaries(sql, ['commune', 'quartier']);
	const sources = [...new Set(boundaries.map((b) => b.source))];
	const outline = (kind: 'commune' | 'quartier', code: string) =>
		boundaries.find((b) => b.kind === kind && b.code === code)?.geometry;
	const placeBoxes: Record<string, Bbox> = {};
	for (const c of communes)
		placeBoxes[c.code] = placeBox({
			kind: 'commune',
			point: c.centroid,
			outline: outline('commune', c.code)
		});
	for (const q of quartiers)
		placeBoxes[q.code] = placeBox({ kind: 'quartier', point: q.point, outline: outline('quartier', q.code) });
	return {
		basemap: state.fond ?? basemap,
		pointsUrl: route.mapPoints(c.version),
		state,
		ignored,
		first: { points: filtered.points.slice(0, LIST_STEP), total: filtered.points.length },
		totalPoints: c.points.length,
		unplaced: c.unplaced,
		unplacedWithoutCommune: c.withoutCommune,
		options,
		communeLabels: communes.map((x) => ({ name: x.name, at: x.centroid })),
		choropleth: quartierChoropleth(quartiers, c.points),
		outlines: await countBoundaries(sql),
		outlineAttribution: sources.length ? `Contours : ${sources.join(' ; ')}` : undefined,
		placeBoxes,
		selected: sel ? { id: sel.id, name: sel.name } : undefined,
		...(tilesMode(c)
			? {
					remote: { version: c.version, key: filterKey(state.q, state.filters) },
					selectedPoint: sel ? encodeMapPoints([sel], c.dict, c.version) : undefined
				}
			: {})
	};
}

/** Commune and quartier outlines as GeoJSON for the offline basemap and the choropleth. */
export async function outlinesGeoJson(sql: SqlClient) {
	const model = await readModel(sql);
	const counts = quartierChoropleth(model.catalogue.geo.quartiers, model.points.points);
	const byCode = new Map(counts.rows.map((r) => [r.code, r]));
	return {
		type: 'FeatureCollection' as const,
		features: (await listBoundaries(sql, ['commune', 'quartier'])).map((b) => ({
			type: 'Feature' as const,
			geometry: b.geometry,
			properties: {
				kind: b.kind,
				code: b.code,
				name: b.name,
				...(b.kind === 'quartier'
					? { count: byCode.get(b.code)?.count ?? 0, colour: byCode.get(b.code)?.colour ?? '#f2f2f2' }
					: {})
			}
		}))
	};
}

/**
 * A quartier or sub-quartier named by the visitor: the whole name or one of its parts ("Neudorf" for
 * "Neudorf – Musau"). Sub-quartiers first, their point is closer to where the visitor is.
 */
export function namedPlace(
	quartiers: readonly Pick<Quartier, 'name' | 'point' | 'subQuartiers'>[],
	folded: string
): { label: string; at: LonLat } | undefined {
	const names = (name: string) => [name, ...name.split(/\s+[–-]\s+/)].map(fold);
	for (const q of quartiers)
		for (const s of q.subQuartiers)
			if (names(s.name).includes(folded)) return { label: s.name, at: s.point ?? q.point };
	for (const q of quartiers) if (names(q.name).includes(folded)) return { label: q.name, at: q.point };
	return undefined;
}

export type Located = { ok: true; lon: number; lat: number; label: string } | { ok: false; message: string };

/**
 * Where "Autour de moi" centres when geolocation is refused: a commune or quartier typed by name (its
 * reference point, offline), else the address through the geocoder (restricted to the Eurométropole).
 */
export async function locate(sql: SqlClient, geocoderUrl: string, query: string): Promise<Located> {
	const q = query.replace(/\s+/g, ' ').trim();
	if (q.length < 2) return { ok: false, message: 'Saisissez une adresse, une commune ou un quartier.' };
	if (q.length > 200) return { ok: false, message: 'Adresse trop longue (200 caractères au plus).' };
	const folded = fold(q);
	const communes = await listCommunes(sql);
	const commune = communes.find((c) => fold(c.name) === folded);
	if (commune)
		return {
			ok: true,
			lon: commune.centroid.lon,
			lat: commune.centroid.lat,
			label: `${commune.name} (centre)`
		};
	const place = namedPlace(await listQuartiers(sql), folded);
	if (place) return { ok: true, lon: place.at.lon, lat: place.at.lat, label: `${place.label} (centre)` };
	const found = await geocodeForLookup(q, {
		baseUrl: geocoderUrl,
		allowedCitycodes: new Set(communes.map((c) => c.code))
	});
	if (found.status === 'found') return { ok: true, lon: found.lon, lat: found.lat, label: found.label };
	if (found.status === 'unavailable')
		return {
			ok: false,
			message: 'Le service d’adresses ne répond pas. Essayez le nom de votre commune ou de votre quartier.'
		};
	return {
		ok: false,
		message: 'Adresse introuvable dans l’Eurométropole. Précisez le numéro, la rue et la commune.'
	};
}
