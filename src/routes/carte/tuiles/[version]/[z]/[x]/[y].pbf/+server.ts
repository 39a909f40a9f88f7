import type { RequestHandler } from './$types';
import { tileResponse } from '$lib/server/map-scale';
import { getSql } from '$lib/server/store';

/** One vector tile of the server's clusters (large stores): immutable, named by data version and filters. */
export const GET: RequestHandler = ({ params, request, url }) => tileResponse(getSql(), params, request, url);
