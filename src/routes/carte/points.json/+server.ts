import type { RequestHandler } from './$types';
import { pointsResponse } from '$lib/server/map';
import { getSql } from '$lib/server/store';

export const GET: RequestHandler = async ({ request, url }) => await pointsResponse(getSql(), request, url);
