import type { RequestHandler } from './$types';
import { pointsByIdsResponse } from '$lib/server/map-scale';
import { getSql } from '$lib/server/store';

/** Several placed records' points by id: the leaves of a same-spot cluster on a large store. */
export const GET: RequestHandler = ({ url }) => pointsByIdsResponse(getSql(), url);
