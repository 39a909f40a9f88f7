import type { RequestHandler } from './$types';
import { pointsResponse } from '$lib/server/map';
import { getDb } from '$lib/server/store';

export const GET: RequestHandler = ({ request, url }) => pointsResponse(getDb(), request, url);
