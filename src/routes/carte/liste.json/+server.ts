import type { RequestHandler } from './$types';
import { listResponse } from '$lib/server/map-scale';
import { getSql } from '$lib/server/store';

/** A page of the list by filters and visible box (large stores). */
export const GET: RequestHandler = ({ url }) => listResponse(getSql(), url);
