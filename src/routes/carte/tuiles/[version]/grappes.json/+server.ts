import type { RequestHandler } from './$types';
import { clustersResponse } from '$lib/server/map-scale';
import { getSql } from '$lib/server/store';

/** The server's clusters of a box at a zoom, as JSON, for the Leaflet engine (large stores). */
export const GET: RequestHandler = ({ url }) => clustersResponse(getSql(), url);
