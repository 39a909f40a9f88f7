import type { RequestHandler } from './$types';
import { indexFileResponse } from '$lib/server/search-index';
import { getSql } from '$lib/server/store';

/** The search manifest and the quick index at its content-hashed name (immutable). */
export const GET: RequestHandler = async ({ params, request }) =>
	await indexFileResponse(getSql(), params.file, request);
