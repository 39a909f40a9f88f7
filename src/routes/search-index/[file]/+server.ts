import type { RequestHandler } from './$types';
import { indexFileResponse } from '$lib/server/search-index';
import { getDb } from '$lib/server/store';

/** The search manifest and the quick index at its content-hashed name (immutable). */
export const GET: RequestHandler = ({ params, request }) => indexFileResponse(getDb(), params.file, request);
