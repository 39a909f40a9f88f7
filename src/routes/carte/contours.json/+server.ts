import type { RequestHandler } from './$types';
import { cachedJson } from '$lib/server/http';
import { outlinesGeoJson } from '$lib/server/map';
import { getDb } from '$lib/server/store';

export const GET: RequestHandler = ({ request }) =>
	cachedJson(request, outlinesGeoJson(getDb()), { contentType: 'application/geo+json; charset=utf-8' });
