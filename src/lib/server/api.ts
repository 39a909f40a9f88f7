import { DATA_LICENCE } from '$lib/domain/licence';
import { publicView } from '$lib/domain/public-view';
import { publishedRecordIds } from './db/catalogue';
import { activityMappings } from '$lib/domain/activity-families';
import { isSupportOffer } from '$lib/domain/support/path';
import { applyListQuery, parseListQuery, type Geo } from '$lib/domain/query';
import type { PublicRecord, RecordKind } from '$lib/domain/records';
import { communesToFeatures, quartiersToFeatures, recordsToFeatures } from '$lib/io/geojson';
import { route } from '$lib/links';
import { listCommunes, listQpv, listQuartiers, listRecords, listThematiques } from './db/records';
import type { SqlClient } from './db/sql';
import { cachedJson, jsonError } from './http';
import { offerApi } from '$lib/domain/places/premises';
import { todayIso } from '$lib/domain/today';
import type { EventRecord } from '$lib/domain/records';
import { EVENT_WINDOW_PARAMS, eventSchedule, eventsInWindow, parseEventWindow } from '$lib/pages/events-api';
import { shownOffersByPlace } from './premises';

const KIND_OF: Record<string, RecordKind> = {
	organisations: 'organisation',
	initiatives: 'initiative',
	'funding-tools': 'funding-tool',
	// Support offers: the funding tools with a kind of support.
	accompagnements: 'funding-tool',
	lieux: 'place',
	evenements: 'event'
};

export async function loadGeo(sql: SqlClient): Promise<Geo> {
	return {
		communes: await listCommunes(sql),
		quartiers: await listQuartiers(sql),
		qpv: await listQpv(sql),
		thematiques: await listThematiques(sql)
	};
}

function meta(siteUrl: string, url: URL) {
	return {
		licence: DATA_LICENCE,
		source: `${siteUrl}${url.pathname}`,
		generatedAt: new Date().toISOString().slice(0, 10)
	};
}

/** GET /api/v1/<collection>[.json|.geojson]: published records only, filtered and paginated. */
export async function listResource(
	sql: SqlClient,
	siteUrl: string,
	resource: string,
	url: URL,
	request: Request
): Promise<Response> {
	const geojson = resource.endsWith('.geojson');
	const name = resource.replace(/\.(geo)?json$/, '');
	const geo = await loadGeo(sql);

	if (name === 'communes' || name === 'quartiers') {
		const allowed = new Set(['limit', 'offset']);
		for (const key of url.searchParams.keys()) {
			if (!allowed.has(key))
				return jsonError(400, {
					parameter: key,
					message: 'paramètre inconnu ; paramètres acceptés : limit, offset'
				});
		}
		const parsed = parseListQuery('organisation', new URLSearchParams(url.searchParams), geo);
		if (!parsed.ok) return jsonError(400, parsed.error);
		const { limit, offset } = parsed.query;
		const all = name === 'communes' ? geo.communes : geo.quartiers;
		const items = all.slice(offset, offset + limit);
		if (geojson) {
			const features =
				name === 'communes'
					? communesToFeatures(items as typeof geo.communes)
					: quartiersToFeatures(items as typeof geo.quartiers);
			return cachedJson(
				request,
				{ type: 'FeatureCollection', ...meta(siteUrl, url), total: all.length, features },
				{ contentType: 'application/geo+json; charset=utf-8' }
			);
		}
		return cachedJson(request, { ...meta(siteUrl, url), total: all.length, limit, offset, items });
	}

	const kind = KIND_OF[name];
	if (geojson && kind === 'funding-tool') {
		return jsonError(404, {
			message: `les outils de financement et les accompagnements n’ont pas de lieu : utilisez /api/v1/${name}`
		});
	}
	const events = kind === 'event';
	const parsed = parseListQuery(kind, url.searchParams, geo, events ? EVENT_WINDOW_PARAMS : []);
	// « Today » in Strasbourg: the events to come change at midnight there, and the body (so the ETag) with them.
	const today = todayIso();
	const days = events ? parseEventWindow(url.searchParams, today) : undefined;
	const problems = [parsed, days].flatMap((p) => (p && !p.ok ? [p.error] : []));
	if (problems.length) {
		// The first problem in the URL's order, as for the other parameters.
		const order = [...new Set(url.searchParams.keys())];
		problems.sort((a, b) => order.indexOf(a.parameter) - order.indexOf(b.parameter));
		return jsonError(400, problems[0]);
	}
	if (!parsed.ok) return jsonError(400, parsed.error);
	const all = await listRecords(sql, kind);
	const records =
		name === 'accompagnements'
			? all.filter((r) => r.kind === 'funding-tool' && isSupportOffer(r))
			: days?.ok
				? eventsInWindow(
						all.filter((r): r is typeof r & EventRecord => r.kind === 'event'),
						days.window
					)
				: all;
	const { total, items } = applyListQuery(records, parsed.query);
	// Links to records nobody published (a draft parent, an archived carrier) are not public.
	const published = await publishedRecordIds(sql);
	const clean = items.map(({ version: _version, ...r }) =>
		publicView(r as PublicRecord, (id) => published.has(id))
	);
	// A place's premises offers shown today (published, not past their end date), in every answer of /lieux.
	const offers = kind === 'place' ? await shownOffersByPlace(sql) : undefined;
	const offersOf = (id: string) => (offers?.get(id) ?? []).map(offerApi);
	const scheduleOf = new Map(
		clean.flatMap((r) => (r.kind === 'event' ? [[r.id, eventSchedule(r, today)] as const] : []))
	);
	if (geojson) {
		const features = recordsToFeatures(clean, (r) => `${siteUrl}${route.record(r)}`);
		if (offers) for (const f of features) f.properties.premisesOffers = offersOf(String(f.properties.id));
		if (events) {
			const byId = new Map(clean.map((r) => [r.id, r]));
			for (const f of features) {
				const e = byId.get(String(f.properties.id)) as EventRecord;
				Object.assign(f.properties, {
					eventStatus: e.eventStatus,
					schedule: scheduleOf.get(e.id),
					confidence: e.confidence,
					sources: e.sources
				});
			}
		}
		return cachedJson(
			request,
			{
				type: 'FeatureCollection',
				...meta(siteUrl, url),
				total,
				limit: parsed.query.limit,
				offset: parsed.query.offset,
				features
			},
			{ contentType: 'application/geo+json; charset=utf-8' }
		);
	}
	return cachedJson(request, {
		...meta(siteUrl, url),
		total,
		limit: parsed.query.limit,
		offset: parsed.query.offset,
		items: offers
			? clean.map((r) => ({ ...r, premisesOffers: offersOf(r.id) }))
			: events
				? clean.map((r) => ({ ...r, schedule: scheduleOf.get(r.id) }))
				: clean
	});
}

/**
 * GET /api/v1/activites: the open mapping of activity families to NAF codes and CPV divisions, the one the
 * buyers' search and the filters use. No parameters: an unknown one answers 400 like the collections.
 */
export function activitiesResource(siteUrl: string, url: URL, request: Request): Response {
	for (const key of url.searchParams.keys())
		return jsonError(400, { parameter: key, message: 'paramètre inconnu : cette liste n’en accepte aucun' });
	const items = activityMappings();
	return cachedJson(request, { ...meta(siteUrl, url), total: items.length, items });
}
