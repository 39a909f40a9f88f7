import type { RequestHandler } from './$types';
import { queryResponse } from '$lib/server/search-index';
import { getSql } from '$lib/server/store';

/** Full-text search (descriptions included) for the browser's search client. */
export const GET: RequestHandler = async ({ url }) => await queryResponse(getSql(), url);
