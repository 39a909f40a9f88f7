import type { RequestHandler } from './$types';
import { clusterResponse } from '$lib/server/map-scale';
import { getSql } from '$lib/server/store';

/** Where a cluster opens, and its leaves when they are few (large stores). */
export const GET: RequestHandler = ({ params, url }) => clusterResponse(getSql(), params.id, url);
