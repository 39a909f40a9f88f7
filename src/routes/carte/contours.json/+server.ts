import type { RequestHandler } from './$types';
import { cachedJson } from '$lib/server/http';
import { outlinesGeoJson } from '$lib/server/map';
import { getSql } from '$lib/server/store';

export const GET: RequestHandler = async ({ request }) =>
	cachedJson(request, await outlinesGeoJson(getSql()), {
		contentType: 'application/geo+json; charset=utf-8'
	});
