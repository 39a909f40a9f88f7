import type { RequestHandler } from './$types';
import { stateResponse } from '$lib/server/map-scale';
import { getSql } from '$lib/server/store';

/** Whether the clusters of these filters are exact or a stand-in's while their index is built (large stores). */
export const GET: RequestHandler = ({ url }) => stateResponse(getSql(), url);
